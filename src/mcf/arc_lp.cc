#include "mcf/arc_lp.h"

#include <algorithm>
#include <cmath>
#include <utility>

#include "lp/lp.h"
#include "mcf/checker.h"
#include "mcf/solve_common.h"

namespace corridor::mcf {
namespace {

using internal::Block;

struct BlockLayout {
  std::vector<int> node_row;  // per node: row of its conservation equation, -1 if unreachable
  std::vector<int> arcs;      // arcs of the block, in column order
  int first_col = 0;
};

struct ArcLp {
  lp::Model model;
  internal::Capacities caps;
  std::vector<int> capacity_row;  // per capacity constraint, -1 when unlimited
  std::vector<BlockLayout> layouts;
  std::vector<int> unserved_col;  // per commodity
};

std::vector<int> ReachableArcs(const Instance& inst, const Block& block,
                               const std::vector<std::vector<int>>& out_arcs,
                               std::vector<char>& reached) {
  reached.assign(static_cast<std::size_t>(inst.num_nodes), 0);
  std::vector<int> stack{block.origin.value()};
  reached[block.origin.index()] = 1;
  std::vector<int> arcs;
  while (!stack.empty()) {
    const int v = stack.back();
    stack.pop_back();
    for (int a : out_arcs[static_cast<std::size_t>(v)]) {
      if (!inst.ArcAllowed(block.class_id, ArcId(a))) continue;
      arcs.push_back(a);
      const auto w = inst.arcs[a].head.index();
      if (!reached[w]) {
        reached[w] = 1;
        stack.push_back(static_cast<int>(w));
      }
    }
  }
  std::sort(arcs.begin(), arcs.end());
  return arcs;
}

// phase_one: arc costs 0, unmet unpenalised demand costs 1 and penalised 0.
ArcLp BuildArcLp(const Instance& inst, const std::vector<Block>& blocks, bool phase_one) {
  ArcLp lp;
  std::vector<std::vector<int>> out_arcs(static_cast<std::size_t>(inst.num_nodes));
  for (int a = 0; a < inst.num_arcs(); ++a) out_arcs[inst.arcs[a].tail.index()].push_back(a);
  lp.caps = internal::MakeCapacities(inst);
  lp.capacity_row.assign(static_cast<std::size_t>(lp.caps.size()), -1);
  for (int c = 0; c < lp.caps.size(); ++c) {
    if (std::isfinite(lp.caps.capacity[c])) {
      lp.capacity_row[c] = lp.model.AddRow(-lp::kInfinity, lp.caps.capacity[c]);
    }
  }
  std::vector<char> reached;
  lp.layouts.resize(blocks.size());
  std::vector<std::vector<int>> block_arcs(blocks.size());
  for (std::size_t b = 0; b < blocks.size(); ++b) {
    block_arcs[b] = ReachableArcs(inst, blocks[b], out_arcs, reached);
    BlockLayout& layout = lp.layouts[b];
    layout.node_row.assign(static_cast<std::size_t>(inst.num_nodes), -1);
    std::vector<double> rhs(static_cast<std::size_t>(inst.num_nodes), 0.0);
    for (int k : blocks[b].commodities) {
      const Commodity& c = inst.commodities[k];
      if (!reached[c.destination.index()]) continue;
      rhs[c.origin.index()] += c.demand;
      rhs[c.destination.index()] -= c.demand;
    }
    for (int v = 0; v < inst.num_nodes; ++v) {
      if (reached[v]) layout.node_row[v] = lp.model.AddRow(rhs[v], rhs[v]);
    }
  }
  for (std::size_t b = 0; b < blocks.size(); ++b) {
    BlockLayout& layout = lp.layouts[b];
    layout.first_col = lp.model.num_cols();
    layout.arcs = std::move(block_arcs[b]);
    std::vector<int> rows;
    std::vector<double> values;
    for (int a : layout.arcs) {
      const Arc& arc = inst.arcs[a];
      rows = {layout.node_row[arc.tail.index()], layout.node_row[arc.head.index()]};
      values = {1.0, -1.0};
      for (int c : lp.caps.OfArc(a)) {
        rows.push_back(lp.capacity_row[c]);
        values.push_back(1.0);
      }
      const double cost = phase_one ? 0.0 : inst.ArcCost(blocks[b].class_id, ArcId(a));
      lp.model.AddColumn(cost, 0.0, lp::kInfinity, rows, values);
    }
  }
  lp.unserved_col.assign(inst.commodities.size(), -1);
  for (std::size_t b = 0; b < blocks.size(); ++b) {
    const BlockLayout& layout = lp.layouts[b];
    for (int k : blocks[b].commodities) {
      const Commodity& c = inst.commodities[k];
      const int dest_row = layout.node_row[c.destination.index()];
      if (dest_row < 0) continue;  // unreachable: handled by the caller
      double cost = 0.0;
      double upper = c.demand;
      if (phase_one) {
        cost = c.unserved_penalty ? 0.0 : 1.0;
      } else if (c.unserved_penalty) {
        cost = *c.unserved_penalty;
      } else {
        upper = 0.0;
      }
      const int rows[2] = {layout.node_row[c.origin.index()], dest_row};
      const double values[2] = {1.0, -1.0};
      lp.unserved_col[k] = lp.model.AddColumn(cost, 0.0, upper, rows, values);
    }
  }
  return lp;
}

// Splits the flow of one block into paths of its commodities. Zero-cost cycles met
// on the way are cancelled.
void DecomposeBlock(const Instance& inst, const Block& block, const BlockLayout& layout,
                    std::span<const double> x, Solution& sol) {
  const int n = inst.num_nodes;
  std::vector<std::vector<std::pair<int, double>>> out(static_cast<std::size_t>(n));  // (arc, flow)
  double scale = 1.0;
  std::vector<std::vector<int>> waiting(static_cast<std::size_t>(n));  // commodities per dest
  std::vector<double> need(inst.commodities.size(), 0.0);
  for (int k : block.commodities) {
    const double served = inst.commodities[k].demand - sol.commodities[k].unserved;
    scale = std::max(scale, inst.commodities[k].demand);
    if (served <= 0.0) continue;
    need[k] = served;
    waiting[inst.commodities[k].destination.index()].push_back(k);
  }
  const double eps = 1e-10 * scale;
  for (std::size_t i = 0; i < layout.arcs.size(); ++i) {
    const double f = x[static_cast<std::size_t>(layout.first_col) + i];
    if (f > eps) out[inst.arcs[layout.arcs[i]].tail.index()].emplace_back(layout.arcs[i], f);
  }
  std::vector<std::size_t> next(static_cast<std::size_t>(n), 0);
  std::vector<int> on_stack(static_cast<std::size_t>(n), -1);
  std::vector<int> node_stack, arc_stack;  // arc_stack[i]: index into out[node_stack[i]]
  auto remaining_need = [&](int v) {
    double total = 0.0;
    for (int k : waiting[v]) total += need[k];
    return total;
  };
  for (;;) {
    bool any_need = false;
    for (int k : block.commodities) any_need |= need[k] > eps;
    if (!any_need) break;
    node_stack.assign(1, block.origin.value());
    arc_stack.clear();
    std::fill(on_stack.begin(), on_stack.end(), -1);
    on_stack[block.origin.index()] = 0;
    bool stuck = false;
    for (;;) {
      const int v = node_stack.back();
      if (node_stack.size() > 1 && remaining_need(v) > eps) break;
      auto& edges = out[static_cast<std::size_t>(v)];
      while (next[v] < edges.size() && edges[next[v]].second <= eps) ++next[v];
      if (next[v] == edges.size()) {
        stuck = true;  // numerically inconsistent flow; leave the rest to the checker
        break;
      }
      const int w = inst.arcs[edges[next[v]].first].head.value();
      arc_stack.push_back(static_cast<int>(next[v]));
      if (on_stack[w] >= 0) {  // cycle w -> ... -> v -> w: cancel it
        const std::size_t from = static_cast<std::size_t>(on_stack[w]);
        double amount = std::numeric_limits<double>::infinity();
        for (std::size_t i = from; i < node_stack.size(); ++i) {
          amount = std::min(amount, out[node_stack[i]][arc_stack[i]].second);
        }
        for (std::size_t i = from; i < node_stack.size(); ++i) {
          out[node_stack[i]][arc_stack[i]].second -= amount;
        }
        for (std::size_t i = from + 1; i < node_stack.size(); ++i) on_stack[node_stack[i]] = -1;
        node_stack.resize(from + 1);
        arc_stack.resize(from);
        continue;
      }
      on_stack[w] = static_cast<int>(node_stack.size());
      node_stack.push_back(w);
    }
    if (stuck) break;
    double amount = remaining_need(node_stack.back());
    for (std::size_t i = 0; i < arc_stack.size(); ++i) {
      amount = std::min(amount, out[node_stack[i]][arc_stack[i]].second);
    }
    PathFlow path;
    for (std::size_t i = 0; i < arc_stack.size(); ++i) {
      auto& edge = out[node_stack[i]][arc_stack[i]];
      edge.second -= amount;
      path.arcs.push_back(ArcId(edge.first));
    }
    for (int k : waiting[node_stack.back()]) {
      const double take = std::min(amount, need[k]);
      if (take <= 0.0) continue;
      need[k] -= take;
      amount -= take;
      path.flow = take;
      sol.commodities[k].paths.push_back(path);
      if (amount <= 0.0) break;
    }
  }
}

// mu >= 0 per capacity constraint from the row duals (0 for unlimited arcs).
std::vector<double> Multipliers(const ArcLp& lp, std::span<const double> duals) {
  std::vector<double> mu(lp.capacity_row.size(), 0.0);
  for (std::size_t c = 0; c < mu.size(); ++c) {
    if (lp.capacity_row[c] >= 0) mu[c] = std::max(0.0, -duals[static_cast<std::size_t>(lp.capacity_row[c])]);
  }
  return mu;
}

lp::SolveOptions LpOptions(const Options& options, double elapsed_s) {
  lp::SolveOptions lp_options;
  lp_options.time_limit_s = std::max(0.0, options.time_limit_s - elapsed_s);
  lp_options.primal_tolerance = 1e-9;
  lp_options.dual_tolerance = 1e-9;
  lp_options.log_level = options.log_level >= 2 ? 1 : 0;
  return lp_options;
}

}  // namespace

Result<Solution> SolveArcLp(const Instance& inst, const Options& options) {
  const auto start = std::chrono::steady_clock::now();
  if (Status s = inst.Validate(); !s.ok()) return s;
  Solution sol;
  sol.method = Method::kArcLp;
  sol.stats.rounds = 1;
  sol.arc_shadow_price.assign(inst.arcs.size(), 0.0);
  sol.resource_shadow_price.assign(inst.resources.size(), 0.0);
  const auto blocks = internal::MakeBlocks(inst);

  ArcLp lp = BuildArcLp(inst, blocks, /*phase_one=*/false);
  sol.stats.lp_rows = lp.model.num_rows();
  sol.stats.lp_cols = lp.model.num_cols();
  for (int row : lp.capacity_row) sol.stats.capacity_rows += row >= 0 ? 1 : 0;
  // An unpenalised commodity without any allowed path: infeasible with mu = 0.
  for (int k = 0; k < inst.num_commodities(); ++k) {
    if (lp.unserved_col[k] < 0 && !inst.commodities[k].unserved_penalty &&
        inst.commodities[k].demand > 0) {
      sol.status = SolveStatus::kInfeasible;
      sol.infeasibility_bound = InfeasibilityBound(inst, sol.arc_shadow_price, sol.resource_shadow_price);
      return internal::Finish(inst, options, std::move(sol), 0.0, start);
    }
  }
  lp::Solver solver;
  solver.Load(lp.model);
  const lp::SolveStatus lp_status = solver.Solve(LpOptions(options, internal::SecondsSince(start)));
  sol.stats.lp_iterations = solver.iterations();

  if (lp_status == lp::SolveStatus::kInfeasible) {
    ArcLp phase_one = BuildArcLp(inst, blocks, /*phase_one=*/true);
    lp::Solver certifier;
    certifier.Load(phase_one.model);
    if (certifier.Solve(LpOptions(options, internal::SecondsSince(start))) ==
        lp::SolveStatus::kOptimal) {
      internal::SplitMultipliers(inst, Multipliers(phase_one, certifier.duals()), sol);
      sol.stats.lp_iterations += certifier.iterations();
    }
    sol.status = SolveStatus::kInfeasible;
    sol.infeasibility_bound = InfeasibilityBound(inst, sol.arc_shadow_price, sol.resource_shadow_price);
    return internal::Finish(inst, options, std::move(sol), 0.0, start);
  }
  if (lp_status != lp::SolveStatus::kOptimal) {
    // Without an optimal basis the primal point may be infeasible: no flows to give.
    sol.status = lp_status == lp::SolveStatus::kTimeLimit ? SolveStatus::kTimeLimit
                                                          : SolveStatus::kNumericalFailure;
    return internal::Finish(inst, options, std::move(sol), 0.0, start);
  }

  const auto x = solver.primal();
  internal::SplitMultipliers(inst, Multipliers(lp, solver.duals()), sol);
  sol.commodities.resize(inst.commodities.size());
  for (int k = 0; k < inst.num_commodities(); ++k) {
    const int col = lp.unserved_col[k];
    sol.commodities[k].unserved = col >= 0 ? x[col] : inst.commodities[k].demand;
  }
  for (std::size_t b = 0; b < blocks.size(); ++b) DecomposeBlock(inst, blocks[b], lp.layouts[b], x, sol);
  internal::AccumulateFlows(inst, sol);
  sol.status = SolveStatus::kOptimal;
  const double bound = LagrangianBound(inst, sol.arc_shadow_price, sol.resource_shadow_price);
  return internal::Finish(inst, options, std::move(sol), bound, start);
}

}  // namespace corridor::mcf
