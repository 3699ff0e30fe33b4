#include "assignment/equilibrium.h"

#include <cmath>
#include <limits>
#include <algorithm>
#include <string>

#include "assignment/problem.h"

namespace corridor::assignment {
namespace internal {

Result<Problem> Prepare(const Network& network, std::span<const DemandClass> classes,
                        const Options& options) {
  Diagnostics diag;
  if (options.threads < 1) diag.Error("", 0, "threads", "must be >= 1");
  if (options.max_iterations < 0) diag.Error("", 0, "max_iterations", "must be >= 0");
  if (!(options.target_relative_gap >= 0)) diag.Error("", 0, "target_relative_gap", "must be >= 0");
  const int m = network.link_count();
  const int n = network.node_count();
  internal::Problem p;
  p.network = &network;
  for (std::size_t k = 0; k < classes.size(); ++k) {
    const DemandClass& dc = classes[k];
    const std::string where = "class " + (dc.name.empty() ? std::to_string(k) : dc.name);
    const auto positive = [&](const char* field, double v) {
      if (!(v > 0) || !std::isfinite(v)) diag.Error("", 0, where, std::string(field) + " must be > 0");
    };
    const auto non_negative = [&](const char* field, double v) {
      if (!(v >= 0) || !std::isfinite(v)) diag.Error("", 0, where, std::string(field) + " must be >= 0");
    };
    positive("value_of_time", dc.value_of_time);
    positive("flow_weight", dc.flow_weight);
    non_negative("toll_factor", dc.toll_factor);
    non_negative("distance_factor", dc.distance_factor);
    if (!dc.link_fee.empty() && static_cast<int>(dc.link_fee.size()) != m) {
      diag.Error("", 0, where, "link_fee needs one value per link");
    }
    if (!dc.link_allowed.empty() && static_cast<int>(dc.link_allowed.size()) != m) {
      diag.Error("", 0, where, "link_allowed needs one flag per link");
    }
    for (double fee : dc.link_fee) non_negative("link_fee", fee);
    internal::ClassData c;
    c.vot = dc.value_of_time;
    c.weight = dc.flow_weight;
    c.fixed.resize(m);
    // Mis-sized fee or permission vectors are reported above; they are not read.
    const bool fees = static_cast<int>(dc.link_fee.size()) == m;
    const bool permissions = static_cast<int>(dc.link_allowed.size()) == m;
    for (int a = 0; a < m; ++a) {
      const NetworkLink& l = network.link(LinkId(a));
      const bool allowed = !permissions || dc.link_allowed[a];
      c.fixed[a] = allowed ? dc.toll_factor * l.toll + dc.distance_factor * l.length +
                                 (fees ? dc.link_fee[a] : 0.0)
                           : std::numeric_limits<double>::infinity();
    }
    // Routed entries sorted by (origin, destination); the sort is stable, so
    // repeated pairs add up in input order (deterministic). A flat array, not
    // a map of maps: no node allocation per pair.
    std::vector<OdDemand> matrix;
    matrix.reserve(dc.od.size());
    for (const OdDemand& od : dc.od) {
      if (!od.origin.valid() || od.origin.value() >= n || !od.destination.valid() ||
          od.destination.value() >= n || od.origin.value() < 0 || od.destination.value() < 0) {
        diag.Error("", 0, where, "OD pair (" + std::to_string(od.origin.value()) + ", " +
                                     std::to_string(od.destination.value()) + ") is out of range");
        continue;
      }
      if (!(od.demand >= 0) || !std::isfinite(od.demand)) {
        diag.Error("", 0, where, "demand must be finite and >= 0");
        continue;
      }
      if (od.origin == od.destination || od.demand == 0) continue;  // intrazonal: not routed
      matrix.push_back(od);
    }
    std::stable_sort(matrix.begin(), matrix.end(), [](const OdDemand& a, const OdDemand& b) {
      return a.origin < b.origin || (a.origin == b.origin && a.destination < b.destination);
    });
    for (std::size_t i = 0; i < matrix.size();) {
      internal::Origin o;
      o.node = matrix[i].origin;
      std::size_t end = i;
      while (end < matrix.size() && matrix[end].origin == o.node) ++end;
      o.destinations.reserve(end - i);  // exact unless pairs repeat
      for (std::size_t j = i; j < end;) {
        const NodeId dest = matrix[j].destination;
        double demand = 0.0;
        for (; j < end && matrix[j].destination == dest; ++j) demand += matrix[j].demand;
        o.destinations.emplace_back(dest, demand);
        p.routed_demand += demand;
      }
      p.tasks.push_back({static_cast<int>(k), static_cast<int>(c.origins.size())});
      c.origins.push_back(std::move(o));
      i = end;
    }
    p.classes.push_back(std::move(c));
  }
  if (auto s = diag.ToStatus("assignment input"); !s.ok()) return s;
  p.pool = std::make_unique<internal::WorkerPool>(options.threads);
  return p;
}

}  // namespace internal

const char* AlgorithmName(Algorithm algorithm) {
  switch (algorithm) {
    case Algorithm::kAlgorithmB: return "algorithm-b";
    case Algorithm::kFrankWolfe: return "frank-wolfe";
    case Algorithm::kConjugateFrankWolfe: return "conjugate-frank-wolfe";
    case Algorithm::kBiconjugateFrankWolfe: return "biconjugate-frank-wolfe";
  }
  return "unknown";
}

Result<Solution> Solve(const Network& network, std::span<const DemandClass> classes,
                       const Options& options) {
  const double start = internal::Now();
  auto problem = internal::Prepare(network, classes, options);
  if (!problem.ok()) return problem.status();
  internal::Progress progress;
  const Status status = options.algorithm == Algorithm::kAlgorithmB
                            ? internal::RunAlgorithmB(*problem, options, start, progress)
                            : internal::RunLinkBased(*problem, options, start, progress);
  if (!status.ok()) return status;
  Solution solution;
  solution.stop_reason = progress.stop_reason;
  solution.final = progress.log.back();
  solution.log = std::move(progress.log);
  solution.link_flow = std::move(progress.total_flow);
  solution.link_time = std::move(progress.time);
  solution.class_link_flow = std::move(progress.class_flow);
  for (std::size_t k = 0; k < problem->classes.size(); ++k) {
    std::vector<double> cost(network.link_count());
    problem->ClassCost(static_cast<int>(k), solution.link_time, cost);
    solution.class_link_cost.push_back(std::move(cost));
  }
  return solution;
}

}  // namespace corridor::assignment
