#include "report/plan_report.h"

#include <cmath>
#include <filesystem>
#include <nlohmann/json.hpp>

#include <fmt/format.h>

namespace corridor::report {
namespace {

using nlohmann::json;

json Num(double v) { return std::isfinite(v) ? json(v) : json(nullptr); }

std::string Usd(double v) { return std::isfinite(v) ? FormatUsd(v) : "n/a"; }

}  // namespace

std::string FormatPlanSummary(const RunInfo& run, const plan::ProjectSet& projects,
                              const plan::PlanResult& p) {
  std::string s = fmt::format("plan: {} / {}, {} candidate projects ({})\n", run.dataset_name,
                              run.scenario_name, projects.projects.size(),
                              std::filesystem::path(projects.file).filename().string());
  s += fmt::format("status: {}", lp::MipStatusName(p.status));
  if (!p.reason.empty()) s += " (" + p.reason + ")";
  s += "\n";
  if (p.portfolio.empty() && p.objective_usd == 0.0 && p.status != lp::MipStatus::kOptimal) return s;
  s += fmt::format("proven gap: {:.3g} (objective {}/yr, best bound {}/yr; LP relaxation "
                   "{}/yr), {:.1f} s, {} nodes, MIP {} rows x {} columns\n",
                   p.relative_gap, Usd(p.objective_usd), Usd(p.best_bound_usd), Usd(p.lp_bound_usd),
                   p.seconds, p.nodes, p.mip_rows, p.mip_cols);
  s += fmt::format("portfolio: {} project(s), capital {}, annualised {}/yr\n",
                   p.portfolio.size(), Usd(p.capital_cost_usd), Usd(p.annualised_cost_usd));
  if (!p.portfolio.empty()) {
    s += fmt::format("  {:<3} {:<18} {:>13} {:>13} {:>15} {:>5}\n", "#", "project", "capital",
                     "per year", "value per year", "ready");
  }
  int i = 0;
  for (const plan::ChosenProject& c : p.portfolio) {
    s += fmt::format("  {:<3} {:<18} {:>13} {:>13} {:>15} {:>5}\n", ++i, c.id,
                     Usd(c.capital_cost_usd), Usd(c.annualised_cost_usd), Usd(c.value_usd),
                     c.ready_year > 0 ? std::to_string(c.ready_year) : "-");
  }
  s += fmt::format("routing: {}/yr with the portfolio, {}/yr doing nothing; benefit {}/yr, "
                   "net of the projects {}/yr; unserved {:.0f} t\n",
                   Usd(p.resolved_routing_cost_usd), Usd(p.nothing_routing_cost_usd),
                   Usd(p.benefit_usd), Usd(p.net_benefit_usd), p.unserved_t);
  s += fmt::format("routing re-solved on the portfolio's network: {} (MIP routing {}/yr, "
                   "relative difference {:.2g})\n",
                   p.routing_check_passed ? "answer check passed" : "answer check FAILED",
                   Usd(p.routing_cost_usd), p.resolved_relative_difference);
  for (const std::string& w : p.warnings) s += "warning: " + w + "\n";
  return s;
}

std::string PlanResultJson(const RunInfo& run, const plan::ProjectSet& projects,
                           const plan::PlanResult& p) {
  json portfolio = json::array();
  for (const plan::ChosenProject& c : p.portfolio) {
    const plan::Project& pr = projects.projects[static_cast<std::size_t>(c.index)];
    json changes = json::array();
    for (const auto& ch : pr.changes) {
      changes.push_back({{"type", model::ChangeTypeName(ch.type)},
                         {"target", ch.type == model::ChangeType::kAddLink ? ch.link.id : ch.target},
                         {"element_kind", model::ElementKindName(ch.element_kind)},
                         {"from", ch.link.from},
                         {"to", ch.link.to}});
    }
    portfolio.push_back({{"id", c.id},
                         {"name", c.name},
                         {"capital_cost_usd", c.capital_cost_usd},
                         {"annualised_cost_usd", c.annualised_cost_usd},
                         {"value_usd_per_year", Num(c.value_usd)},
                         {"ready_year", c.ready_year},
                         {"changes", changes},
                         {"source", pr.source},
                         {"confidence", pr.confidence}});
  }
  json candidates = json::array();
  for (const plan::Project& pr : projects.projects) {
    candidates.push_back({{"id", pr.id}, {"name", pr.name}, {"capital_cost_usd", pr.capital_cost_usd},
                          {"committed", pr.committed}});
  }
  json j = {{"format", "corridor-plan-result/1"},
            {"run", json::parse(RunBlockJson(run))},
            {"status", lp::MipStatusName(p.status)},
            {"reason", p.reason},
            {"objective_usd_per_year", Num(p.objective_usd)},
            {"best_bound_usd_per_year", Num(p.best_bound_usd)},
            {"relative_gap", Num(p.relative_gap)},
            {"lp_relaxation_bound_usd_per_year", Num(p.lp_bound_usd)},
            {"portfolio", portfolio},
            {"capital_cost_usd", p.capital_cost_usd},
            {"annualised_cost_usd_per_year", p.annualised_cost_usd},
            {"routing_cost_usd_per_year", Num(p.routing_cost_usd)},
            {"do_nothing_routing_cost_usd_per_year", Num(p.nothing_routing_cost_usd)},
            {"benefit_usd_per_year", Num(p.benefit_usd)},
            {"net_benefit_usd_per_year", Num(p.net_benefit_usd)},
            {"routing_check",
             {{"resolved_routing_cost_usd_per_year", Num(p.resolved_routing_cost_usd)},
              {"relative_difference", Num(p.resolved_relative_difference)},
              {"passed", p.routing_check_passed},
              {"failures", p.routing_check_failures},
              {"unserved_t", p.unserved_t}}},
            {"mip",
             {{"rows", p.mip_rows},
              {"columns", p.mip_cols},
              {"linking_rows", p.gated_arc_links},
              {"capacity_steps", p.capacity_steps},
              {"nodes", p.nodes},
              {"seconds", p.mip_seconds},
              {"method", "cbc_direct"}}},
            {"seconds", p.seconds},
            {"candidates", candidates},
            {"warnings", p.warnings}};
  return j.dump(2) + "\n";
}

Status WritePlanFiles(const std::string& dir, const RunInfo& run, const plan::ProjectSet& projects,
                      const plan::PlanResult& plan) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return InvalidInput("cannot create " + dir + ": " + ec.message());
  return WriteFileAtomically((std::filesystem::path(dir) / "plan_result.json").string(),
                             PlanResultJson(run, projects, plan));
}

std::string PlanFindingsMarkdown(const std::vector<PlanFinding>& plans) {
  if (plans.empty()) return "";
  const PlanFinding& first = plans.front();
  std::string s = "## Investment plan\n\n";
  s += fmt::format("Which of the {} candidate projects of `{}` (hash {}) to build for scenario `{}`: the "
                   "portfolio with the least yearly cost (annualised capital at the discount rate + "
                   "operating cost + the system-optimal routing cost, unserved tonnes at their "
                   "penalty), proven by a MIP solved with CBC; its routing re-solved on the "
                   "network with its projects and checked. Costs are mostly labelled estimates "
                   "(see the file's `source` column).\n\n",
                   first.projects->projects.size(),
                   std::filesystem::path(first.projects->file).filename().string(),
                   first.projects->content_hash, first.run->scenario_name);
  for (const PlanFinding& f : plans) {
    const plan::PlanResult& p = *f.plan;
    s += fmt::format("### {}\n\n", f.label);
    // Neither times nor node counts: the file must come out the same on every machine.
    const std::string gap = p.status == lp::MipStatus::kOptimal ? "proven gap <= 1e-6"
                                                                : fmt::format("gap {:.1e}", p.relative_gap);
    s += fmt::format("Status **{}**{}, {} (LP relaxation {}/yr, objective {}/yr). Capital {}, "
                     "annualised {}/yr; routing {}/yr against {}/yr doing nothing: benefit {}/yr, "
                     "net {}/yr. Re-solved routing: {}.\n\n",
                     lp::MipStatusName(p.status), p.reason.empty() ? "" : " (" + p.reason + ")", gap,
                     Usd(p.lp_bound_usd), Usd(p.objective_usd), Usd(p.capital_cost_usd),
                     Usd(p.annualised_cost_usd), Usd(p.resolved_routing_cost_usd),
                     Usd(p.nothing_routing_cost_usd), Usd(p.benefit_usd), Usd(p.net_benefit_usd),
                     p.routing_check_passed && p.resolved_relative_difference <= 1e-6
                         ? "check passed, equal to the MIP's routing cost"
                         : "check or comparison FAILED");
    if (p.portfolio.empty()) continue;
    s += "| build order | project | capital | per year | value per year (cost if removed) | ready |\n"
         "|---|---|---|---|---|---|\n";
    int i = 0;
    for (const plan::ChosenProject& c : p.portfolio) {
      s += fmt::format("| {} | `{}` {} | {} | {} | {} | {} |\n", ++i, c.id, c.name, Usd(c.capital_cost_usd),
                       Usd(c.annualised_cost_usd), Usd(c.value_usd),
                       c.ready_year > 0 ? std::to_string(c.ready_year) : "–");
    }
    s += "\n";
  }
  s += "The build order sorts by ready year (earliest year + lead time), then by value; it is "
       "not a phased optimisation (multi-year phasing is not built yet).\n\n";
  return s;
}

std::string FormatDesignSummary(const std::string& file, const mcf::DesignSolution& s) {
  std::string out = fmt::format("mcnd: {} ({} rows x {} columns)\n", file, s.rows, s.cols);
  out += fmt::format("status: {}\n", lp::MipStatusName(s.status));
  if (!s.has_solution) return out + fmt::format("time: {:.2f} s\n", s.seconds);
  out += fmt::format("objective: {:.10g}\nbound: {:.10g}\ngap: {:.3g}\nLP relaxation: {:.10g}\n",
                     s.objective, s.best_bound, s.relative_gap, s.lp_bound);
  out += fmt::format("time: {:.2f} s, {} nodes\ncheck: {}\n", s.seconds, s.nodes,
                     s.check_passed ? "passed" : "FAILED: " + (s.check_failures.empty() ? std::string() : s.check_failures[0]));
  return out;
}

}  // namespace corridor::report
