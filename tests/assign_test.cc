// The corridor as a congested user equilibrium (assignment/corridor.h; the default
// capacitated model) on the example dataset: convergence, conservation of every
// OD's served tonnes, allowed modes, and marginal-cost charges lowering the total cost.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "assignment/corridor.h"
#include "io/dataset_reader.h"
#include "model/network.h"

namespace corridor {
namespace {

const std::string kExample = std::string(CORRIDOR_SOURCE_DIR) + "/examples/example-corridor";

struct Fixture {
  model::Network net;
  assignment::CorridorProblem problem;
  assignment::CorridorEquilibrium eq;
};

// The example with its demand scaled by `demand_factor`.
Fixture Solved(double demand_factor) {
    Diagnostics d;
    auto ds = io::ReadDataset(kExample, d);
    EXPECT_TRUE(ds.ok()) << d.ToString();
    auto net = model::BuildNetwork(*ds);
    EXPECT_TRUE(net.ok());
    for (auto& od : net->demand) od.tonnes_per_year *= demand_factor;
    auto problem = assignment::BuildCorridorProblem(*net);
    EXPECT_TRUE(problem.ok()) << problem.status().ToString();
    assignment::CorridorOptions options;
    options.solver.target_relative_gap = 1e-8;
    options.pricing_rounds = 4;
    auto eq = assignment::SolveCorridorEquilibrium(*net, *problem, options);
    EXPECT_TRUE(eq.ok()) << eq.status().ToString();
    return Fixture{std::move(net).value(), std::move(problem).value(), std::move(eq).value()};
}

const Fixture& Example() {
  static const Fixture fixture = Solved(1.0);
  return fixture;
}

// At the example's demand every OD has one clearly cheapest route, congestion or
// not (the UE is the all-or-nothing assignment); doubled, routes compete.
const Fixture& Congested() {
  static const Fixture fixture = Solved(2.0);
  return fixture;
}

TEST(CorridorAssignment, ConvergesToTheRequestedGap) {
  const auto& f = Example();
  EXPECT_EQ(f.eq.ue.stop_reason, assignment::StopReason::kConverged);
  EXPECT_LE(f.eq.ue.final.relative_gap, 1e-8);
  EXPECT_GT(f.eq.ue_measures.served_t, 0.0);
}

TEST(CorridorAssignment, ConservesEveryOdsTonnes) {
  const auto& f = Example();
  const std::size_t n = f.net.vnode_count();
  for (std::size_t k = 0; k < f.problem.classes.size(); ++k) {
    std::vector<double> balance(n, 0.0);  // out - in, should equal supply - arrivals
    double total = 1.0;
    for (const auto& od : f.problem.classes[k].od) {
      balance[od.origin.index()] -= od.demand;
      balance[od.destination.index()] += od.demand;
      total += od.demand;
    }
    // Demand left at its penalty by the capacitated equilibrium is not routed.
    for (const auto& u : f.eq.unserved_at_penalty) {
      if (u.cls != static_cast<int>(k)) continue;
      balance[u.origin.index()] += u.demand;
      balance[u.destination.index()] -= u.demand;
    }
    for (std::size_t a = 0; a < f.net.arc_count(); ++a) {
      const double x = f.eq.ue.class_link_flow[k][a];
      balance[f.net.arc_tail[a].index()] += x;
      balance[f.net.arc_head[a].index()] -= x;
    }
    for (std::size_t v = 0; v < n; ++v) EXPECT_NEAR(balance[v], 0.0, 1e-7 * total) << "class " << k;
  }
  const auto& m = f.eq.ue_measures;
  EXPECT_NEAR(m.served_t + m.unserved_t, m.demand_t, 1e-9 * m.demand_t);
}

TEST(CorridorAssignment, FlowsUseOnlyAllowedModes) {
  const auto& f = Example();
  for (std::size_t k = 0; k < f.problem.classes.size(); ++k) {
    const CommodityId id(static_cast<CommodityId::rep_type>(k));
    for (std::size_t a = 0; a < f.net.arc_count(); ++a) {
      if (f.eq.ue.class_link_flow[k][a] <= 0.0) continue;
      EXPECT_TRUE(f.net.CommodityMayUse(id, ArcId(static_cast<ArcId::rep_type>(a))))
          << f.net.commodities[k].id << " on " << f.net.ArcLabel(ArcId(static_cast<ArcId::rep_type>(a)));
    }
  }
}

TEST(CorridorAssignment, MarginalCostChargesLowerTheTotalCost) {
  const auto& f = Congested();
  ASSERT_GE(f.eq.so_log_usd.size(), 2u);
  // Some crossing is congested, so there is something to internalise.
  double largest_charge = 0.0;
  for (const auto& c : f.eq.crossings) largest_charge = std::max(largest_charge, c.marginal_charge_usd_per_t);
  EXPECT_GT(largest_charge, 0.0);
  // The full UE charges overshoot (so_log_usd[1] may exceed the UE); the averaged
  // charges of the later rounds must still reach a cheaper assignment.
  EXPECT_LT(*std::min_element(f.eq.so_log_usd.begin() + 1, f.eq.so_log_usd.end()),
            f.eq.so_log_usd[0]);
  EXPECT_LT(f.eq.so_measures.generalised_cost_usd, f.eq.ue_measures.generalised_cost_usd);
  EXPECT_GT(f.eq.price_of_anarchy_lower_bound, 1.0);
}

TEST(CorridorAssignment, ClosedCrossingCarriesNothing) {
  model::Network net = Example().net;
  std::size_t closed = net.resource_count();
  for (std::size_t r = 0; r < net.resource_count(); ++r) {
    if (net.resource_kind[r] == model::ResourceKind::kCrossing &&
        net.crossings[net.resource_element[r]].id == "ZAB_RAIL") {
      closed = r;
    }
  }
  ASSERT_LT(closed, net.resource_count());
  net.resource_capacity_t[closed] = 0.0;
  auto problem = assignment::BuildCorridorProblem(net);
  ASSERT_TRUE(problem.ok());
  assignment::CorridorOptions options;
  options.pricing_rounds = 0;
  auto eq = assignment::SolveCorridorEquilibrium(net, *problem, options);
  ASSERT_TRUE(eq.ok()) << eq.status().ToString();
  double gate_flow = 0.0;
  for (auto i = net.resource_begin[closed]; i < net.resource_begin[closed + 1]; ++i) {
    gate_flow += eq->ue.link_flow[net.resource_arcs[i].index()];
  }
  EXPECT_EQ(gate_flow, 0.0);
  // ... while the open crossing carried flow.
  double open_flow = 0.0;
  for (auto i = net.resource_begin[closed]; i < net.resource_begin[closed + 1]; ++i) {
    open_flow += Example().eq.ue.link_flow[net.resource_arcs[i].index()];
  }
  EXPECT_GT(open_flow, 0.0);
  EXPECT_EQ(eq->ue.stop_reason, assignment::StopReason::kConverged);
}

}  // namespace
}  // namespace corridor
