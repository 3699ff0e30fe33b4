// Generated corridor-like datasets for benchmarks and scaling tests.
//
// Two countries side by side, each a grid of hubs joined by rail (1520 mm in the west
// country "RU", 1435 mm in the east country "CN") and road; a border column of crossing
// nodes with capacitated rail and road crossings and a gauge-change transfer; a port
// on each side joined by a sea leg. Demand flows both ways between hubs drawn from a
// limited set of origin hubs (freight starts at major hubs), for three commodities
// (containers, bulk on rail only, road-only vehicles). Deterministic for a given seed.
#pragma once

#include <cstdint>

#include "model/dataset.h"

namespace corridor::model {

struct GeneratorOptions {
  int physical_nodes = 100;     // approximate; rounded to two square grids + border
  int od_pairs = 10;            // demand rows (commodity, origin, destination)
  int origin_hubs = 20;         // distinct origins demand is drawn from
  double crossing_capacity_t = 2e6;
  std::uint64_t seed = 1;
};

Dataset GenerateCorridorDataset(const GeneratorOptions& options);

}  // namespace corridor::model
