#include "model/generate.h"

#include <algorithm>
#include <cmath>
#include <random>
#include <string>

namespace corridor::model {
namespace {

// A small deterministic generator (splitmix64), independent of the standard
// library's distribution implementations so the same seed gives the same data anywhere.
class Rng {
 public:
  explicit Rng(std::uint64_t seed) : state_(seed) {}
  std::uint64_t Next() {
    std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  double Uniform(double lo, double hi) {
    return lo + (hi - lo) * static_cast<double>(Next() >> 11) * 0x1.0p-53;
  }
  int Int(int n) { return static_cast<int>(Next() % static_cast<std::uint64_t>(n)); }

 private:
  std::uint64_t state_;
};

}  // namespace

Dataset GenerateCorridorDataset(const GeneratorOptions& opt) {
  Dataset ds;
  ds.meta.name = "generated";
  ds.meta.reference_year = 2022;
  ds.meta.description = "generated corridor-like network";
  Rng rng(opt.seed);
  const int side = std::max(2, static_cast<int>(std::lround(std::sqrt(opt.physical_nodes / 2.0))));
  const Provenance gen{"generated", "estimate"};

  auto hub_id = [](char country, int r, int c) {
    return std::string(1, country) + std::to_string(r) + "_" + std::to_string(c);
  };
  // Countries: 'W' (RU, 1520 mm) at columns 0..side-1, 'E' (CN, 1435 mm) at side+1...
  for (char country : {'W', 'E'}) {
    const double lon0 = country == 'W' ? 100.0 : 120.0;
    for (int r = 0; r < side; ++r) {
      for (int c = 0; c < side; ++c) {
        ds.nodes.push_back({hub_id(country, r, c), hub_id(country, r, c),
                            country == 'W' ? "RU" : "CN", NodeKind::kHub, 40.0 + 0.2 * r,
                            lon0 + 0.2 * c, gen, {}});
      }
    }
  }
  int link_no = 0;
  auto add_link = [&](const std::string& a, const std::string& b, Mode mode, double km,
                      std::optional<double> cap) {
    const bool rail = mode == Mode::kRail1520 || mode == Mode::kRail1435;
    const double speed = rail ? 40.0 : mode == Mode::kRoad ? 55.0 : 25.0;
    const double per_tkm = rail ? 0.03 : mode == Mode::kRoad ? 0.09 : 0.005;
    ds.links.push_back({"L" + std::to_string(link_no++), a, b, mode, km, km / speed, 0.0,
                        per_tkm * rng.Uniform(0.8, 1.2), cap, true, gen, {}, {}});
  };
  for (char country : {'W', 'E'}) {
    const Mode rail = country == 'W' ? Mode::kRail1520 : Mode::kRail1435;
    for (int r = 0; r < side; ++r) {
      for (int c = 0; c < side; ++c) {
        const std::string here = hub_id(country, r, c);
        if (c + 1 < side) {
          const double km = rng.Uniform(150, 400);
          // Trunk rail along rows is capacitated every few rows.
          add_link(here, hub_id(country, r, c + 1), rail, km,
                   r % 3 == 0 ? std::optional<double>(rng.Uniform(5e6, 2e7)) : std::nullopt);
          add_link(here, hub_id(country, r, c + 1), Mode::kRoad, km * 0.95, std::nullopt);
        }
        if (r + 1 < side) {
          const double km = rng.Uniform(150, 400);
          add_link(here, hub_id(country, r + 1, c), rail, km, std::nullopt);
          add_link(here, hub_id(country, r + 1, c), Mode::kRoad, km * 0.95, std::nullopt);
        }
      }
    }
  }
  // Border: a crossing node every third row between the east edge of W and west edge of E.
  ModeSet rail_modes;
  rail_modes.insert(Mode::kRail1520);
  rail_modes.insert(Mode::kRail1435);
  ModeSet road_modes;
  road_modes.insert(Mode::kRoad);
  for (int r = 0; r < side; r += 3) {
    const std::string x = "X" + std::to_string(r);
    ds.nodes.push_back({x, x, "RU", NodeKind::kCrossing, 40.0 + 0.2 * r, 110.0, gen, {}});
    add_link(hub_id('W', r, side - 1), x, Mode::kRail1520, 60, std::nullopt);
    add_link(x, hub_id('E', r, 0), Mode::kRail1435, 60, std::nullopt);
    add_link(hub_id('W', r, side - 1), x, Mode::kRoad, 60, std::nullopt);
    add_link(x, hub_id('E', r, 0), Mode::kRoad, 60, std::nullopt);
    ds.crossings.push_back({x + "_RAIL", x, rail_modes,
                            opt.crossing_capacity_t * rng.Uniform(0.5, 1.5), rng.Uniform(12, 48),
                            rng.Uniform(6, 24), rng.Uniform(2, 6), 1.0, true, "", gen, {}, {}});
    ds.crossings.push_back({x + "_ROAD", x, road_modes, opt.crossing_capacity_t * 0.2,
                            rng.Uniform(24, 96), rng.Uniform(12, 48), rng.Uniform(5, 15), 1.0,
                            false, "", gen, {}, {}});
    ds.transfers.push_back({x + "_GAUGE", x, Mode::kRail1520, Mode::kRail1435, rng.Uniform(5, 15),
                            rng.Uniform(4, 12), std::nullopt, true, gen, {}});
  }
  // Ports at the south-west and south-east corners joined by sea.
  const std::string pw = hub_id('W', side - 1, side / 2);
  const std::string pe = hub_id('E', side - 1, side / 2);
  add_link(pw, pe, Mode::kSea, 2500, std::nullopt);
  ds.transfers.push_back({"PW_RAILSEA", pw, Mode::kRail1520, Mode::kSea, 8, 48, 5e6, true, gen, {}});
  ds.transfers.push_back({"PE_RAILSEA", pe, Mode::kRail1435, Mode::kSea, 8, 48, 5e6, true, gen, {}});

  ModeSet bulk;
  bulk.insert(Mode::kRail1520);
  bulk.insert(Mode::kRail1435);
  bulk.insert(Mode::kSea);
  ds.commodities = {
      {"containers", "containers", CargoType::kContainer, ModeSet::All(), 20000, 2.0, 2000, 0.2, gen, {}},
      {"bulk", "bulk", CargoType::kDryBulk, bulk, 150, 0.05, 400, 0.0, gen, {}},
      {"vehicles", "vehicles", CargoType::kVehicles, road_modes, 8000, 1.0, 1500, 0.5, gen, {}}};

  // Origin hubs, half on each side.
  std::vector<std::string> origins;
  for (int i = 0; i < std::max(2, opt.origin_hubs); ++i) {
    const char country = i % 2 == 0 ? 'W' : 'E';
    origins.push_back(hub_id(country, rng.Int(side), rng.Int(side)));
  }
  for (int i = 0; i < opt.od_pairs; ++i) {
    const std::string& o = origins[static_cast<std::size_t>(rng.Int(static_cast<int>(origins.size())))];
    const char dest_country = o[0] == 'W' ? 'E' : 'W';
    const std::string d = hub_id(dest_country, rng.Int(side), rng.Int(side));
    const auto& k = ds.commodities[static_cast<std::size_t>(i % 3)];
    ds.demand.push_back({k.id, o, d, rng.Uniform(1e4, 1e6), gen, {}});
  }
  return ds;
}

}  // namespace corridor::model
