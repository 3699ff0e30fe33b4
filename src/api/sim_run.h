// The "simulate" run kind of the HTTP API (docs/http_api.md): options as the CLI's
// `corridor simulate` flags, results sim_result.json, sim_daily.csv, sim_elements.csv.
#pragma once

#include <nlohmann/json.hpp>

#include "api/run_work.h"
#include "engine/simulate.h"

namespace corridor::api {

// Options "from", "days", "replications", "seed", "warmup_days", "service",
// "erlang_k", "aeo", "green_lane_share", "delay_threshold_h", "batches".
Status ReadSimulateSettings(const nlohmann::json& options, engine::SimulateSettings& s);

Result<store::RunResults> RunSimulate(const RunJob& job, const engine::RunControl& control,
                                      Diagnostics& diags);

}  // namespace corridor::api
