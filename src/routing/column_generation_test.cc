// Column generation against the arc LP on the system optimum: the same objective, the
// same bottleneck prices wherever the LP dual is unique, both answers certified by
// CheckSolution; and the rule by which kAuto picks the method.
#include <gtest/gtest.h>

#include <cmath>

#include "model/generate.h"
#include "routing/routing_test_util.h"
#include "routing/system_optimum.h"

namespace corridor::routing {
namespace {

using model::Mode;
using namespace corridor::routing::testing;

Solution SolveWith(const model::Network& net, Method method) {
  Options options;
  options.method = method;
  options.ranging_top_n = 0;
  Solution s = SolveChecked(net, options);
  EXPECT_EQ(s.method, method);
  return s;
}

double Objective(const model::Network& net) {
  Options options;
  options.method = Method::kLp;
  options.ranging_top_n = 0;
  auto s = SolveSystemOptimum(net, options);
  EXPECT_TRUE(s.ok() && s->status == SolveStatus::kOptimal);
  return s.ok() ? s->objective_usd : NAN;
}

// Whether the LP dual of resource r is unique, with its value: the set of optimal
// duals of r is [-V'+, -V'-] for V the optimum as a function of r's capacity, so it
// is a single point when V is linear on [cap - delta, cap + delta]; V is convex, so
// equal secant slopes on both sides prove it.
std::optional<double> UniquePrice(const model::Network& net, std::size_t r, double objective) {
  const double cap = net.resource_capacity_t[r];
  if (!(cap > 0.0)) return std::nullopt;  // the price may be anything above V'+
  const double delta = 0.01 * cap;
  model::Network changed = net;
  changed.resource_capacity_t[r] = cap - delta;
  const double left = (Objective(changed) - objective) / delta;
  changed.resource_capacity_t[r] = cap + delta;
  const double right = (objective - Objective(changed)) / delta;
  if (std::abs(left - right) > 1e-6 * std::max(1.0, std::abs(left))) return std::nullopt;
  return right;
}

// Solves with both methods and compares; returns how many unique prices were compared.
int ExpectSameAnswer(const model::Network& net, int max_ranged = 6) {
  const Solution lp = SolveWith(net, Method::kLp);
  const Solution cg = SolveWith(net, Method::kColumnGeneration);
  EXPECT_NEAR(cg.objective_usd, lp.objective_usd, 1e-6 * std::max(1.0, lp.objective_usd));
  EXPECT_EQ(cg.od.size(), lp.od.size());
  int compared = 0;
  for (std::size_t r = 0; r < net.resource_count() && compared < max_ranged; ++r) {
    const double lp_price = lp.resources[r].shadow_price_usd_per_t;
    const double cg_price = cg.resources[r].shadow_price_usd_per_t;
    EXPECT_FALSE(cg.resources[r].ranged);
    EXPECT_TRUE(std::isnan(cg.resources[r].price_holds_for_t));
    if (lp_price == 0.0 && cg_price == 0.0) continue;
    const std::optional<double> unique = UniquePrice(net, r, lp.objective_usd);
    if (!unique) continue;
    ++compared;
    const double tolerance = 1e-6 * std::max(1.0, std::abs(*unique));
    EXPECT_NEAR(lp_price, *unique, tolerance) << net.resource_label[r];
    EXPECT_NEAR(cg_price, *unique, tolerance) << net.resource_label[r];
  }
  return compared;
}

TEST(ColumnGeneration, TwoRoutesMatchTheLpAndItsBottleneckPrice) {
  const model::Network net = Build(TwoRoutes(600));
  EXPECT_EQ(ExpectSameAnswer(net), 1);
  const Solution cg = SolveWith(net, Method::kColumnGeneration);
  EXPECT_NEAR(cg.resources[ResourceNamed(net, "link fast A->B")].shadow_price_usd_per_t, 15, 1e-7);
  EXPECT_NEAR(cg.od[0].avg_time_h, (600 * 5 + 400 * 10) / 1000.0, 1e-9);
}

// A crossing over two gate arcs (rail and road into X) with one joint capacity, two
// commodities with their own modes, a penalty that leaves part of the demand unserved.
TEST(ColumnGeneration, JointCrossingCapacityAndUnservedDemandMatchTheLp) {
  model::Dataset ds;
  ds.nodes = {MakeNode("A"), MakeNode("X"), MakeNode("B"), MakeNode("Y")};
  ds.links = {MakeLink("r1", "A", "X", Mode::kRail1520, 10, 2),
              MakeLink("d1", "A", "X", Mode::kRoad, 15, 1),
              MakeLink("r2", "X", "B", Mode::kRail1520, 10, 2),
              MakeLink("d2", "X", "B", Mode::kRoad, 15, 1),
              MakeLink("y1", "A", "Y", Mode::kRoad, 40, 3),
              MakeLink("y2", "Y", "B", Mode::kRoad, 40, 3, 300)};
  model::Crossing x = MakeCrossing("XC", "X", Modes({Mode::kRail1520, Mode::kRoad}));
  x.capacity_t_per_year = 1000;
  ds.crossings = {x};
  ds.commodities = {MakeCommodity("grain", 0.5, 120.0, Modes({Mode::kRail1520, Mode::kRoad})),
                    MakeCommodity("cars", 2.0, 90.0, Modes({Mode::kRoad}))};
  ds.demand = {MakeDemand("grain", "A", "B", 900), MakeDemand("cars", "A", "B", 700),
               MakeDemand("cars", "X", "B", 100)};
  const model::Network net = Build(ds);
  ExpectSameAnswer(net);
  const Solution cg = SolveWith(net, Method::kColumnGeneration);
  EXPECT_GT(cg.penalty_usd, 0.0);
  EXPECT_GT(cg.resources[ResourceNamed(net, "crossing XC")].shadow_price_usd_per_t, 0.0);
}

TEST(ColumnGeneration, GeneratedCorridorsMatchTheLp) {
  int compared = 0;
  for (std::uint64_t seed : {1, 2, 3}) {
    model::GeneratorOptions options;
    options.physical_nodes = 100;
    options.od_pairs = 60;
    options.crossing_capacity_t = 3e5;  // tight enough that crossings bind
    options.seed = seed;
    const model::Network net = Build(model::GenerateCorridorDataset(options));
    compared += ExpectSameAnswer(net, /*max_ranged=*/3);
  }
  EXPECT_GE(compared, 3);
}

TEST(ColumnGeneration, SolutionDoesNotDependOnThreadCountOrRepeats) {
  model::GeneratorOptions options;
  options.physical_nodes = 100;
  options.od_pairs = 40;
  options.seed = 5;
  const model::Network net = Build(model::GenerateCorridorDataset(options));
  const Solution a = SolveWith(net, Method::kColumnGeneration);
  const Solution b = SolveWith(net, Method::kColumnGeneration);
  EXPECT_EQ(a.objective_usd, b.objective_usd);
  EXPECT_EQ(a.arc_flow_t, b.arc_flow_t);
}

TEST(MethodSelection, AutoSwitchesToColumnGenerationAtTheThreshold) {
  Options options;
  EXPECT_EQ(SelectMethod(options.cg_min_lp_columns - 1, options), Method::kLp);
  EXPECT_EQ(SelectMethod(options.cg_min_lp_columns, options), Method::kColumnGeneration);
  options.method = Method::kLp;
  EXPECT_EQ(SelectMethod(options.cg_min_lp_columns * 10, options), Method::kLp);
  options.method = Method::kColumnGeneration;
  EXPECT_EQ(SelectMethod(0, options), Method::kColumnGeneration);
}

TEST(MethodSelection, AutoSolvesSmallNetworksByLpAndLargeOnesByColumnGeneration) {
  const model::Network small = Build(TwoRoutes(600));
  EXPECT_EQ(SolveChecked(small).method, Method::kLp);
  Options low;
  low.cg_min_lp_columns = static_cast<long>(LpColumnEstimate(small));
  EXPECT_EQ(SolveChecked(small, low).method, Method::kColumnGeneration);

  // The largest benchmark corridor: the rule alone, no solve.
  model::GeneratorOptions options;
  options.physical_nodes = 10'000;
  options.od_pairs = 10'000;
  options.seed = 42;
  const model::Network large = Build(model::GenerateCorridorDataset(options));
  EXPECT_EQ(SelectMethod(LpColumnEstimate(large), Options{}), Method::kColumnGeneration);
}

}  // namespace
}  // namespace corridor::routing
