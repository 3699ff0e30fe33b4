#include "cli/plan.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <ostream>

#include "cli/cli.h"
#include "engine/plan.h"
#include "report/plan_report.h"

namespace corridor::cli {
namespace {

std::string Slug(std::string s) {
  for (char& c : s) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_' && c != '.') c = '_';
  }
  return s;
}

int ExitForMip(lp::MipStatus status) {
  switch (status) {
    case lp::MipStatus::kOptimal:
    case lp::MipStatus::kInfeasible: return kExitOk;  // an answer: no portfolio fits
    case lp::MipStatus::kTimeLimit: return kExitLimit;
    case lp::MipStatus::kStopped: return kExitUnavailable;
    case lp::MipStatus::kUnbounded:
    case lp::MipStatus::kNumericalFailure: return kExitSolverFailure;
  }
  return kExitInternal;
}

}  // namespace

PlanCommand::PlanCommand(CLI::App& app) {
  cmd_ = app.add_subcommand(
      "plan", "investment planning: the portfolio of candidate projects with the least yearly "
              "cost (annualised projects + system-optimal routing), proven by a MIP (CBC); "
              "writes plan_result.json");
  cmd_->add_option("DATASET", dataset_, "dataset folder")->required();
  cmd_->add_option("--projects", projects_,
                   "candidate projects, CSV or .toml (docs/file_formats.md) [default: DATASET/projects.csv]");
  cmd_->add_option("--scenario", scenario_, "scenario TOML file applied first (e.g. a demand target)");
  cmd_->add_option("--budget", budget_, "capital budget in USD for the whole portfolio")
      ->check(CLI::NonNegativeNumber);
  cmd_->add_option("--years", years_, "multi-year phasing A-B (not supported yet: an error)");
  cmd_->add_option("--time-limit", time_limit_s_, "seconds for the whole run [default: 600]")
      ->check(CLI::PositiveNumber);
  cmd_->add_option("--discount-rate", discount_rate_,
                   "discount rate of the annuity that spreads capital over each project's "
                   "lifetime [default: 0.07]")
      ->check(CLI::Range(0.0, 0.99));
  cmd_->add_flag("--no-values", no_values_, "skip re-solving without each chosen project");
  cmd_->add_option("--out", out_dir_, "folder for plan_result.json [default: out/<dataset>-<scenario>-plan]");
}

int PlanCommand::Run(std::ostream& out, std::ostream& err) {
  if (!years_.empty()) {
    err << "corridor plan: --years " << years_
        << ": multi-year phasing is not supported yet; plan a single period (the scenario's "
           "demand)\n";
    return kExitInvalidInput;
  }
  engine::PlanRequest req;
  req.input = {dataset_, scenario_};
  req.projects_file = projects_;
  req.options.budget_usd = budget_;
  req.options.time_limit_s = time_limit_s_;
  req.options.discount_rate = discount_rate_;
  req.options.project_values = !no_values_;
  req.option_record = {{"time_limit_s", fmt::format("{}", time_limit_s_)},
                       {"discount_rate", fmt::format("{}", discount_rate_)},
                       {"budget_usd", budget_ ? fmt::format("{}", *budget_) : "none"},
                       {"values", no_values_ ? "false" : "true"},
                       {"method", "cbc_direct"}};
  Diagnostics diags;
  spdlog::info("planning {}{}", dataset_, scenario_.empty() ? "" : " with " + scenario_);
  auto run = engine::Plan(req, diags);
  for (const auto& d : diags.items()) err << d.ToString() << '\n';
  if (!run.ok()) {
    if (diags.items().empty()) err << run.status().message() << '\n';
    return ExitFor(run.status());
  }
  out << report::FormatPlanSummary(run->run, run->projects, run->plan);
  if (out_dir_.empty()) {
    out_dir_ = "out/" + Slug(run->run.dataset_name) + "-" + Slug(run->run.scenario_name) + "-plan";
  }
  if (Status s = report::WritePlanFiles(out_dir_, run->run, run->projects, run->plan); !s.ok()) {
    err << "corridor plan: " << s.message() << '\n';
    return ExitFor(s);
  }
  spdlog::info("results written to {}", out_dir_);
  if (run->plan.status == lp::MipStatus::kOptimal && !run->plan.routing_check_passed) {
    return kExitCheckFailed;
  }
  return ExitForMip(run->plan.status);
}

std::optional<std::string> PlanFindings(const std::string& dataset, const std::string& projects,
                                        const std::string& scenario, const std::vector<double>& budgets,
                                        std::ostream& err, int* exit_code) {
  std::vector<std::optional<double>> cases{std::nullopt};
  cases.insert(cases.end(), budgets.begin(), budgets.end());
  std::vector<engine::PlanRun> runs;
  for (const auto& budget : cases) {
    engine::PlanRequest req;
    req.input = {dataset, scenario};
    req.projects_file = projects;
    req.options.budget_usd = budget;
    Diagnostics diags;
    spdlog::info("planning {} with {}{}", dataset, projects,
                 budget ? fmt::format(" within {:.6g} USD", *budget) : "");
    auto run = engine::Plan(req, diags);
    for (const auto& d : diags.items()) err << d.ToString() << '\n';
    if (!run.ok()) {
      if (diags.items().empty()) err << run.status().message() << '\n';
      *exit_code = ExitFor(run.status());
      return std::nullopt;
    }
    runs.push_back(std::move(run).value());
  }
  std::vector<report::PlanFinding> findings;
  for (std::size_t i = 0; i < runs.size(); ++i) {
    const auto& b = cases[i];
    findings.push_back({b ? fmt::format("Budget {:.3g} bn USD", *b / 1e9) : "No budget", &runs[i].run,
                        &runs[i].projects, &runs[i].plan});
  }
  return report::PlanFindingsMarkdown(findings);
}

McndCommand::McndCommand(CLI::App& app) {
  cmd_ = app.add_subcommand(
      "mcnd", "fixed-charge multicommodity network design instance (DOW format) solved by CBC "
              "on the strong formulation: objective, bound, gap, status, time");
  cmd_->add_option("FILE", file_, "instance in the DOW format (MULTIGEN.DAT)")->required();
  cmd_->add_option("--time-limit", time_limit_s_, "seconds [default: 600]")
      ->check(CLI::PositiveNumber);
  cmd_->add_flag("--weak", weak_, "without the strong linking inequalities (for comparison)");
}

int McndCommand::Run(std::ostream& out, std::ostream& err) {
  mcf::DesignOptions o;
  o.time_limit_s = time_limit_s_;
  o.strong_linking = !weak_;
  auto run = engine::SolveMcnd(file_, o);
  if (!run.ok()) {
    err << run.status().message() << '\n';
    return ExitFor(run.status());
  }
  out << report::FormatDesignSummary(file_, run->solution);
  if (run->solution.has_solution && !run->solution.check_passed) return kExitCheckFailed;
  return ExitForMip(run->solution.status);
}

}  // namespace corridor::cli
