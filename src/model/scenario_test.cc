#include "model/scenario.h"

#include <gtest/gtest.h>

#include "model/test_dataset.h"

namespace corridor::model {
namespace {

using testing::SmallCorridor;

ScenarioChange Change(ChangeType type, std::string target = "") {
  ScenarioChange c;
  c.type = type;
  c.target = std::move(target);
  return c;
}

// Applies the changes to SmallCorridor(), expecting success.
Dataset Applied(std::vector<ScenarioChange> changes) {
  Scenario s;
  s.name = "test";
  s.file = "dir/test.toml";
  for (std::size_t i = 0; i < changes.size(); ++i) changes[i].index = static_cast<int>(i) + 1;
  s.changes = std::move(changes);
  Dataset ds = SmallCorridor();
  Diagnostics diags;
  Status st = ApplyScenario(s, ds, diags);
  EXPECT_TRUE(st.ok()) << st.ToString();
  EXPECT_TRUE(diags.items().empty()) << diags.ToString();
  return ds;
}

TEST(ChangeType, NamesRoundTrip) {
  for (int i = 0; i <= static_cast<int>(ChangeType::kScaleDemand); ++i) {
    const auto t = static_cast<ChangeType>(i);
    EXPECT_EQ(ParseChangeType(ChangeTypeName(t)), t);
  }
  EXPECT_FALSE(ParseChangeType("close_bridge"));
}

TEST(ApplyScenario, CrossingState) {
  Dataset ds = Applied({Change(ChangeType::kCloseCrossing, "XR")});
  EXPECT_EQ(ds.crossings[0].open_fraction, 0.0);
  EXPECT_EQ(ds.crossings[1].open_fraction, 1.0);

  ScenarioChange half = Change(ChangeType::kSetCrossingState, "XD");
  half.fraction = 0.5;
  ds = Applied({Change(ChangeType::kCloseCrossing, "XR"), half,
                Change(ChangeType::kOpenCrossing, "XR")});
  EXPECT_EQ(ds.crossings[0].open_fraction, 1.0);  // applied in order
  EXPECT_EQ(ds.crossings[1].open_fraction, 0.5);
}

TEST(ApplyScenario, ScaleAndSetCapacity) {
  ScenarioChange scale_link = Change(ChangeType::kScaleCapacity, "r1");
  scale_link.factor = 2;
  ScenarioChange scale_unlimited = Change(ChangeType::kScaleCapacity, "r2");
  scale_unlimited.factor = 2;
  ScenarioChange set_crossing = Change(ChangeType::kSetCapacity, "XD");
  set_crossing.element_kind = ElementKind::kCrossing;
  set_crossing.capacity_t_per_year = 7e5;
  ScenarioChange unlimit_transfer = Change(ChangeType::kSetCapacity, "g");
  unlimit_transfer.element_kind = ElementKind::kTransfer;
  Dataset ds = Applied({scale_link, scale_unlimited, set_crossing, unlimit_transfer});
  EXPECT_EQ(ds.links[0].capacity_t_per_year, 2e6);
  EXPECT_FALSE(ds.links[1].capacity_t_per_year);  // unlimited stays unlimited
  EXPECT_EQ(ds.crossings[1].capacity_t_per_year, 7e5);
  EXPECT_FALSE(ds.transfers[0].capacity_t_per_year);

  ScenarioChange all_links = Change(ChangeType::kScaleCapacity, "*");
  all_links.factor = 0.5;
  ds = Applied({all_links});
  EXPECT_EQ(ds.links[0].capacity_t_per_year, 5e5);
  EXPECT_EQ(ds.links[4].capacity_t_per_year, 2.5e5);
  EXPECT_EQ(ds.crossings[0].capacity_t_per_year, 2e6);  // only links
}

TEST(ApplyScenario, AddAndRemoveLink) {
  ScenarioChange add = Change(ChangeType::kAddLink);
  add.line = 12;
  add.link.id = "new";
  add.link.from = "A";
  add.link.to = "B";
  add.link.mode = Mode::kRoad;
  add.link.distance_km = 2000;
  Dataset ds = Applied({add, Change(ChangeType::kRemoveLink, "d1")});
  ASSERT_EQ(ds.links.size(), 5u);
  EXPECT_EQ(ds.links[2].id, "d2");  // d1 gone, order kept
  EXPECT_EQ(ds.links.back().id, "new");
  EXPECT_EQ(ds.links.back().distance_km, 2000);
  EXPECT_EQ(ds.links.back().origin.file, "scenario test.toml");
  EXPECT_EQ(ds.links.back().origin.line, 12);
}

TEST(ApplyScenario, Dwell) {
  ScenarioChange set = Change(ChangeType::kSetDwell, "XR");
  set.dwell_standard_h = 10;
  ScenarioChange set_both = Change(ChangeType::kSetDwell, "XD");
  set_both.dwell_standard_h = 40;
  set_both.dwell_aeo_h = 4;
  Dataset ds = Applied({set, set_both});
  EXPECT_EQ(ds.crossings[0].dwell_standard_h, 10);
  EXPECT_EQ(ds.crossings[0].dwell_aeo_h, 10);  // absent AEO dwell = standard
  EXPECT_EQ(ds.crossings[1].dwell_standard_h, 40);
  EXPECT_EQ(ds.crossings[1].dwell_aeo_h, 4);

  ScenarioChange all_std = Change(ChangeType::kScaleDwell, "*");
  all_std.factor = 0.5;
  all_std.which = DwellWhich::kStandard;
  ScenarioChange xr_aeo = Change(ChangeType::kScaleDwell, "XR");
  xr_aeo.factor = 0.25;
  xr_aeo.which = DwellWhich::kAeo;
  ds = Applied({all_std, xr_aeo});
  EXPECT_EQ(ds.crossings[0].dwell_standard_h, 12);
  EXPECT_EQ(ds.crossings[0].dwell_aeo_h, 3);
  EXPECT_EQ(ds.crossings[1].dwell_standard_h, 12);
  EXPECT_EQ(ds.crossings[1].dwell_aeo_h, 12);
}

TEST(ApplyScenario, ScaleCost) {
  ScenarioChange links = Change(ChangeType::kScaleCost, "*");
  links.factor = 3;
  ScenarioChange fee = Change(ChangeType::kScaleCost, "XR");
  fee.element_kind = ElementKind::kCrossing;
  fee.factor = 2;
  ScenarioChange transfer = Change(ChangeType::kScaleCost, "g");
  transfer.element_kind = ElementKind::kTransfer;
  transfer.factor = 0;
  Dataset ds = Applied({links, fee, transfer});
  for (const Link& l : ds.links) {
    EXPECT_DOUBLE_EQ(l.cost_usd_per_t, 3.0);
    EXPECT_DOUBLE_EQ(l.cost_usd_per_tkm, 0.06);
  }
  EXPECT_EQ(ds.crossings[0].fee_usd_per_t, 10);
  EXPECT_EQ(ds.transfers[0].cost_usd_per_t, 0);
  EXPECT_EQ(ds.transfers[1].cost_usd_per_t, 8);
}

TEST(ApplyScenario, AeoShareAndDemand) {
  ScenarioChange share = Change(ChangeType::kSetAeoShare, "*");
  share.share = 0.75;
  ScenarioChange from_a = Change(ChangeType::kScaleDemand);
  from_a.origin = "A";
  from_a.factor = 2;
  ScenarioChange to_p = Change(ChangeType::kScaleDemand);
  to_p.commodity = "box";
  to_p.destination = "P";
  to_p.factor = 0.5;
  Dataset ds = Applied({share, from_a, to_p});
  EXPECT_EQ(ds.commodities[0].aeo_share, 0.75);
  EXPECT_EQ(ds.demand[0].tonnes_per_year, 2e6);
  EXPECT_EQ(ds.demand[1].tonnes_per_year, 2e5);  // x2 then x0.5
  EXPECT_EQ(ds.demand[2].tonnes_per_year, 3e5);  // from B: untouched
}

TEST(ApplyScenario, UnknownTargetsAreAllReported) {
  Scenario s;
  s.name = "bad";
  s.file = "/some/where/scenario.toml";
  std::vector<ScenarioChange> changes = {
      Change(ChangeType::kCloseCrossing, "ZZ"), Change(ChangeType::kRemoveLink, "nope"),
      Change(ChangeType::kSetCapacity, "q"), Change(ChangeType::kSetAeoShare, "oil"),
      Change(ChangeType::kOpenCrossing, "XR"), Change(ChangeType::kAddLink),
      Change(ChangeType::kScaleDemand)};
  changes[2].element_kind = ElementKind::kTransfer;
  changes[5].link.id = "r1";
  changes[6].origin = "Nowhere";
  for (std::size_t i = 0; i < changes.size(); ++i) {
    changes[i].index = static_cast<int>(i) + 1;
    changes[i].line = 0;
  }
  changes[0].line = 7;
  s.changes = changes;
  Dataset ds = SmallCorridor();
  ds.crossings[0].open_fraction = 0.0;
  Diagnostics diags;
  Status st = ApplyScenario(s, ds, diags);
  EXPECT_EQ(st.code(), StatusCode::kInvalidInput);
  std::vector<std::string> lines;
  for (const auto& d : diags.items()) lines.push_back(d.ToString());
  EXPECT_EQ(lines, (std::vector<std::string>{
                       "scenario.toml:7: change 1 (close_crossing): unknown crossing 'ZZ'",
                       "scenario.toml: change 2 (remove_link): unknown link 'nope'",
                       "scenario.toml: change 3 (set_capacity): unknown transfer 'q'",
                       "scenario.toml: change 4 (set_aeo_share): unknown commodity 'oil'",
                       "scenario.toml: change 6 (add_link): link 'r1' already exists",
                       "scenario.toml: change 7 (scale_demand): unknown node 'Nowhere'",
                   }));
  EXPECT_EQ(ds.crossings[0].open_fraction, 1.0);  // the good change 5 was still applied
  EXPECT_NE(st.message().find("6 error(s)"), std::string::npos);
}

TEST(ApplyScenario, AddLinkToUnknownNodeFailsAndScaleDemandWarnsWhenNothingMatches) {
  Scenario s;
  s.file = "s.toml";
  ScenarioChange add = Change(ChangeType::kAddLink);
  add.index = 1;
  add.link.id = "x";
  add.link.from = "A";
  add.link.to = "Mars";
  ScenarioChange none = Change(ChangeType::kScaleDemand);
  none.index = 2;
  none.origin = "P";
  s.changes = {add, none};
  Dataset ds = SmallCorridor();
  Diagnostics diags;
  EXPECT_FALSE(ApplyScenario(s, ds, diags).ok());
  EXPECT_EQ(ds.links.size(), 5u);
  EXPECT_EQ(diags.ToString(),
            "s.toml: change 1 (add_link): unknown node 'Mars'\n"
            "s.toml: warning: change 2 (scale_demand): matches no demand row\n");
}

}  // namespace
}  // namespace corridor::model
