#include "routing/resolver.h"

#include <chrono>
#include <cmath>
#include <string>

#include "lp/lp.h"
#include "routing/lp_build.h"

namespace corridor::routing {

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

// Sets the bounds of `change` on a solver holding the base model.
void Apply(const model::Network& net, const detail::LpLayout& lay, const Change& change,
           lp::Solver& solver) {
  for (std::size_t r = 0; r < net.resource_count(); ++r) {
    const int row = lay.resource_row[r];
    if (row >= 0 && change.capacity_t[r] != net.resource_capacity_t[r]) {
      solver.SetRowBounds(row, -lp::kInfinity, change.capacity_t[r]);
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
  }
  if (shifts.empty()) return;
  std::sort(shifts.begin(), shifts.end());
  const auto& row_lower = lay.model.row_lower();
  for (std::size_t s = 0; s < shifts.size();) {
    const int row = shifts[s].first;
    double supply = row_lower[static_cast<std::size_t>(row)];
    for (; s < shifts.size() && shifts[s].first == row; ++s) supply += shifts[s].second;
    solver.SetRowBounds(row, supply, supply);
  }
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

Result<Outcome> Resolver::Solve(const Change& change, bool warm, double time_limit_s) const {
  const model::Network& net = *impl_->net;
  if (Status s = CheckChange(net, change); !s.ok()) return s;
  const auto start = std::chrono::steady_clock::now();
  lp::Solver solver;
  solver.Load(impl_->lay.model);
  Apply(net, impl_->lay, change, solver);
  if (warm && !impl_->basis.empty()) solver.SetBasis(impl_->basis);
  const SolveStatus status = detail::FromLp(solver.Solve(DualSimplex(time_limit_s)));
  Outcome out = Read(net, impl_->lay, solver, status);
  out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return out;
}

}  // namespace corridor::routing
