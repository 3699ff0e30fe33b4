#include "core/clock.h"

#include <ctime>

namespace corridor {

std::string NowUtcIso8601() { return UtcIso8601In(0); }

std::string UtcIso8601In(long long seconds) {
  const std::time_t t = std::time(nullptr) + static_cast<std::time_t>(seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

}  // namespace corridor
