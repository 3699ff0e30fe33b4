#include "routing/lemon_reference.h"

#include <lemon/network_simplex.h>
#include <lemon/smart_graph.h>

namespace corridor::routing::testing {

std::optional<double> ReferenceMinCostFlow(int node_count, const std::vector<ReferenceArc>& arcs,
                                           const std::vector<long long>& supply) {
  lemon::SmartDigraph g;
  std::vector<lemon::SmartDigraph::Node> nodes;
  for (int v = 0; v < node_count; ++v) nodes.push_back(g.addNode());
  lemon::SmartDigraph::ArcMap<long long> capacity(g);
  lemon::SmartDigraph::ArcMap<double> cost(g);
  for (const ReferenceArc& a : arcs) {
    const auto arc = g.addArc(nodes[static_cast<std::size_t>(a.tail)],
                              nodes[static_cast<std::size_t>(a.head)]);
    capacity[arc] = a.capacity;
    cost[arc] = a.cost;
  }
  lemon::SmartDigraph::NodeMap<long long> supply_map(g);
  for (int v = 0; v < node_count; ++v) supply_map[nodes[static_cast<std::size_t>(v)]] = supply[static_cast<std::size_t>(v)];
  lemon::NetworkSimplex<lemon::SmartDigraph, long long, double> simplex(g);
  simplex.upperMap(capacity).costMap(cost).supplyMap(supply_map);
  if (simplex.run() != decltype(simplex)::OPTIMAL) return std::nullopt;
  return simplex.totalCost<double>();
}

}  // namespace corridor::routing::testing
