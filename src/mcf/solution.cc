#include "mcf/solution.h"

#include <algorithm>
#include <cmath>
#include <map>

#include <fmt/format.h>

#include "mcf/checker.h"
#include "mcf/solve_common.h"

namespace corridor::mcf {

const char* SolveStatusName(SolveStatus status) {
  switch (status) {
    case SolveStatus::kOptimal: return "optimal";
    case SolveStatus::kInfeasible: return "infeasible";
    case SolveStatus::kTimeLimit: return "time_limit";
    case SolveStatus::kIterationLimit: return "iteration_limit";
    case SolveStatus::kNumericalFailure: return "numerical_failure";
  }
  return "unknown";
}

const char* MethodName(Method method) {
  switch (method) {
    case Method::kArcLp: return "arc_lp";
    case Method::kColumnGeneration: return "column_generation";
  }
  return "unknown";
}

std::vector<std::pair<ArcId, double>> CommodityArcFlows(const Solution& solution, CommodityId k) {
  std::map<ArcId, double> flows;
  for (const PathFlow& path : solution.commodities[k.index()].paths) {
    for (ArcId a : path.arcs) flows[a] += path.flow;
  }
  return {flows.begin(), flows.end()};
}

namespace internal {

std::vector<Block> MakeBlocks(const Instance& instance) {
  std::map<std::pair<int, int>, std::vector<int>> groups;
  for (int k = 0; k < instance.num_commodities(); ++k) {
    const Commodity& c = instance.commodities[k];
    groups[{c.class_id.value(), c.origin.value()}].push_back(k);
  }
  std::vector<Block> blocks;
  blocks.reserve(groups.size());
  for (auto& [key, members] : groups) {
    blocks.push_back({ClassId(key.first), NodeId(key.second), std::move(members)});
  }
  return blocks;
}

void AccumulateFlows(const Instance& instance, Solution& solution) {
  solution.arc_flow.assign(instance.arcs.size(), 0.0);
  solution.cost = 0.0;
  solution.penalty = 0.0;
  for (int k = 0; k < instance.num_commodities(); ++k) {
    const Commodity& c = instance.commodities[k];
    const CommodityFlow& f = solution.commodities[k];
    if (c.unserved_penalty) solution.penalty += *c.unserved_penalty * f.unserved;
    for (const PathFlow& path : f.paths) {
      for (ArcId a : path.arcs) {
        solution.arc_flow[a.index()] += path.flow;
        solution.cost += path.flow * instance.ArcCost(c.class_id, a);
      }
    }
  }
  solution.objective = solution.cost + solution.penalty;
}

double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

Result<Solution> Finish(const Instance& instance, const Options& options, Solution solution,
                        double lower_bound, std::chrono::steady_clock::time_point start) {
  const bool infeasible = solution.status == SolveStatus::kInfeasible;
  const bool feasible_answer = !infeasible && solution.status != SolveStatus::kNumericalFailure &&
                               solution.commodities.size() == instance.commodities.size();
  if (feasible_answer) {
    solution.lower_bound = lower_bound;
    solution.relative_gap =
        (solution.objective - lower_bound) / std::max(1.0, std::abs(solution.objective));
    if (solution.status == SolveStatus::kOptimal && solution.relative_gap > options.gap_tolerance) {
      solution.status = SolveStatus::kNumericalFailure;
    }
  }
  if (options.check && (feasible_answer || infeasible)) {
    solution.check = CheckSolution(instance, solution, options);
    if (!solution.check.passed) {
      std::string message = fmt::format("{} answer ({}) rejected by the checker:",
                                        MethodName(solution.method), SolveStatusName(solution.status));
      for (const std::string& f : solution.check.failures) message += "\n  " + f;
      return Status(StatusCode::kCheckFailed, message);
    }
  }
  solution.stats.seconds = SecondsSince(start);
  return solution;
}

}  // namespace internal
}  // namespace corridor::mcf
