// The "run" block every JSON result starts with (internal to report/).
#pragma once

#include <nlohmann/json.hpp>

#include "report/report.h"

namespace corridor::report {

nlohmann::json RunJson(const RunInfo& run);

}  // namespace corridor::report
