// Batch sizes of the simulation: tonnes per train, truck, ship or barge by mode and
// cargo type (docs/file_formats.md, "Batch sizes"; overridable with --batch).
#pragma once

#include <string>
#include <vector>

#include "core/status.h"
#include "model/mode.h"

namespace corridor::engine {

// The simulation's mode of an element: "rail", "road", "sea", "river".
struct BatchTable {
  // tonnes[mode][cargo]
  double tonnes[4][model::kCargoTypeCount] = {};
  double Get(const std::string& mode, model::CargoType cargo) const;
};

BatchTable DefaultBatches();
// Applies "mode:cargo=tonnes" overrides ("road:*=18" for every cargo type).
Status ApplyBatchOverrides(const std::vector<std::string>& overrides, BatchTable& table);

}  // namespace corridor::engine
