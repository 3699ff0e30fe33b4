#include "mcf/shortest_path_tree.h"

#include <algorithm>
#include <limits>

namespace corridor::mcf::internal {
namespace {
constexpr double kInf = std::numeric_limits<double>::infinity();
}  // namespace

ForwardStar MakeForwardStar(const Instance& inst) {
  ForwardStar g;
  g.first.assign(static_cast<std::size_t>(inst.num_nodes) + 1, 0);
  for (const Arc& a : inst.arcs) ++g.first[a.tail.index() + 1];
  for (int v = 0; v < inst.num_nodes; ++v) g.first[v + 1] += g.first[v];
  g.arcs.resize(inst.arcs.size());
  g.heads.resize(inst.arcs.size());
  std::vector<int> fill(g.first.begin(), g.first.end() - 1);
  for (int a = 0; a < inst.num_arcs(); ++a) {
    const int slot = fill[inst.arcs[a].tail.index()]++;
    g.arcs[slot] = a;
    g.heads[slot] = inst.arcs[a].head.value();
  }
  return g;
}

void StarLengths(const ForwardStar& g, std::span<const double> arc_length, std::vector<double>& out) {
  out.resize(g.arcs.size());
  for (std::size_t i = 0; i < g.arcs.size(); ++i) out[i] = arc_length[g.arcs[i]];
}

ShortestPathTree::ShortestPathTree(int num_nodes)
    : dist_(static_cast<std::size_t>(num_nodes), kInf),
      pred_(static_cast<std::size_t>(num_nodes), -1),
      target_(static_cast<std::size_t>(num_nodes), 0),
      where_(static_cast<std::size_t>(num_nodes), -1) {}

bool ShortestPathTree::Before(int a, int b) const {
  return dist_[a] < dist_[b] || (dist_[a] == dist_[b] && a < b);
}

void ShortestPathTree::SiftUp(int i) {
  const int v = heap_[i];
  while (i > 0) {
    const int parent = (i - 1) / 4;
    if (!Before(v, heap_[parent])) break;
    heap_[i] = heap_[parent];
    where_[heap_[i]] = i;
    i = parent;
  }
  heap_[i] = v;
  where_[v] = i;
}

void ShortestPathTree::SiftDown(int i) {
  const int n = static_cast<int>(heap_.size());
  const int v = heap_[i];
  for (;;) {
    const int first = 4 * i + 1;
    if (first >= n) break;
    int best = first;
    const int last = std::min(first + 4, n);
    for (int c = first + 1; c < last; ++c) {
      if (Before(heap_[c], heap_[best])) best = c;
    }
    if (!Before(heap_[best], v)) break;
    heap_[i] = heap_[best];
    where_[heap_[i]] = i;
    i = best;
  }
  heap_[i] = v;
  where_[v] = i;
}

void ShortestPathTree::Grow(const Instance& inst, const ForwardStar& g, const Block& block,
                            std::span<const double> star_length) {
  for (int v : touched_) {
    dist_[v] = kInf;
    pred_[v] = -1;
    where_[v] = -1;
  }
  touched_.clear();
  heap_.clear();
  int targets_left = 0;
  for (int k : block.commodities) {
    auto& t = target_[inst.commodities[k].destination.index()];
    if (!t) ++targets_left;
    t = 1;
  }
  const int origin = block.origin.value();
  dist_[origin] = 0.0;
  touched_.push_back(origin);
  heap_.push_back(origin);
  where_[origin] = 0;
  while (!heap_.empty() && targets_left > 0) {
    const int v = heap_[0];
    where_[v] = -1;
    const int last = heap_.back();
    heap_.pop_back();
    if (!heap_.empty()) {
      heap_[0] = last;
      SiftDown(0);
    }
    if (target_[v]) {
      target_[v] = 0;
      --targets_left;
    }
    const double d = dist_[v];
    for (int i = g.first[v]; i < g.first[v + 1]; ++i) {
      const double nd = d + star_length[i];
      const int w = g.heads[i];
      if (nd < dist_[w]) {
        if (dist_[w] == kInf) {
          touched_.push_back(w);
          dist_[w] = nd;
          pred_[w] = g.arcs[i];
          heap_.push_back(w);
          SiftUp(static_cast<int>(heap_.size()) - 1);
        } else {
          dist_[w] = nd;
          pred_[w] = g.arcs[i];
          SiftUp(where_[w]);
        }
      }
    }
  }
  for (int k : block.commodities) target_[inst.commodities[k].destination.index()] = 0;
}

double ShortestPathTree::PathLength(const Instance& inst, NodeId destination,
                                    std::span<const double> length) const {
  double sum = 0.0;
  for (int v = destination.value(); pred_[v] >= 0; v = inst.arcs[pred_[v]].tail.value()) {
    sum += length[pred_[v]];
  }
  return sum;
}

void ShortestPathTree::AddPathFlow(const Instance& inst, NodeId destination, double amount,
                                   std::vector<double>& arc_flow) const {
  for (int v = destination.value(); pred_[v] >= 0; v = inst.arcs[pred_[v]].tail.value()) {
    arc_flow[pred_[v]] += amount;
  }
}

std::vector<int> ShortestPathTree::PathTo(const Instance& inst, NodeId destination) const {
  std::vector<int> arcs;
  for (int v = destination.value(); pred_[v] >= 0; v = inst.arcs[pred_[v]].tail.value()) {
    arcs.push_back(pred_[v]);
  }
  std::reverse(arcs.begin(), arcs.end());
  return arcs;
}

}  // namespace corridor::mcf::internal
