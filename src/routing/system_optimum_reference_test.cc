// Differential tests of the system optimum against independent methods:
//   * LEMON's network simplex on random single-commodity instances (one origin, many
//     destinations, capacities on links), via the C++17 wrapper lemon_reference.h;
//   * brute-force vertex enumeration of the path formulation on tiny multicommodity
//     instances (every basis of the dense LP is tried; the optimum is at a vertex).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <optional>
#include <random>

#include "routing/lemon_reference.h"
#include "routing/routing_test_util.h"
#include "routing/system_optimum.h"

namespace corridor::routing {
namespace {

using model::Mode;
using namespace corridor::routing::testing;

std::string NodeName(int v) { return "N" + std::to_string(v); }

double RelativeDifference(double a, double b) {
  return std::abs(a - b) / std::max(1.0, std::abs(b));
}

// ---- LEMON, single commodity ----

struct SingleCommodityCase {
  model::Dataset dataset;
  int node_count = 0;
  std::vector<ReferenceArc> reference_arcs;
  std::vector<long long> supply;
};

SingleCommodityCase RandomSingleCommodity(unsigned seed) {
  std::mt19937 rng(seed);
  auto uniform = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  SingleCommodityCase c;
  c.node_count = uniform(6, 14);
  const double penalty = 5000.0;
  for (int v = 0; v < c.node_count; ++v) c.dataset.nodes.push_back(MakeNode(NodeName(v)));
  c.supply.assign(static_cast<std::size_t>(c.node_count), 0);

  std::vector<int> destinations;
  while (destinations.size() < static_cast<std::size_t>(uniform(3, 5))) {
    const int d = uniform(1, c.node_count - 1);
    if (std::find(destinations.begin(), destinations.end(), d) == destinations.end()) {
      destinations.push_back(d);
    }
  }
  long long total = 0;
  for (int d : destinations) {
    const int tonnes = uniform(50, 500);
    c.dataset.demand.push_back(MakeDemand("k", "N0", NodeName(d), tonnes));
    c.supply[0] += tonnes;
    c.supply[static_cast<std::size_t>(d)] -= tonnes;
    total += tonnes;
  }
  for (int i = 0; i < 3 * c.node_count; ++i) {
    const int from = uniform(0, c.node_count - 1);
    int to = uniform(0, c.node_count - 2);
    if (to >= from) ++to;
    const double cost = uniform(4, 200) / 4.0;  // exact in binary
    std::optional<double> capacity;
    if (uniform(0, 9) < 4) capacity = uniform(50, 400);
    c.dataset.links.push_back(MakeLink("l" + std::to_string(i), NodeName(from), NodeName(to),
                                       Mode::kRoad, cost, 0, capacity));
    c.reference_arcs.push_back(
        {from, to, cost, capacity ? static_cast<long long>(*capacity) : total + 1});
  }
  for (int d : destinations) c.reference_arcs.push_back({0, d, penalty, total + 1});
  c.dataset.commodities = {MakeCommodity("k", 0.0, penalty)};
  return c;
}

TEST(SystemOptimumVsLemon, RandomSingleCommodityInstancesAgree) {
  int with_binding_capacity = 0;
  for (unsigned seed = 1; seed <= 40; ++seed) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    const SingleCommodityCase c = RandomSingleCommodity(seed);
    const auto reference = ReferenceMinCostFlow(c.node_count, c.reference_arcs, c.supply);
    ASSERT_TRUE(reference.has_value());
    const model::Network net = Build(c.dataset);
    const Solution s = SolveChecked(net);
    EXPECT_LE(RelativeDifference(s.objective_usd, *reference), 1e-7)
        << s.objective_usd << " vs LEMON " << *reference;
    for (const ResourceResult& r : s.resources) {
      if (r.shadow_price_usd_per_t > 0.0) {
        ++with_binding_capacity;
        break;
      }
    }
  }
  EXPECT_GE(with_binding_capacity, 5);  // the instances exercise capacities
}

// ---- Brute force, tiny multicommodity ----

// Dense LP min c'x, A x = b, x >= 0, solved by trying every basis.
struct DenseLp {
  std::vector<std::vector<double>> a;  // rows
  std::vector<double> b;
  std::vector<double> c;
  int AddColumn(double cost) {
    c.push_back(cost);
    for (auto& row : a) row.push_back(0.0);
    return static_cast<int>(c.size()) - 1;
  }
  int AddRow(double rhs) {
    a.emplace_back(c.size(), 0.0);
    b.push_back(rhs);
    return static_cast<int>(b.size()) - 1;
  }
};

// Solves A_B x = b by Gaussian elimination; false when singular.
bool SolveBasis(const DenseLp& lp, const std::vector<int>& basis, std::vector<double>& x) {
  const std::size_t n = basis.size();
  std::vector<std::vector<double>> m(n, std::vector<double>(n + 1));
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = 0; j < n; ++j) m[i][j] = lp.a[i][static_cast<std::size_t>(basis[j])];
    m[i][n] = lp.b[i];
  }
  for (std::size_t col = 0; col < n; ++col) {
    std::size_t pivot = col;
    for (std::size_t i = col + 1; i < n; ++i) {
      if (std::abs(m[i][col]) > std::abs(m[pivot][col])) pivot = i;
    }
    if (std::abs(m[pivot][col]) < 1e-9) return false;
    std::swap(m[col], m[pivot]);
    for (std::size_t i = 0; i < n; ++i) {
      if (i == col) continue;
      const double f = m[i][col] / m[col][col];
      for (std::size_t j = col; j <= n; ++j) m[i][j] -= f * m[col][j];
    }
  }
  x.resize(n);
  for (std::size_t i = 0; i < n; ++i) x[i] = m[i][n] / m[i][i];
  return true;
}

double BruteForceOptimum(const DenseLp& lp) {
  const int rows = static_cast<int>(lp.b.size());
  const int cols = static_cast<int>(lp.c.size());
  double best = std::numeric_limits<double>::infinity();
  std::vector<int> basis(static_cast<std::size_t>(rows));
  std::vector<double> x;
  // Lexicographic enumeration of the rows-subsets of the columns.
  std::vector<bool> pick(static_cast<std::size_t>(cols), false);
  std::fill(pick.end() - rows, pick.end(), true);
  do {
    basis.clear();
    for (int j = 0; j < cols; ++j) {
      if (pick[static_cast<std::size_t>(j)]) basis.push_back(j);
    }
    if (!SolveBasis(lp, basis, x)) continue;
    if (*std::min_element(x.begin(), x.end()) < -1e-9) continue;
    double cost = 0.0;
    for (std::size_t i = 0; i < basis.size(); ++i) cost += lp.c[static_cast<std::size_t>(basis[i])] * x[i];
    best = std::min(best, cost);
  } while (std::next_permutation(pick.begin(), pick.end()));
  return best;
}

struct TinyCase {
  model::Dataset dataset;
  DenseLp lp;
};

// 4 nodes, links only from lower to higher index (a DAG), road and rail; 2-3
// commodities, each one OD, some road-only. Without transfers a path keeps its mode.
TinyCase RandomTiny(unsigned seed) {
  std::mt19937 rng(seed);
  auto uniform = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  TinyCase t;
  model::Dataset& ds = t.dataset;
  constexpr int kNodes = 4;
  for (int v = 0; v < kNodes; ++v) ds.nodes.push_back(MakeNode(NodeName(v)));
  struct TinyLink { int from, to; Mode mode; double money, hours; int capacity_row; };
  std::vector<TinyLink> links;
  for (int i = 0; i < kNodes; ++i) {
    for (int j = i + 1; j < kNodes; ++j) {
      for (Mode mode : {Mode::kRoad, Mode::kRail1435}) {
        if (uniform(0, 9) < (mode == Mode::kRoad ? 5 : 4)) continue;
        TinyLink l{i, j, mode, static_cast<double>(uniform(1, 20)), static_cast<double>(uniform(0, 5)), -1};
        std::optional<double> capacity;
        if (uniform(0, 1) == 1) {
          capacity = uniform(10, 60);
          l.capacity_row = t.lp.AddRow(*capacity);
        }
        ds.links.push_back(MakeLink("l" + std::to_string(links.size()), NodeName(i), NodeName(j),
                                    mode, l.money, l.hours, capacity));
        links.push_back(l);
      }
    }
  }
  // Slack columns of the capacity rows.
  for (std::size_t r = 0; r < t.lp.b.size(); ++r) {
    t.lp.a[r][static_cast<std::size_t>(t.lp.AddColumn(0.0))] = 1.0;
  }
  const int commodities = uniform(2, 3);
  for (int k = 0; k < commodities; ++k) {
    const bool road_only = uniform(0, 9) < 3;
    const double vot = uniform(0, 2);
    const double penalty = uniform(40, 100);
    const int o = uniform(0, kNodes - 2);
    const int d = uniform(o + 1, kNodes - 1);
    const int tonnes = uniform(10, 50);
    const std::string id = "k" + std::to_string(k);
    ds.commodities.push_back(MakeCommodity(
        id, vot, penalty, road_only ? Modes({Mode::kRoad}) : model::ModeSet::All()));
    ds.demand.push_back(MakeDemand(id, NodeName(o), NodeName(d), tonnes));

    // sum_paths f + u = D.
    const int od_row = t.lp.AddRow(tonnes);
    t.lp.a[static_cast<std::size_t>(od_row)][static_cast<std::size_t>(t.lp.AddColumn(penalty))] = 1.0;
    for (Mode mode : {Mode::kRoad, Mode::kRail1435}) {
      if (road_only && mode != Mode::kRoad) continue;
      // Depth-first enumeration of the paths o -> d in this mode.
      std::vector<std::size_t> path;
      std::function<void(int)> walk = [&](int v) {
        if (v == d) {
          double cost = 0.0;
          for (std::size_t li : path) cost += links[li].money + vot * links[li].hours;
          const auto col = static_cast<std::size_t>(t.lp.AddColumn(cost));
          t.lp.a[static_cast<std::size_t>(od_row)][col] = 1.0;
          for (std::size_t li : path) {
            if (links[li].capacity_row >= 0) t.lp.a[static_cast<std::size_t>(links[li].capacity_row)][col] = 1.0;
          }
          return;
        }
        for (std::size_t li = 0; li < links.size(); ++li) {
          if (links[li].from != v || links[li].mode != mode) continue;
          path.push_back(li);
          walk(links[li].to);
          path.pop_back();
        }
      };
      walk(o);
    }
  }
  return t;
}

TEST(SystemOptimumVsBruteForce, TinyMulticommodityInstancesAgree) {
  int compared = 0;
  int with_binding_capacity = 0;
  for (unsigned seed = 1; seed <= 80; ++seed) {
    const TinyCase t = RandomTiny(seed);
    if (t.lp.c.size() > 16) continue;  // keep the enumeration small
    SCOPED_TRACE("seed " + std::to_string(seed));
    ++compared;
    const double reference = BruteForceOptimum(t.lp);
    const Solution s = SolveChecked(Build(t.dataset));
    EXPECT_LE(RelativeDifference(s.objective_usd, reference), 1e-7)
        << s.objective_usd << " vs brute force " << reference;
    for (const ResourceResult& r : s.resources) {
      if (r.shadow_price_usd_per_t > 0.0) {
        ++with_binding_capacity;
        break;
      }
    }
  }
  EXPECT_GE(compared, 20);
  EXPECT_GE(with_binding_capacity, 3);
}

}  // namespace
}  // namespace corridor::routing
