#include "analysis/kpi.h"

#include <gtest/gtest.h>

namespace corridor::analysis {
namespace {

//   A --road(cap 100)--> X(crossing, cap 50) --road--> B
model::Network SmallNetwork() {
  model::Dataset ds;
  ds.nodes = {{"A", "A", "RU", model::NodeKind::kHub, 50, 110, {}, {}},
              {"X", "X", "RU", model::NodeKind::kCrossing, 49, 117, {}, {}},
              {"B", "B", "CN", model::NodeKind::kHub, 45, 125, {}, {}}};
  ds.links = {{"l1", "A", "X", model::Mode::kRoad, 100, 2, 0, 0.1, 100.0, false, {}, {}},
              {"l2", "X", "B", model::Mode::kRoad, 200, 3, 0, 0.1, std::nullopt, false, {}, {}}};
  model::ModeSet road;
  road.insert(model::Mode::kRoad);
  ds.crossings = {{"XC", "X", road, 50.0, 10, 5, 1, 1.0, false, "", {}, {}}};
  ds.commodities = {{"c", "c", model::CargoType::kContainer, model::ModeSet::All(), 1000, 2.0,
                     500, 0.0, {}, {}}};
  ds.demand = {{"c", "A", "B", 80, {}, {}}};
  auto net = model::BuildNetwork(ds);
  EXPECT_TRUE(net.ok());
  return std::move(net).value();
}

TEST(Kpis, SumsServedUnservedAndWeightsTimeByTonnes) {
  model::Network net = SmallNetwork();
  routing::Solution sol;
  sol.objective_usd = 123;
  sol.od = {{50, 30, 1, 2, 15.0, 15000}};
  sol.resources.resize(net.resource_count());
  Kpis k = ComputeKpis(net, sol);
  EXPECT_DOUBLE_EQ(k.demand_t, 80);
  EXPECT_DOUBLE_EQ(k.served_t, 50);
  EXPECT_DOUBLE_EQ(k.unserved_t, 30);
  EXPECT_DOUBLE_EQ(k.served_value_usd, 50 * 1000);
  EXPECT_DOUBLE_EQ(k.unserved_value_usd, 30 * 1000);
  EXPECT_DOUBLE_EQ(k.avg_transit_time_h, 15.0);
  EXPECT_DOUBLE_EQ(k.generalised_cost_usd, 123);
}

TEST(Bottlenecks, RankedByPriceAndOnlyPositive) {
  model::Network net = SmallNetwork();
  ASSERT_EQ(net.resource_count(), 2u);  // link l1 (one direction) and crossing XC
  routing::Solution sol;
  sol.resources.resize(2);
  sol.resources[0].shadow_price_usd_per_t = 0.0;
  sol.resources[1].shadow_price_usd_per_t = 7.5;
  sol.resources[1].flow_t = 50;
  sol.resources[1].capacity_t = 50;
  auto list = RankBottlenecks(net, sol);
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0].element_id, "XC");
  EXPECT_DOUBLE_EQ(list[0].saving_usd_per_mt, 7.5e6);
  sol.resources[0].shadow_price_usd_per_t = 9.0;
  list = RankBottlenecks(net, sol);
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].element_id, "l1");
  // Ordered by rent (price x capacity), not by price: l1 rents 9 x 100, XC 15 x 50.
  sol.resources[1].shadow_price_usd_per_t = 15.0;
  list = RankBottlenecks(net, sol);
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].element_id, "l1");
  EXPECT_DOUBLE_EQ(list[0].rent_usd, 900.0);
  EXPECT_DOUBLE_EQ(list[1].rent_usd, 750.0);
}

TEST(CrossingUsage, CountsGateArcFlow) {
  model::Network net = SmallNetwork();
  routing::Solution sol;
  sol.arc_flow_t.assign(net.arc_count(), 0.0);
  sol.resources.resize(net.resource_count());
  for (std::size_t a = 0; a < net.arc_count(); ++a) {
    if (net.arc_crossing[a].valid()) sol.arc_flow_t[a] = 40;
  }
  auto use = CrossingUsage(net, sol);
  ASSERT_EQ(use.size(), 1u);
  EXPECT_DOUBLE_EQ(use[0].flow_t, 40);
  EXPECT_DOUBLE_EQ(use[0].capacity_t, 50);
  EXPECT_DOUBLE_EQ(use[0].utilisation, 0.8);
}

}  // namespace
}  // namespace corridor::analysis
