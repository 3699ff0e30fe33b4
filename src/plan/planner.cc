#include "plan/planner.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>

#include <fmt/format.h>

#include "plan/gated_model.h"
#include "routing/system_optimum.h"

namespace corridor::plan {
namespace {

using Clock = std::chrono::steady_clock;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Portfolio `chosen` with the projects it requires; sorted, unique.
std::vector<int> WithRequirements(const ProjectSet& set, const std::vector<int>& chosen) {
  std::vector<int> out;
  for (int p : chosen) {
    out.push_back(p);
    for (int q : RequirementClosure(set, p)) out.push_back(q);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

class Run {
 public:
  Run(const model::Dataset& base, const ProjectSet& projects, const PlanOptions& options)
      : base_(base), projects_(projects), options_(options), start_(Clock::now()) {}

  Result<PlanResult> Go() {
    PlanResult r;
    if (!Progress(0.0, "building the gated network")) return Stopped(r);
    if (!CommittedFitsBudget(r)) return Finish(r);
    auto net = BuildGatedNetwork(base_, projects_);
    if (!net.ok()) return net.status();
    r.warnings = net->warnings;
    MipOptionsPlan mo{options_.discount_rate, options_.budget_usd};
    const PlanMip mip = BuildPlanMip(*net, projects_, mo);
    r.mip_rows = mip.model.num_rows();
    r.mip_cols = mip.model.num_cols();
    r.gated_arc_links = mip.gated_links;
    r.capacity_steps = mip.capacity_steps;
    if (!Progress(0.05, "LP relaxation")) return Stopped(r);
    SolveRelaxation(mip, r);
    if (!Progress(0.1, "branch and cut")) return Stopped(r);
    const lp::MipResult m = SolveMip(mip);
    r.status = m.status;
    r.nodes = m.nodes;
    r.mip_seconds = m.seconds;
    if (!m.has_solution) {
      r.reason = m.status == lp::MipStatus::kInfeasible
                     ? "no portfolio satisfies the relations and the budget"
                     : std::string("no portfolio found: ") + lp::MipStatusName(m.status);
      return Finish(r);
    }
    r.objective_usd = m.objective * kUsdPerUnit;
    r.best_bound_usd = m.best_bound * kUsdPerUnit;
    r.relative_gap = m.relative_gap;
    if (m.status == lp::MipStatus::kTimeLimit) r.reason = "time limit reached before the proof";
    std::vector<int> chosen;
    for (std::size_t p = 0; p < mip.y_columns.size(); ++p) {
      if (m.x[static_cast<std::size_t>(mip.y_columns[p])] > 0.5) chosen.push_back(static_cast<int>(p));
    }
    if (Status s = Explain(chosen, r); !s.ok()) return s;
    return Finish(r);
  }

 private:
  double Remaining() const {
    const double used = std::chrono::duration<double>(Clock::now() - start_).count();
    return std::max(0.01, options_.time_limit_s - used);
  }

  bool Progress(double fraction, const std::string& stage) {
    if (options_.on_progress && !options_.on_progress(fraction, stage)) cancelled_ = true;
    return !cancelled_;
  }

  Result<PlanResult> Stopped(PlanResult& r) {
    r.status = lp::MipStatus::kStopped;
    r.reason = "cancelled";
    return Finish(r);
  }

  Result<PlanResult> Finish(PlanResult& r) {
    r.seconds = std::chrono::duration<double>(Clock::now() - start_).count();
    if (cancelled_ && r.status != lp::MipStatus::kStopped) {
      r.status = lp::MipStatus::kStopped;
      r.reason = "cancelled";
    }
    return std::move(r);
  }

  bool CommittedFitsBudget(PlanResult& r) {
    if (!options_.budget_usd) return true;
    std::vector<int> committed;
    for (std::size_t p = 0; p < projects_.projects.size(); ++p) {
      if (projects_.projects[p].committed) committed.push_back(static_cast<int>(p));
    }
    double capital = 0.0;
    for (int p : WithRequirements(projects_, committed)) {
      capital += projects_.projects[static_cast<std::size_t>(p)].capital_cost_usd;
    }
    if (capital <= *options_.budget_usd) return true;
    r.status = lp::MipStatus::kInfeasible;
    r.reason = fmt::format("the budget {:.6g} USD is below the capital cost {:.6g} USD of the "
                           "committed projects and what they require",
                           *options_.budget_usd, capital);
    return false;
  }

  void SolveRelaxation(const PlanMip& mip, PlanResult& r) {
    lp::Solver relax;
    relax.Load(mip.model);
    lp::SolveOptions lo;
    lo.time_limit_s = Remaining();
    r.lp_bound_usd = relax.Solve(lo) == lp::SolveStatus::kOptimal ? relax.objective() * kUsdPerUnit
                                                                  : kNaN;
  }

  lp::MipResult SolveMip(const PlanMip& mip) {
    lp::MipOptions o;
    o.time_limit_s = Remaining();
    o.relative_gap = options_.relative_gap;
    o.preprocess = options_.cbc_preprocess;
    o.heuristics = options_.cbc_heuristics;
    if (options_.on_progress) {
      const double limit = o.time_limit_s;
      o.on_progress = [this, limit](const lp::MipProgress& p) {
        const double f = 0.1 + 0.6 * std::min(1.0, p.seconds / std::max(limit, 1e-9));
        const std::string stage =
            std::isfinite(p.objective)
                ? fmt::format("branch and cut: {:.1f} s, {} nodes, gap {:.3g}", p.seconds, p.nodes,
                              lp::RelativeGap(p.objective, p.best_bound))
                : fmt::format("branch and cut: {:.1f} s, {} nodes, no portfolio yet", p.seconds,
                              p.nodes);
        return Progress(f, stage);
      };
    }
    return lp::SolveMip(mip.model, o);
  }

  // Re-solved routing, doing nothing, and each project's value.
  Status Explain(const std::vector<int>& chosen, PlanResult& r) {
    for (int p : chosen) {
      const Project& pr = projects_.projects[static_cast<std::size_t>(p)];
      ChosenProject c;
      c.index = p;
      c.id = pr.id;
      c.name = pr.name;
      c.capital_cost_usd = pr.capital_cost_usd;
      c.annualised_cost_usd = AnnualisedCost(pr, options_.discount_rate);
      c.ready_year = pr.earliest_year > 0 ? pr.earliest_year + pr.lead_time_years : 0;
      c.value_usd = kNaN;
      r.capital_cost_usd += c.capital_cost_usd;
      r.annualised_cost_usd += c.annualised_cost_usd;
      r.portfolio.push_back(c);
    }
    r.routing_cost_usd = r.objective_usd - r.annualised_cost_usd;
    if (!Progress(0.7, "re-solving the portfolio's routing")) return Status::Ok();
    auto final_cost = EvaluatePortfolio(base_, projects_, chosen, options_.discount_rate, true, Remaining());
    if (!final_cost.ok()) return final_cost.status();
    r.resolved_routing_cost_usd = final_cost->routing_usd;
    r.routing_check_passed = final_cost->check_passed;
    r.routing_check_failures = final_cost->check_failures;
    r.unserved_t = final_cost->unserved_t;
    r.resolved_relative_difference = std::fabs(final_cost->routing_usd - r.routing_cost_usd) /
                                     std::max(1.0, std::fabs(final_cost->routing_usd));
    if (!Progress(0.75, "doing nothing")) return Status::Ok();
    auto nothing = EvaluatePortfolio(base_, projects_, {}, options_.discount_rate, false, Remaining());
    if (!nothing.ok()) return nothing.status();
    r.nothing_routing_cost_usd = nothing->routing_usd;
    r.benefit_usd = r.nothing_routing_cost_usd - r.resolved_routing_cost_usd;
    r.net_benefit_usd = r.benefit_usd - r.annualised_cost_usd;
    if (options_.project_values) {
      if (Status s = Values(chosen, final_cost->total_usd, r); !s.ok()) return s;
    }
    std::stable_sort(r.portfolio.begin(), r.portfolio.end(),
                     [](const ChosenProject& a, const ChosenProject& b) {
                       if (a.ready_year != b.ready_year) return a.ready_year < b.ready_year;
                       return a.value_usd > b.value_usd;
                     });
    return Status::Ok();
  }

  Status Values(const std::vector<int>& chosen, double total, PlanResult& r) {
    for (std::size_t i = 0; i < r.portfolio.size(); ++i) {
      const int p = r.portfolio[i].index;
      if (!Progress(0.8 + 0.2 * double(i) / double(r.portfolio.size()), "value of " + r.portfolio[i].id)) {
        return Status::Ok();
      }
      std::vector<int> without;
      for (int q : chosen) {
        const auto c = RequirementClosure(projects_, q);
        if (q != p && std::find(c.begin(), c.end(), p) == c.end()) without.push_back(q);
      }
      auto cost = EvaluatePortfolio(base_, projects_, without, options_.discount_rate, false, Remaining());
      if (!cost.ok()) return cost.status();
      r.portfolio[i].value_usd = cost->total_usd - total;
    }
    return Status::Ok();
  }

  const model::Dataset& base_;
  const ProjectSet& projects_;
  const PlanOptions& options_;
  Clock::time_point start_;
  bool cancelled_ = false;
};

}  // namespace

Result<PortfolioCost> EvaluatePortfolio(const model::Dataset& base, const ProjectSet& projects,
                                        const std::vector<int>& chosen, double discount_rate,
                                        bool check, double time_limit_s) {
  Diagnostics d;
  auto ds = ApplyProjects(projects, chosen, base, d);
  if (!ds.ok()) return ds.status();
  auto net = model::BuildNetwork(*ds);
  if (!net.ok()) return net.status();
  routing::Options o;
  o.check = check;
  o.ranging_top_n = 0;
  o.time_limit_s = std::max(0.01, time_limit_s);
  o.method = routing::Method::kLp;
  auto s = routing::SolveSystemOptimum(*net, o);
  if (!s.ok()) return s.status();
  PortfolioCost out;
  for (int p : WithRequirements(projects, chosen)) {
    out.annualised_usd += AnnualisedCost(projects.projects[static_cast<std::size_t>(p)], discount_rate);
  }
  if (s->status != routing::SolveStatus::kOptimal) {
    out.routing_usd = out.total_usd = kNaN;
    out.check_failures.push_back(std::string("routing: ") + routing::SolveStatusName(s->status));
    return out;
  }
  out.routing_usd = s->objective_usd;
  out.total_usd = out.routing_usd + out.annualised_usd;
  for (const auto& od : s->od) out.unserved_t += od.unserved_t;
  out.check_passed = !check || s->check.passed;
  out.check_failures = s->check.failures;
  return out;
}

Result<PlanResult> SolvePlan(const model::Dataset& base, const ProjectSet& projects,
                             const PlanOptions& options) {
  if (!(options.time_limit_s > 0.0) || !(options.discount_rate >= 0.0) ||
      !(options.discount_rate < 1.0) || (options.budget_usd && !(*options.budget_usd >= 0.0))) {
    return InvalidInput("plan: the time limit must be > 0, the discount rate in [0, 1) and the "
                        "budget >= 0");
  }
  return Run(base, projects, options).Go();
}

}  // namespace corridor::plan
