#include "model/validate.h"

#include <gtest/gtest.h>

#include <limits>

#include "model/test_dataset.h"

namespace corridor::model {
namespace {

using testing::Modes;
using testing::SmallCorridor;
using Lines = std::vector<std::string>;

Lines Validate(const Dataset& ds) {
  Diagnostics d;
  ValidateDataset(ds, d);
  Lines out;
  for (const auto& item : d.items()) out.push_back(item.ToString());
  return out;
}

TEST(ValidateDataset, SmallCorridorIsClean) { EXPECT_EQ(Validate(SmallCorridor()), Lines{}); }

TEST(ValidateDataset, DuplicateIdsPerTable) {
  Dataset ds = SmallCorridor();
  ds.nodes.push_back(ds.nodes[1]);
  ds.nodes.back().origin.line = 9;
  ds.links.push_back(ds.links[0]);
  ds.links.back().origin = {"scenario s.toml", 4};
  ds.crossings[1].id = "XR";
  ds.transfers[1].id = "g";
  ds.commodities.push_back(ds.commodities[0]);
  ds.commodities.back().origin.line = 3;
  EXPECT_EQ(Validate(ds), (Lines{
                              "nodes.csv:9: duplicate id 'X' (first on line 3)",
                              "scenario s.toml:4: duplicate id 'r1' (first on links.csv:2)",
                              "crossings.csv:3: duplicate id 'XR' (first on line 2)",
                              "transfers.csv:3: duplicate id 'g' (first on line 2)",
                              "commodities.csv:3: duplicate id 'box' (first on line 2)",
                          }));
}

TEST(ValidateDataset, UnknownNodeAndCommodityIds) {
  Dataset ds = SmallCorridor();
  ds.links[1].to = "Q";
  ds.transfers[1].node = "Z";
  ds.crossings[0].node = "Y";
  ds.demand[0].commodity = "oil";
  ds.demand[1].destination_node = "W";
  EXPECT_EQ(Validate(ds), (Lines{
                              "links.csv:3: to refers to unknown node 'Q'",
                              "transfers.csv:3: node refers to unknown node 'Z'",
                              "crossings.csv:2: node refers to unknown node 'Y'",
                              "demand.csv:2: commodity refers to unknown commodity 'oil'",
                              "demand.csv:3: destination refers to unknown node 'W'",
                          }));
}

TEST(ValidateDataset, SameEndsAndRanges) {
  Dataset ds = SmallCorridor();
  ds.nodes[0].lat = 95;
  ds.nodes[2].lon = std::numeric_limits<double>::quiet_NaN();
  ds.links[3].to = "X";  // d2: X -> X
  ds.crossings[0].dwell_aeo_h = 30;
  ds.transfers[1].to_mode = Mode::kRail1435;
  ds.demand[2].destination_node = "B";
  EXPECT_EQ(Validate(ds), (Lines{
                              "nodes.csv:2: lat must be in [-90, 90], got 95",
                              "nodes.csv:4: lon must be in [-180, 180], got nan",
                              "links.csv:5: link 'd2' goes from node 'X' to itself",
                              "transfers.csv:3: to_mode must differ from from_mode, got "
                              "rail_1435 twice",
                              "crossings.csv:2: dwell_aeo_h must be <= dwell_standard_h (24), "
                              "got 30",
                              // t no longer reaches the sea, so nothing reaches P.
                              "demand.csv:3: warning: no route for commodity box from A to P "
                              "using modes rail_1520;rail_1435;road;sea (will be unserved)",
                              "demand.csv:4: origin and destination are both 'B'",
                          }));
}

TEST(ValidateDataset, CrossingChecks) {
  Dataset ds = SmallCorridor();
  ds.transfers.erase(ds.transfers.begin());  // no gauge change at X any more
  Crossing at_port = ds.crossings[1];        // road crossing at a port no road reaches
  at_port.id = "XP";
  at_port.node = "P";
  at_port.origin.line = 4;
  Crossing overlap = ds.crossings[1];
  overlap.id = "XR2";
  overlap.modes = Modes({Mode::kRail1435});
  overlap.origin.line = 5;
  ds.crossings.push_back(at_port);
  ds.crossings.push_back(overlap);
  EXPECT_EQ(Validate(ds),
            (Lines{
                "crossings.csv:2: crossing 'XR' has gauge_change=true but node 'X' has no "
                "rail_1520<->rail_1435 transfer",
                "crossings.csv:4: warning: crossing 'XP' is at node 'P' of kind port, not crossing",
                "crossings.csv:4: warning: crossing 'XP': no link of modes road enters node 'P'",
                "crossings.csv:5: crossing 'XR2' and crossing 'XR' both cover mode rail_1435 at "
                "node 'X'",
                // Without the gauge transfer, rail cannot reach the port.
                "demand.csv:3: warning: no route for commodity box from A to P using modes "
                "rail_1520;rail_1435;road;sea (will be unserved)",
            }));
}

TEST(ValidateDataset, TransferWithoutLinksOfItsModes) {
  Dataset ds = SmallCorridor();
  Transfer t = ds.transfers[0];
  t.id = "pipe";
  t.node = "A";
  t.to_mode = Mode::kPipeline;
  t.origin.line = 4;
  ds.transfers.push_back(t);
  EXPECT_EQ(Validate(ds), (Lines{"transfers.csv:4: warning: transfer 'pipe' at node 'A': no link "
                                 "of mode pipeline touches the node"}));
}

TEST(ValidateDataset, DemandAtCrossingNode) {
  Dataset ds = SmallCorridor();
  ds.demand[2].origin_node = "X";
  EXPECT_EQ(Validate(ds), (Lines{"demand.csv:4: warning: demand starts at crossing node 'X'"}));
}

TEST(ValidateDataset, CommodityWithoutUsableModeAndDisconnectedDemand) {
  Dataset ds = SmallCorridor();
  Commodity oil = ds.commodities[0];
  oil.id = "oil";
  oil.allowed_modes = Modes({Mode::kPipeline});
  oil.origin.line = 3;
  Commodity coal = ds.commodities[0];
  coal.id = "coal";
  coal.allowed_modes = Modes({Mode::kRail1520, Mode::kRail1435});
  coal.origin.line = 4;
  ds.commodities.push_back(oil);
  ds.commodities.push_back(coal);
  Demand d = ds.demand[0];
  d.commodity = "oil";
  d.origin.line = 5;
  ds.demand.push_back(d);
  d.commodity = "coal";
  d.destination_node = "P";  // the only way on from B to P is by sea
  d.origin.line = 6;
  ds.demand.push_back(d);
  d.destination_node = "B";  // coal A -> B by rail is fine
  d.origin.line = 7;
  ds.demand.push_back(d);
  d.tonnes_per_year = 0;  // zero demand is never routed, so never reported
  d.commodity = "oil";
  d.origin.line = 8;
  ds.demand.push_back(d);
  Diagnostics diags;
  ValidateDataset(ds, diags);
  EXPECT_EQ(diags.error_count(), 1);
  EXPECT_EQ(Validate(ds),
            (Lines{
                "commodities.csv:3: allowed_modes of commodity 'oil' (pipeline) are used by no "
                "link",
                "demand.csv:5: warning: no route for commodity oil from A to B using modes "
                "pipeline (will be unserved)",
                "demand.csv:6: warning: no route for commodity coal from A to P using modes "
                "rail_1520;rail_1435 (will be unserved)",
            }));
}

TEST(ValidateDataset, NeverCrashesOnOddInput) {
  EXPECT_EQ(Validate(Dataset{}), Lines{});

  Dataset blank;
  blank.nodes.resize(2);
  blank.links.resize(2);
  blank.crossings.resize(1);
  blank.transfers.resize(1);
  blank.commodities.resize(1);
  blank.demand.resize(3);
  blank.demand[0].tonnes_per_year = std::numeric_limits<double>::quiet_NaN();
  blank.demand[1].tonnes_per_year = -1;
  const Lines lines = Validate(blank);
  EXPECT_FALSE(lines.empty());

  Dataset cut = SmallCorridor();
  cut.nodes.clear();
  Diagnostics d;
  ValidateDataset(cut, d);
  EXPECT_GE(d.error_count(), 10);
}

}  // namespace
}  // namespace corridor::model
