// Results of `corridor plan` (plan_result.json, docs/results.md) and `corridor mcnd`.
#pragma once

#include <string>
#include <vector>

#include "core/status.h"
#include "mcf/design.h"
#include "plan/planner.h"
#include "plan/projects.h"
#include "report/report.h"

namespace corridor::report {

// The portfolio in build order with its proven gap, costs, benefit and check.
std::string FormatPlanSummary(const RunInfo& run, const plan::ProjectSet& projects,
                              const plan::PlanResult& plan);
// plan_result.json: format "corridor-plan-result/1".
std::string PlanResultJson(const RunInfo& run, const plan::ProjectSet& projects,
                           const plan::PlanResult& plan);
// Writes <dir>/plan_result.json (creating dir).
Status WritePlanFiles(const std::string& dir, const RunInfo& run, const plan::ProjectSet& projects,
                      const plan::PlanResult& plan);

// The findings section "Investment plan": one portfolio per entry (e.g. without and with
// a budget), with its proven gap, build order, values, cost and benefit.
struct PlanFinding {
  std::string label;  // "no budget", "budget 5 bn USD"
  const RunInfo* run = nullptr;
  const plan::ProjectSet* projects = nullptr;
  const plan::PlanResult* plan = nullptr;
};
std::string PlanFindingsMarkdown(const std::vector<PlanFinding>& plans);

std::string FormatDesignSummary(const std::string& file, const mcf::DesignSolution& s);

}  // namespace corridor::report
