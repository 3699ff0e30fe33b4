// JSON helpers shared by the report writers (internal to report/: only its .cc files
// include this header, so nlohmann/json stays out of the public ones).
#pragma once

#include <cmath>

#include <nlohmann/json.hpp>

#include "report/report.h"
#include "report/run_json.h"

namespace corridor::report {

// JSON has no infinity or NaN: such values are written as null.
inline nlohmann::json JsonNumber(double v) {
  return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr);
}

}  // namespace corridor::report
