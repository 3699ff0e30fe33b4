// A small valid dataset for model tests, and dataset helpers for tests (test-only header).
//
//   A ==rail_1520== X ==rail_1435== B ~~~~sea~~~~ P
//   A -----road---- X -----road---- B
//
// X is a border node with a rail crossing (gauge change, transfer g) and a road
// crossing; B has a rail_1435<->sea transfer. Each row's origin is the line it would
// have in the CSV file (header on line 1).
#pragma once

#include <optional>
#include <vector>

#include "model/dataset.h"

namespace corridor::model::testing {

inline ModeSet Modes(std::initializer_list<Mode> modes) {
  ModeSet s;
  for (Mode m : modes) s.insert(m);
  return s;
}

inline Dataset SmallCorridor() {
  Dataset ds;
  ds.meta.name = "small";
  ds.meta.reference_year = 2022;
  auto node = [&](const char* id, const char* country, NodeKind kind, double lat, double lon) {
    Node n;
    n.id = id;
    n.name = id;
    n.country = country;
    n.kind = kind;
    n.lat = lat;
    n.lon = lon;
    n.origin = {"nodes.csv", static_cast<int>(ds.nodes.size()) + 2};
    ds.nodes.push_back(n);
  };
  node("A", "RU", NodeKind::kHub, 52.3, 104.3);
  node("X", "RU", NodeKind::kCrossing, 49.6, 117.3);
  node("B", "CN", NodeKind::kHub, 45.8, 126.5);
  node("P", "CN", NodeKind::kPort, 31.2, 121.5);

  auto link = [&](const char* id, const char* from, const char* to, Mode mode, double km,
                  std::optional<double> cap) {
    Link l;
    l.id = id;
    l.from = from;
    l.to = to;
    l.mode = mode;
    l.distance_km = km;
    l.time_h = km / 50.0;
    l.cost_usd_per_t = 1.0;
    l.cost_usd_per_tkm = 0.02;
    l.capacity_t_per_year = cap;
    l.origin = {"links.csv", static_cast<int>(ds.links.size()) + 2};
    ds.links.push_back(l);
  };
  link("r1", "A", "X", Mode::kRail1520, 1500, 1e6);
  link("r2", "X", "B", Mode::kRail1435, 900, std::nullopt);
  link("d1", "A", "X", Mode::kRoad, 1400, std::nullopt);
  link("d2", "X", "B", Mode::kRoad, 950, std::nullopt);
  link("s1", "B", "P", Mode::kSea, 2000, 5e5);

  Crossing xr;
  xr.id = "XR";
  xr.node = "X";
  xr.modes = Modes({Mode::kRail1520, Mode::kRail1435});
  xr.capacity_t_per_year = 2e6;
  xr.dwell_standard_h = 24;
  xr.dwell_aeo_h = 12;
  xr.fee_usd_per_t = 5;
  xr.gauge_change = true;
  xr.origin = {"crossings.csv", 2};
  Crossing xd = xr;
  xd.id = "XD";
  xd.modes = Modes({Mode::kRoad});
  xd.capacity_t_per_year = std::nullopt;
  xd.gauge_change = false;
  xd.origin = {"crossings.csv", 3};
  ds.crossings = {xr, xd};

  Transfer g;
  g.id = "g";
  g.node = "X";
  g.from_mode = Mode::kRail1520;
  g.to_mode = Mode::kRail1435;
  g.cost_usd_per_t = 8;
  g.capacity_t_per_year = 1.5e6;
  g.origin = {"transfers.csv", 2};
  Transfer t = g;
  t.id = "t";
  t.node = "B";
  t.from_mode = Mode::kRail1435;
  t.to_mode = Mode::kSea;
  t.origin = {"transfers.csv", 3};
  ds.transfers = {g, t};

  Commodity c;
  c.id = "box";
  c.name = "containers";
  c.allowed_modes = Modes({Mode::kRail1520, Mode::kRail1435, Mode::kRoad, Mode::kSea});
  c.value_usd_per_t = 12000;
  c.value_of_time_usd_per_t_h = 0.5;
  c.unserved_penalty_usd_per_t = 400;
  c.aeo_share = 0.2;
  c.origin = {"commodities.csv", 2};
  ds.commodities = {c};

  auto demand = [&](const char* k, const char* o, const char* d, double t) {
    Demand row;
    row.commodity = k;
    row.origin_node = o;
    row.destination_node = d;
    row.tonnes_per_year = t;
    row.origin = {"demand.csv", static_cast<int>(ds.demand.size()) + 2};
    ds.demand.push_back(row);
  };
  demand("box", "A", "B", 1e6);
  demand("box", "A", "P", 2e5);
  demand("box", "B", "A", 3e5);
  return ds;
}

// The dataset's trade alone: the demand of background commodities and every preload
// removed (the commodities stay, with no demand).
inline Dataset TradeOnly(Dataset ds) {
  std::erase_if(ds.demand, [&](const Demand& d) {
    for (const auto& c : ds.commodities) {
      if (c.id == d.commodity) return c.background;
    }
    return false;
  });
  ds.preloads.clear();
  return ds;
}

}  // namespace corridor::model::testing
