// The HTTP API's "settle" runs (docs/http_api.md): the payments behind a scenario's
// freight netted per cycle, as `corridor settle` does, in a background job.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "api/run_work.h"

namespace corridor::api {

struct SettleSettings {
  std::string cycle = "month";  // day | week | month
  std::string level = "bank";   // party | bank | country
  bool compress = true;
  engine::SolveSettings solve;  // the routing behind the obligations
};

// "cycle", "level", "compress", and the solve options (ReadSolveSettings).
Status ReadSettleSettings(const nlohmann::json& options, SettleSettings& s);

Result<store::RunResults> RunSettle(const RunJob& job, const engine::RunControl& control,
                                    Diagnostics& diags);

}  // namespace corridor::api
