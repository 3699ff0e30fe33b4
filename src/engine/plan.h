// The engine's planning entry points: `corridor plan` (plan/planner.h on a dataset,
// its scenario and a projects file) and `corridor mcnd` (mcf/design.h on a DOW file).
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/status.h"
#include "engine/engine.h"
#include "mcf/design.h"
#include "plan/planner.h"
#include "plan/projects.h"
#include "report/report.h"

namespace corridor::engine {

struct PlanRequest {
  InputRequest input;
  std::string projects_file;  // empty = <dataset>/projects.csv
  std::optional<std::string> projects_text = std::nullopt;  // in memory; names it by projects_file
  plan::PlanOptions options;
  std::vector<std::pair<std::string, std::string>> option_record;
  const RunControl* control = nullptr;
};

struct PlanRun {
  report::RunInfo run;  // with the projects file and its hash among the options
  plan::ProjectSet projects;
  plan::PlanResult plan;
};

// Reads, validates (the projects against the dataset after its scenario) and plans.
// A cancel through `control` gives a Cancelled status.
Result<PlanRun> Plan(const PlanRequest& request, Diagnostics& diagnostics);

struct McndRun {
  std::string file;
  int nodes = 0, arcs = 0, commodities = 0;
  mcf::DesignSolution solution;
};
Result<McndRun> SolveMcnd(const std::string& dow_file, const mcf::DesignOptions& options);

}  // namespace corridor::engine
