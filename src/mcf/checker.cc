#include "mcf/checker.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <queue>
#include <utility>

#include <fmt/format.h>

#include "mcf/solve_common.h"

namespace corridor::mcf {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

// Shortest-path distance for every commodity, one Dijkstra per (class, origin).
std::vector<double> CommodityDistances(const Instance& inst,
                                       const std::function<double(ClassId, ArcId)>& length) {
  std::vector<std::vector<int>> out_arcs(static_cast<std::size_t>(inst.num_nodes));
  for (int a = 0; a < inst.num_arcs(); ++a) out_arcs[inst.arcs[a].tail.index()].push_back(a);
  std::map<std::pair<int, int>, std::vector<int>> blocks;  // (class, origin) -> commodities
  for (int k = 0; k < inst.num_commodities(); ++k) {
    const Commodity& c = inst.commodities[k];
    blocks[{c.class_id.value(), c.origin.value()}].push_back(k);
  }
  std::vector<double> result(static_cast<std::size_t>(inst.num_commodities()), kInf);
  std::vector<double> dist(static_cast<std::size_t>(inst.num_nodes));
  for (const auto& [key, members] : blocks) {
    const ClassId q(key.first);
    std::fill(dist.begin(), dist.end(), kInf);
    using Entry = std::pair<double, int>;
    std::priority_queue<Entry, std::vector<Entry>, std::greater<>> heap;
    dist[static_cast<std::size_t>(key.second)] = 0.0;
    heap.emplace(0.0, key.second);
    while (!heap.empty()) {
      const auto [d, v] = heap.top();
      heap.pop();
      if (d > dist[static_cast<std::size_t>(v)]) continue;
      for (int a : out_arcs[static_cast<std::size_t>(v)]) {
        if (!inst.ArcAllowed(q, ArcId(a))) continue;
        const double nd = d + length(q, ArcId(a));
        const auto w = inst.arcs[a].head.index();
        if (nd < dist[w]) {
          dist[w] = nd;
          heap.emplace(nd, static_cast<int>(w));
        }
      }
    }
    for (int k : members) result[k] = dist[inst.commodities[k].destination.index()];
  }
  return result;
}

}  // namespace

// Multipliers of arcs with unlimited capacity are treated as 0 (any other value
// would only weaken the bound); negative ones are clamped to 0.
double LagrangianBound(const Instance& inst, std::span<const double> arc_mu,
                       std::span<const double> resource_mu) {
  const internal::Capacities caps = internal::MakeCapacities(inst);
  const std::vector<double> mu = internal::JoinMultipliers(inst, arc_mu, resource_mu);
  const auto dist = CommodityDistances(inst, [&](ClassId q, ArcId a) {
    return inst.ArcCost(q, a) + caps.ArcMultiplier(mu, a.value());
  });
  double bound = -caps.CapacityTerm(mu);
  for (int k = 0; k < inst.num_commodities(); ++k) {
    const Commodity& c = inst.commodities[k];
    if (c.demand == 0.0) continue;
    const double per_unit = c.unserved_penalty ? std::min(*c.unserved_penalty, dist[k]) : dist[k];
    bound += c.demand * per_unit;
  }
  return bound;
}

double InfeasibilityBound(const Instance& inst, std::span<const double> arc_mu,
                          std::span<const double> resource_mu) {
  const internal::Capacities caps = internal::MakeCapacities(inst);
  const std::vector<double> mu = internal::JoinMultipliers(inst, arc_mu, resource_mu);
  const auto dist =
      CommodityDistances(inst, [&](ClassId, ArcId a) { return caps.ArcMultiplier(mu, a.value()); });
  double bound = -caps.CapacityTerm(mu);
  for (int k = 0; k < inst.num_commodities(); ++k) {
    const Commodity& c = inst.commodities[k];
    if (!c.unserved_penalty) bound += c.demand * std::min(1.0, dist[k]);
  }
  return bound;
}

CheckReport CheckSolution(const Instance& inst, const Solution& sol, const Options& options) {
  CheckReport report;
  auto fail = [&](std::string message) { report.failures.push_back(std::move(message)); };
  const double tol = options.feasibility_tolerance;

  if (sol.arc_shadow_price.size() != inst.arcs.size()) {
    fail(fmt::format("{} shadow prices for {} arcs", sol.arc_shadow_price.size(), inst.arcs.size()));
    return report;
  }
  if (sol.resource_shadow_price.size() != inst.resources.size()) {
    fail(fmt::format("{} shadow prices for {} resources", sol.resource_shadow_price.size(),
                     inst.resources.size()));
    return report;
  }
  for (int a = 0; a < inst.num_arcs(); ++a) {
    if (!(sol.arc_shadow_price[a] >= -tol)) {
      fail(fmt::format("arc {}: shadow price {} is negative", a, sol.arc_shadow_price[a]));
    }
  }
  for (int r = 0; r < inst.num_resources(); ++r) {
    if (!(sol.resource_shadow_price[r] >= -tol)) {
      fail(fmt::format("resource {}: shadow price {} is negative", r, sol.resource_shadow_price[r]));
    }
  }
  if (sol.status == SolveStatus::kInfeasible) {
    report.lower_bound = InfeasibilityBound(inst, sol.arc_shadow_price, sol.resource_shadow_price);
    if (!(report.lower_bound > 0.0)) {
      fail(fmt::format("infeasibility bound {} is not positive", report.lower_bound));
    }
    report.passed = report.failures.empty();
    return report;
  }
  if (sol.commodities.size() != inst.commodities.size()) {
    fail(fmt::format("{} commodity flows for {} commodities", sol.commodities.size(),
                     inst.commodities.size()));
    return report;
  }

  std::vector<double> arc_flow(inst.arcs.size(), 0.0);
  double objective = 0.0;
  for (int k = 0; k < inst.num_commodities(); ++k) {
    const Commodity& c = inst.commodities[k];
    const CommodityFlow& f = sol.commodities[k];
    double shipped = f.unserved;
    report.min_flow = std::min(report.min_flow, f.unserved);
    if (f.unserved < -tol * std::max(1.0, c.demand)) fail(fmt::format("commodity {}: unserved {} < 0", k, f.unserved));
    if (!c.unserved_penalty && f.unserved > tol * std::max(1.0, c.demand)) {
      fail(fmt::format("commodity {}: {} unserved without a penalty", k, f.unserved));
    }
    if (c.unserved_penalty) objective += *c.unserved_penalty * f.unserved;
    for (std::size_t p = 0; p < f.paths.size(); ++p) {
      const PathFlow& path = f.paths[p];
      report.min_flow = std::min(report.min_flow, path.flow);
      if (path.flow < -tol * std::max(1.0, c.demand)) {
        fail(fmt::format("commodity {} path {}: flow {} < 0", k, p, path.flow));
      }
      NodeId at = c.origin;
      bool connected = true;
      for (ArcId a : path.arcs) {
        if (!a.valid() || a.value() < 0 || a.value() >= inst.num_arcs() ||
            inst.arcs[a.index()].tail != at || !inst.ArcAllowed(c.class_id, a)) {
          connected = false;
          break;
        }
        at = inst.arcs[a.index()].head;
        arc_flow[a.index()] += path.flow;
        objective += path.flow * inst.ArcCost(c.class_id, a);
      }
      if (!connected || at != c.destination) {
        fail(fmt::format("commodity {} path {}: not an allowed path from origin to destination", k, p));
      }
      shipped += path.flow;
    }
    const double error = std::abs(shipped - c.demand);
    report.max_demand_error = std::max(report.max_demand_error, error);
    if (error > tol * std::max(1.0, c.demand)) {
      fail(fmt::format("commodity {}: ships {} of demand {}", k, shipped, c.demand));
    }
  }
  for (int a = 0; a < inst.num_arcs(); ++a) {
    const double excess = arc_flow[a] - inst.arcs[a].capacity;
    report.max_capacity_excess = std::max(report.max_capacity_excess, excess);
    if (excess > tol * std::max(1.0, inst.arcs[a].capacity)) {
      fail(fmt::format("arc {}: flow {} exceeds capacity {}", a, arc_flow[a], inst.arcs[a].capacity));
    }
  }
  for (int r = 0; r < inst.num_resources(); ++r) {
    double flow = 0.0;
    for (ArcId a : inst.resources[r].arcs) flow += arc_flow[a.index()];
    const double capacity = inst.resources[r].capacity;
    report.max_capacity_excess = std::max(report.max_capacity_excess, flow - capacity);
    if (flow - capacity > tol * std::max(1.0, capacity)) {
      fail(fmt::format("resource {}: flow {} exceeds capacity {}", r, flow, capacity));
    }
  }
  report.objective_recomputed = objective;
  if (std::abs(objective - sol.objective) > 1e-9 * std::max(1.0, std::abs(objective)) + 1e-9) {
    fail(fmt::format("objective {} differs from the recomputed {}", sol.objective, objective));
  }
  report.lower_bound = LagrangianBound(inst, sol.arc_shadow_price, sol.resource_shadow_price);
  report.relative_gap = (objective - report.lower_bound) / std::max(1.0, std::abs(objective));
  // A bound above the objective (beyond rounding) means the flows or the bound are wrong.
  if (report.relative_gap < -options.gap_tolerance) {
    fail(fmt::format("Lagrangian bound {} exceeds the objective {}", report.lower_bound, objective));
  }
  if (sol.status == SolveStatus::kOptimal && report.relative_gap > options.gap_tolerance) {
    fail(fmt::format("relative gap {} exceeds the tolerance {}", report.relative_gap,
                     options.gap_tolerance));
  }
  report.passed = report.failures.empty();
  return report;
}

}  // namespace corridor::mcf
