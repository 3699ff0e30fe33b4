// One run's work, apart from the store and the server: a RunJob holds everything a
// run solves (the dataset's file bytes, the scenario texts taken when it was queued,
// the options), and ExecuteRunJob turns it into the artifacts and summary the store
// keeps. The server calls it in a worker process (api/worker.h) or, without one, on
// a job thread; both give the same results.
#pragma once

#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "api/handlers.h"
#include "core/status.h"
#include "engine/engine.h"
#include "engine/options.h"
#include "store/store.h"

namespace corridor::api {

// The file of a dataset folder that `corridor serve --import` keeps as the dataset's
// risk model (outside the dataset's hash).
inline constexpr const char* kDatasetRiskModel = "risk.toml";

struct RunJob {
  std::string kind;          // solve | assign | compare | simulate | risk | plan
  std::string dataset_name;  // the name messages and results use
  std::shared_ptr<const Files> dataset_files;
  // (name, text) per scenario; no text = the dataset as it is ("baseline").
  std::vector<std::pair<std::string, std::optional<std::string>>> scenarios;
  nlohmann::json settings = nlohmann::json::object();  // the request's "options"
  // kind risk: the risk model's TOML text; scenarios[0] is the reference and the
  // others are the measures compared on the same draws.
  std::string risk_model;
};

// Reads the run options of the API's JSON into the CLI's settings types, with the
// same names, defaults and ranges (engine/options.h).
Status ReadSolveSettings(const nlohmann::json& options, engine::SolveSettings& s);
Status ReadAssignSettings(const nlohmann::json& options, engine::AssignSettings& s);
Status ReadRiskSettings(const nlohmann::json& options, engine::RiskSettings& s);

// The longest a run of this kind and these options may take before it is stopped from
// outside: its solvers' own time limits, with a margin (they stop themselves first).
double WallLimitSeconds(const RunJob& job);

// Runs the job; problems of its inputs go to `diags` (the Status is then not OK).
Result<store::RunResults> ExecuteRunJob(const RunJob& job, const engine::RunControl& control,
                                        Diagnostics& diags);

const char* MediaType(const std::string& name);

}  // namespace corridor::api
