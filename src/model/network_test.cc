#include "model/network.h"

#include <gtest/gtest.h>

namespace corridor::model {
namespace {

//   A ==rail_1520== X ==rail_1435== B        X: border crossing (rail), gauge change
//   A ----road----- X ----road----- B        X: same crossing node, road
Dataset TwoModeCrossing() {
  Dataset ds;
  ds.nodes = {{"A", "A", "RU", NodeKind::kHub, 50, 110, {}, {}},
              {"X", "X", "RU", NodeKind::kCrossing, 49, 117, {}, {}},
              {"B", "B", "CN", NodeKind::kHub, 45, 125, {}, {}}};
  ds.links = {{"r1", "A", "X", Mode::kRail1520, 500, 10, 0, 0.02, 1e6, true, {}, {}},
              {"r2", "X", "B", Mode::kRail1435, 600, 12, 0, 0.03, std::nullopt, true, {}, {}},
              {"d1", "A", "X", Mode::kRoad, 480, 8, 0, 0.08, std::nullopt, true, {}, {}},
              {"d2", "X", "B", Mode::kRoad, 590, 9, 0, 0.09, std::nullopt, true, {}, {}}};
  ModeSet rail;
  rail.insert(Mode::kRail1520);
  rail.insert(Mode::kRail1435);
  ModeSet road;
  road.insert(Mode::kRoad);
  ds.crossings = {{"XR", "X", rail, 2e6, 24, 12, 5, 1.0, true, "", {}, {}},
                  {"XD", "X", road, std::nullopt, 48, 24, 10, 0.0, false, "", {}, {}}};
  ds.transfers = {{"g", "X", Mode::kRail1520, Mode::kRail1435, 8, 6, std::nullopt, true, {}, {}}};
  ds.commodities = {{"c", "c", CargoType::kContainer, ModeSet::All(), 2000, 1.0, 5000, 0.5, {}, {}}};
  ds.demand = {{"c", "A", "B", 1000, {}, {}}};
  return ds;
}

TEST(BuildNetwork, ExpandsModesGatesAndResources) {
  auto net = BuildNetwork(TwoModeCrossing());
  ASSERT_TRUE(net.ok()) << net.status().ToString();
  // A: rail_1520, road; X: rail_1520, rail_1435, road; B: rail_1435, road; + source A, sink B.
  EXPECT_EQ(net->vnode_count(), 2u + 3u + 2u + 2u);
  // 4 two-way links + 1 two-way transfer + access at A (2) + egress at B (2).
  EXPECT_EQ(net->arc_count(), 8u + 2u + 2u + 2u);
  // CSR: arcs sorted by tail and out_begin consistent.
  for (std::size_t v = 0; v < net->vnode_count(); ++v) {
    for (auto a = net->out_begin[v]; a < net->out_begin[v + 1]; ++a) {
      EXPECT_EQ(net->arc_tail[static_cast<std::size_t>(a)].index(), v);
    }
  }
  // In-CSR lists every arc once under its head.
  std::vector<int> seen(net->arc_count(), 0);
  for (std::size_t v = 0; v < net->vnode_count(); ++v) {
    for (auto i = net->in_begin[v]; i < net->in_begin[v + 1]; ++i) {
      ArcId a = net->in_arcs[static_cast<std::size_t>(i)];
      EXPECT_EQ(net->arc_head[a.index()].index(), v);
      ++seen[a.index()];
    }
  }
  for (int s : seen) EXPECT_EQ(s, 1);

  // Resources: link r1 both directions, rail crossing XR (2 gate arcs: r1 A->X, r2 B->X),
  // closed road crossing XD with capacity 0 (2 gate arcs).
  ASSERT_EQ(net->resource_count(), 4u);
  int crossing_resources = 0;
  for (std::size_t r = 0; r < net->resource_count(); ++r) {
    if (net->resource_kind[r] != ResourceKind::kCrossing) continue;
    ++crossing_resources;
    EXPECT_EQ(net->resource_begin[r + 1] - net->resource_begin[r], 2);
    const auto& cr = net->crossings[static_cast<std::size_t>(net->resource_element[r])];
    EXPECT_DOUBLE_EQ(net->resource_capacity_t[r], cr.id == "XD" ? 0.0 : 2e6);
  }
  EXPECT_EQ(crossing_resources, 2);

  // A gate arc carries the fee and the AEO-weighted dwell.
  for (std::size_t a = 0; a < net->arc_count(); ++a) {
    if (net->arc_kind[a] != ArcKind::kLink) continue;
    const auto& l = net->links[static_cast<std::size_t>(net->arc_element[a])];
    if (l.id == "r1" && !net->arc_reverse[a]) {
      ArcId id(static_cast<int>(a));
      EXPECT_TRUE(net->arc_crossing[a].valid());
      EXPECT_DOUBLE_EQ(net->arc_money_usd_per_t[a], 0.02 * 500 + 5);
      EXPECT_DOUBLE_EQ(net->DwellHours(CommodityId(0), id), 0.5 * 24 + 0.5 * 12);
      EXPECT_DOUBLE_EQ(net->GeneralisedCost(CommodityId(0), id), 15 + 1.0 * (10 + 18));
    }
  }
}

TEST(BuildNetwork, ReachabilityRespectsAllowedModes) {
  Dataset ds = TwoModeCrossing();
  ModeSet road;
  road.insert(Mode::kRoad);
  ds.commodities[0].allowed_modes = road;
  auto net = BuildNetwork(ds);
  ASSERT_TRUE(net.ok());
  std::vector<char> mark;
  ReachableFrom(*net, CommodityId(0), net->source_of[0], mark);
  EXPECT_TRUE(mark[net->sink_of[2].index()]);  // road A->X->B is open to it
  for (std::size_t v = 0; v < net->vnode_count(); ++v) {
    if (mark[v] && net->vnode_kind[v] == VNodeKind::kModal) {
      EXPECT_EQ(net->vnode_mode[v], Mode::kRoad);
    }
  }
}

}  // namespace
}  // namespace corridor::model
