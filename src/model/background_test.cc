// Background traffic, cargo-specific rates and dataset-defined resources: how they enter
// the network (parallel arcs per cargo class, restricted resources, preloads) and how
// validation reports bad rows.
#include <gtest/gtest.h>

#include <algorithm>

#include "model/network.h"
#include "model/test_dataset.h"
#include "model/validate.h"

namespace corridor::model {
namespace {

using testing::SmallCorridor;

Dataset WithBulk() {
  Dataset ds = SmallCorridor();
  Commodity coal = ds.commodities[0];
  coal.id = "coal";
  coal.cargo_type = CargoType::kDryBulk;
  coal.value_of_time_usd_per_t_h = 0.01;
  coal.origin = {"commodities.csv", 3};
  ds.commodities.push_back(coal);
  return ds;
}

std::vector<std::size_t> ArcsOfLink(const Network& net, const std::string& id, bool reverse) {
  std::vector<std::size_t> out;
  for (std::size_t a = 0; a < net.arc_count(); ++a) {
    if (net.arc_kind[a] == ArcKind::kLink && net.links[static_cast<std::size_t>(net.arc_element[a])].id == id &&
        net.arc_reverse[a] == reverse) {
      out.push_back(a);
    }
  }
  return out;
}

std::size_t ResourceOf(const Network& net, const std::string& label) {
  for (std::size_t r = 0; r < net.resource_count(); ++r) {
    if (net.resource_label[r] == label) return r;
  }
  ADD_FAILURE() << "no resource " << label;
  return 0;
}

TEST(CargoRates, OneArcPerCargoClassWithItsTariff) {
  Dataset ds = WithBulk();
  Rate r;
  r.scope = "mode:rail_1520";
  r.mode = Mode::kRail1520;
  r.cargo_type = CargoType::kDryBulk;
  r.factor = 0.5;
  ds.rates.push_back(r);
  auto net = BuildNetwork(ds);
  ASSERT_TRUE(net.ok()) << net.status().ToString();
  const auto arcs = ArcsOfLink(*net, "r1", false);
  ASSERT_EQ(arcs.size(), 2u);  // dry bulk, and every other cargo type
  const double tariff = 1.0 + 0.02 * 1500;
  const double fee = 5.0;  // r1 enters crossing XR: the fee is not scaled
  for (std::size_t a : arcs) {
    const bool bulk = net->arc_cargo[a].contains(CargoType::kDryBulk);
    EXPECT_NE(bulk, net->arc_cargo[a].contains(CargoType::kContainer));
    EXPECT_NEAR(net->arc_money_usd_per_t[a], (bulk ? 0.5 : 1.0) * tariff + fee, 1e-9);
    EXPECT_EQ(net->CommodityMayUse(CommodityId(bulk ? 1 : 0), ArcId(static_cast<int>(a))), true);
    EXPECT_EQ(net->CommodityMayUse(CommodityId(bulk ? 0 : 1), ArcId(static_cast<int>(a))), false);
  }
  // Links of other modes keep one arc.
  EXPECT_EQ(ArcsOfLink(*net, "d1", false).size(), 1u);
  // The link's capacity still covers both parallel arcs.
  const std::size_t res = ResourceOf(*net, "link r1 A->X");
  EXPECT_EQ(net->resource_begin[res + 1] - net->resource_begin[res], 2);
}

TEST(CargoRates, ElementRateBeatsModeRate) {
  Dataset ds = WithBulk();
  Rate mode_rate;
  mode_rate.scope = "mode:rail_1520";
  mode_rate.mode = Mode::kRail1520;
  mode_rate.cargo_type = CargoType::kDryBulk;
  mode_rate.factor = 0.5;
  Rate link_rate;
  link_rate.scope = "link:r1";
  link_rate.element = {RefKind::kLink, "r1", Direction::kBoth};
  link_rate.cargo_type = CargoType::kDryBulk;
  link_rate.factor = 2.0;
  ds.rates = {mode_rate, link_rate};
  auto net = BuildNetwork(ds);
  ASSERT_TRUE(net.ok());
  for (std::size_t a : ArcsOfLink(*net, "r1", true)) {
    if (!net->arc_cargo[a].contains(CargoType::kDryBulk)) continue;
    EXPECT_NEAR(net->arc_money_usd_per_t[a], 2.0 * (1.0 + 0.02 * 1500), 1e-9);  // reverse: no gate
  }
}

TEST(DefinedResources, CargoRestrictedResourceCountsOnlyItsCargo) {
  Dataset ds = WithBulk();
  ResourceDef slots;
  slots.id = "XR_BULK";
  slots.kind = "slots";
  slots.members = {{RefKind::kCrossing, "XR", Direction::kBoth}};
  slots.cargo = CargoSet();
  slots.cargo.insert(CargoType::kDryBulk);
  slots.capacity_t_per_year = 3e5;
  ds.resources.push_back(slots);
  auto net = BuildNetwork(ds);
  ASSERT_TRUE(net.ok());
  const std::size_t r = ResourceOf(*net, "slots XR_BULK");
  EXPECT_EQ(net->resource_kind[r], ResourceKind::kDefined);
  ASSERT_GT(net->resource_begin[r + 1], net->resource_begin[r]);
  for (auto i = net->resource_begin[r]; i < net->resource_begin[r + 1]; ++i) {
    const std::size_t a = net->resource_arcs[static_cast<std::size_t>(i)].index();
    EXPECT_TRUE(net->arc_crossing[a].valid());
    EXPECT_TRUE(net->arc_cargo[a].contains(CargoType::kDryBulk));
    EXPECT_FALSE(net->arc_cargo[a].contains(CargoType::kContainer));
  }
}

TEST(DefinedResources, PortMemberTakesTransfersAndSeaEndpoints) {
  Dataset ds = SmallCorridor();
  ResourceDef berths;
  berths.id = "B_BERTHS";
  berths.kind = "port_berth";
  berths.members = {{RefKind::kPort, "B", Direction::kBoth}};
  berths.capacity_t_per_year = 1e5;
  ds.resources.push_back(berths);
  auto net = BuildNetwork(ds);
  ASSERT_TRUE(net.ok());
  const std::size_t r = ResourceOf(*net, "port_berth B_BERTHS");
  int transfers = 0;
  for (auto i = net->resource_begin[r]; i < net->resource_begin[r + 1]; ++i) {
    const std::size_t a = net->resource_arcs[static_cast<std::size_t>(i)].index();
    EXPECT_NE(net->arc_kind[a], ArcKind::kLink);
    EXPECT_TRUE(net->arc_modes[a].contains(Mode::kSea));
    transfers += net->arc_kind[a] == ArcKind::kTransfer;
  }
  EXPECT_EQ(transfers, 2);  // transfer t, both directions
}

TEST(Preloads, TakenOffTheCapacityNeverBelowZero) {
  Dataset ds = SmallCorridor();
  Preload on_link;
  on_link.element = {RefKind::kLink, "r1", Direction::kForward};
  on_link.tonnes_per_year = 4e5;
  Preload too_much;
  too_much.element = {RefKind::kCrossing, "XR", Direction::kBoth};
  too_much.tonnes_per_year = 5e6;  // capacity 2e6
  too_much.origin = {"background.csv", 3};
  ds.preloads = {on_link, too_much};
  auto net = BuildNetwork(ds);
  ASSERT_TRUE(net.ok());
  const std::size_t fwd = ResourceOf(*net, "link r1 A->X");
  const std::size_t back = ResourceOf(*net, "link r1 X->A");
  const std::size_t xr = ResourceOf(*net, "crossing XR");
  EXPECT_DOUBLE_EQ(net->resource_capacity_t[fwd], 6e5);
  EXPECT_DOUBLE_EQ(net->resource_preload_t[fwd], 4e5);
  EXPECT_DOUBLE_EQ(net->resource_capacity_t[back], 1e6);
  EXPECT_DOUBLE_EQ(net->resource_capacity_t[xr], 0.0);
  EXPECT_DOUBLE_EQ(net->resource_nominal_t[xr], 2e6);
  Diagnostics d;
  ValidateDataset(ds, d);
  EXPECT_FALSE(d.has_errors()) << d.ToString();
  EXPECT_NE(d.ToString().find("background.csv:3"), std::string::npos) << d.ToString();
  EXPECT_NE(d.ToString().find("more than its capacity"), std::string::npos) << d.ToString();
}

TEST(Preloads, UnknownElementsAreLocatedErrors) {
  Dataset ds = SmallCorridor();
  Preload p;
  p.element = {RefKind::kLink, "nope", Direction::kBoth};
  p.tonnes_per_year = 1;
  p.origin = {"background.csv", 7};
  ds.preloads = {p};
  Rate r;
  r.scope = "transfer:zz";
  r.element = {RefKind::kTransfer, "zz", Direction::kBoth};
  r.origin = {"rates.csv", 2};
  ds.rates = {r};
  ResourceDef res;
  res.id = "R";
  res.kind = "section";
  res.members = {{RefKind::kPort, "A", Direction::kBoth}};  // A has no sea link
  res.capacity_t_per_year = 1;
  res.origin = {"resources.csv", 4};
  ds.resources = {res};
  Diagnostics d;
  ValidateDataset(ds, d);
  const std::string text = d.ToString();
  EXPECT_NE(text.find("background.csv:7: element refers to unknown link 'nope'"), std::string::npos) << text;
  EXPECT_NE(text.find("rates.csv:2: scope refers to unknown transfer 'zz'"), std::string::npos) << text;
  EXPECT_NE(text.find("resources.csv:4: members names port 'A', but no sea link touches that node"),
            std::string::npos)
      << text;
}

TEST(ElementRefs, ParseAndFormatRoundTrip) {
  std::string error;
  for (const char* text : {"link:A_B", "link:A_B:reverse", "crossing:X", "transfer:T:forward",
                           "resource:EP", "port:VVO"}) {
    auto ref = ParseElementRef(text, &error);
    ASSERT_TRUE(ref) << text << ": " << error;
    EXPECT_EQ(FormatElementRef(*ref), text);
  }
  EXPECT_FALSE(ParseElementRef("bridge:X", &error));
  EXPECT_NE(error.find("unknown element kind 'bridge'"), std::string::npos);
  EXPECT_FALSE(ParseElementRef("crossing:X:forward", &error));
  EXPECT_FALSE(ParseElementRef("link:", &error));
  EXPECT_FALSE(ParseElementRef("link:A:sideways", &error));
}

}  // namespace
}  // namespace corridor::model
