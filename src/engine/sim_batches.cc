#include "engine/sim_batches.h"

#include <cmath>
#include <cstdlib>

namespace corridor::engine {
namespace {

constexpr const char* kModes[4] = {"rail", "road", "sea", "river"};

int ModeIndex(const std::string& mode) {
  for (int i = 0; i < 4; ++i) {
    if (mode == kModes[i]) return i;
  }
  return -1;
}

}  // namespace

double BatchTable::Get(const std::string& mode, model::CargoType cargo) const {
  const int m = ModeIndex(mode);
  return tonnes[m < 0 ? 0 : m][static_cast<int>(cargo)];
}

// Estimates (docs/file_formats.md): a container train of ~70 TEU at ~14 t per loaded
// TEU; a coal or ore train of ~5.5 kt; a tank train of 60 cars x 65 t; a truck 20 t
// (a car carrier 8 cars x 1.5 t); ships and barges by typical parcel size.
BatchTable DefaultBatches() {
  BatchTable t;
  // container, dry_bulk, liquid_bulk, gas, vehicles
  const double rail[] = {1000, 5500, 3900, 3000, 600};
  const double road[] = {20, 20, 20, 20, 12};
  const double sea[] = {25000, 50000, 80000, 60000, 8000};
  const double river[] = {2000, 2000, 2000, 2000, 500};
  for (int c = 0; c < model::kCargoTypeCount; ++c) {
    t.tonnes[0][c] = rail[c];
    t.tonnes[1][c] = road[c];
    t.tonnes[2][c] = sea[c];
    t.tonnes[3][c] = river[c];
  }
  return t;
}

Status ApplyBatchOverrides(const std::vector<std::string>& overrides, BatchTable& table) {
  for (const std::string& o : overrides) {
    const auto colon = o.find(':');
    const auto eq = o.find('=');
    auto bad = [&](const std::string& why) {
      return InvalidInput("--batch " + o + ": " + why + " (expected MODE:CARGO=TONNES, e.g. road:*=18)");
    };
    if (colon == std::string::npos || eq == std::string::npos || eq < colon) return bad("malformed");
    const int m = ModeIndex(o.substr(0, colon));
    if (m < 0) return bad("mode must be rail, road, sea or river");
    const std::string cargo = o.substr(colon + 1, eq - colon - 1);
    const std::string value = o.substr(eq + 1);
    char* end = nullptr;
    const double tonnes = std::strtod(value.c_str(), &end);
    if (value.empty() || *end != '\0' || !std::isfinite(tonnes) || tonnes <= 0 || tonnes > 1e6) {
      return bad("tonnes must be a number in (0, 1e6]");
    }
    if (cargo == "*") {
      for (double& v : table.tonnes[m]) v = tonnes;
      continue;
    }
    const auto type = model::ParseCargoType(cargo);
    if (!type) return bad("unknown cargo type '" + cargo + "'");
    table.tonnes[m][static_cast<int>(*type)] = tonnes;
  }
  return Status::Ok();
}

}  // namespace corridor::engine
