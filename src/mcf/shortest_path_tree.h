// The column generation's pricing workhorse (not part of the public API): one
// shortest-path tree from a block's origin, grown until every destination of the block
// is settled.
//
// Arc lengths are passed in forward-star order (StarLengths), so that the scan of a
// node's out-arcs reads heads and lengths contiguously; the heap is an indexed 4-ary
// heap with decrease-key (each node at most once in it). Nodes settle in order of
// (distance, node id), so the same lengths always give the same tree.
#pragma once

#include <span>
#include <vector>

#include "mcf/instance.h"
#include "mcf/solve_common.h"

namespace corridor::mcf::internal {

// Outgoing arcs of every node (forward star): slots first[v] .. first[v+1] hold the
// arc ids and their heads.
struct ForwardStar {
  std::vector<int> first;  // size n + 1
  std::vector<int> arcs;   // per slot: arc id
  std::vector<int> heads;  // per slot: head node
};
ForwardStar MakeForwardStar(const Instance& inst);

// Lengths per arc id reordered by slot.
void StarLengths(const ForwardStar& g, std::span<const double> arc_length, std::vector<double>& out);

class ShortestPathTree {
 public:
  explicit ShortestPathTree(int num_nodes);

  // Grows the tree from `origin` on `star_length` (forward-star order; +inf = forbidden
  // arc) until every destination of `block` is settled.
  void Grow(const Instance& inst, const ForwardStar& g, const Block& block,
            std::span<const double> star_length);

  double distance(NodeId v) const { return dist_[v.index()]; }
  // Length of the tree path to `destination` on other (arc-order) lengths.
  double PathLength(const Instance& inst, NodeId destination, std::span<const double> length) const;
  // Adds `amount` to the flow of every arc on the tree path to `destination`.
  void AddPathFlow(const Instance& inst, NodeId destination, double amount,
                   std::vector<double>& arc_flow) const;
  std::vector<int> PathTo(const Instance& inst, NodeId destination) const;

 private:
  // Heap order: distance, then node id (the order of a lazy binary heap of (distance,
  // node) pairs, so ties settle, and trees come out, as with std::priority_queue).
  bool Before(int a, int b) const;
  void SiftUp(int i);
  void SiftDown(int i);

  std::vector<double> dist_;
  std::vector<int> pred_;    // arc into the node, -1 at the origin or unreached
  std::vector<char> target_;
  std::vector<int> touched_;
  std::vector<int> heap_;    // nodes, 4-ary min-heap on dist_
  std::vector<int> where_;   // per node: heap position, -1 outside
};

}  // namespace corridor::mcf::internal
