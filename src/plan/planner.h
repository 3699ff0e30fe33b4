// Investment planning: the portfolio of candidate projects that minimises annualised
// project cost plus the system-optimal routing cost (plan/gated_model.h), solved as
// one MIP with CBC (lp/mip.h), then proven and explained:
//   * the LP-relaxation bound and the MIP's proven gap;
//   * the routing of the final portfolio re-solved on the network with its changes
//     applied (routing::SolveSystemOptimum with its answer checker) and compared with
//     the MIP's routing cost;
//   * doing nothing (no project) re-solved the same way: cost and benefit;
//   * each chosen project's value: the total cost of the portfolio without it (and
//     without the projects that require it), re-solved, minus the portfolio's.
// A budget below the committed projects' capital is the status kInfeasible with its
// reason, not an error.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "lp/mip.h"
#include "model/dataset.h"
#include "plan/projects.h"

namespace corridor::plan {

struct PlanOptions {
  double discount_rate = 0.07;
  std::optional<double> budget_usd;
  double time_limit_s = 600.0;
  double relative_gap = 1e-6;
  bool project_values = true;  // re-solve without each chosen project
  bool cbc_preprocess = false;  // lp::MipOptions
  bool cbc_heuristics = false;
  // Called at stage boundaries and during the search (fraction of the run done, stage
  // name); returning false cancels (the result then has status kStopped).
  std::function<bool(double fraction, const std::string& stage)> on_progress;
};

struct ChosenProject {
  int index = 0;               // in the ProjectSet
  std::string id;
  std::string name;
  double capital_cost_usd = 0.0;
  double annualised_cost_usd = 0.0;
  int ready_year = 0;          // earliest_year + lead_time_years (0 when unknown)
  // Total yearly cost without this project (and those requiring it) minus the
  // portfolio's; NaN when not computed (time ran out).
  double value_usd = 0.0;
};

struct PlanResult {
  lp::MipStatus status = lp::MipStatus::kNumericalFailure;
  std::string reason;                 // why, for a status other than optimal
  std::vector<ChosenProject> portfolio;  // in build order (ready year, then value)
  // Yearly figures in USD.
  double objective_usd = 0.0;         // MIP: annualised project cost + routing cost
  double best_bound_usd = 0.0;
  double relative_gap = 0.0;
  double lp_bound_usd = 0.0;          // the LP relaxation
  double capital_cost_usd = 0.0;      // of the portfolio
  double annualised_cost_usd = 0.0;
  double routing_cost_usd = 0.0;      // the MIP's routing part
  double nothing_routing_cost_usd = 0.0;   // no project at all
  double benefit_usd = 0.0;           // nothing - re-solved routing cost of the portfolio
  double net_benefit_usd = 0.0;       // benefit - annualised cost
  // The portfolio's routing re-solved on its own network.
  double resolved_routing_cost_usd = 0.0;
  double resolved_relative_difference = 0.0;  // |resolved - MIP routing| / resolved
  bool routing_check_passed = false;
  std::vector<std::string> routing_check_failures;
  double unserved_t = 0.0;            // of the re-solved routing
  // Size and effort.
  int mip_rows = 0;
  int mip_cols = 0;
  int gated_arc_links = 0;
  int capacity_steps = 0;
  long nodes = 0;
  double mip_seconds = 0.0;
  double seconds = 0.0;
  std::vector<std::string> warnings;
};

// `base` is the validated dataset with its scenario applied; `projects` passed
// ValidateProjects on it.
Result<PlanResult> SolvePlan(const model::Dataset& base, const ProjectSet& projects,
                             const PlanOptions& options);

// The yearly cost of one portfolio evaluated directly: its changes applied, the
// system optimum solved (checked), plus the portfolio's annualised cost. Used for the
// project values and by the brute-force tests. NaN when the routing is not optimal.
struct PortfolioCost {
  double total_usd = 0.0;
  double routing_usd = 0.0;
  double annualised_usd = 0.0;
  double unserved_t = 0.0;
  bool check_passed = false;
  std::vector<std::string> check_failures;
};
Result<PortfolioCost> EvaluatePortfolio(const model::Dataset& base, const ProjectSet& projects,
                                        const std::vector<int>& chosen, double discount_rate,
                                        bool check, double time_limit_s);

}  // namespace corridor::plan
