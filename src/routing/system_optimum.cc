#include "routing/system_optimum.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <map>
#include <numeric>
#include <optional>
#include <utility>

#include "lp/lp.h"
#include "mcf/column_generation.h"
#include "routing/block_flow.h"
#include "routing/lp_build.h"

namespace corridor::routing {

const char* SolveStatusName(SolveStatus status) {
  switch (status) {
    case SolveStatus::kOptimal: return "optimal";
    case SolveStatus::kTimeLimit: return "time_limit";
    case SolveStatus::kIterationLimit: return "iteration_limit";
    case SolveStatus::kNumericalFailure: return "numerical_failure";
  }
  return "unknown";
}

const char* MethodName(Method method) {
  switch (method) {
    case Method::kAuto: return "auto";
    case Method::kLp: return "lp";
    case Method::kColumnGeneration: return "column_generation";
  }
  return "unknown";
}

namespace {

using namespace detail;  // NOLINT: the LP layout shared with resolver.cc

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kFlowEpsilonRelative = 1e-9;   // of the block's demand
constexpr double kRangingTolerance = 1e-9;      // relative, on objective values
constexpr double kRangingPrecision = 0.01;      // relative, on price_holds_for_t
constexpr int kMaxBisections = 12;
constexpr double kLongestTimeLimitS = 1e9;  // keeps the deadline arithmetic finite

Status ValidateInput(const model::Network& net, const Options& options) {
  if (net.vnode_count() == 0) return InvalidInput("system optimum: the network is empty");
  if (!(options.time_limit_s > 0.0) || !(options.check_gap_tolerance > 0.0) ||
      !(options.feasibility_tolerance > 0.0) || options.ranging_top_n < 0 ||
      options.cg_min_lp_columns < 0) {
    return InvalidInput(
        "system optimum: time limit and tolerances must be > 0, ranging_top_n and "
        "cg_min_lp_columns >= 0");
  }
  for (const model::Commodity& c : net.commodities) {
    if (!std::isfinite(c.unserved_penalty_usd_per_t) || c.unserved_penalty_usd_per_t < 0.0 ||
        !std::isfinite(c.value_of_time_usd_per_t_h) || c.value_of_time_usd_per_t_h < 0.0) {
      return InvalidInput("system optimum: commodity " + c.id +
                          " needs a finite, non-negative penalty and value of time");
    }
  }
  for (std::size_t a = 0; a < net.arc_count(); ++a) {
    for (double v : {net.arc_money_usd_per_t[a], net.arc_time_h[a], net.arc_dwell_standard_h[a],
                     net.arc_dwell_aeo_h[a]}) {
      if (!std::isfinite(v) || v < 0.0) {
        return InvalidInput("system optimum: " + net.ArcLabel(ArcId(static_cast<int>(a))) +
                            " has a negative or non-finite cost or time");
      }
    }
  }
  for (const model::OdDemand& d : net.demand) {
    if (!d.commodity.valid() || d.commodity.index() >= net.commodities.size() ||
        !net.source_of[d.origin.index()].valid() || !net.sink_of[d.destination.index()].valid()) {
      return InvalidInput("system optimum: a demand row has no commodity, source or sink");
    }
  }
  return Status::Ok();
}

// The answer of either method before post-processing: per block its arc flows (any
// order, an arc at most once), per demand row its unserved tonnes.
struct RawFlows {
  std::vector<BlockFlow> blocks;  // parallel to the blocks
  std::vector<double> unserved_t;  // parallel to Network::demand
};

RawFlows LpFlows(const model::Network& net, const std::vector<Block>& blocks, const LpLayout& lay,
                std::span<const double> x) {
  RawFlows raw;
  for (const Block& b : blocks) {
    BlockFlow flow{b.commodity, b.origin, b.arcs, {}};
    flow.flow_t.assign(x.begin() + b.first_arc_col,
                       x.begin() + b.first_arc_col + static_cast<std::ptrdiff_t>(b.arcs.size()));
    raw.blocks.push_back(std::move(flow));
  }
  for (std::size_t i = 0; i < net.demand.size(); ++i) {
    raw.unserved_t.push_back(x[static_cast<std::size_t>(lay.unserved_col[i])]);
  }
  return raw;
}

// Block flows, unserved tonnes, totals and per-OD figures from either method's answer.
void FillFlows(const model::Network& net, const std::vector<Block>& blocks, RawFlows raw,
               Solution& sol) {
  const std::size_t m = net.arc_count();
  sol.arc_flow_t.assign(m, 0.0);
  sol.commodity_arc_flow_t.assign(net.commodities.size() * m, 0.0);
  sol.od.assign(net.demand.size(), OdResult{});

  for (std::size_t bi = 0; bi < blocks.size(); ++bi) {
    const Block& b = blocks[bi];
    const model::Commodity& commodity = net.commodities[b.commodity.index()];
    BlockFlow flow{b.commodity, b.origin, {}, {}};
    const BlockFlow& raw_flow = raw.blocks[bi];
    // LP noise is dropped relative to the block's own demand: relative to the largest
    // demand of the network it swallowed whole blocks (1 t beside 1e9 t).
    double block_demand = 0.0;
    for (std::size_t i : b.od) block_demand += net.demand[i].tonnes_per_year;
    const double epsilon = kFlowEpsilonRelative * std::max(1.0, block_demand);
    for (std::size_t i = 0; i < raw_flow.arcs.size(); ++i) {
      if (raw_flow.flow_t[i] > epsilon) {
        flow.arcs.push_back(raw_flow.arcs[i]);
        flow.flow_t.push_back(raw_flow.flow_t[i]);
      }
    }
    CancelCycles(net, flow);

    double block_penalty = 0.0;
    for (std::size_t i : b.od) {
      const double demand = net.demand[i].tonnes_per_year;
      double u = std::clamp(raw.unserved_t[i], 0.0, demand);
      if (u < epsilon) u = 0.0;
      if (u > demand - epsilon) u = demand;
      sol.od[i].unserved_t = u;
      sol.od[i].served_t = demand - u;
      block_penalty += commodity.unserved_penalty_usd_per_t * u;
    }
    sol.penalty_usd += block_penalty;

    // Totals, and per-destination sums through the exact decomposition.
    const std::vector<VNodeId> sinks = BlockSinks(net, b);
    const std::vector<double> share = DestinationShares(net, flow, sinks);
    const std::size_t nd = sinks.size();
    std::vector<double> arriving(nd, 0.0), money(nd, 0.0), hours(nd, 0.0), tonne_km(nd, 0.0);
    for (std::size_t i = 0; i < flow.arcs.size(); ++i) {
      const ArcId a = flow.arcs[i];
      const double f = flow.flow_t[i];
      const double arc_money = net.arc_money_usd_per_t[a.index()];
      const double arc_hours = net.TimeHours(b.commodity, a);
      const double arc_km = net.arc_distance_km[a.index()];
      sol.arc_flow_t[a.index()] += f;
      sol.commodity_arc_flow_t[b.commodity.index() * m + a.index()] += f;
      sol.money_usd += arc_money * f;
      sol.time_value_usd += commodity.value_of_time_usd_per_t_h * arc_hours * f;
      for (std::size_t j = 0; j < nd; ++j) {
        const double fj = f * share[i * nd + j];
        money[j] += arc_money * fj;
        hours[j] += arc_hours * fj;
        tonne_km[j] += arc_km * fj;
        if (net.arc_head[a.index()] == sinks[j]) arriving[j] += fj;
      }
    }
    // Demand rows to the same destination share its figures by served tonnes.
    std::vector<double> served_to(nd, 0.0);
    auto sink_index = [&](std::size_t i) {
      const VNodeId sink = net.sink_of[net.demand[i].destination.index()];
      return static_cast<std::size_t>(std::lower_bound(sinks.begin(), sinks.end(), sink) -
                                      sinks.begin());
    };
    for (std::size_t i : b.od) served_to[sink_index(i)] += sol.od[i].served_t;
    for (std::size_t i : b.od) {
      OdResult& r = sol.od[i];
      const std::size_t j = sink_index(i);
      if (!(r.served_t > 0.0) || !(arriving[j] > 0.0)) {
        r.avg_time_h = kNaN;
        continue;
      }
      const double part = r.served_t / served_to[j];
      r.money_usd = money[j] * part;
      r.time_value_usd = commodity.value_of_time_usd_per_t_h * hours[j] * part;
      r.tonne_km = tonne_km[j] * part;
      r.avg_time_h = hours[j] / arriving[j];
    }
    if (!flow.arcs.empty()) sol.blocks.push_back(std::move(flow));
  }
  sol.objective_usd = sol.money_usd + sol.time_value_usd + sol.penalty_usd;
}

// Resource figures; shadow_price per resource (>= 0, or NaN/negative noise read as 0).
void FillResources(const model::Network& net, std::span<const double> shadow_price,
                   Solution& sol) {
  sol.resources.assign(net.resource_count(), ResourceResult{});
  for (std::size_t r = 0; r < net.resource_count(); ++r) {
    ResourceResult& res = sol.resources[r];
    for (auto i = net.resource_begin[r]; i < net.resource_begin[r + 1]; ++i) {
      res.flow_t += sol.arc_flow_t[net.resource_arcs[static_cast<std::size_t>(i)].index()];
    }
    res.capacity_t = net.resource_capacity_t[r];
    res.utilisation = res.capacity_t > 0.0 ? res.flow_t / res.capacity_t
                      : res.flow_t > 0.0   ? std::numeric_limits<double>::infinity()
                                           : 0.0;
    res.shadow_price_usd_per_t = std::max(0.0, shadow_price[r]);
    res.price_holds_for_t = kNaN;
    res.resolved_saving_usd_per_t = kNaN;
    res.ranging_limit_t = kNaN;
  }
}

// Warm re-solves with the capacity of one resource row changed (see the header).
class Ranger {
 public:
  Ranger(lp::Solver& solver, const lp::SolveOptions& options, double objective)
      : solver_(solver), options_(options), objective_(objective) {}

  void Range(int row, double mu, double capacity, double total_demand, ResourceResult& res) {
    const double delta = capacity > 0.0 ? 0.01 * capacity : 1.0;
    const double limit = std::max({10.0 * capacity, total_demand, delta});
    const std::optional<double> first = ObjectiveWith(row, capacity + delta);
    if (first) {
      res.resolved_saving_usd_per_t = (objective_ - *first) / delta;
      std::optional<double> holds = PriceHolds(row, capacity, mu, limit, delta, *first);
      if (holds) {
        res.price_holds_for_t = *holds;
        res.ranging_limit_t = limit;
        res.ranged = true;
      } else {
        res.resolved_saving_usd_per_t = kNaN;
      }
    }
    solver_.SetRowBounds(row, -lp::kInfinity, capacity);
  }

 private:
  std::optional<double> ObjectiveWith(int row, double capacity) {
    solver_.SetRowBounds(row, -lp::kInfinity, capacity);
    if (solver_.Solve(options_) != lp::SolveStatus::kOptimal) return std::nullopt;
    return solver_.objective();
  }

  bool Linear(double mu, double extra, double objective) const {
    const double tolerance = kRangingTolerance * (std::max(1.0, std::abs(objective_)) + mu * extra);
    return std::abs(objective - (objective_ - mu * extra)) <= tolerance;
  }

  // Largest extra capacity over which the objective falls at rate mu: doubling from
  // delta while it does, then bisection; nullopt if a re-solve fails.
  std::optional<double> PriceHolds(int row, double capacity, double mu, double limit, double delta,
                                   double objective_at_delta) {
    double good = 0.0;
    double bad = kNaN;
    double extra = delta;
    std::optional<double> objective = objective_at_delta;
    while (true) {
      if (!objective) return std::nullopt;
      if (!Linear(mu, extra, *objective)) {
        bad = extra;
        break;
      }
      good = extra;
      if (extra >= limit) return good;
      extra = std::min(2.0 * extra, limit);
      objective = ObjectiveWith(row, capacity + extra);
    }
    for (int i = 0; i < kMaxBisections && bad - good > kRangingPrecision * bad; ++i) {
      const double mid = 0.5 * (good + bad);
      objective = ObjectiveWith(row, capacity + mid);
      if (!objective) return std::nullopt;
      (Linear(mu, mid, *objective) ? good : bad) = mid;
    }
    return good;
  }

  lp::Solver& solver_;
  lp::SolveOptions options_;
  double objective_;
};

// Ranges the top resources while the time limit lasts; each re-solve gets what is left.
void RangeTopResources(const model::Network& net, const LpLayout& lay, const Options& options,
                       std::chrono::steady_clock::time_point deadline, lp::Solver& solver,
                       double objective, Solution& sol) {
  std::vector<std::size_t> binding;
  for (std::size_t r = 0; r < sol.resources.size(); ++r) {
    if (lay.resource_row[r] >= 0 && sol.resources[r].shadow_price_usd_per_t > 0.0) {
      binding.push_back(r);
    }
  }
  std::stable_sort(binding.begin(), binding.end(), [&](std::size_t a, std::size_t b) {
    return sol.resources[a].shadow_price_usd_per_t > sol.resources[b].shadow_price_usd_per_t;
  });
  binding.resize(std::min(binding.size(), static_cast<std::size_t>(options.ranging_top_n)));
  double total_demand = 0.0;
  for (const model::OdDemand& d : net.demand) total_demand += d.tonnes_per_year;
  const int total = static_cast<int>(binding.size());
  int done = 0;
  for (std::size_t r : binding) {
    if (options.on_ranging && !options.on_ranging(done, total)) {
      sol.ranging_stopped = true;
      return;
    }
    ++done;
    const double left_s =
        std::chrono::duration<double>(deadline - std::chrono::steady_clock::now()).count();
    if (left_s <= 0.0) break;
    lp::SolveOptions lp_options;
    lp_options.time_limit_s = left_s;
    Ranger ranger(solver, lp_options, objective);
    ranger.Range(lay.resource_row[r], sol.resources[r].shadow_price_usd_per_t,
                 net.resource_capacity_t[r], total_demand, sol.resources[r]);
  }
  if (options.on_ranging) options.on_ranging(total, total);
}

// The network as a multicommodity flow instance (see the header, "Column generation").
mcf::Instance ToMcfInstance(const model::Network& net) {
  mcf::Instance inst;
  inst.num_nodes = static_cast<int>(net.vnode_count());
  inst.arcs.reserve(net.arc_count());
  for (std::size_t a = 0; a < net.arc_count(); ++a) {
    inst.arcs.push_back({mcf::NodeId(net.arc_tail[a].value()), mcf::NodeId(net.arc_head[a].value()),
                         0.0, mcf::kUnlimited});
  }
  for (std::size_t k = 0; k < net.commodities.size(); ++k) {
    mcf::CommodityClass cls;
    cls.arc_cost.resize(net.arc_count());
    cls.allowed.resize(net.arc_count());
    for (std::size_t a = 0; a < net.arc_count(); ++a) {
      const ArcId arc(static_cast<int>(a));
      cls.arc_cost[a] = net.GeneralisedCost(CommodityId(static_cast<int>(k)), arc);
      cls.allowed[a] = net.CommodityMayUse(CommodityId(static_cast<int>(k)), arc);
    }
    inst.classes.push_back(std::move(cls));
  }
  for (std::size_t r = 0; r < net.resource_count(); ++r) {
    mcf::Resource res;
    res.capacity = net.resource_capacity_t[r];
    for (auto i = net.resource_begin[r]; i < net.resource_begin[r + 1]; ++i) {
      res.arcs.push_back(mcf::ArcId(net.resource_arcs[static_cast<std::size_t>(i)].value()));
    }
    inst.resources.push_back(std::move(res));
  }
  for (const model::OdDemand& d : net.demand) {
    mcf::Commodity c;
    c.origin = mcf::NodeId(net.source_of[d.origin.index()].value());
    c.destination = mcf::NodeId(net.sink_of[d.destination.index()].value());
    c.demand = d.tonnes_per_year;
    c.unserved_penalty = net.commodities[d.commodity.index()].unserved_penalty_usd_per_t;
    c.class_id = mcf::ClassId(d.commodity.value());
    inst.commodities.push_back(c);
  }
  return inst;
}

SolveStatus FromMcf(mcf::SolveStatus status) {
  switch (status) {
    case mcf::SolveStatus::kOptimal: return SolveStatus::kOptimal;
    case mcf::SolveStatus::kTimeLimit: return SolveStatus::kTimeLimit;
    case mcf::SolveStatus::kIterationLimit: return SolveStatus::kIterationLimit;
    // Every demand row has a penalty, so the instance is always feasible.
    case mcf::SolveStatus::kInfeasible:
    case mcf::SolveStatus::kNumericalFailure: return SolveStatus::kNumericalFailure;
  }
  return SolveStatus::kNumericalFailure;
}

// Per block, the summed arc flows of its demand rows' paths.
RawFlows PathFlows(const model::Network& net, const std::vector<Block>& blocks,
                   const mcf::Solution& answer) {
  RawFlows raw;
  std::vector<double> flow(net.arc_count(), 0.0);
  std::vector<ArcId> touched;
  for (const Block& b : blocks) {
    for (std::size_t i : b.od) {
      for (const mcf::PathFlow& path : answer.commodities[i].paths) {
        for (mcf::ArcId a : path.arcs) {
          if (flow[a.index()] == 0.0) touched.push_back(ArcId(a.value()));
          flow[a.index()] += path.flow;
        }
      }
    }
    std::sort(touched.begin(), touched.end());
    BlockFlow block{b.commodity, b.origin, touched, {}};
    for (ArcId a : touched) {
      block.flow_t.push_back(flow[a.index()]);
      flow[a.index()] = 0.0;
    }
    touched.clear();
    raw.blocks.push_back(std::move(block));
  }
  for (const mcf::CommodityFlow& c : answer.commodities) raw.unserved_t.push_back(c.unserved);
  return raw;
}

// Column generation on the network; the caller checks the answer.
void SolveByColumnGeneration(const model::Network& net, const std::vector<Block>& blocks,
                             const Options& options, Solution& sol) {
  const mcf::Instance inst = ToMcfInstance(net);
  mcf::Options mcf_options;
  mcf_options.time_limit_s = options.time_limit_s;
  // Well inside the checker's tolerance, so the run ends at the master's LP optimum
  // (its duals are then optimal LP duals) or with a gap the checker accepts.
  mcf_options.gap_tolerance = std::min(1e-9, 0.01 * options.check_gap_tolerance);
  mcf_options.feasibility_tolerance = options.feasibility_tolerance;
  mcf_options.check = false;  // CheckSolution below checks the routing answer
  auto answer = mcf::SolveColumnGeneration(inst, mcf_options);
  sol.method = Method::kColumnGeneration;
  if (!answer.ok()) {
    sol.status = SolveStatus::kNumericalFailure;
    return;
  }
  sol.status = FromMcf(answer->status);
  sol.iterations = answer->stats.lp_iterations;
  sol.lp_rows = answer->stats.lp_rows;
  sol.lp_cols = answer->stats.lp_cols;
  if (sol.status != SolveStatus::kOptimal) return;
  FillFlows(net, blocks, PathFlows(net, blocks, *answer), sol);
  FillResources(net, answer->resource_shadow_price, sol);
}

// Checks an optimal answer (or says why there is nothing to check) and records the time.
void Finish(const model::Network& net, const Options& options,
            std::chrono::steady_clock::time_point start, Solution& sol) {
  if (sol.status == SolveStatus::kOptimal) {
    if (options.check) {
      sol.check = CheckSolution(net, sol, options.feasibility_tolerance,
                                options.check_gap_tolerance);
    } else {
      sol.check.failures = {"not checked: options.check is off"};
    }
  } else {
    sol.check.failures = {std::string("no solution to check: the solver stopped with status ") +
                          SolveStatusName(sol.status)};
  }
  sol.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

std::size_t LpColumnEstimate(const model::Network& net) {
  std::vector<Block> blocks = GroupBlocks(net);
  return PruneBlocks(net, blocks, /*keep=*/false);
}

Method SelectMethod(std::size_t lp_columns, const Options& options) {
  if (options.method != Method::kAuto) return options.method;
  return lp_columns >= static_cast<std::size_t>(options.cg_min_lp_columns)
             ? Method::kColumnGeneration
             : Method::kLp;
}

Result<Solution> SolveSystemOptimum(const model::Network& net, const Options& options) {
  const auto start = std::chrono::steady_clock::now();
  if (Status s = ValidateInput(net, options); !s.ok()) return s;

  std::vector<Block> blocks = GroupBlocks(net);
  const Method method = options.method == Method::kAuto
                            ? SelectMethod(PruneBlocks(net, blocks, /*keep=*/false), options)
                            : options.method;
  Solution sol;
  if (method == Method::kColumnGeneration) {
    SolveByColumnGeneration(net, blocks, options, sol);
    Finish(net, options, start, sol);
    return sol;
  }
  PruneBlocks(net, blocks, /*keep=*/true);
  const LpLayout lay = BuildLp(net, blocks, IndexArcResources(net));

  sol.method = Method::kLp;
  sol.lp_rows = lay.model.num_rows();
  sol.lp_cols = lay.model.num_cols();
  lp::Solver solver;
  solver.Load(lay.model);
  lp::SolveOptions lp_options;
  lp_options.algorithm = lp::Algorithm::kDualSimplex;
  lp_options.time_limit_s = options.time_limit_s;
  sol.status = FromLp(solver.Solve(lp_options));
  sol.iterations = solver.iterations();

  if (sol.status == SolveStatus::kOptimal) {
    FillFlows(net, blocks, LpFlows(net, blocks, lay, solver.primal()), sol);
    FillResources(net, ResourcePrices(lay, solver.duals()), sol);
    const auto deadline = start + std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                                      std::chrono::duration<double>(std::min(options.time_limit_s, kLongestTimeLimitS)));
    RangeTopResources(net, lay, options, deadline, solver, solver.objective(), sol);
  }
  Finish(net, options, start, sol);
  return sol;
}

}  // namespace corridor::routing
