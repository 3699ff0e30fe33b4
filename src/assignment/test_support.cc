#include "assignment/test_support.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "io/tntp_reader.h"
#include "paths/shortest_path.h"

namespace corridor::assignment::testing_support {
namespace {

const std::string kTntp = std::string(CORRIDOR_SHARED_DIR) + "/benchmarks/tntp/";

}  // namespace

TntpInstance LoadBenchmark(const std::string& prefix, double toll_factor, double distance_factor) {
  auto inst = LoadTntpInstance(kTntp + prefix + "_net.tntp", kTntp + prefix + "_trips.tntp",
                               toll_factor, distance_factor);
  EXPECT_TRUE(inst.ok()) << inst.status().ToString();
  return std::move(inst).value();
}

double IndependentGap(const Network& network, const DemandClass& demand, const Solution& sol) {
  const int m = network.link_count();
  std::vector<double> cost(m);
  double total = 0.0;
  for (int a = 0; a < m; ++a) {
    const NetworkLink& l = network.link(LinkId(a));
    cost[a] = sol.link_time[a] + demand.toll_factor * l.toll + demand.distance_factor * l.length;
    total += sol.link_flow[a] * cost[a];
  }
  std::map<NodeId, std::vector<std::pair<NodeId, double>>> by_origin;
  for (const auto& od : demand.od) {
    if (od.origin != od.destination) by_origin[od.origin].emplace_back(od.destination, od.demand);
  }
  paths::Dijkstra dijkstra(network.graph());
  paths::ShortestPathTree tree;
  double shortest = 0.0;
  for (const auto& [origin, row] : by_origin) {
    dijkstra.Run(origin, cost, network.through_allowed(), tree);
    for (const auto& [dest, d] : row) shortest += d * tree.distance[dest.index()];
  }
  return (total - shortest) / total;
}

void CheckConservation(const Network& network, const DemandClass& demand,
                       const std::vector<double>& flow, double relative_tolerance) {
  std::vector<double> balance(network.node_count(), 0.0);
  double scale = 1.0;
  for (const auto& od : demand.od) {
    if (od.origin == od.destination) continue;
    balance[od.destination.index()] += od.demand;
    balance[od.origin.index()] -= od.demand;
    scale = std::max(scale, od.demand);
  }
  for (int a = 0; a < network.link_count(); ++a) {
    EXPECT_GE(flow[a], 0.0);
    balance[network.graph().head(LinkId(a)).index()] -= flow[a];
    balance[network.graph().tail(LinkId(a)).index()] += flow[a];
    scale = std::max(scale, flow[a]);
  }
  for (int v = 0; v < network.node_count(); ++v) {
    EXPECT_NEAR(balance[v], 0.0, relative_tolerance * scale) << "node " << v;
  }
}

void ExpectFlowsMatchBestKnown(const std::string& flow_file, const TntpInstance& inst,
                               const Solution& sol, double relative_tolerance) {
  auto rows = io::ReadTntpFlow(kTntp + flow_file);
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  ASSERT_EQ(rows->size(), sol.link_flow.size());
  for (std::size_t a = 0; a < rows->size(); ++a) {
    const auto& row = (*rows)[a];
    const NetworkLink& l = inst.network.link(LinkId(static_cast<int>(a)));
    ASSERT_EQ(inst.original_node_ids[l.from.index()], row.from);
    ASSERT_EQ(inst.original_node_ids[l.to.index()], row.to);
    EXPECT_NEAR(sol.link_flow[a], row.volume, relative_tolerance * std::max(1.0, row.volume))
        << flow_file << " link " << a;
  }
}

}  // namespace corridor::assignment::testing_support
