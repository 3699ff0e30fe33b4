// The "plan" run kind (docs/http_api.md): `corridor plan` as a background run.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "api/run_work.h"
#include "core/status.h"
#include "engine/engine.h"
#include "plan/planner.h"
#include "store/store.h"

namespace corridor::api {

// Options of a plan run: budget_usd, time_limit_s (default 300), discount_rate,
// values (bool) and projects (the projects CSV text). `projects_required` = false
// accepts options without the CSV (it is added from the dataset's folder).
Status ReadPlanSettings(const nlohmann::json& options, plan::PlanOptions& out,
                        std::string* projects_text, bool projects_required);

// Adds options["projects"] from the dataset's stored projects.csv (kept beside its
// files at import) when the request has none.
Status AddDatasetProjects(nlohmann::json& options,
                          const std::map<std::string, std::string>& dataset_files);

// FNV-1a 64 hex of a projects file (recorded with the run's options).
std::string ProjectsHash(const std::string& text);

double PlanWallLimitSeconds(const nlohmann::json& options);

Result<store::RunResults> RunPlanJob(const RunJob& job, const engine::RunControl& control,
                                     Diagnostics& diags);

}  // namespace corridor::api
