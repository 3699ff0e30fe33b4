// Wall-clock time stamps for run records and the store.
#pragma once

#include <string>

namespace corridor {

// The current UTC time as ISO 8601, "2026-11-28T16:34:50Z".
std::string NowUtcIso8601();
// The UTC time `seconds` from now (negative: before), in the same form; such stamps
// compare in time order as strings.
std::string UtcIso8601In(long long seconds);

}  // namespace corridor
