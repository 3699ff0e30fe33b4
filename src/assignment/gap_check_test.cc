// The relative gap Solve reports, against a recomputation from the returned link
// flows alone: delays from the network's delay functions at those flows (not the
// returned link times), generalised costs from the TNTP constants, and shortest
// paths from a plain binary-heap Dijkstra written here (not the library's), which
// honours the TNTP rule that paths do not pass through zone centroids.
#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <limits>
#include <map>
#include <queue>
#include <utility>
#include <vector>

#include "assignment/equilibrium.h"
#include "assignment/test_support.h"

namespace corridor::assignment {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

// Distances from `source` under `cost`; a node v with through[v] == 0 (when
// `through` is not empty) may end a path but not be passed.
std::vector<double> PlainDijkstra(const Network& network, NodeId source,
                                  const std::vector<double>& cost) {
  const int n = network.node_count();
  std::vector<std::vector<std::pair<int, int>>> out(n);  // (head, link)
  for (int a = 0; a < network.link_count(); ++a) {
    const NetworkLink& l = network.link(LinkId(a));
    out[l.from.index()].emplace_back(l.to.index(), a);
  }
  const auto through = network.through_allowed();
  std::vector<double> dist(n, kInf);
  using Entry = std::pair<double, int>;
  std::priority_queue<Entry, std::vector<Entry>, std::greater<>> heap;
  dist[source.index()] = 0.0;
  heap.emplace(0.0, source.index());
  while (!heap.empty()) {
    const auto [d, v] = heap.top();
    heap.pop();
    if (d > dist[v]) continue;
    if (v != static_cast<int>(source.index()) && !through.empty() && !through[v]) continue;
    for (const auto& [w, a] : out[v]) {
      if (d + cost[a] < dist[w]) {
        dist[w] = d + cost[a];
        heap.emplace(dist[w], w);
      }
    }
  }
  return dist;
}

double RecomputedGap(const Network& network, const DemandClass& demand, const Solution& sol) {
  const int m = network.link_count();
  std::vector<double> cost(m);
  double total = 0.0;
  for (int a = 0; a < m; ++a) {
    const NetworkLink& l = network.link(LinkId(a));
    cost[a] = l.cost.Time(sol.link_flow[a]) + demand.toll_factor * l.toll +
              demand.distance_factor * l.length;
    total += sol.link_flow[a] * cost[a];
  }
  std::map<int, std::vector<std::pair<int, double>>> by_origin;
  for (const auto& od : demand.od) {
    if (od.origin != od.destination && od.demand > 0) {
      by_origin[od.origin.index()].emplace_back(od.destination.index(), od.demand);
    }
  }
  double shortest = 0.0;
  for (const auto& [origin, row] : by_origin) {
    const std::vector<double> dist = PlainDijkstra(network, NodeId(origin), cost);
    for (const auto& [dest, d] : row) shortest += d * dist[dest];
  }
  return (total - shortest) / total;
}

struct Case {
  const char* prefix;
  double toll_factor, distance_factor;
};

// Early stops (iteration limits) leave gaps far from zero, so that the comparison
// is between two non-trivial numbers; the last limit reaches the default 1e-12.
TEST(GapCheck, ReportedGapEqualsARecomputationFromTheFinalFlows) {
  for (const Case& c : {Case{"SiouxFalls/SiouxFalls", 0, 0},
                        Case{"Eastern-Massachusetts/EMA", 0, 0},
                        Case{"Berlin-Friedrichshain/friedrichshain-center", 0, 0},
                        Case{"Anaheim/Anaheim", 0, 0}}) {
    const auto inst = testing_support::LoadBenchmark(c.prefix, c.toll_factor, c.distance_factor);
    for (int iterations : {0, 1, 3, 1000}) {
      for (int threads : {1, 2}) {
        Options options;
        options.max_iterations = iterations;
        options.threads = threads;
        auto sol = Solve(inst.network, std::span(&inst.demand, 1), options);
        ASSERT_TRUE(sol.ok()) << sol.status().ToString();
        const double reported = sol->final.relative_gap;
        const double recomputed = RecomputedGap(inst.network, inst.demand, *sol);
        EXPECT_NEAR(reported, recomputed, 1e-13 + 1e-7 * recomputed)
            << c.prefix << ", " << iterations << " iterations, " << threads << " threads";
        EXPECT_GE(recomputed, -1e-13) << c.prefix;
        if (iterations == 0) {
          EXPECT_GT(recomputed, 1e-6) << c.prefix;  // all-or-nothing
        }
      }
    }
  }
}

}  // namespace
}  // namespace corridor::assignment
