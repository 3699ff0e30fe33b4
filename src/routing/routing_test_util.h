// Small builders for test datasets and lookups in the solved network (tests only).
#pragma once

#include <gtest/gtest.h>

#include <optional>
#include <string>

#include "model/dataset.h"
#include "model/network.h"
#include "routing/system_optimum.h"

namespace corridor::routing::testing {

inline model::Node MakeNode(const std::string& id) {
  model::Node n;
  n.id = id;
  n.name = id;
  n.country = "KZ";
  return n;
}

// A one-way link with a fixed money cost per tonne.
inline model::Link MakeLink(const std::string& id, const std::string& from, const std::string& to,
                            model::Mode mode, double cost_usd_per_t, double time_h,
                            std::optional<double> capacity_t = std::nullopt,
                            double distance_km = 100.0) {
  model::Link l;
  l.id = id;
  l.from = from;
  l.to = to;
  l.mode = mode;
  l.distance_km = distance_km;
  l.time_h = time_h;
  l.cost_usd_per_t = cost_usd_per_t;
  l.capacity_t_per_year = capacity_t;
  l.both_directions = false;
  return l;
}

inline model::Commodity MakeCommodity(const std::string& id, double value_of_time,
                                      double penalty, model::ModeSet allowed = model::ModeSet::All(),
                                      double aeo_share = 0.0) {
  model::Commodity c;
  c.id = id;
  c.name = id;
  c.allowed_modes = allowed;
  c.value_of_time_usd_per_t_h = value_of_time;
  c.unserved_penalty_usd_per_t = penalty;
  c.aeo_share = aeo_share;
  return c;
}

inline model::Demand MakeDemand(const std::string& commodity, const std::string& from,
                                const std::string& to, double tonnes) {
  model::Demand d;
  d.commodity = commodity;
  d.origin_node = from;
  d.destination_node = to;
  d.tonnes_per_year = tonnes;
  return d;
}

inline model::ModeSet Modes(std::initializer_list<model::Mode> modes) {
  model::ModeSet set;
  for (model::Mode m : modes) set.insert(m);
  return set;
}

// An open crossing without capacity, fee or dwell.
inline model::Crossing MakeCrossing(const std::string& id, const std::string& node,
                                    model::ModeSet modes) {
  model::Crossing c;
  c.id = id;
  c.node = node;
  c.modes = modes;
  return c;
}

inline model::Network Build(const model::Dataset& ds) {
  auto net = model::BuildNetwork(ds);
  EXPECT_TRUE(net.ok()) << net.status().ToString();
  return std::move(net).value();
}

// Solves and asserts that the certificate passed.
inline Solution SolveChecked(const model::Network& net, const Options& options = {}) {
  auto sol = SolveSystemOptimum(net, options);
  EXPECT_TRUE(sol.ok()) << sol.status().ToString();
  Solution s = std::move(sol).value();
  EXPECT_EQ(s.status, SolveStatus::kOptimal);
  EXPECT_TRUE(s.check.passed) << ::testing::PrintToString(s.check.failures);
  EXPECT_LE(s.check.relative_gap, options.check_gap_tolerance);
  return s;
}

//        fast (road, 10 USD/t, 5 h, cap 600 t)
//   A ------------------------------------------ B
//    \                                          /
//     slow1 (road, 10 USD/t, 5 h)   slow2 (road, 10 USD/t, 5 h)
//       \                                    /
//        +---------------- C ---------------+
// Value of time 1 USD/t/h: fast costs 15 USD/t, the detour 30 USD/t. 1000 t A -> B.
inline model::Dataset TwoRoutes(double fast_capacity_t) {
  model::Dataset ds;
  ds.nodes = {MakeNode("A"), MakeNode("B"), MakeNode("C")};
  ds.links = {MakeLink("fast", "A", "B", model::Mode::kRoad, 10, 5, fast_capacity_t, 300),
              MakeLink("slow1", "A", "C", model::Mode::kRoad, 10, 5, std::nullopt, 200),
              MakeLink("slow2", "C", "B", model::Mode::kRoad, 10, 5, std::nullopt, 250)};
  ds.commodities = {MakeCommodity("box", 1.0, 1000.0)};
  ds.demand = {MakeDemand("box", "A", "B", 1000)};
  return ds;
}

// The forward arc of link `id`.
inline ArcId LinkArc(const model::Network& net, const std::string& id) {
  for (std::size_t a = 0; a < net.arc_count(); ++a) {
    if (net.arc_kind[a] == model::ArcKind::kLink && !net.arc_reverse[a] &&
        net.links[static_cast<std::size_t>(net.arc_element[a])].id == id) {
      return ArcId(static_cast<int>(a));
    }
  }
  ADD_FAILURE() << "no arc for link " << id;
  return ArcId::Invalid();
}

inline std::size_t ResourceNamed(const model::Network& net, const std::string& label) {
  for (std::size_t r = 0; r < net.resource_count(); ++r) {
    if (net.resource_label[r] == label) return r;
  }
  ADD_FAILURE() << "no resource " << label;
  return 0;
}

}  // namespace corridor::routing::testing
