#include "mcf/design.h"

#include <algorithm>
#include <cmath>
#include <functional>

#include <fmt/format.h>

namespace corridor::mcf {
namespace {

constexpr double kTolerance = 1e-6;

Status Validate(const DesignInstance& inst) {
  const Instance& f = inst.flow;
  if (inst.fixed_cost.size() != f.arcs.size()) {
    return InvalidInput("network design: one fixed cost per arc expected");
  }
  for (std::size_t a = 0; a < f.arcs.size(); ++a) {
    const Arc& arc = f.arcs[a];
    if (!(arc.cost >= 0) || !(arc.capacity >= 0) || !(inst.fixed_cost[a] >= 0) ||
        !std::isfinite(arc.cost) || !std::isfinite(inst.fixed_cost[a])) {
      return InvalidInput(fmt::format("network design: arc {} needs finite costs >= 0 and a "
                                      "capacity >= 0", a + 1));
    }
    if (arc.tail.value() < 0 || arc.tail.value() >= f.num_nodes || arc.head.value() < 0 ||
        arc.head.value() >= f.num_nodes) {
      return InvalidInput(fmt::format("network design: arc {} has an unknown node", a + 1));
    }
  }
  for (const Commodity& k : f.commodities) {
    if (!(k.demand >= 0) || !std::isfinite(k.demand) || k.origin.value() < 0 ||
        k.origin.value() >= f.num_nodes || k.destination.value() < 0 ||
        k.destination.value() >= f.num_nodes) {
      return InvalidInput("network design: a commodity has an unknown node or a bad demand");
    }
  }
  return Status::Ok();
}

// Columns: x_ak at k * A + a, then y_a at K * A + a.
lp::Model BuildModel(const DesignInstance& inst, bool strong) {
  const Instance& f = inst.flow;
  const int A = f.num_arcs();
  const int K = f.num_commodities();
  const int N = f.num_nodes;
  lp::Model m;
  // Conservation rows k * N + v: out - in = supply.
  for (int k = 0; k < K; ++k) {
    const Commodity& c = f.commodities[static_cast<std::size_t>(k)];
    for (int v = 0; v < N; ++v) {
      double supply = 0.0;
      if (v == c.origin.value()) supply += c.demand;
      if (v == c.destination.value()) supply -= c.demand;
      m.AddRow(supply, supply);
    }
  }
  const int capacity_row0 = m.num_rows();
  for (int a = 0; a < A; ++a) m.AddRow(-lp::kInfinity, 0.0);
  std::vector<int> linking_row(static_cast<std::size_t>(A) * K, -1);
  if (strong) {
    for (int k = 0; k < K; ++k) {
      for (int a = 0; a < A; ++a) linking_row[static_cast<std::size_t>(k) * A + a] =
          m.AddRow(-lp::kInfinity, 0.0);
    }
  }
  for (int k = 0; k < K; ++k) {
    for (int a = 0; a < A; ++a) {
      const Arc& arc = f.arcs[static_cast<std::size_t>(a)];
      std::vector<int> rows{k * N + arc.tail.value(), k * N + arc.head.value(),
                            capacity_row0 + a};
      std::vector<double> vals{1.0, -1.0, 1.0};
      if (const int r = linking_row[static_cast<std::size_t>(k) * A + a]; r >= 0) {
        rows.push_back(r);
        vals.push_back(1.0);
      }
      m.AddColumn(arc.cost, 0.0, lp::kInfinity, rows, vals);
    }
  }
  for (int a = 0; a < A; ++a) {
    const Arc& arc = f.arcs[static_cast<std::size_t>(a)];
    const double u = std::isfinite(arc.capacity) ? arc.capacity : 0.0;
    std::vector<int> rows{capacity_row0 + a};
    std::vector<double> vals{-u};
    if (!std::isfinite(arc.capacity)) {
      double total = 0.0;
      for (const Commodity& c : f.commodities) total += c.demand;
      vals[0] = -total;
    }
    if (strong) {
      for (int k = 0; k < K; ++k) {
        rows.push_back(linking_row[static_cast<std::size_t>(k) * A + a]);
        vals.push_back(-std::min(f.commodities[static_cast<std::size_t>(k)].demand, -vals[0]));
      }
    }
    m.SetInteger(m.AddColumn(inst.fixed_cost[static_cast<std::size_t>(a)], 0.0, 1.0, rows, vals));
  }
  return m;
}

}  // namespace

Result<DesignSolution> SolveDesign(const DesignInstance& inst, const DesignOptions& options) {
  if (Status s = Validate(inst); !s.ok()) return s;
  const lp::Model model = BuildModel(inst, options.strong_linking);
  DesignSolution out;
  out.rows = model.num_rows();
  out.cols = model.num_cols();
  {
    lp::Solver relax;
    relax.Load(model);
    lp::SolveOptions lo;
    lo.time_limit_s = options.time_limit_s;
    if (relax.Solve(lo) == lp::SolveStatus::kOptimal) out.lp_bound = relax.objective();
  }
  lp::MipOptions mo;
  mo.time_limit_s = options.time_limit_s;
  mo.relative_gap = options.relative_gap;
  mo.on_progress = options.on_progress;
  mo.preprocess = options.cbc_preprocess;
  mo.heuristics = options.cbc_heuristics;
  const lp::MipResult r = lp::SolveMip(model, mo);
  out.status = r.status;
  out.has_solution = r.has_solution;
  out.objective = r.objective;
  out.best_bound = r.best_bound;
  out.relative_gap = r.relative_gap;
  out.seconds = r.seconds;
  out.nodes = r.nodes;
  if (r.has_solution) {
    const std::size_t A = inst.flow.arcs.size();
    const std::size_t K = inst.flow.commodities.size();
    out.flow.assign(r.x.begin(), r.x.begin() + static_cast<long>(A * K));
    out.open.resize(A);
    for (std::size_t a = 0; a < A; ++a) out.open[a] = r.x[K * A + a] > 0.5 ? 1 : 0;
    out.check_failures = CheckDesign(inst, out);
    out.check_passed = out.check_failures.empty();
  }
  return out;
}

std::vector<std::string> CheckDesign(const DesignInstance& inst, const DesignSolution& s) {
  std::vector<std::string> failures;
  const Instance& f = inst.flow;
  const std::size_t A = f.arcs.size();
  const std::size_t K = f.commodities.size();
  double scale = 1.0;
  for (const Commodity& c : f.commodities) scale = std::max(scale, c.demand);
  const double tol = kTolerance * scale;
  double objective = 0.0;
  std::vector<double> total(A, 0.0);
  for (std::size_t k = 0; k < K; ++k) {
    std::vector<double> balance(static_cast<std::size_t>(f.num_nodes), 0.0);
    for (std::size_t a = 0; a < A; ++a) {
      const double x = s.flow[k * A + a];
      if (x < -tol) failures.push_back(fmt::format("negative flow on arc {}", a + 1));
      balance[static_cast<std::size_t>(f.arcs[a].tail.value())] += x;
      balance[static_cast<std::size_t>(f.arcs[a].head.value())] -= x;
      total[a] += x;
      objective += f.arcs[a].cost * x;
    }
    const Commodity& c = f.commodities[k];
    balance[static_cast<std::size_t>(c.origin.value())] -= c.demand;
    balance[static_cast<std::size_t>(c.destination.value())] += c.demand;
    for (double b : balance) {
      if (std::fabs(b) > tol) {
        failures.push_back(fmt::format("commodity {}: conservation off by {:.6g}", k + 1, b));
        break;
      }
    }
  }
  for (std::size_t a = 0; a < A; ++a) {
    const double cap = s.open[a] ? f.arcs[a].capacity : 0.0;
    if (total[a] > cap + tol) {
      failures.push_back(fmt::format("arc {}: flow {:.6g} above {} capacity {:.6g}", a + 1,
                                     total[a], s.open[a] ? "its" : "the closed arc's", cap));
    }
    if (s.open[a]) objective += inst.fixed_cost[a];
  }
  if (std::fabs(objective - s.objective) > kTolerance * std::max(1.0, std::fabs(objective))) {
    failures.push_back(fmt::format("objective {:.10g} recomputed as {:.10g}", s.objective,
                                   objective));
  }
  return failures;
}

}  // namespace corridor::mcf
