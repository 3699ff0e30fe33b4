// Multi-class equilibrium checked against an independent enumeration of paths.
//
//            (6)                 zone: never passed through
//           ^   |
//          /    v
//   (0) -> (1) -> (3) -> (4)     links 0->1, 1->3, 3->4, 1->6, 6->4
//    |      ^|     ^      ^
//    |      |v     |      |      1->2 and 2->1 (trucks may not use 1->2)
//    +---> (2) -> (5) ----+      0->2, 2->5, 5->3 (conical bottleneck), 5->4
//
// Zones 0, 4 and 6; the route through 6 would be the cheapest if zones could
// be passed through.
#include <gtest/gtest.h>

#include <cmath>
#include <functional>

#include "assignment/equilibrium.h"

namespace corridor::assignment {
namespace {

struct Arc {
  int from, to;
  double fftt, capacity;
};

Network MakeNetwork() {
  const std::vector<Arc> arcs = {{0, 1, 4, 300}, {0, 2, 5, 250}, {1, 2, 1, 100}, {2, 1, 1, 100},
                                 {1, 3, 6, 200}, {2, 5, 5, 200}, {5, 3, 1, 150}, {3, 4, 2, 400},
                                 {5, 4, 7, 150}, {1, 6, 0.5, 500}, {6, 4, 0.5, 500}};
  std::vector<NetworkLink> links;
  for (const Arc& a : arcs) {
    NetworkLink l;
    l.from = NodeId(a.from);
    l.to = NodeId(a.to);
    l.cost.free_flow_time = a.fftt;
    l.cost.capacity = a.capacity;
    l.cost.b = 0.5;
    l.cost.power = 4;
    l.toll = a.from == 5 ? 3.0 : 0.0;
    l.length = a.fftt;
    links.push_back(l);
  }
  links[6].cost.model = DelayModel::kConical;  // a hard bottleneck
  links[6].cost.alpha = 6;
  std::vector<char> through = {0, 1, 1, 1, 0, 1, 0};
  auto net = Network::Build(7, std::move(links), std::move(through));
  EXPECT_TRUE(net.ok()) << net.status().ToString();
  return std::move(net).value();
}

std::vector<DemandClass> MakeClasses() {
  DemandClass cars;
  cars.name = "cars";
  cars.od = {{NodeId(0), NodeId(4), 400.0}, {NodeId(1), NodeId(4), 120.0},
             {NodeId(4), NodeId(4), 1e6}};  // intrazonal: ignored
  cars.toll_factor = 1.0;
  DemandClass trucks;
  trucks.name = "trucks";
  trucks.od = {{NodeId(0), NodeId(4), 90.0}, {NodeId(2), NodeId(4), 40.0}};
  trucks.value_of_time = 2.5;
  trucks.flow_weight = 2.0;
  trucks.distance_factor = 0.3;
  trucks.link_fee.assign(11, 0.0);
  trucks.link_fee[4] = 4.0;
  trucks.link_allowed.assign(11, 1);
  trucks.link_allowed[2] = 0;  // trucks may not use 1 -> 2
  return {cars, trucks};
}

// All simple paths from o to d that pass no through-forbidden node and use only allowed links.
void EnumeratePaths(const Network& net, const std::vector<char>& allowed, NodeId o, NodeId d,
                    std::vector<std::vector<int>>& out) {
  std::vector<int> path;
  std::vector<char> seen(net.node_count(), 0);
  std::function<void(NodeId)> walk = [&](NodeId v) {
    if (v == d) {
      out.push_back(path);
      return;
    }
    if (v != o && !net.through_allowed()[v.index()]) return;
    seen[v.index()] = 1;
    for (LinkId a : net.graph().OutLinks(v)) {
      const NodeId w = net.graph().head(a);
      if (seen[w.index()] || (!allowed.empty() && !allowed[a.index()])) continue;
      path.push_back(a.value());
      walk(w);
      path.pop_back();
    }
    seen[v.index()] = 0;
  };
  walk(o);
}

TEST(MultiClass, EveryClassUsesOnlyItsCheapestPaths) {
  const Network net = MakeNetwork();
  const std::vector<DemandClass> classes = MakeClasses();
  for (Algorithm algorithm : {Algorithm::kAlgorithmB}) {
    Options options;
    options.algorithm = algorithm;
    auto sol = Solve(net, classes, options);
    ASSERT_TRUE(sol.ok()) << sol.status().ToString();
    ASSERT_EQ(sol->stop_reason, StopReason::kConverged);

    // Shared congestion: X = sum of weighted class flows, t from X.
    for (int a = 0; a < net.link_count(); ++a) {
      const double x = sol->class_link_flow[0][a] + 2.0 * sol->class_link_flow[1][a];
      EXPECT_NEAR(sol->link_flow[a], x, 1e-9 * std::max(1.0, x));
      EXPECT_NEAR(sol->link_time[a], net.link(LinkId(a)).cost.Time(x), 1e-9);
    }
    EXPECT_EQ(sol->class_link_flow[1][2], 0.0);  // forbidden for trucks
    EXPECT_EQ(sol->link_flow[10], 0.0);          // would pass through zone 6

    // Gap from enumerated paths, each class with its own generalised cost.
    double total = 0.0, shortest = 0.0;
    for (std::size_t k = 0; k < classes.size(); ++k) {
      const DemandClass& dc = classes[k];
      std::vector<double> cost(net.link_count());
      for (int a = 0; a < net.link_count(); ++a) {
        const NetworkLink& l = net.link(LinkId(a));
        cost[a] = dc.value_of_time * sol->link_time[a] + dc.toll_factor * l.toll +
                  dc.distance_factor * l.length + (dc.link_fee.empty() ? 0 : dc.link_fee[a]);
        if (dc.link_allowed.empty() || dc.link_allowed[a]) {
          EXPECT_NEAR(cost[a], sol->class_link_cost[k][a], 1e-9) << k << " " << a;
        } else {
          EXPECT_EQ(sol->class_link_cost[k][a], INFINITY);
        }
        total += sol->class_link_flow[k][a] * cost[a] / dc.value_of_time;
      }
      for (const auto& od : dc.od) {
        if (od.origin == od.destination) continue;
        std::vector<std::vector<int>> found;
        EnumeratePaths(net, dc.link_allowed, od.origin, od.destination, found);
        ASSERT_FALSE(found.empty());
        double best = INFINITY;
        for (const auto& p : found) {
          double c = 0.0;
          for (int a : p) c += cost[a];
          best = std::min(best, c);
        }
        shortest += od.demand * best / dc.value_of_time;
      }
    }
    EXPECT_LE((total - shortest) / total, 1e-11);
    EXPECT_LE(sol->final.relative_gap, 1e-12);
    EXPECT_NEAR(sol->final.total_cost, total, 1e-9 * total);
  }
}

// Scaling a class's value of time and its fixed costs together changes no route.
TEST(MultiClass, RoutesDependOnCostRatiosOnly) {
  const Network net = MakeNetwork();
  std::vector<DemandClass> classes = MakeClasses();
  auto base = Solve(net, classes, Options{});
  classes[1].value_of_time *= 4;
  classes[1].distance_factor *= 4;
  for (double& fee : classes[1].link_fee) fee *= 4;
  auto scaled = Solve(net, classes, Options{});
  ASSERT_TRUE(base.ok() && scaled.ok());
  for (int a = 0; a < net.link_count(); ++a) {
    EXPECT_NEAR(base->link_flow[a], scaled->link_flow[a], 1e-6);
  }
}

}  // namespace
}  // namespace corridor::assignment
