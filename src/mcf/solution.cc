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

Capacities MakeCapacities(const Instance& instance) {
  Capacities caps;
  const int m = instance.num_arcs();
  caps.num_arcs = m;
  caps.capacity.reserve(static_cast<std::size_t>(m + instance.num_resources()));
  for (const Arc& arc : instance.arcs) caps.capacity.push_back(arc.capacity);
  for (const Resource& r : instance.resources) caps.capacity.push_back(r.capacity);
  caps.arc_begin.assign(static_cast<std::size_t>(m) + 1, 0);
  for (int a = 0; a < m; ++a) {
    if (std::isfinite(instance.arcs[a].capacity)) ++caps.arc_begin[a + 1];
  }
  for (const Resource& r : instance.resources) {
    for (ArcId a : r.arcs) ++caps.arc_begin[a.index() + 1];
  }
  for (int a = 0; a < m; ++a) caps.arc_begin[a + 1] += caps.arc_begin[a];
  caps.arc_constraint.resize(static_cast<std::size_t>(caps.arc_begin[m]));
  std::vector<int> fill(caps.arc_begin.begin(), caps.arc_begin.end() - 1);
  for (int a = 0; a < m; ++a) {
    if (std::isfinite(instance.arcs[a].capacity)) caps.arc_constraint[fill[a]++] = a;
  }
  for (int r = 0; r < instance.num_resources(); ++r) {
    for (ArcId a : instance.resources[r].arcs) caps.arc_constraint[fill[a.index()]++] = m + r;
  }
  return caps;
}

double Capacities::CapacityTerm(std::span<const double> mu) const {
  double sum = 0.0;
  for (int c = 0; c < size(); ++c) {
    if (mu[c] > 0.0) sum += mu[c] * capacity[c];
  }
  return sum;
}

std::vector<double> JoinMultipliers(const Instance& instance, std::span<const double> arc_mu,
                                    std::span<const double> resource_mu) {
  std::vector<double> mu(static_cast<std::size_t>(instance.num_arcs() + instance.num_resources()), 0.0);
  for (std::size_t a = 0; a < arc_mu.size() && a < instance.arcs.size(); ++a) {
    if (std::isfinite(instance.arcs[a].capacity)) mu[a] = std::max(0.0, arc_mu[a]);
  }
  for (std::size_t r = 0; r < resource_mu.size() && r < instance.resources.size(); ++r) {
    mu[instance.arcs.size() + r] = std::max(0.0, resource_mu[r]);
  }
  return mu;
}

void SplitMultipliers(const Instance& instance, std::span<const double> mu, Solution& solution) {
  const auto m = instance.arcs.size();
  solution.arc_shadow_price.assign(mu.begin(), mu.begin() + static_cast<std::ptrdiff_t>(m));
  solution.resource_shadow_price.assign(mu.begin() + static_cast<std::ptrdiff_t>(m), mu.end());
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
