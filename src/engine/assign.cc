#include "engine/assign.h"

#include <chrono>

namespace corridor::engine {

report::AssignReport AssignResult::Report() const {
  return {run, &network, &problem, &equilibrium, &system_optimum_lp};
}

Result<AssignResult> Assign(const AssignRequest& request, Diagnostics& diags) {
  const auto start = std::chrono::steady_clock::now();
  auto prepared = Prepare(request.input, request.option_record, diags);
  if (!prepared.ok()) return prepared.status();

  AssignResult result;
  result.run = std::move(prepared->run);
  result.network = std::move(prepared->network);
  auto problem = assignment::BuildCorridorProblem(result.network);
  if (!problem.ok()) return problem.status();
  result.problem = std::move(problem).value();
  auto eq = assignment::SolveCorridorEquilibrium(result.network, result.problem, request.options);
  if (!eq.ok()) return eq.status();
  result.equilibrium = std::move(eq).value();

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
