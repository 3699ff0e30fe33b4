// Wall-clock time stamps for run records and the store.
#pragma once

#include <string>

namespace corridor {

// The current UTC time as ISO 8601, "2026-11-28T16:34:50Z".
std::string NowUtcIso8601();

}  // namespace corridor
