#include "routing/resolver.h"

#include <chrono>
#include <cmath>
#include <string>

#include "lp/lp.h"
#include "routing/lp_build.h"

namespace corridor::routing {

struct Resolver::Workspace::State {
  lp::Solver solver;
  bool loaded = false;
  std::vector<int> moved_rows;  // bounds the last change set, to restore
  std::vector<int> moved_cols;
};

Resolver::Workspace::Workspace() : state_(std::make_unique<State>()) {}
Resolver::Workspace::~Workspace() = default;
Resolver::Workspace::Workspace(Workspace&&) noexcept = default;
Resolver::Workspace& Resolver::Workspace::operator=(Workspace&&) noexcept = default;

struct Resolver::Impl {
  const model::Network* net = nullptr;
  detail::LpLayout lay;
  std::vector<unsigned char> basis;  // of the base optimum
  Outcome base;
};

namespace {

lp::SolveOptions DualSimplex(double time_limit_s) {
  lp::SolveOptions options;
  options.algorithm = lp::Algorithm::kDualSimplex;
  options.time_limit_s = time_limit_s;
  return options;
}

Outcome Read(const model::Network& net, const detail::LpLayout& lay, const lp::Solver& solver,
             SolveStatus status) {
  Outcome out;
  out.status = status;
  out.iterations = solver.iterations();
  if (status != SolveStatus::kOptimal) return out;
  out.objective_usd = solver.objective();
  const auto x = solver.primal();
  const auto activity = solver.row_activity();
  out.unserved_t.resize(net.demand.size());
  for (std::size_t i = 0; i < net.demand.size(); ++i) {
    const double u = std::max(0.0, x[static_cast<std::size_t>(lay.unserved_col[i])]);
    out.unserved_t[i] = u;
    out.penalty_usd +=
        u * net.commodities[net.demand[i].commodity.index()].unserved_penalty_usd_per_t;
  }
  out.shadow_price = detail::ResourcePrices(lay, solver.duals());
  out.resource_flow_t.assign(net.resource_count(), 0.0);
  for (std::size_t r = 0; r < net.resource_count(); ++r) {
    const int row = lay.resource_row[r];
    if (row >= 0) out.resource_flow_t[r] = std::max(0.0, activity[static_cast<std::size_t>(row)]);
  }
  return out;
}

Status CheckChange(const model::Network& net, const Change& change) {
  if (change.capacity_t.size() != net.resource_count() ||
      change.demand_t.size() != net.demand.size()) {
    return InvalidInput("resolver: a change needs " + std::to_string(net.resource_count()) +
                        " capacities and " + std::to_string(net.demand.size()) +
                        " demands, got " + std::to_string(change.capacity_t.size()) + " and " +
                        std::to_string(change.demand_t.size()));
  }
  for (std::size_t r = 0; r < change.capacity_t.size(); ++r) {
    const double c = change.capacity_t[r];
    if (std::isnan(c) || c < 0.0) {
      return InvalidInput("resolver: capacity of " + net.resource_label[r] +
                          " must be >= 0, got " + std::to_string(c));
    }
  }
  for (std::size_t i = 0; i < change.demand_t.size(); ++i) {
    const double d = change.demand_t[i];
    if (!std::isfinite(d) || d < 0.0) {
      return InvalidInput("resolver: demand row " + std::to_string(i + 1) +
                          " must be finite and >= 0, got " + std::to_string(d));
    }
  }
  return Status::Ok();
}

// Sets the bounds of `change` on a solver holding the base model; appends the rows and
// columns whose bounds it set to `rows` and `cols`.
void Apply(const model::Network& net, const detail::LpLayout& lay, const Change& change,
           lp::Solver& solver, std::vector<int>& rows, std::vector<int>& cols) {
  for (std::size_t r = 0; r < net.resource_count(); ++r) {
    const int row = lay.resource_row[r];
    if (row >= 0 && change.capacity_t[r] != net.resource_capacity_t[r]) {
      solver.SetRowBounds(row, -lp::kInfinity, change.capacity_t[r]);
      rows.push_back(row);
    }
  }
  // Supply of every conservation row = base supply + the shift of its demand rows.
  std::vector<std::pair<int, double>> shifts;
  for (std::size_t i = 0; i < net.demand.size(); ++i) {
    const double delta = change.demand_t[i] - net.demand[i].tonnes_per_year;
    if (delta == 0.0) continue;
    shifts.emplace_back(lay.demand_source_row[i], delta);
    shifts.emplace_back(lay.demand_sink_row[i], -delta);
    solver.SetColumnBounds(lay.unserved_col[i], 0.0, change.demand_t[i]);
    cols.push_back(lay.unserved_col[i]);
  }
  std::sort(shifts.begin(), shifts.end());
  const auto& row_lower = lay.model.row_lower();
  for (std::size_t s = 0; s < shifts.size();) {
    const int row = shifts[s].first;
    double supply = row_lower[static_cast<std::size_t>(row)];
    for (; s < shifts.size() && shifts[s].first == row; ++s) supply += shifts[s].second;
    solver.SetRowBounds(row, supply, supply);
    rows.push_back(row);
  }
}

// Puts back the base model's bounds of the rows and columns a change set.
void Restore(const detail::LpLayout& lay, lp::Solver& solver, std::vector<int>& rows,
             std::vector<int>& cols) {
  const lp::Model& m = lay.model;
  for (int row : rows) {
    solver.SetRowBounds(row, m.row_lower()[static_cast<std::size_t>(row)],
                        m.row_upper()[static_cast<std::size_t>(row)]);
  }
  for (int col : cols) {
    solver.SetColumnBounds(col, m.col_lower()[static_cast<std::size_t>(col)],
                           m.col_upper()[static_cast<std::size_t>(col)]);
  }
  rows.clear();
  cols.clear();
}

}  // namespace

Resolver::Resolver(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Resolver::Resolver(Resolver&&) noexcept = default;
Resolver& Resolver::operator=(Resolver&&) noexcept = default;
Resolver::~Resolver() = default;

Result<Resolver> Resolver::Create(const model::Network& net, double time_limit_s) {
  if (net.vnode_count() == 0) return InvalidInput("resolver: the network is empty");
  if (!(time_limit_s > 0.0)) return InvalidInput("resolver: the time limit must be > 0");
  const auto start = std::chrono::steady_clock::now();
  auto impl = std::make_unique<Impl>();
  impl->net = &net;
  std::vector<detail::Block> blocks = detail::GroupBlocks(net);
  detail::PruneBlocks(net, blocks, /*keep=*/true);
  impl->lay = detail::BuildLp(net, blocks, detail::IndexArcResources(net));
  lp::Solver solver;
  solver.Load(impl->lay.model);
  const SolveStatus status = detail::FromLp(solver.Solve(DualSimplex(time_limit_s)));
  impl->base = Read(net, impl->lay, solver, status);
  if (status == SolveStatus::kOptimal) impl->basis = solver.Basis();
  impl->base.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return Resolver(std::move(impl));
}

const Outcome& Resolver::base() const { return impl_->base; }

Change Resolver::BaseChange() const {
  Change change;
  change.capacity_t = impl_->net->resource_capacity_t;
  for (const model::OdDemand& d : impl_->net->demand) change.demand_t.push_back(d.tonnes_per_year);
  return change;
}

Result<Outcome> Resolver::Solve(const Change& change, bool warm, double time_limit_s,
                                Workspace* workspace) const {
  const model::Network& net = *impl_->net;
  if (Status s = CheckChange(net, change); !s.ok()) return s;
  const auto start = std::chrono::steady_clock::now();
  lp::Solver fresh;
  std::vector<int> rows, cols;
  Workspace::State* ws = warm && workspace ? workspace->state_.get() : nullptr;
  lp::Solver& solver = ws ? ws->solver : fresh;
  if (ws && ws->loaded) {
    Restore(impl_->lay, solver, ws->moved_rows, ws->moved_cols);
  } else {
    solver.Load(impl_->lay.model);
    if (ws) ws->loaded = true;
  }
  Apply(net, impl_->lay, change, solver, ws ? ws->moved_rows : rows, ws ? ws->moved_cols : cols);
  if (warm && !impl_->basis.empty()) solver.SetBasis(impl_->basis);
  lp::SolveOptions options = DualSimplex(time_limit_s);
  options.keep_work_areas = ws != nullptr;
  const SolveStatus status = detail::FromLp(solver.Solve(options));
  Outcome out = Read(net, impl_->lay, solver, status);
  // A solve that ended without an optimum may leave the solver in any state: the next
  // draw of this workspace loads the model again.
  if (ws && status != SolveStatus::kOptimal) ws->loaded = false;
  out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return out;
}

}  // namespace corridor::routing
