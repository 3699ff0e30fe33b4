#include "engine/assign.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>

namespace corridor::engine {

report::AssignReport AssignResult::Report() const {
  return {run, &network, &problem, &equilibrium, &system_optimum_lp};
}

namespace {

// A NaN or an overflow in the delays is a solver failure with a message, not an
// answer: the bounds of core/bounds.h should make it impossible.
Status CheckFinite(const assignment::CorridorEquilibrium& eq) {
  const auto finite = [](const std::vector<double>& v) {
    return std::all_of(v.begin(), v.end(), [](double x) { return std::isfinite(x); });
  };
  const bool ok = finite(eq.ue.link_flow) && finite(eq.ue.link_time) && finite(eq.so.link_flow) &&
                  finite(eq.so.link_time) && std::isfinite(eq.ue_measures.generalised_cost_usd) &&
                  std::isfinite(eq.so_measures.generalised_cost_usd);
  if (ok) return Status::Ok();
  return Status(StatusCode::kSolverFailure,
                "the equilibrium is not finite (NaN or overflow in the link flows or delays)");
}

}  // namespace

Result<AssignResult> Assign(const AssignRequest& request, Diagnostics& diags) {
  const auto start = std::chrono::steady_clock::now();
  const RunControl* control = request.control;
  if (control) control->Report(0.0, "loading input");
  auto prepared = Prepare(request.input, request.option_record, diags);
  if (!prepared.ok()) return prepared.status();

  AssignResult result;
  result.run = std::move(prepared->run);
  result.network = std::move(prepared->network);
  auto problem = assignment::BuildCorridorProblem(result.network);
  if (!problem.ok()) return problem.status();
  result.problem = std::move(problem).value();
  assignment::CorridorOptions options = request.options;
  if (control) {
    // Progress by iterations of each UE solve; the gap is shown as the stage.
    options.solver.on_iteration = [control, user = request.options.solver.on_iteration,
                                   max_it = std::max(options.solver.max_iterations, 1)](
                                      const assignment::IterationStats& s) {
      char stage[96];
      std::snprintf(stage, sizeof stage, "equilibrium iteration %d, relative gap %.2e",
                    s.iteration, s.relative_gap);
      control->Report(0.05 + 0.8 * std::min(1.0, static_cast<double>(s.iteration) / max_it),
                      stage);
      if (user && !user(s)) return false;
      return !control->cancelled();
    };
  }
  auto eq = assignment::SolveCorridorEquilibrium(result.network, result.problem, options);
  if (!eq.ok()) return eq.status();
  if (control && control->cancelled()) return Cancelled("cancelled during the equilibrium");
  if (Status s = CheckFinite(*eq); !s.ok()) return s;
  result.equilibrium = std::move(eq).value();
  if (control) control->Report(0.9, "solving the routing system optimum (LP)");

  routing::Options lp;
  lp.time_limit_s = request.so_time_limit_s;
  lp.ranging_top_n = 0;
  auto so = routing::SolveSystemOptimum(result.network, lp);
  if (!so.ok()) return so.status();
  result.system_optimum_lp = std::move(so).value();
  result.run.wall_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return result;
}

Result<TntpAssignResult> AssignTntp(const TntpAssignRequest& request) {
  auto instance = assignment::LoadTntpInstance(request.net_file, request.trips_file, 0.0, 0.0);
  if (!instance.ok()) return instance.status();
  TntpAssignResult result{std::move(instance).value(), {}};
  auto sol = assignment::Solve(result.instance.network, {&result.instance.demand, 1},
                               request.options);
  if (!sol.ok()) return sol.status();
  result.solution = std::move(sol).value();
  return result;
}

}  // namespace corridor::engine
