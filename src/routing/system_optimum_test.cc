#include "routing/system_optimum.h"

#include <gtest/gtest.h>

#include <cmath>

#include "routing/routing_test_util.h"

namespace corridor::routing {
namespace {

using model::Mode;
using namespace corridor::routing::testing;

bool ReportSays(const CheckReport& report, const std::string& words) {
  for (const std::string& f : report.failures) {
    if (f.find(words) != std::string::npos) return true;
  }
  return false;
}

TEST(SystemOptimum, BindingCapacityPushesFlowToSecondRouteAndPricesTheDifference) {
  const model::Network net = Build(TwoRoutes(600));
  const Solution s = SolveChecked(net);
  EXPECT_NEAR(s.arc_flow_t[LinkArc(net, "fast").index()], 600, 1e-6);
  EXPECT_NEAR(s.arc_flow_t[LinkArc(net, "slow1").index()], 400, 1e-6);
  EXPECT_NEAR(s.objective_usd, 600 * 15 + 400 * 30, 1e-6);
  EXPECT_NEAR(s.money_usd, 1000 * 10 + 400 * 10, 1e-6);
  EXPECT_NEAR(s.time_value_usd, 600 * 5 + 400 * 10, 1e-6);
  EXPECT_DOUBLE_EQ(s.penalty_usd, 0.0);

  const std::size_t r = ResourceNamed(net, "link fast A->B");
  const ResourceResult& res = s.resources[r];
  EXPECT_NEAR(res.shadow_price_usd_per_t, 30 - 15, 1e-7);
  EXPECT_NEAR(res.flow_t, 600, 1e-6);
  EXPECT_NEAR(res.utilisation, 1.0, 1e-9);

  ASSERT_EQ(s.od.size(), 1u);
  EXPECT_NEAR(s.od[0].served_t, 1000, 1e-6);
  EXPECT_NEAR(s.od[0].avg_time_h, (600 * 5 + 400 * 10) / 1000.0, 1e-9);
  EXPECT_NEAR(s.od[0].tonne_km, 600 * 300 + 400 * 450, 1e-6);
  EXPECT_NEAR(s.od[0].money_usd, s.money_usd, 1e-6);
  EXPECT_NEAR(s.od[0].time_value_usd, s.time_value_usd, 1e-6);
}

// Acceptance: the price of the bottleneck is what added capacity saves.
TEST(SystemOptimum, BottleneckPriceAgreesWithResolveAfterAddingCapacity) {
  const model::Network net = Build(TwoRoutes(600));
  const Solution s = SolveChecked(net);
  const ResourceResult& res = s.resources[ResourceNamed(net, "link fast A->B")];
  ASSERT_TRUE(res.ranged);
  EXPECT_NEAR(res.resolved_saving_usd_per_t, res.shadow_price_usd_per_t, 1e-7);
  // The detour carries 400 t: the price holds for 400 t more capacity (to 1%).
  EXPECT_NEAR(res.price_holds_for_t, 400, 4);
  EXPECT_DOUBLE_EQ(res.ranging_limit_t, 6000);

  // An independent cold solve of the enlarged network agrees.
  const model::Network bigger = Build(TwoRoutes(700));
  const Solution t = SolveChecked(bigger);
  EXPECT_NEAR(s.objective_usd - t.objective_usd, res.shadow_price_usd_per_t * 100, 1e-6);
  // Beyond the range the saving stops.
  const Solution u = SolveChecked(Build(TwoRoutes(1200)));
  EXPECT_NEAR(s.objective_usd - u.objective_usd, res.shadow_price_usd_per_t * 400, 1e-6);
}

TEST(SystemOptimum, UnrangedResourcesReportNaN) {
  const model::Network net = Build(TwoRoutes(5000));  // capacity does not bind
  const Solution s = SolveChecked(net);
  const ResourceResult& res = s.resources[ResourceNamed(net, "link fast A->B")];
  EXPECT_DOUBLE_EQ(res.shadow_price_usd_per_t, 0.0);
  EXPECT_FALSE(res.ranged);
  EXPECT_TRUE(std::isnan(res.price_holds_for_t));
  EXPECT_NEAR(s.objective_usd, 1000 * 15, 1e-6);
}

//   A --r1 (rail_1520)--> X ==(crossing XC, closed)== --r2 (rail_1520)--> B
//   A --d1 (road, 50 USD/t)--> Y --d2 (road, 50 USD/t)--> B
// The rail crossing at X is closed (capacity 0); rail would cost 20 USD/t.
TEST(SystemOptimum, ClosedCrossingHasPositivePrice) {
  model::Dataset ds;
  ds.nodes = {MakeNode("A"), MakeNode("X"), MakeNode("Y"), MakeNode("B")};
  ds.links = {MakeLink("r1", "A", "X", Mode::kRail1520, 10, 0),
              MakeLink("r2", "X", "B", Mode::kRail1520, 10, 0),
              MakeLink("d1", "A", "Y", Mode::kRoad, 50, 0),
              MakeLink("d2", "Y", "B", Mode::kRoad, 50, 0)};
  model::Crossing x = MakeCrossing("XC", "X", Modes({Mode::kRail1520}));
  x.capacity_t_per_year = 5000;
  x.open_fraction = 0.0;
  ds.crossings = {x};
  ds.commodities = {MakeCommodity("grain", 0.0, 500.0)};
  ds.demand = {MakeDemand("grain", "A", "B", 2000)};
  const model::Network net = Build(ds);
  const Solution s = SolveChecked(net);
  EXPECT_NEAR(s.objective_usd, 2000 * 100, 1e-6);
  const ResourceResult& res = s.resources[ResourceNamed(net, "crossing XC")];
  EXPECT_DOUBLE_EQ(res.capacity_t, 0.0);
  EXPECT_NEAR(res.shadow_price_usd_per_t, 100 - 20, 1e-7);
  EXPECT_DOUBLE_EQ(res.utilisation, 0.0);
  ASSERT_TRUE(res.ranged);
  EXPECT_NEAR(res.resolved_saving_usd_per_t, 80, 1e-7);  // measured with +1 t
  EXPECT_NEAR(res.price_holds_for_t, 2000, 20);          // until all grain goes by rail
}

//   A --road--> B        C (no links)
// 300 t A -> C cannot be carried: all unserved at the penalty.
TEST(SystemOptimum, DisconnectedDemandIsUnservedAtPenalty) {
  model::Dataset ds;
  ds.nodes = {MakeNode("A"), MakeNode("B"), MakeNode("C")};
  ds.links = {MakeLink("ab", "A", "B", Mode::kRoad, 5, 1)};
  ds.transfers = {};
  ds.commodities = {MakeCommodity("ore", 0.5, 70.0)};
  ds.demand = {MakeDemand("ore", "A", "C", 300), MakeDemand("ore", "A", "B", 100)};
  const model::Network net = Build(ds);
  const Solution s = SolveChecked(net);
  ASSERT_EQ(s.od.size(), 2u);
  EXPECT_DOUBLE_EQ(s.od[0].unserved_t, 300);
  EXPECT_DOUBLE_EQ(s.od[0].served_t, 0);
  EXPECT_TRUE(std::isnan(s.od[0].avg_time_h));
  EXPECT_NEAR(s.od[1].served_t, 100, 1e-9);
  EXPECT_NEAR(s.od[1].avg_time_h, 1.0, 1e-12);
  EXPECT_NEAR(s.penalty_usd, 300 * 70, 1e-6);
  EXPECT_NEAR(s.objective_usd, 300 * 70 + 100 * 5.5, 1e-6);
}

// A penalty below the cheapest route leaves the demand unserved on purpose.
TEST(SystemOptimum, CheapPenaltyLeavesDemandUnserved) {
  model::Dataset ds = TwoRoutes(600);
  ds.commodities[0].unserved_penalty_usd_per_t = 12;  // below the 15 USD/t of fast
  const model::Network net = Build(ds);
  const Solution s = SolveChecked(net);
  EXPECT_NEAR(s.od[0].unserved_t, 1000, 1e-9);
  EXPECT_NEAR(s.objective_usd, 12000, 1e-6);
  EXPECT_TRUE(s.blocks.empty());
}

//   A --rail (5 USD/t)--> B
//   A --road (40 USD/t)--> B
// "liquid" may only use road; "bulk" may use both.
TEST(SystemOptimum, AllowedModesAreRespected) {
  model::Dataset ds;
  ds.nodes = {MakeNode("A"), MakeNode("B")};
  ds.links = {MakeLink("rail", "A", "B", Mode::kRail1435, 5, 0),
              MakeLink("road", "A", "B", Mode::kRoad, 40, 0)};
  ds.commodities = {MakeCommodity("liquid", 0, 1000, Modes({Mode::kRoad})),
                    MakeCommodity("bulk", 0, 1000)};
  ds.demand = {MakeDemand("liquid", "A", "B", 10), MakeDemand("bulk", "A", "B", 20)};
  const model::Network net = Build(ds);
  const Solution s = SolveChecked(net);
  const std::size_t m = net.arc_count();
  const std::size_t rail = LinkArc(net, "rail").index();
  const std::size_t road = LinkArc(net, "road").index();
  EXPECT_DOUBLE_EQ(s.commodity_arc_flow_t[0 * m + rail], 0.0);
  EXPECT_NEAR(s.commodity_arc_flow_t[0 * m + road], 10, 1e-9);
  EXPECT_NEAR(s.commodity_arc_flow_t[1 * m + rail], 20, 1e-9);
  EXPECT_NEAR(s.objective_usd, 10 * 40 + 20 * 5, 1e-9);
  for (const BlockFlow& b : s.blocks) {
    for (ArcId a : b.arcs) EXPECT_TRUE(net.CommodityMayUse(b.commodity, a));
  }
}

//   A --r1 (rail_1520)--> X --r2 (rail_1435)--> B,  transfer g at X: 1520 -> 1435
//   A --road (200 USD/t)----------------------> B
TEST(SystemOptimum, GaugeChangeTransferIsUsed) {
  model::Dataset ds;
  ds.nodes = {MakeNode("A"), MakeNode("X"), MakeNode("B")};
  ds.links = {MakeLink("r1", "A", "X", Mode::kRail1520, 20, 10, std::nullopt, 800),
              MakeLink("r2", "X", "B", Mode::kRail1435, 30, 12, std::nullopt, 900),
              MakeLink("road", "A", "B", Mode::kRoad, 200, 30, std::nullopt, 1650)};
  model::Transfer g;
  g.id = "g";
  g.node = "X";
  g.from_mode = Mode::kRail1520;
  g.to_mode = Mode::kRail1435;
  g.cost_usd_per_t = 8;
  g.time_h = 6;
  g.capacity_t_per_year = 400;
  g.both_directions = false;
  ds.transfers = {g};
  ds.commodities = {MakeCommodity("box", 2.0, 5000)};
  ds.demand = {MakeDemand("box", "A", "B", 1000)};
  const model::Network net = Build(ds);
  const Solution s = SolveChecked(net);
  const std::size_t r = ResourceNamed(net, "transfer g at X");
  EXPECT_NEAR(s.resources[r].flow_t, 400, 1e-6);
  const double rail_cost = 20 + 30 + 8 + 2.0 * (10 + 12 + 6);
  const double road_cost = 200 + 2.0 * 30;
  EXPECT_NEAR(s.resources[r].shadow_price_usd_per_t, road_cost - rail_cost, 1e-7);
  EXPECT_NEAR(s.objective_usd, 400 * rail_cost + 600 * road_cost, 1e-6);
  EXPECT_NEAR(s.od[0].avg_time_h, (400 * 28 + 600 * 30) / 1000.0, 1e-9);
}

//   A --r1 (rail_1520, 10 h)--> X --r2 (rail_1520, 10 h)--> B
// Crossing at X: dwell 48 h standard, 12 h AEO. "std" has no AEO cargo, "aeo" 75 %.
TEST(SystemOptimum, AeoShareLowersDwell) {
  model::Dataset ds;
  ds.nodes = {MakeNode("A"), MakeNode("X"), MakeNode("B")};
  ds.links = {MakeLink("r1", "A", "X", Mode::kRail1520, 10, 10),
              MakeLink("r2", "X", "B", Mode::kRail1520, 10, 10)};
  model::Crossing x = MakeCrossing("XC", "X", Modes({Mode::kRail1520}));
  x.dwell_standard_h = 48;
  x.dwell_aeo_h = 12;
  x.fee_usd_per_t = 3;
  ds.crossings = {x};
  ds.commodities = {MakeCommodity("std", 1.0, 1000, model::ModeSet::All(), 0.0),
                    MakeCommodity("aeo", 1.0, 1000, model::ModeSet::All(), 0.75)};
  ds.demand = {MakeDemand("std", "A", "B", 100), MakeDemand("aeo", "A", "B", 100)};
  const model::Network net = Build(ds);
  const Solution s = SolveChecked(net);
  EXPECT_NEAR(s.od[0].avg_time_h, 20 + 48, 1e-9);
  EXPECT_NEAR(s.od[1].avg_time_h, 20 + 0.25 * 48 + 0.75 * 12, 1e-9);
  EXPECT_NEAR(s.od[0].money_usd, 100 * 23, 1e-9);
  EXPECT_LT(s.od[1].time_value_usd, s.od[0].time_value_usd);
}

//   A --ab (1 USD/t, 1 h)--> B --bc (1 USD/t, 2 h)--> C
// One origin, two destinations in one block: the split gives each its own path.
TEST(SystemOptimum, OdFiguresSplitAnOriginBlockByDestination) {
  model::Dataset ds;
  ds.nodes = {MakeNode("A"), MakeNode("B"), MakeNode("C")};
  ds.links = {MakeLink("ab", "A", "B", Mode::kRoad, 1, 1, std::nullopt, 100),
              MakeLink("bc", "B", "C", Mode::kRoad, 1, 2, std::nullopt, 200)};
  ds.commodities = {MakeCommodity("k", 1.0, 100)};
  ds.demand = {MakeDemand("k", "A", "B", 30), MakeDemand("k", "A", "C", 70)};
  const model::Network net = Build(ds);
  const Solution s = SolveChecked(net);
  ASSERT_EQ(s.blocks.size(), 1u);
  EXPECT_NEAR(s.od[0].avg_time_h, 1, 1e-12);
  EXPECT_NEAR(s.od[1].avg_time_h, 3, 1e-12);
  EXPECT_NEAR(s.od[0].tonne_km, 30 * 100, 1e-9);
  EXPECT_NEAR(s.od[1].tonne_km, 70 * 300, 1e-9);
  EXPECT_NEAR(s.od[1].money_usd, 70 * 2, 1e-9);
}

// Regression: two demand rows with the same (commodity, origin, destination) share
// their source and sink, so without a bound on each row's unserved column the LP could
// book the unserved tonnes of both on one row and the reported flows stopped balancing.
TEST(SystemOptimum, DuplicateDemandRowsKeepTheirOwnUnservedTonnes) {
  model::Dataset ds = TwoRoutes(600);
  ds.links.pop_back();  // no detour: only 600 t can move
  ds.demand = {MakeDemand("box", "A", "B", 1000), MakeDemand("box", "A", "B", 300)};
  const model::Network net = Build(ds);
  const Solution s = SolveChecked(net);
  ASSERT_EQ(s.od.size(), 2u);
  EXPECT_NEAR(s.od[0].served_t + s.od[1].served_t, 600, 1e-6);
  EXPECT_NEAR(s.od[0].unserved_t + s.od[1].unserved_t, 700, 1e-6);
  EXPECT_LE(s.od[0].unserved_t, 1000 + 1e-6);
  EXPECT_LE(s.od[1].unserved_t, 300 + 1e-6);
}

TEST(SystemOptimum, EmptyNetworkIsAnInvalidCall) {
  const model::Network net;
  auto s = SolveSystemOptimum(net);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), StatusCode::kInvalidInput);
}

TEST(SystemOptimum, NoDemandHasZeroObjective) {
  model::Dataset ds = TwoRoutes(600);
  ds.demand.clear();
  const Solution s = SolveChecked(Build(ds));
  EXPECT_DOUBLE_EQ(s.objective_usd, 0.0);
  EXPECT_TRUE(s.blocks.empty());
}

TEST(SystemOptimum, SkippedCheckIsNotReportedAsPassed) {
  Options options;
  options.check = false;
  auto s = SolveSystemOptimum(Build(TwoRoutes(600)), options);
  ASSERT_TRUE(s.ok());
  EXPECT_FALSE(s->check.passed);
  ASSERT_EQ(s->check.failures.size(), 1u);
  EXPECT_NE(s->check.failures[0].find("not checked"), std::string::npos);
}

// ---- The checker rejects corrupted answers. ----

class CorruptedSolution : public ::testing::Test {
 protected:
  void SetUp() override {
    net_ = Build(TwoRoutes(600));
    sol_ = SolveChecked(net_);
    ASSERT_EQ(sol_.blocks.size(), 1u);
  }
  double& FlowOn(const std::string& link) {
    BlockFlow& b = sol_.blocks[0];
    const ArcId a = LinkArc(net_, link);
    for (std::size_t i = 0; i < b.arcs.size(); ++i) {
      if (b.arcs[i] == a) return b.flow_t[i];
    }
    b.arcs.push_back(a);
    b.flow_t.push_back(0.0);
    return b.flow_t.back();
  }
  // Moves `tonnes` from the detour to the fast link, or back when negative.
  void Shift(double tonnes) {
    FlowOn("fast") += tonnes;
    FlowOn("slow1") -= tonnes;
    FlowOn("slow2") -= tonnes;
  }
  CheckReport Check() const { return CheckSolution(net_, sol_, 1e-6, 1e-7); }

  model::Network net_;
  Solution sol_;
};

TEST_F(CorruptedSolution, BrokenConservationFails) {
  FlowOn("slow2") -= 50;
  const CheckReport r = Check();
  EXPECT_FALSE(r.passed);
  EXPECT_TRUE(ReportSays(r, "not conserved"));
  EXPECT_NEAR(r.max_conservation_error_t, 50, 1e-6);
}

TEST_F(CorruptedSolution, ExceededCapacityFails) {
  Shift(400);
  sol_.objective_usd = CheckSolution(net_, sol_, 1e-6, 1e-7).objective_recomputed_usd;
  const CheckReport r = Check();
  EXPECT_FALSE(r.passed);
  EXPECT_TRUE(ReportSays(r, "exceeds capacity"));
  EXPECT_NEAR(r.max_capacity_excess_t, 400, 1e-6);
  EXPECT_EQ(r.max_conservation_error_t, 0.0);
}

TEST_F(CorruptedSolution, SuboptimalFlowLeavesAGap) {
  Shift(-100);  // feasible, but 100 t pay 15 USD/t more
  sol_.objective_usd = CheckSolution(net_, sol_, 1e-6, 1e-7).objective_recomputed_usd;
  const CheckReport r = Check();
  EXPECT_FALSE(r.passed);
  EXPECT_TRUE(ReportSays(r, "optimality not proven"));
  EXPECT_NEAR(r.objective_recomputed_usd - r.lower_bound_usd, 100 * 15, 1e-6);
  EXPECT_EQ(r.failures.size(), 1u);
}

TEST_F(CorruptedSolution, MisreportedObjectiveFails) {
  sol_.objective_usd -= 1000;
  EXPECT_TRUE(ReportSays(Check(), "differs from the one the flows give"));
}

TEST_F(CorruptedSolution, NegativeShadowPriceFails) {
  sol_.resources[ResourceNamed(net_, "link fast A->B")].shadow_price_usd_per_t = -1;
  EXPECT_TRUE(ReportSays(Check(), "is not a finite number >= 0"));
}

TEST_F(CorruptedSolution, ForbiddenModeFails) {
  net_.commodities[0].allowed_modes = Modes({Mode::kRail1435});
  EXPECT_TRUE(ReportSays(Check(), "may not use"));
}

}  // namespace
}  // namespace corridor::routing
