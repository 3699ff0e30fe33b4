#include <gtest/gtest.h>

#include <cmath>

#include "mcf/arc_lp.h"
#include "mcf/checker.h"
#include "mcf/column_generation.h"
#include "mcf/planar_instance.h"
#include "mcf/random_instance.h"

namespace corridor::mcf {
namespace {

//   s ----(cost 1, cap 5)----> t
//   s --(2)--> m --(2)--> t      (unlimited)
// Demand 8 from s to t.
Instance TwoRoutes() {
  Instance inst;
  inst.num_nodes = 3;  // s = 0, m = 1, t = 2
  inst.arcs = {{NodeId(0), NodeId(2), 1.0, 5.0},
               {NodeId(0), NodeId(1), 2.0, kUnlimited},
               {NodeId(1), NodeId(2), 2.0, kUnlimited}};
  Commodity c;
  c.origin = NodeId(0);
  c.destination = NodeId(2);
  c.demand = 8.0;
  inst.commodities = {c};
  return inst;
}

Result<Solution> Solve(Method method, const Instance& inst, const Options& options = {}) {
  return method == Method::kArcLp ? SolveArcLp(inst, options) : SolveColumnGeneration(inst, options);
}

class BothMethods : public ::testing::TestWithParam<Method> {};

TEST_P(BothMethods, SplitsOverTwoRoutesWithShadowPrice) {
  auto r = Solve(GetParam(), TwoRoutes());
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->status, SolveStatus::kOptimal);
  EXPECT_NEAR(r->objective, 5 * 1 + 3 * 4, 1e-9);
  EXPECT_NEAR(r->lower_bound, 17.0, 1e-9);
  EXPECT_NEAR(r->arc_flow[0], 5.0, 1e-9);
  EXPECT_NEAR(r->arc_flow[1], 3.0, 1e-9);
  EXPECT_NEAR(r->arc_shadow_price[0], 3.0, 1e-9);  // one more unit direct saves 4 - 1
  EXPECT_TRUE(r->check.passed);
  const auto flows = CommodityArcFlows(*r, CommodityId(0));
  ASSERT_EQ(flows.size(), 3u);
  EXPECT_NEAR(flows[2].second, 3.0, 1e-9);
}

// Arcs 0: s->t (1, cap 5), 1: s->m (2), 2: m->t (2), 3: s->t (10); resource {1, 2} of
// capacity 4, which the detour uses twice per unit. Demand 8: 5 direct, 2 on the
// detour (4 units of the resource), 1 on the dear arc.
TEST_P(BothMethods, ResourceCountsEveryArcOfThePathUnderIt) {
  Instance inst = TwoRoutes();
  inst.arcs.push_back({NodeId(0), NodeId(2), 10.0, kUnlimited});
  inst.resources = {{{ArcId(1), ArcId(2)}, 4.0}};
  auto r = Solve(GetParam(), inst);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->status, SolveStatus::kOptimal);
  EXPECT_NEAR(r->objective, 5 * 1 + 2 * 4 + 1 * 10, 1e-9);
  EXPECT_NEAR(r->arc_flow[1], 2.0, 1e-9);
  EXPECT_NEAR(r->arc_shadow_price[0], 9.0, 1e-9);       // one unit moves from arc 3
  ASSERT_EQ(r->resource_shadow_price.size(), 1u);
  EXPECT_NEAR(r->resource_shadow_price[0], 3.0, 1e-9);  // half a unit moves: (10 - 4) / 2
  EXPECT_TRUE(r->check.passed);
  EXPECT_NEAR(LagrangianBound(inst, r->arc_shadow_price, r->resource_shadow_price), 23.0, 1e-9);
}

TEST_P(BothMethods, LeavesDemandUnservedWhenPenaltyIsCheaperThanDetour) {
  Instance inst = TwoRoutes();
  inst.commodities[0].unserved_penalty = 2.0;  // detour costs 4
  auto r = Solve(GetParam(), inst);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->status, SolveStatus::kOptimal);
  EXPECT_NEAR(r->commodities[0].unserved, 3.0, 1e-9);
  EXPECT_NEAR(r->penalty, 6.0, 1e-9);
  EXPECT_NEAR(r->objective, 11.0, 1e-9);
}

TEST_P(BothMethods, ReportsInfeasibleDemandWithCertificate) {
  Instance inst = TwoRoutes();
  inst.arcs[1].capacity = 1.0;  // at most 5 + 1 of the 8 can move
  auto r = Solve(GetParam(), inst);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->status, SolveStatus::kInfeasible);
  EXPECT_GT(r->infeasibility_bound, 0.0);
  EXPECT_GT(InfeasibilityBound(inst, r->arc_shadow_price), 0.0);
  EXPECT_TRUE(r->check.passed);
}

TEST_P(BothMethods, UnreachableDestinationIsInfeasible) {
  Instance inst = TwoRoutes();
  inst.commodities[0].origin = NodeId(2);
  inst.commodities[0].destination = NodeId(0);
  auto r = Solve(GetParam(), inst);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->status, SolveStatus::kInfeasible);
}

TEST_P(BothMethods, RejectsInvalidInstance) {
  Instance inst = TwoRoutes();
  inst.arcs[0].cost = -1.0;
  inst.commodities[0].class_id = ClassId(3);
  auto r = Solve(GetParam(), inst);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidInput);
  EXPECT_NE(r.status().message().find("arc 0"), std::string::npos);
  EXPECT_NE(r.status().message().find("class 3"), std::string::npos);
}

TEST_P(BothMethods, ClassesUseOwnCostsAndMasks) {
  Instance inst = TwoRoutes();
  inst.arcs[0].capacity = kUnlimited;
  Commodity second = inst.commodities[0];
  second.class_id = ClassId(1);
  inst.commodities.push_back(second);
  inst.classes.resize(2);
  inst.classes[1].allowed = {false, true, true};       // class 1 may not use the direct arc
  inst.classes[1].arc_cost = {1.0, 10.0, 10.0};
  auto r = Solve(GetParam(), inst);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->status, SolveStatus::kOptimal);
  EXPECT_NEAR(r->objective, 8 * 1 + 8 * 20, 1e-9);
}

INSTANTIATE_TEST_SUITE_P(Mcf, BothMethods,
                         ::testing::Values(Method::kArcLp, Method::kColumnGeneration),
                         [](const auto& info) { return std::string(MethodName(info.param)); });

// Solves with both methods; a call error or different statuses fail the test.
void SolveBoth(const Instance& inst, std::uint64_t seed, const Options& cg_options, Solution& lp,
               Solution& cg) {
  auto lp_result = SolveArcLp(inst);
  auto cg_result = SolveColumnGeneration(inst, cg_options);
  ASSERT_TRUE(lp_result.ok()) << "seed " << seed << ": " << lp_result.status().ToString();
  ASSERT_TRUE(cg_result.ok()) << "seed " << seed << ": " << cg_result.status().ToString();
  ASSERT_EQ(lp_result->status, cg_result->status) << "seed " << seed;
  lp = std::move(*lp_result);
  cg = std::move(*cg_result);
}

// Both column generation masters (origin trees; commodity paths without smoothing, as
// before issue 5), and origin trees with the Lagrangian start forced on (by default it
// skips instances this small: too few capacity constraints overloaded).
struct CgVariant {
  MasterForm master;
  bool force_lagrangian_start;
  const char* name;
};

class MasterForms : public ::testing::TestWithParam<CgVariant> {
 protected:
  Options CgOptions() const {
    Options options;
    options.master = GetParam().master;
    if (GetParam().master == MasterForm::kCommodityPaths) options.smoothing = 0.0;
    if (GetParam().force_lagrangian_start) options.lagrangian_start_min_violated = 0;
    return options;
  }
};

// Column generation and the arc LP agree on random instances: optimal values,
// infeasibility, unserved demand. The specs are chosen so that every kind occurs.
TEST_P(MasterForms, AgreesWithArcLpOnRandomInstances) {
  int infeasible = 0, with_unserved = 0, optimal = 0;
  for (std::uint64_t seed = 1; seed <= 40; ++seed) {
    RandomInstanceSpec spec;
    spec.width = 3 + static_cast<int>(seed % 4);
    spec.height = 3 + static_cast<int>(seed % 3);
    spec.num_commodities = 5 + static_cast<int>(seed * 7 % 40);
    spec.num_origins = 1 + static_cast<int>(seed % 6);
    spec.num_classes = 1 + static_cast<int>(seed % 3);
    spec.capacity_scale = 0.1 + 0.15 * static_cast<double>(seed % 8);
    spec.penalty_share = seed % 2 == 0 ? 0.0 : 0.6;
    Solution lp, cg;
    ASSERT_NO_FATAL_FAILURE(
        SolveBoth(GenerateRandomInstance(spec, seed), seed, CgOptions(), lp, cg));
    if (cg.status == SolveStatus::kInfeasible) {
      ++infeasible;
      EXPECT_GT(cg.infeasibility_bound, 0.0);
      continue;
    }
    ASSERT_EQ(cg.status, SolveStatus::kOptimal) << "seed " << seed;
    ++optimal;
    EXPECT_NEAR(cg.objective, lp.objective, 1e-6 * std::max(1.0, lp.objective)) << "seed " << seed;
    EXPECT_TRUE(cg.check.passed);
    EXPECT_TRUE(lp.check.passed);
    if (cg.penalty > 0.0) ++with_unserved;
  }
  EXPECT_GE(infeasible, 3) << optimal << " optimal, " << with_unserved << " with unserved";
  EXPECT_GE(with_unserved, 3);
  EXPECT_GE(optimal, 10);
}

TEST_P(MasterForms, AgreesWithArcLpOnRandomInstancesWithResources) {
  int binding = 0;
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    RandomInstanceSpec spec;
    spec.width = 3 + static_cast<int>(seed % 4);
    spec.height = 4;
    spec.num_commodities = 10 + static_cast<int>(seed * 7 % 30);
    spec.num_origins = 1 + static_cast<int>(seed % 5);
    spec.num_classes = 1 + static_cast<int>(seed % 2);
    spec.capacity_scale = 0.6;
    spec.penalty_share = 0.5;
    spec.num_resources = 4;
    Solution lp, cg;
    ASSERT_NO_FATAL_FAILURE(
        SolveBoth(GenerateRandomInstance(spec, seed), seed, CgOptions(), lp, cg));
    if (cg.status != SolveStatus::kOptimal) continue;
    EXPECT_NEAR(cg.objective, lp.objective, 1e-6 * std::max(1.0, lp.objective)) << "seed " << seed;
    EXPECT_TRUE(cg.check.passed);
    for (double price : cg.resource_shadow_price) binding += price > 0.0 ? 1 : 0;
  }
  EXPECT_GE(binding, 5);
}

INSTANTIATE_TEST_SUITE_P(
    ColumnGeneration, MasterForms,
    ::testing::Values(CgVariant{MasterForm::kOriginTrees, false, "OriginTrees"},
                      CgVariant{MasterForm::kOriginTrees, true, "OriginTreesLagrangianStart"},
                      CgVariant{MasterForm::kCommodityPaths, false, "CommodityPaths"}),
    [](const auto& info) { return std::string(info.param.name); });

// The same objective, rounds and path flows, exactly.
void ExpectSameAnswer(const Solution& a, const Solution& b) {
  EXPECT_EQ(a.objective, b.objective);
  EXPECT_EQ(a.stats.rounds, b.stats.rounds);
  ASSERT_EQ(a.commodities.size(), b.commodities.size());
  for (std::size_t k = 0; k < a.commodities.size(); ++k) {
    ASSERT_EQ(a.commodities[k].paths.size(), b.commodities[k].paths.size());
    for (std::size_t p = 0; p < a.commodities[k].paths.size(); ++p) {
      EXPECT_EQ(a.commodities[k].paths[p].arcs, b.commodities[k].paths[p].arcs);
      EXPECT_EQ(a.commodities[k].paths[p].flow, b.commodities[k].paths[p].flow);
    }
  }
}

PlanarInstanceSpec PlanarSpec(int nodes, int arcs, int commodities) {
  PlanarInstanceSpec spec;
  spec.num_nodes = nodes;
  spec.num_arcs = arcs;
  spec.num_commodities = commodities;
  return spec;
}

TEST(ColumnGenerationTest, ResultDoesNotDependOnThreadCount) {
  RandomInstanceSpec spec;
  spec.width = 6;
  spec.height = 6;
  spec.num_commodities = 80;
  spec.num_origins = 9;
  spec.capacity_scale = 0.3;
  spec.penalty_share = 0.3;
  const Instance inst = GenerateRandomInstance(spec, 7);
  Options one, two;
  one.threads = 1;
  two.threads = 2;
  auto a = SolveColumnGeneration(inst, one);
  auto b = SolveColumnGeneration(inst, two);
  ASSERT_TRUE(a.ok() && b.ok());
  ExpectSameAnswer(*a, *b);
}

TEST(PlanarInstanceTest, HasTheFamilyShapeAndAgreesWithArcLp) {
  const PlanarInstanceSpec spec = PlanarSpec(60, 300, 500);
  const Instance inst = GeneratePlanarInstance(spec, 3);
  ASSERT_TRUE(inst.Validate().ok());
  EXPECT_EQ(inst.num_arcs(), 300);
  EXPECT_EQ(inst.num_commodities(), 500);
  for (int a = 0; a < inst.num_arcs(); a += 2) {  // opposite arcs of one edge, equal cost
    EXPECT_EQ(inst.arcs[a].tail, inst.arcs[a + 1].head);
    EXPECT_EQ(inst.arcs[a].head, inst.arcs[a + 1].tail);
    EXPECT_EQ(inst.arcs[a].cost, inst.arcs[a + 1].cost);
  }
  const Instance again = GeneratePlanarInstance(spec, 3);
  ASSERT_EQ(again.num_commodities(), inst.num_commodities());
  for (int k = 0; k < inst.num_commodities(); ++k) {
    EXPECT_EQ(again.commodities[k].destination, inst.commodities[k].destination);
    EXPECT_EQ(again.commodities[k].demand, inst.commodities[k].demand);
  }
  auto lp = SolveArcLp(inst, {});
  auto cg = SolveColumnGeneration(inst, {});
  ASSERT_TRUE(lp.ok() && cg.ok());
  ASSERT_EQ(lp->status, SolveStatus::kOptimal);  // every destination reachable
  EXPECT_EQ(cg->status, SolveStatus::kOptimal);
  EXPECT_TRUE(cg->check.passed);
  EXPECT_GT(cg->stats.capacity_rows, 0);  // some capacities bind
  EXPECT_NEAR(cg->objective, lp->objective, 1e-6 * lp->objective);
}

// With the Lagrangian start and smoothing on (forced on this small instance), the
// multipliers, trees and answer still do not depend on the number of pricing threads.
TEST(ColumnGenerationTest, LagrangianStartDoesNotDependOnThreadCount) {
  const PlanarInstanceSpec spec = PlanarSpec(80, 400, 1200);
  const Instance inst = GeneratePlanarInstance(spec, 5);
  Options one;
  one.threads = 1;
  one.lagrangian_start_min_violated = 1;
  Options two = one;
  two.threads = 2;
  auto a = SolveColumnGeneration(inst, one);
  auto b = SolveColumnGeneration(inst, two);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(a->status, SolveStatus::kOptimal);
  EXPECT_TRUE(a->check.passed && b->check.passed);
  EXPECT_EQ(a->lower_bound, b->lower_bound);
  EXPECT_EQ(a->stats.lp_iterations, b->stats.lp_iterations);
  ExpectSameAnswer(*a, *b);
}

// The start's capacity rows and the barrier for the first master change the path to
// the optimum, not the optimum: every combination agrees with the arc LP, and with
// each the answer does not depend on the number of pricing threads.
TEST(ColumnGenerationTest, StartRowsAndFirstBarrierKeepTheOptimum) {
  const PlanarInstanceSpec spec = PlanarSpec(80, 400, 1200);
  const Instance inst = GeneratePlanarInstance(spec, 5);
  auto lp = SolveArcLp(inst, {});
  ASSERT_TRUE(lp.ok());
  ASSERT_EQ(lp->status, SolveStatus::kOptimal);
  for (const bool rows : {false, true}) {
    for (const bool barrier : {false, true}) {
      Options o;
      o.threads = 1;
      o.lagrangian_start_min_violated = 1;
      o.start_rows = rows;
      o.first_master_barrier_columns = barrier ? 0 : 1 << 30;
      auto cg = SolveColumnGeneration(inst, o);
      ASSERT_TRUE(cg.ok());
      EXPECT_EQ(cg->status, SolveStatus::kOptimal) << rows << barrier;
      EXPECT_TRUE(cg->check.passed) << rows << barrier;
      EXPECT_GT(cg->stats.capacity_rows, 0);
      EXPECT_NEAR(cg->objective, lp->objective, 1e-6 * lp->objective) << rows << barrier;
      EXPECT_LE(cg->lower_bound, lp->objective * (1 + 1e-9)) << rows << barrier;
      Options two = o;
      two.threads = 2;
      auto again = SolveColumnGeneration(inst, two);
      ASSERT_TRUE(again.ok());
      ExpectSameAnswer(*cg, *again);
    }
  }
}

TEST(ColumnGenerationTest, ZeroTimeLimitStopsWithTimeLimitStatus) {
  Options options;
  options.time_limit_s = 0.0;
  auto r = SolveColumnGeneration(TwoRoutes(), options);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->status, SolveStatus::kTimeLimit);
}

class CheckerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto r = SolveColumnGeneration(inst_);
    ASSERT_TRUE(r.ok());
    solution_ = *r;
    ASSERT_TRUE(CheckSolution(inst_, solution_, options_).passed);
  }
  Instance inst_ = TwoRoutes();
  Options options_;
  Solution solution_;
};

TEST_F(CheckerTest, RejectsUnmetDemand) {
  solution_.commodities[0].paths[0].flow -= 1.0;
  const CheckReport report = CheckSolution(inst_, solution_, options_);
  EXPECT_FALSE(report.passed);
  EXPECT_NEAR(report.max_demand_error, 1.0, 1e-9);
}

TEST_F(CheckerTest, RejectsCapacityExcess) {
  for (PathFlow& p : solution_.commodities[0].paths) p.flow = p.arcs.size() == 1 ? 8.0 : 0.0;
  solution_.objective = 8.0;
  const CheckReport report = CheckSolution(inst_, solution_, options_);
  EXPECT_FALSE(report.passed);
  EXPECT_NEAR(report.max_capacity_excess, 3.0, 1e-9);
}

TEST_F(CheckerTest, RejectsBrokenPathAndWrongObjective) {
  solution_.commodities[0].paths[0].arcs = {ArcId(1)};  // stops at m
  solution_.objective += 1.0;
  const CheckReport report = CheckSolution(inst_, solution_, options_);
  EXPECT_FALSE(report.passed);
  EXPECT_GE(report.failures.size(), 2u);
}

TEST_F(CheckerTest, RejectsOptimalClaimWithWeakBound) {
  solution_.arc_shadow_price.assign(inst_.arcs.size(), 0.0);  // L(0) = 8 < 17
  const CheckReport report = CheckSolution(inst_, solution_, options_);
  EXPECT_FALSE(report.passed);
  EXPECT_NEAR(report.lower_bound, 8.0, 1e-9);
}

}  // namespace
}  // namespace corridor::mcf
