#include "model/names.h"

#include <gtest/gtest.h>

#include <cmath>

namespace corridor::model {
namespace {

TEST(DisplayNames, CrossingsLinksAndNodes) {
  std::vector<Node> nodes(3);
  nodes[0].id = "ZAB_X";
  nodes[0].name = "Zabaikalsk-Manzhouli border";
  nodes[1].id = "KHV";
  nodes[1].name = "Khabarovsk";
  nodes[2].id = "USR";
  nodes[2].name = "Ussuriysk";
  const DisplayNames names(nodes);

  Crossing c;
  c.id = "ZAB_MZL_RAIL";
  c.node = "ZAB_X";
  c.modes.insert(Mode::kRail1520);
  c.modes.insert(Mode::kRail1435);
  c.name = "Zabaikalsk–Manzhouli";
  EXPECT_EQ(names.CrossingName(c), "Zabaikalsk–Manzhouli (rail)");
  c.name.clear();  // no name: the node's
  c.modes = ModeSet();
  c.modes.insert(Mode::kRoad);
  EXPECT_EQ(names.CrossingName(c), "Zabaikalsk-Manzhouli border (road)");

  Link l;
  l.id = "KHV_USR_1520";
  l.from = "KHV";
  l.to = "USR";
  l.mode = Mode::kRail1520;
  EXPECT_EQ(names.LinkName(l), "Khabarovsk – Ussuriysk (rail 1520 mm)");
  l.to = "NOWHERE";  // an unknown node reads as its id
  EXPECT_EQ(names.LinkName(l), "Khabarovsk – NOWHERE (rail 1520 mm)");
  ModeSet mixed;
  mixed.insert(Mode::kRail1435);
  mixed.insert(Mode::kSea);
  EXPECT_EQ(ModeSetLabel(mixed), "rail 1435 mm; sea");
}

TEST(LinkLine, UnwrapsOverTheAntimeridianAndFallsBackToTheNodes) {
  Link l;
  const auto straight = LinkLine(l, {10, 50}, {20, 55});
  ASSERT_EQ(straight.size(), 2u);
  EXPECT_EQ(straight[1].lon, 20);
  l.shape = {{170, 66}, {179.5, 66}, {-170, 65.8}, {-175, 60}, {160, 50}};
  const auto line = LinkLine(l, {}, {});
  ASSERT_EQ(line.size(), 5u);
  EXPECT_EQ(line[2].lon, 190);  // continues east of 180
  EXPECT_EQ(line[3].lon, 185);
  EXPECT_EQ(line[4].lon, 160);
  for (std::size_t i = 1; i < line.size(); ++i) EXPECT_LT(std::abs(line[i].lon - line[i - 1].lon), 180);
  // Great-circle distance: one degree of latitude is 111.19 km on the 6371 km sphere.
  EXPECT_NEAR(GreatCircleKm({0, 0}, {0, 1}), 111.19, 0.01);
  EXPECT_NEAR(GreatCircleKm({179.5, 0}, {-179.5, 0}), 111.19, 0.01);
}

}  // namespace
}  // namespace corridor::model
