#include "paths/shortest_path.h"

#include <algorithm>
#include <cassert>

namespace corridor::paths {

void Dijkstra::Run(NodeId source, std::span<const double> cost,
                   std::span<const char> through_allowed, ShortestPathTree& tree) {
  const Graph& g = *graph_;
  assert(cost.size() == static_cast<std::size_t>(g.link_count()));
  tree.source = source;
  tree.distance.assign(g.node_count(), kUnreachable);
  tree.pred.assign(g.node_count(), LinkId::Invalid());
  tree.order.clear();
  heap_.clear();
  const auto later = [](const std::pair<double, NodeId>& a, const std::pair<double, NodeId>& b) {
    return a.first > b.first || (a.first == b.first && a.second > b.second);
  };
  tree.distance[source.index()] = 0.0;
  heap_.emplace_back(0.0, source);
  while (!heap_.empty()) {
    std::pop_heap(heap_.begin(), heap_.end(), later);
    const auto [d, u] = heap_.back();
    heap_.pop_back();
    if (d > tree.distance[u.index()]) continue;  // stale entry
    tree.order.push_back(u);
    if (u != source && !through_allowed.empty() && !through_allowed[u.index()]) continue;
    for (LinkId a : g.OutLinks(u)) {
      const double nd = d + cost[a.index()];
      const NodeId v = g.head(a);
      if (nd < tree.distance[v.index()]) {
        tree.distance[v.index()] = nd;
        tree.pred[v.index()] = a;
        heap_.emplace_back(nd, v);
        std::push_heap(heap_.begin(), heap_.end(), later);
      }
    }
  }
}

}  // namespace corridor::paths
