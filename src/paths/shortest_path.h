// Single-source shortest paths on a Graph with non-negative link costs.
//
// Problem: given costs c_a >= 0 (+infinity = link closed) and a source s, find
// d(v) = min over s-v paths of the summed cost, and a shortest-path tree.
// Optional through-restriction: a node v with through_allowed[v] == 0 may end
// a path but is never left, except when v is the source (the TNTP FIRST THRU
// NODE rule for zone centroids).
//
// Certificate (checked by the tests): for every reached tail u of an open link
// a = (u, v) that may be left, d(v) <= d(u) + c_a, with equality along the tree.
//
// Algorithm: Dijkstra with a binary heap and lazy deletion, O((n + m) log n).
// Workspaces are reused between runs, so a solver running thousands of trees
// allocates nothing after the first. Limits: no negative costs; ties are broken
// by heap order, deterministically for a given input.
#pragma once

#include <limits>
#include <span>
#include <utility>
#include <vector>

#include "paths/graph.h"

namespace corridor::paths {

inline constexpr double kUnreachable = std::numeric_limits<double>::infinity();

struct ShortestPathTree {
  NodeId source;
  std::vector<double> distance;  // kUnreachable when not reached
  std::vector<LinkId> pred;      // tree link into the node; Invalid for the source and unreached
  std::vector<NodeId> order;     // reached nodes in non-decreasing distance (a topological order)
};

class Dijkstra {
 public:
  explicit Dijkstra(const Graph& graph) : graph_(&graph) {}

  // `through_allowed` is empty (every node may be passed) or one flag per node.
  void Run(NodeId source, std::span<const double> cost, std::span<const char> through_allowed,
           ShortestPathTree& tree);

 private:
  const Graph* graph_;
  std::vector<std::pair<double, NodeId>> heap_;
};

}  // namespace corridor::paths
