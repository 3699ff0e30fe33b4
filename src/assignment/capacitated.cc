#include "assignment/capacitated.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <set>
#include <utility>

#include "assignment/problem.h"

namespace corridor::assignment {
namespace {

constexpr double kInitialBeta = 1.0;
constexpr double kMaxBeta = 100.0;
constexpr double kFirstInnerGap = 1e-4;
constexpr double kInnerGapFactor = 0.01;
// Algorithm B iterations per outer iteration at most (an inexact inner solve).
constexpr int kInnerIterations = 40;

bool HasPenalty(const CapacitatedOptions& options, std::size_t k) {
  return k < options.unserved_penalty.size() && std::isfinite(options.unserved_penalty[k]);
}

Status Validate(const Network& network, std::span<const DemandClass> classes,
                std::span<const SideConstraint> constraints, const CapacitatedOptions& options) {
  Diagnostics diag;
  if (options.solver.algorithm != Algorithm::kAlgorithmB) {
    diag.Error("", 0, "algorithm", "the capacitated equilibrium needs algorithm-b");
  }
  if (!(options.capacity_tolerance > 0.0 && options.capacity_tolerance <= 0.1)) {
    diag.Error("", 0, "capacity_tolerance", "must be in (0, 0.1]");
  }
  if (options.max_outer_iterations < 1) diag.Error("", 0, "max_outer_iterations", "must be >= 1");
  if (!options.unserved_penalty.empty() && options.unserved_penalty.size() != classes.size()) {
    diag.Error("", 0, "unserved_penalty", "needs one value per class");
  }
  for (double p : options.unserved_penalty) {
    if (!(p >= 0.0)) diag.Error("", 0, "unserved_penalty", "must be >= 0 (or +inf)");
  }
  const int m = network.link_count();
  for (std::size_t r = 0; r < constraints.size(); ++r) {
    const SideConstraint& c = constraints[r];
    const std::string where = "capacity " + (c.name.empty() ? std::to_string(r) : c.name);
    if (!(c.capacity >= 0.0) || !std::isfinite(c.capacity)) {
      diag.Error("", 0, where, "capacity must be finite and >= 0");
    }
    std::set<int> seen;
    for (LinkId a : c.links) {
      if (!a.valid() || a.value() < 0 || a.value() >= m) {
        diag.Error("", 0, where, "link " + std::to_string(a.value()) + " is out of range");
      } else if (!seen.insert(a.value()).second) {
        diag.Error("", 0, where, "link " + std::to_string(a.value()) + " is listed twice");
      }
    }
  }
  return diag.ToStatus("capacitated assignment input");
}

// The input network plus one bypass link per OD pair that some class may leave
// unserved, and the classes with closed links removed and bypass fees added.
struct Augmented {
  Network network;
  std::vector<DemandClass> classes;
  std::vector<char> bypass_class_allowed;  // per class
};

Result<Augmented> Augment(const Network& network, std::span<const DemandClass> classes,
                          std::span<const SideConstraint> constraints,
                          const CapacitatedOptions& options) {
  const int m = network.link_count();
  std::vector<char> closed(m, 0);
  for (const SideConstraint& c : constraints) {
    if (c.capacity > 0.0) continue;
    for (LinkId a : c.links) closed[a.index()] = 1;
  }
  std::vector<NetworkLink> links(network.links().begin(), network.links().end());
  std::map<std::pair<int, int>, int> bypass;
  for (std::size_t k = 0; k < classes.size(); ++k) {
    if (!HasPenalty(options, k)) continue;
    for (const OdDemand& od : classes[k].od) {
      if (od.origin == od.destination || !(od.demand > 0.0)) continue;
      const auto key = std::pair{od.origin.value(), od.destination.value()};
      if (bypass.count(key)) continue;
      bypass[key] = static_cast<int>(links.size());
      NetworkLink l;
      l.from = od.origin;
      l.to = od.destination;
      l.cost.capacity = 0.0;  // constant delay t0 = 0
      links.push_back(l);
    }
  }
  const int total = static_cast<int>(links.size());
  auto built = Network::Build(network.node_count(), std::move(links),
                              std::vector<char>(network.through_allowed().begin(),
                                                network.through_allowed().end()));
  if (!built.ok()) return built.status();
  Augmented out{std::move(built).value(), {classes.begin(), classes.end()}, {}};
  for (std::size_t k = 0; k < out.classes.size(); ++k) {
    DemandClass& c = out.classes[k];
    c.link_fee.resize(m, 0.0);
    c.link_allowed.resize(m, 1);
    c.link_fee.resize(total, HasPenalty(options, k) ? options.unserved_penalty[k] : 0.0);
    c.link_allowed.resize(total, HasPenalty(options, k) ? 1 : 0);
    for (int a = 0; a < m; ++a) {
      if (closed[a]) c.link_allowed[a] = 0;
    }
  }
  return out;
}

// Open constraints as the solver's penalty; open[r] = index of constraint r in it or -1.
internal::SidePenalty MakeSide(std::span<const SideConstraint> constraints, int link_count,
                               std::vector<int>& open) {
  internal::SidePenalty side;
  open.assign(constraints.size(), -1);
  side.begin.push_back(0);
  std::vector<int> per_link(link_count + 1, 0);
  for (std::size_t r = 0; r < constraints.size(); ++r) {
    if (!(constraints[r].capacity > 0.0)) continue;
    open[r] = side.size();
    side.capacity.push_back(constraints[r].capacity);
    for (LinkId a : constraints[r].links) {
      side.links.push_back(a.value());
      ++per_link[a.index() + 1];
    }
    side.begin.push_back(static_cast<int>(side.links.size()));
  }
  for (int a = 0; a < link_count; ++a) per_link[a + 1] += per_link[a];
  side.link_begin = per_link;
  side.link_constraints.resize(side.links.size());
  for (int r = 0; r < side.size(); ++r) {
    for (int i = side.begin[r]; i < side.begin[r + 1]; ++i) {
      side.link_constraints[per_link[side.links[i]]++] = r;
    }
  }
  side.multiplier.assign(side.size(), 0.0);
  side.rho.assign(side.size(), 0.0);
  return side;
}

struct Violations {
  double violation = 0.0;
  double complementarity = 0.0;
};

// Updates the multipliers from the loads and measures the conditions at the new ones.
Violations UpdateMultipliers(internal::SidePenalty& side, std::span<const double> load) {
  Violations v;
  for (int r = 0; r < side.size(); ++r) {
    const double c = side.capacity[r];
    side.multiplier[r] = side.Extra(r, load[r]);
    v.violation = std::max(v.violation, std::max(0.0, load[r] - c) / c);
    if (side.multiplier[r] > 0.0) {
      v.complementarity = std::max(v.complementarity, std::abs(load[r] - c) / c);
    }
  }
  return v;
}

// Per constraint: beta_r grows tenfold (up to kMaxBeta) when its violation
// (complementarity where mu_r > 0) fell by less than a factor 4.
struct Penalties {
  std::vector<double> beta, previous;

  Penalties(int size, double beta0)
      : beta(size, beta0), previous(size, std::numeric_limits<double>::infinity()) {}

  void Update(const internal::SidePenalty& side, std::span<const double> load, double tol) {
    for (int r = 0; r < side.size(); ++r) {
      const double g = (load[r] - side.capacity[r]) / side.capacity[r];
      const double v = side.multiplier[r] > 0.0 ? std::abs(g) : std::max(0.0, g);
      if (v > tol && v > 0.25 * previous[r]) beta[r] = std::min(kMaxBeta, 10.0 * beta[r]);
      previous[r] = v;
    }
  }
  void Apply(internal::SidePenalty& side, double time_scale) const {
    for (int r = 0; r < side.size(); ++r) side.rho[r] = beta[r] * time_scale / side.capacity[r];
  }
  double Largest() const { return beta.empty() ? 0.0 : *std::max_element(beta.begin(), beta.end()); }
};

struct Outcome {
  internal::Progress last;
  std::vector<IterationStats> log;
};

// Flows on the input links, unserved demand from the bypass links, queues.
CapacitatedSolution Assemble(const Network& network, const Augmented& aug,
                             const internal::Problem& problem,
                             std::span<const SideConstraint> constraints,
                             const internal::SidePenalty& side, const std::vector<int>& open,
                             Outcome& outcome) {
  const int m = network.link_count();
  CapacitatedSolution out;
  Solution& s = out.solution;
  internal::Progress& p = outcome.last;
  s.stop_reason = p.stop_reason;
  s.final = p.log.back();
  s.log = std::move(outcome.log);
  s.link_flow.assign(p.total_flow.begin(), p.total_flow.begin() + m);
  s.link_time.resize(m);
  for (int a = 0; a < m; ++a) s.link_time[a] = network.link(LinkId(a)).cost.Time(s.link_flow[a]);
  std::vector<double> queue_on_link(m, 0.0);
  out.queue_delay.assign(constraints.size(), 0.0);
  out.constraint_flow.assign(constraints.size(), 0.0);
  for (std::size_t r = 0; r < constraints.size(); ++r) {
    for (LinkId a : constraints[r].links) out.constraint_flow[r] += s.link_flow[a.index()];
    if (open[r] < 0) continue;
    out.queue_delay[r] = side.multiplier[open[r]];
    for (LinkId a : constraints[r].links) queue_on_link[a.index()] += out.queue_delay[r];
  }
  for (std::size_t k = 0; k < problem.classes.size(); ++k) {
    const internal::ClassData& c = problem.classes[k];
    const std::vector<double>& x = p.class_flow[k];
    s.class_link_flow.emplace_back(x.begin(), x.begin() + m);
    std::vector<double> cost(m);
    for (int a = 0; a < m; ++a) {
      cost[a] = c.vot * (s.link_time[a] + queue_on_link[a]) + c.fixed[a];
    }
    s.class_link_cost.push_back(std::move(cost));
    for (int b = m; b < aug.network.link_count(); ++b) {
      if (!(x[b] > 0.0)) continue;
      const NetworkLink& l = aug.network.link(LinkId(b));
      out.unserved.push_back({static_cast<int>(k), l.from, l.to, x[b]});
      out.unserved_cost += x[b] * c.fixed[b] / c.vot;
    }
  }
  return out;
}

// The inner solve of an outer iteration: at most kInnerIterations while a
// capacity is violated, the whole remaining budget once they hold.
Options InnerOptions(const CapacitatedOptions& options, double inner_gap, int used, bool feasible) {
  Options inner = options.solver;
  inner.target_relative_gap = std::max(options.solver.target_relative_gap, inner_gap);
  inner.max_iterations = std::max(0, options.solver.max_iterations - used);
  if (!feasible) inner.max_iterations = std::min(kInnerIterations, inner.max_iterations);
  if (options.solver.on_iteration) {
    // The caller sees Algorithm B iterations numbered over all outer iterations.
    inner.on_iteration = [user = options.solver.on_iteration, used](const IterationStats& s) {
      IterationStats numbered = s;
      numbered.iteration += used;
      return user(numbered);
    };
  }
  return inner;
}

// Inner iterations numbered on from the `used` ones before.
void AppendLog(const std::vector<IterationStats>& inner, int used, std::vector<IterationStats>& log) {
  for (IterationStats st : inner) {
    st.iteration += used;
    log.push_back(st);
  }
}

double FreeFlowTimeScale(const internal::Problem& problem) {
  const int m = problem.link_count();
  std::vector<double> time(m);
  for (int a = 0; a < m; ++a) time[a] = problem.network->link(LinkId(a)).cost.Time(0.0);
  auto sum = internal::AllOrNothing(problem, time, nullptr);
  if (!sum.ok() || !(problem.routed_demand > 0.0) || !(*sum > 0.0)) return 1.0;
  return *sum / problem.routed_demand;
}

}  // namespace

Result<CapacitatedSolution> SolveCapacitated(const Network& network,
                                             std::span<const DemandClass> classes,
                                             std::span<const SideConstraint> constraints,
                                             const CapacitatedOptions& options) {
  const double start = internal::Now();
  if (Status s = Validate(network, classes, constraints, options); !s.ok()) return s;
  auto aug = Augment(network, classes, constraints, options);
  if (!aug.ok()) return aug.status();
  auto problem = internal::Prepare(aug->network, aug->classes, options.solver);
  if (!problem.ok()) return problem.status();
  std::vector<int> open;
  internal::SidePenalty side = MakeSide(constraints, aug->network.link_count(), open);
  const double time_scale = FreeFlowTimeScale(*problem);
  Penalties penalties(side.size(), kInitialBeta);
  penalties.Apply(side, time_scale);
  problem->side = &side;

  internal::BushStore warm;
  Outcome outcome;
  std::vector<OuterIteration> outer_log;
  std::vector<double> load;
  int used = 0;
  double inner_gap = kFirstInnerGap;
  StopReason stop = StopReason::kIterationLimit;
  Violations v;
  for (int n = 0;; ++n) {
    const bool feasible = n > 0 && v.violation <= options.capacity_tolerance &&
                          v.complementarity <= options.capacity_tolerance;
    const Options inner = InnerOptions(options, inner_gap, used, feasible);
    internal::Progress progress;
    if (Status s = internal::RunAlgorithmB(*problem, inner, start, progress, &warm); !s.ok()) {
      return s;
    }
    const int its = progress.log.back().iteration;
    AppendLog(progress.log, used, outcome.log);
    used += its;
    side.Loads(progress.total_flow, load);
    v = UpdateMultipliers(side, load);
    const double gap = progress.log.back().relative_gap;
    outer_log.push_back({n, its, gap, v.violation, v.complementarity, penalties.Largest(),
                         internal::SecondsSince(start)});
    outcome.last = std::move(progress);
    const double tol = options.capacity_tolerance;
    if (gap <= options.solver.target_relative_gap && v.violation <= tol &&
        v.complementarity <= tol) {
      stop = StopReason::kConverged;
      break;
    }
    if (outcome.last.stop_reason == StopReason::kTimeLimit ||
        outcome.last.stop_reason == StopReason::kCancelled) {
      stop = outcome.last.stop_reason;
      break;
    }
    if (used >= options.solver.max_iterations || n + 1 >= options.max_outer_iterations) break;
    penalties.Update(side, load, options.capacity_tolerance);
    penalties.Apply(side, time_scale);
    inner_gap *= kInnerGapFactor;
  }
  CapacitatedSolution out =
      Assemble(network, *aug, *problem, constraints, side, open, outcome);
  out.stop_reason = stop;
  out.solution.stop_reason = stop;
  out.relative_gap = outer_log.back().relative_gap;
  out.max_violation = v.violation;
  out.max_complementarity = v.complementarity;
  out.outer_iterations = static_cast<int>(outer_log.size());
  out.inner_iterations = used;
  out.log = std::move(outer_log);
  return out;
}

}  // namespace corridor::assignment
