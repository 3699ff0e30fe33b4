#include "cli/cli.h"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>


#include <algorithm>
#include <filesystem>
#include <iostream>
#include <optional>
#include <ostream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "api/worker.h"
#include "cli/abort_report.h"
#include "engine/assign.h"
#include "engine/compare.h"
#include "engine/engine.h"
#include "engine/options.h"
#include "engine/risk.h"
#include "mpi/mpi.h"
#include "cli/convert.h"
#include "cli/mcf.h"
#include "cli/plan.h"
#include "cli/progress.h"
#include "cli/report_html.h"
#include "cli/serve.h"
#include "cli/users.h"
#include "cli/simulate.h"
#include "cli/settle.h"
#include "engine/settle.h"
#include "settle/findings.h"
#include "report/calibration_report.h"
#include "report/compare_report.h"
#include "report/findings.h"
#include "report/report.h"
#include "report/risk_report.h"

namespace corridor::cli {

int ExitFor(const Status& s) {
  switch (s.code()) {
    case StatusCode::kOk: return kExitOk;
    case StatusCode::kInvalidInput: return kExitInvalidInput;
    case StatusCode::kNotFound: return kExitNotFound;
    case StatusCode::kSolverFailure: return kExitSolverFailure;
    case StatusCode::kCheckFailed: return kExitCheckFailed;
    case StatusCode::kConflict:
    case StatusCode::kCancelled:
    case StatusCode::kUnavailable: return kExitUnavailable;
    case StatusCode::kUnauthenticated:
    case StatusCode::kPermissionDenied: return kExitDenied;
    case StatusCode::kInternal: return kExitInternal;
  }
  return kExitInternal;
}

namespace {

// One table (engine/options.h) drives --help, the bounds checks, the HTTP API's options
// and docs/cli.md (a test keeps them equal).
using engine::NumberOption;
using engine::kAssignTimeLimit;
using engine::kGap;
using engine::kGapTolerance;
using engine::kMaxIterations;
using engine::kPricingRounds;
using engine::kRanging;
using engine::kThreads;
using engine::kTimeLimit;

constexpr NumberOption kTop{"--top", "top", "rows", 10, 1, 1000,
                            "rows shown per list in the printed summary"};

std::string HelpText(const NumberOption& o) {
  return fmt::format("{} [{}; default {}; range {} to {}]", o.help, o.unit, o.default_value,
                     o.min, o.max);
}

template <typename T>
CLI::Option* AddNumber(CLI::App& app, const NumberOption& o, T& value) {
  value = static_cast<T>(o.default_value);
  return app.add_option(o.flag, value, HelpText(o))->check(CLI::Range(o.min, o.max));
}


void PrintDiagnostics(const Diagnostics& d, std::ostream& err) {
  for (const auto& item : d.items()) err << item.ToString() << '\n';
}

// Options shared by every command that solves.
struct SolveFlags {
  engine::SolveSettings settings;
  int top = 0;
  bool no_check = false;

  // `ranging_default` overrides the table's default (compare skips ranging unless asked).
  void Register(CLI::App& app, std::optional<int> ranging_default = std::nullopt) {
    app.add_option("--method", settings.method, "routing method: auto, lp or cg [default: auto]")
        ->check(CLI::IsMember({"auto", "lp", "cg"}));
    AddNumber(app, kTimeLimit, settings.time_limit_s);
    AddNumber(app, kGapTolerance, settings.gap_tolerance);
    AddNumber(app, kTop, top);
    NumberOption ranging_option = kRanging;
    if (ranging_default) ranging_option.default_value = *ranging_default;
    AddNumber(app, ranging_option, settings.ranging);
    app.add_flag("--no-check", no_check, "skip the independent answer checker (not recommended)");
  }
  engine::SolveSettings Settings() const {
    engine::SolveSettings s = settings;
    s.check = !no_check;
    return s;
  }
  routing::Options Options() const { return Settings().ToOptions(); }
  std::vector<std::pair<std::string, std::string>> Record() const { return Settings().Record(); }
};

// Exit code of a finished solve: the worst outcome wins.
int ExitForSolution(const routing::Solution& sol, bool checked) {
  if (sol.status == routing::SolveStatus::kNumericalFailure) return kExitSolverFailure;
  if (checked && !sol.check.passed) return kExitCheckFailed;
  if (sol.status != routing::SolveStatus::kOptimal) return kExitLimit;
  return kExitOk;
}

// --scenario may name files or folders; a folder stands for its *.toml files, sorted,
// with baseline*.toml first.
std::vector<std::string> ExpandScenarios(const std::vector<std::string>& given) {
  std::vector<std::string> out;
  for (const std::string& g : given) {
    std::error_code ec;
    if (!std::filesystem::is_directory(g, ec)) {
      out.push_back(g);
      continue;
    }
    std::vector<std::string> files;
    for (const auto& e : std::filesystem::directory_iterator(g, ec)) {
      if (e.path().extension() == ".toml") files.push_back(e.path().string());
    }
    std::sort(files.begin(), files.end(), [](const std::string& a, const std::string& b) {
      const bool ba = std::filesystem::path(a).filename().string().rfind("baseline", 0) == 0;
      const bool bb = std::filesystem::path(b).filename().string().rfind("baseline", 0) == 0;
      return ba != bb ? ba : a < b;
    });
    out.insert(out.end(), files.begin(), files.end());
  }
  return out;
}

std::string Sanitise(std::string s) {
  for (char& c : s) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.')) c = '_';
  }
  return s;
}


// What every command needs to print and to record.
struct Context {
  std::ostream& out;
  std::ostream& err;
  std::string command_line;  // "corridor solve ..." as typed
};

// Prints the diagnostics and, when they say nothing, the status; returns the exit code.
int Fail(const Status& status, const Diagnostics& diags, Context& ctx) {
  PrintDiagnostics(diags, ctx.err);
  if (diags.items().empty()) ctx.err << status.message() << '\n';
  return ExitFor(status);
}

int FailWrite(const char* command, const Status& status, Context& ctx) {
  ctx.err << "corridor " << command << ": " << status.message() << '\n';
  return ExitFor(status);
}

// Solves several scenarios through the engine; nullopt (and *exit_code set) on failure.
std::optional<std::vector<engine::SolveResult>> SolveMany(const std::string& dataset,
                                                          std::vector<std::string> scenarios,
                                                          const SolveFlags& flags, int threads,
                                                          Context& ctx, int* exit_code) {
  engine::CompareRequest req;
  for (std::string& file : scenarios) req.inputs.push_back({dataset, std::move(file)});
  req.options = flags.Options();
  req.option_record = flags.Record();
  req.threads = threads;
  Progress progress(ctx.err, Progress::ModeForCommand(ctx.err));
  req.control = &progress.control();
  Diagnostics diags;
  spdlog::info("solving {} scenario(s) on {}", req.inputs.size(), dataset);
  auto runs = engine::Compare(req, diags);
  if (runs.ok()) progress.Done();
  progress.Finish();
  if (!runs.ok()) {
    *exit_code = Fail(runs.status(), diags, ctx);
    return std::nullopt;
  }
  PrintDiagnostics(diags, ctx.err);
  return std::move(runs).value();
}

int WorstExit(const std::vector<engine::SolveResult>& runs, const SolveFlags& flags) {
  int code = kExitOk;
  for (const auto& r : runs) code = std::max(code, ExitForSolution(r.solution, !flags.no_check));
  return code;
}

class ValidateCommand {
 public:
  explicit ValidateCommand(CLI::App& app) {
    cmd_ = app.add_subcommand("validate", "check a dataset (and a scenario) and list every problem");
    cmd_->add_option("DATASET", dataset_, "dataset folder")->required();
    cmd_->add_option("--scenario", scenario_, "scenario TOML file applied to the dataset");
  }
  bool parsed() const { return cmd_->parsed(); }

  int Run(Context& ctx) {
    Diagnostics diags;
    auto input = engine::LoadInput({dataset_, scenario_}, diags);
    if (!input.ok()) {
      const int code = Fail(input.status(), diags, ctx);
      ctx.err << fmt::format("corridor validate: {} error(s), {} warning(s)\n", diags.error_count(),
                             diags.warning_count());
      return code;
    }
    PrintDiagnostics(diags, ctx.err);
    const model::Dataset& ds = input->dataset;
    ctx.out << fmt::format(
        "{}: valid ({} nodes, {} links, {} crossings, {} transfers, {} commodities, {} demand "
        "rows; {} warning(s)); hash {}\n",
        ds.meta.name, ds.nodes.size(), ds.links.size(), ds.crossings.size(), ds.transfers.size(),
        ds.commodities.size(), ds.demand.size(), diags.warning_count(), ds.content_hash);
    return kExitOk;
  }

 private:
  CLI::App* cmd_;
  std::string dataset_, scenario_;
};

class SolveCommand {
 public:
  explicit SolveCommand(CLI::App& app) {
    cmd_ = app.add_subcommand(
        "solve", "system-optimal routing of the demand with capacities; prints a summary and "
                 "writes result.json, flows.csv, od.csv, resources.csv, flows.geojson, summary.txt");
    cmd_->add_option("DATASET", dataset_, "dataset folder")->required();
    cmd_->add_option("--scenario", scenario_, "scenario TOML file applied to the dataset");
    cmd_->add_option("--out", out_dir_,
                     "folder for the result files [default: out/<dataset>-<scenario>]");
    cmd_->add_option("--report", report_file_,
                     "also write the run as one self-contained HTML file (see corridor report)");
    flags_.Register(*cmd_);
  }
  bool parsed() const { return cmd_->parsed(); }

  int Run(Context& ctx) {
    Progress progress(ctx.err, Progress::ModeForCommand(ctx.err));
    engine::SolveRequest req{{dataset_, scenario_}, flags_.Options(), flags_.Record(),
                             &progress.control()};
    Diagnostics diags;
    spdlog::info("solving {}{}", dataset_, scenario_.empty() ? "" : " with " + scenario_);
    auto result = engine::Solve(req, diags);
    if (result.ok()) progress.Done();
    progress.Finish();
    if (!result.ok()) return Fail(result.status(), diags, ctx);
    PrintDiagnostics(diags, ctx.err);
    const report::RunReport rep = result->Report();
    if (out_dir_.empty()) {
      out_dir_ = "out/" + Sanitise(rep.run.dataset_name) + "-" + Sanitise(rep.run.scenario_name);
    }
    ctx.out << report::FormatSummary(rep, flags_.top);
    if (Status s = report::WriteResultFiles(out_dir_, rep); !s.ok()) return FailWrite("solve", s, ctx);
    spdlog::info("results written to {}", out_dir_);
    if (!report_file_.empty()) {
      report::HtmlReportInput html;
      html.result_json = {report::ResultJson(rep)};
      html.flows_geojson = {report::FlowsGeoJson(rep)};
      if (Status s = WriteHtmlReport(report_file_, std::move(html), "", ctx.err); !s.ok()) {
        return FailWrite("solve", s, ctx);
      }
      spdlog::info("report written to {}", report_file_);
    }
    return ExitForSolution(result->solution, !flags_.no_check);
  }

 private:
  CLI::App* cmd_;
  std::string dataset_, scenario_, out_dir_, report_file_;
  SolveFlags flags_;
};

class CompareCommand {
 public:
  explicit CompareCommand(CLI::App& app) {
    cmd_ = app.add_subcommand(
        "compare", "solve several scenarios (in parallel) and print them side by side, each "
                   "against the first; writes comparison.csv, comparison.json, comparison.txt");
    cmd_->add_option("DATASET", dataset_, "dataset folder")->required();
    cmd_->add_option("--scenario", scenarios_,
                     "scenario file, or a folder of them (sorted, baseline*.toml first); "
                     "repeat for more; the first is the reference")
        ->required();
    cmd_->add_option("--out", out_dir_, "folder for the comparison files [default: out/comparison]");
    cmd_->add_option("--report", report_file_,
                     "also write the comparison as one self-contained HTML file (see corridor report)");
    cmd_->add_option("--threads", threads_, "scenarios solved at once [default: 0 = all cores]")
        ->check(CLI::Range(0, 256));
    flags_.Register(*cmd_, /*ranging_default=*/0);
  }
  bool parsed() const { return cmd_->parsed(); }

  int Run(Context& ctx) {
    int code = kExitOk;
    auto runs = SolveMany(dataset_, ExpandScenarios(scenarios_), flags_, threads_, ctx, &code);
    if (!runs) return code;
    std::vector<report::RunReport> reports;
    for (const auto& r : *runs) reports.push_back(r.Report());
    ctx.out << report::FormatComparison(reports, flags_.top);
    if (Status s = report::WriteComparisonFiles(out_dir_, reports); !s.ok()) {
      return FailWrite("compare", s, ctx);
    }
    spdlog::info("comparison written to {}", out_dir_);
    if (!report_file_.empty()) {
      report::HtmlReportInput html;
      html.comparison_json = report::ComparisonJson(reports);
      for (const auto& r : reports) {
        html.result_json.push_back(report::ResultJson(r));
        html.flows_geojson.push_back(report::FlowsGeoJson(r));
      }
      if (Status s = WriteHtmlReport(report_file_, std::move(html), "", ctx.err); !s.ok()) {
        return FailWrite("compare", s, ctx);
      }
      spdlog::info("report written to {}", report_file_);
    }
    return WorstExit(*runs, flags_);
  }

 private:
  CLI::App* cmd_;
  std::string report_file_;
  std::string dataset_, out_dir_ = "out/comparison";
  std::vector<std::string> scenarios_;
  int threads_ = 0;
  SolveFlags flags_;
};

class CalibrateCommand {
 public:
  explicit CalibrateCommand(CLI::App& app) {
    cmd_ = app.add_subcommand(
        "calibrate", "solve and compare modelled with observed tonnes (the dataset's "
                     "observed.csv); writes calibration.csv and the run's result files");
    cmd_->add_option("DATASET", dataset_, "dataset folder")->required();
    cmd_->add_option("--scenario", scenario_, "scenario TOML file applied to the dataset "
                                              "(its reference_year picks the observations)");
    cmd_->add_option("--observed", observed_,
                     "observations CSV to compare with [default: DATASET/observed.csv]");
    cmd_->add_option("--out", out_dir_, "folder for the files [default: out/<dataset>-calibration]");
    flags_.Register(*cmd_);
  }
  bool parsed() const { return cmd_->parsed(); }

  int Run(Context& ctx) {
    Progress progress(ctx.err, Progress::ModeForCommand(ctx.err));
    engine::SolveRequest req{{dataset_, scenario_}, flags_.Options(), flags_.Record(),
                             &progress.control()};
    Diagnostics diags;
    auto cal = engine::Calibrate(req, diags, observed_);
    if (cal.ok()) progress.Done();
    progress.Finish();
    if (!cal.ok()) return Fail(cal.status(), diags, ctx);
    PrintDiagnostics(diags, ctx.err);
    const report::RunReport rep = cal->run.Report();
    if (out_dir_.empty()) out_dir_ = "out/" + Sanitise(rep.run.dataset_name) + "-calibration";
    ctx.out << report::FormatCalibration(cal->rows);
    Status s = report::WriteResultFiles(out_dir_, rep);
    if (s.ok()) {
      s = report::WriteFileAtomically(out_dir_ + "/calibration.csv", report::CalibrationCsv(cal->rows));
    }
    if (!s.ok()) return FailWrite("calibrate", s, ctx);
    spdlog::info("calibration written to {}", out_dir_);
    return ExitForSolution(cal->run.solution, !flags_.no_check);
  }

 private:
  CLI::App* cmd_;
  std::string dataset_, scenario_, observed_, out_dir_;
  SolveFlags flags_;
};

// The settlement section of the findings: each scenario's payments netted per month.
std::optional<std::string> SettlementSection(const std::string& dataset,
                                             const std::vector<std::string>& scenarios,
                                             const SolveFlags& flags, Context& ctx, int* code) {
  std::vector<engine::SettleOutcome> outcomes;
  for (const std::string& file : scenarios) {
    engine::SettleRequest req;
    req.input = {dataset, file};
    req.routing = flags.Options();
    req.option_record = {{"cycle", "month"}, {"level", "bank"}};
    Diagnostics diags;
    auto o = engine::Settle(req, diags);
    if (!o.ok()) {
      *code = Fail(o.status(), diags, ctx);
      return std::nullopt;
    }
    outcomes.push_back(std::move(o).value());
  }
  std::vector<settle::SettleReport> reports;
  for (const auto& o : outcomes) reports.push_back(o.Report());
  return settle::SettlementFindingsMarkdown(reports);
}

class FindingsCommand {
 public:
  explicit FindingsCommand(CLI::App& app) {
    cmd_ = app.add_subcommand(
        "findings", "solve a baseline, each measure alone, the measures combined and stress "
                    "scenarios, and write the findings as Markdown (docs/findings.md)");
    cmd_->add_option("DATASET", dataset_, "dataset folder")->required();
    cmd_->add_option("--baseline", baseline_, "scenario file of the baseline")->required();
    cmd_->add_option("--measure", measures_, "scenario file of one measure alone (repeat)")->required();
    cmd_->add_option("--combined", combined_, "scenario file with all measures together");
    cmd_->add_option("--stress", stress_, "scenario file of a stress case, e.g. demand growth (repeat)");
    cmd_->add_option("--settle", settle_, "scenario file whose payments are settled and netted "
                                          "in a settlement section (repeat)");
    cmd_->add_option("--out", out_file_, "Markdown file to write [default: docs/findings.md]");
    cmd_->add_option("--plan-projects", plan_projects_, "projects CSV: adds the investment plan section");
    cmd_->add_option("--plan-scenario", plan_scenario_, "scenario of the investment plan (e.g. the target)");
    cmd_->add_option("--plan-budget", plan_budgets_, "capital budget (USD) of a further plan (repeat)");
    flags_.Register(*cmd_);
  }
  bool parsed() const { return cmd_->parsed(); }

  int Run(Context& ctx) {
    std::vector<std::string> files{baseline_};
    files.insert(files.end(), measures_.begin(), measures_.end());
    if (!combined_.empty()) files.push_back(combined_);
    files.insert(files.end(), stress_.begin(), stress_.end());
    int code = kExitOk;
    auto runs = SolveMany(dataset_, files, flags_, 0, ctx, &code);
    if (!runs) return code;
    std::vector<report::RunReport> reports;
    for (const auto& r : *runs) reports.push_back(r.Report());
    report::FindingsInput in;
    in.command = ctx.command_line;
    std::size_t next = 0;
    in.baseline = &reports[next++];
    for (std::size_t i = 0; i < measures_.size(); ++i) in.measures.push_back(&reports[next++]);
    if (!combined_.empty()) in.combined = &reports[next++];
    while (next < reports.size()) in.stress.push_back(&reports[next++]);
    if (!plan_projects_.empty()) {
      auto md = PlanFindings(dataset_, plan_projects_, plan_scenario_, plan_budgets_, ctx.err, &code);
      if (!md) return code;
      in.plans_markdown = std::move(*md);
    }
    if (!settle_.empty()) {
      auto section = SettlementSection(dataset_, settle_, flags_, ctx, &code);
      if (!section) return code;
      in.extra_sections.push_back(std::move(*section));
    }
    if (Status s = report::WriteFileAtomically(out_file_, report::FindingsMarkdown(in)); !s.ok()) {
      return FailWrite("findings", s, ctx);
    }
    ctx.out << "findings written to " << out_file_ << '\n';
    return WorstExit(*runs, flags_);
  }

 private:
  CLI::App* cmd_;
  std::string dataset_, baseline_, combined_, out_file_ = "docs/findings.md";
  std::string plan_projects_, plan_scenario_;
  std::vector<double> plan_budgets_;
  std::vector<std::string> measures_, stress_, settle_;
  SolveFlags flags_;
};


class AssignCommand {
 public:
  explicit AssignCommand(CLI::App& app) {
    cmd_ = app.add_subcommand(
        "assign", "congested user equilibrium (every shipper picks its cheapest route) against "
                  "the system optimum; writes ue_result.json, ue_flows.csv. With --tntp: "
                  "assignment of a TNTP network");
    cmd_->add_option("DATASET", dataset_, "dataset folder (not with --tntp)");
    cmd_->add_option("--scenario", scenario_, "scenario TOML file applied to the dataset");
    cmd_->add_option("--out", out_dir_,
                     "folder for the result files [default: out/<dataset>-<scenario>-ue]");
    cmd_->add_option("--tntp", tntp_, "TNTP network and trip table files, instead of DATASET")
        ->expected(2);
    cmd_->add_option("--flows", flows_file_, "with --tntp: CSV file for the link flows");
    cmd_->add_option("--equilibrium", settings_.equilibrium,
                     "capacitated (capacities hold; saturated ones queue) or uncapacitated "
                     "(conical delays only, for comparison) [default: capacitated]")
        ->check(CLI::IsMember({"capacitated", "uncapacitated"}));
    AddNumber(*cmd_, kGap, settings_.gap);
    AddNumber(*cmd_, kMaxIterations, settings_.max_iterations);
    AddNumber(*cmd_, kAssignTimeLimit, settings_.time_limit_s);
    AddNumber(*cmd_, kThreads, settings_.threads);
    AddNumber(*cmd_, kPricingRounds, settings_.pricing_rounds);
    AddNumber(*cmd_, kTop, top_);
  }
  bool parsed() const { return cmd_->parsed(); }

  int Run(Context& ctx) {
    if (tntp_.empty() == dataset_.empty()) {
      ctx.err << "corridor assign: give either DATASET or --tntp NET TRIPS\n";
      return kExitUsage;
    }
    return tntp_.empty() ? RunCorridor(ctx) : RunTntp(ctx);
  }

 private:
  static int ExitForStop(assignment::StopReason r) {
    return r == assignment::StopReason::kConverged ? kExitOk : kExitLimit;
  }

  int RunCorridor(Context& ctx) {
    engine::AssignRequest req;
    req.input = {dataset_, scenario_};
    req.options = settings_.ToOptions();
    req.option_record = settings_.Record();
    Progress progress(ctx.err, Progress::ModeForCommand(ctx.err));
    req.control = &progress.control();
    Diagnostics diags;
    spdlog::info("assigning {}{}", dataset_, scenario_.empty() ? "" : " with " + scenario_);
    auto result = engine::Assign(req, diags);
    if (result.ok()) progress.Done();
    progress.Finish();
    if (!result.ok()) return Fail(result.status(), diags, ctx);
    PrintDiagnostics(diags, ctx.err);
    const report::AssignReport rep = result->Report();
    if (out_dir_.empty()) {
      out_dir_ = "out/" + Sanitise(rep.run.dataset_name) + "-" + Sanitise(rep.run.scenario_name) +
                 "-ue";
    }
    ctx.out << report::FormatAssignSummary(rep, top_);
    if (Status s = report::WriteAssignFiles(out_dir_, rep); !s.ok()) {
      return FailWrite("assign", s, ctx);
    }
    spdlog::info("results written to {}", out_dir_);
    const auto& eq = result->equilibrium;
    if (eq.model == assignment::EquilibriumModel::kCapacitated && !eq.certificate.passed &&
        eq.ue.stop_reason == assignment::StopReason::kConverged) {
      return kExitCheckFailed;
    }
    return ExitForStop(eq.ue.stop_reason);
  }

  int RunTntp(Context& ctx) {
    auto result = engine::AssignTntp({tntp_[0], tntp_[1], settings_.ToOptions().solver});
    if (!result.ok()) return FailWrite("assign", result.status(), ctx);
    ctx.out << report::FormatTntpAssignment(result->solution);
    if (!flows_file_.empty()) {
      const std::string csv = report::TntpFlowsCsv(result->instance, result->solution);
      if (Status s = report::WriteFileAtomically(flows_file_, csv); !s.ok()) {
        return FailWrite("assign", s, ctx);
      }
    }
    return ExitForStop(result->solution.stop_reason);
  }

  CLI::App* cmd_;
  std::string dataset_, scenario_, out_dir_, flows_file_;
  std::vector<std::string> tntp_;
  engine::AssignSettings settings_;
  int top_ = 0;
};

// corridor risk: Monte Carlo of disruptions (docs/cli.md, "risk"); under mpirun the
// draws are split over the ranks and rank 0 prints and writes.
class RiskCommand {
 public:
  explicit RiskCommand(CLI::App& app) {
    cmd_ = app.add_subcommand(
        "risk", "Monte Carlo of correlated disruptions from a risk model, every draw re-routed "
                "(warm-started); prints the distribution and the criticality ranking and writes "
                "risk_result.json, risk_draws.csv, risk_elements.csv. Under mpirun the draws "
                "are split over the ranks");
    cmd_->add_option("DATASET", dataset_, "dataset folder")->required();
    cmd_->add_option("--risk", risk_file_, "risk model TOML file")->required();
    cmd_->add_option("--scenario", scenario_, "scenario TOML file applied to the dataset");
    cmd_->add_option("--measure", measures_,
                     "scenario of the same dataset solved on the same draws, to compare "
                     "(repeatable)");
    cmd_->add_option("--out", out_dir_,
                     "folder for the result files [default: out/<dataset>-<scenario>-risk]");
    AddNumber(*cmd_, engine::kDraws, settings_.draws);
    AddNumber(*cmd_, engine::kSeed, settings_.seed);
    AddNumber(*cmd_, engine::kRiskThreads, settings_.threads);
    AddNumber(*cmd_, engine::kBatch, settings_.batch);
    AddNumber(*cmd_, engine::kPrecision, settings_.precision);
    AddNumber(*cmd_, engine::kCheckDraws, settings_.check_draws);
    AddNumber(*cmd_, engine::kDrawTimeLimit, settings_.draw_time_limit_s);
    AddNumber(*cmd_, kTop, top_);
    cmd_->add_option("--findings", findings_file_,
                     "also write the run's findings as Markdown to this file (docs/findings-risk.md)");
    cmd_->add_flag("--cold", settings_.cold,
                   "solve every draw from scratch instead of from the base basis (for timing)");
  }
  bool parsed() const { return cmd_->parsed(); }

  int Run(Context& ctx) {
    if (mpi::LaunchedByMpirun() && !mpi::Built()) {
      ctx.err << "corridor risk: started by mpirun, but this binary was built without MPI "
                 "(install libopenmpi-dev and rebuild)\n";
      return kExitUnavailable;
    }
    if (Status s = settings_.Validate(); !s.ok()) return FailWrite("risk", s, ctx);
    mpi::Session session;
    engine::RiskRequest req;
    req.input = {dataset_, scenario_};
    req.risk_file = risk_file_;
    for (const std::string& m : measures_) req.measures.push_back({dataset_, m});
    req.options = settings_.ToOptions();
    req.check_draws = settings_.check_draws;
    req.option_record = settings_.Record();
    req.option_record.emplace_back("mpi_ranks", std::to_string(session.size()));
    const bool lead = session.rank() == 0;
    if (session.active()) {
      req.partition = Partition(session);
      if (!lead) spdlog::set_level(spdlog::level::err);
    }
    Progress progress(ctx.err, lead ? Progress::ModeForCommand(ctx.err) : Progress::Mode::kNone);
    req.on_draws = [&](std::int64_t done, std::int64_t total) {
      if (total > 0) progress.Report(static_cast<double>(done) / total, fmt::format("draws {}/{}", done, total));
    };
    Diagnostics diags;
    spdlog::info("risk: {} draws of {} on {}{} ({} rank(s), {} thread(s) each)",
                 req.options.draws, risk_file_, dataset_,
                 scenario_.empty() ? "" : " with " + scenario_, session.size(), settings_.threads);
    auto result = engine::RunRisk(req, diags);
    if (result.ok()) progress.Done();
    progress.Finish();
    if (!result.ok()) return lead ? Fail(result.status(), diags, ctx) : ExitFor(result.status());
    if (!lead) return kExitOk;
    PrintDiagnostics(diags, ctx.err);
    const report::RiskReport rep = result->Report(req.options);
    if (out_dir_.empty()) {
      out_dir_ = "out/" + Sanitise(rep.run.dataset_name) + "-" + Sanitise(rep.run.scenario_name) +
                 "-risk";
    }
    ctx.out << report::FormatRiskSummary(rep, top_);
    if (Status s = report::WriteRiskFiles(out_dir_, rep, top_); !s.ok()) {
      return FailWrite("risk", s, ctx);
    }
    if (!findings_file_.empty()) {
      const std::string md = report::RiskFindingsMarkdown(rep, ctx.command_line, top_);
      if (Status s = report::WriteFileAtomically(findings_file_, md); !s.ok()) {
        return FailWrite("risk", s, ctx);
      }
    }
    spdlog::info("results written to {}", out_dir_);
    return ExitForRisk(*result);
  }

 private:
  static risk::Partition Partition(const mpi::Session& session) {
    risk::Partition p;
    p.rank = session.rank();
    p.ranks = session.size();
    p.exchange = [&session](std::vector<risk::DrawOutcome> mine) {
      std::vector<risk::DrawOutcome> all;
      for (const std::vector<double>& flat : session.AllGather(risk::Serialize(mine))) {
        auto part = risk::Deserialize(flat);
        if (!part.ok()) throw std::runtime_error(part.status().message());
        for (risk::DrawOutcome& d : *part) all.push_back(std::move(d));
      }
      return all;
    };
    return p;
  }

  // Failed draws or a failed certificate: the figures stand, the exit code says so.
  static int ExitForRisk(const engine::RiskResult& r) {
    int code = kExitOk;
    auto look = [&code](const engine::RiskCase& c) {
      for (const risk::CertifiedDraw& k : c.checks) {
        if (!k.passed) code = std::max<int>(code, kExitCheckFailed);
      }
      if (c.summary.failed > 0) code = std::max<int>(code, kExitSolverFailure);
    };
    look(r.reference);
    for (const engine::RiskCase& m : r.measures) look(m);
    return code;
  }

  CLI::App* cmd_;
  std::string dataset_, risk_file_, scenario_, out_dir_, findings_file_;
  std::vector<std::string> measures_;
  engine::RiskSettings settings_;
  int top_ = 10;
};

class ServeCommand {
 public:
  explicit ServeCommand(CLI::App& app) {
    cmd_ = app.add_subcommand("serve", "scenario store, HTTP API and web page (docs/http_api.md); "
                                       "runs until interrupted");
    cmd_->add_option("--db", flags_.db, "the store: a SQLite file, created when missing, or "
                                        "postgresql://user@host[:port]/dbname [default: corridor.db]");
    cmd_->add_option("--auth", flags_.auth,
                     "local-token: one random token per start, printed in the URL; accounts: users "
                     "and roles of the store (corridor users) [default: local-token]")
        ->check(CLI::IsMember({"local-token", "accounts"}));
    cmd_->add_option("--host", flags_.hosts,
                     "a name clients reach this server by, beside the bind address and localhost "
                     "(e.g. the proxy's public name); other Host headers are refused (repeatable)");
    cmd_->add_option("--data-root", flags_.data_root,
                     "the only folder POST /v1/datasets {\"folder\"} may read from; without it "
                     "datasets are uploaded as files");
    cmd_->add_option("--bind", flags_.bind, "address to listen on [default: 127.0.0.1]");
    cmd_->add_option("--port", flags_.port, "TCP port; 0 = any free port [default: 8080]")
        ->check(CLI::Range(0, 65535));
    cmd_->add_option("--web", flags_.web, "folder of the built web page [default: web/dist, else "
                                         "the installed one, <prefix>/share/corridor/web]");
    cmd_->add_option("--import", flags_.imports,
                     "dataset folder to import with its scenarios/ (repeatable); without it an "
                     "empty store gets the built-in dataset");
    cmd_->add_option("--jobs", flags_.jobs, "runs solved at once; more wait in a queue [default: 2]")
        ->check(CLI::Range(1, 64));
    cmd_->add_option("--worker-memory", flags_.worker_memory_mib,
                     "address-space limit of each run's worker process in MiB; 0 = none "
                     "[default: 4096]")
        ->check(CLI::Range(0, 1 << 20));
  }
  bool parsed() const { return cmd_->parsed(); }
  int Run(Context& ctx) { return RunServe(flags_, ctx.out, ctx.err); }

 private:
  CLI::App* cmd_;
  ServeFlags flags_;
};

}  // namespace

int Run(int argc, const char* const* argv, std::ostream& out, std::ostream& err) {
  auto sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(err);
  auto logger = std::make_shared<spdlog::logger>("corridor", sink);
  logger->set_pattern("[%l] %v");
  spdlog::set_default_logger(logger);
  spdlog::set_level(spdlog::level::info);

  // The worker process of `corridor serve` (api/worker.h): not a user command.
  if (argc == 2 && std::string_view(argv[1]) == api::kWorkerCommand) return api::WorkerMain();

  CLI::App app{"Corridor: plan cross-border freight corridors (routing, bottlenecks, scenarios)",
               "corridor"};
  app.require_subcommand(1);
  app.set_version_flag("--version", engine::ProgramVersion());
  bool verbose = false;
  bool quiet = false;
  app.add_flag("-v,--verbose", verbose, "more progress on stderr");
  app.add_flag("-q,--quiet", quiet, "only errors on stderr");
  ValidateCommand validate(app);
  SolveCommand solve(app);
  CompareCommand compare(app);
  CalibrateCommand calibrate(app);
  FindingsCommand findings(app);
  AssignCommand assign(app);
  SimulateCommand simulate(app);
  RiskCommand risk(app);
  PlanCommand plan(app);
  ReportCommand report_html(app);
  McndCommand mcnd(app);
  McfCommand mcf(app);
  ConvertCommand convert(app);
  ServeCommand serve(app);
  SettleCommand settle(app);
  UsersCommand users(app);
  // -v / -q are accepted after the subcommand too (`corridor solve DATA -q`).
  for (CLI::App* sub : app.get_subcommands({})) sub->fallthrough();

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp&) {
    out << app.help();
    return kExitOk;
  } catch (const CLI::CallForAllHelp&) {
    out << app.help("", CLI::AppFormatMode::All);
    return kExitOk;
  } catch (const CLI::CallForVersion&) {
    out << engine::ProgramVersion() << '\n';
    return kExitOk;
  } catch (const CLI::ParseError& e) {
    // Subcommand help requests arrive here too, as a parse error with exit code 0.
    if (e.get_exit_code() == 0) {
      for (const CLI::App* sub : app.get_subcommands()) {
        out << sub->help();
        return kExitOk;
      }
      out << app.help();
      return kExitOk;
    }
    err << "corridor: " << e.what() << "\n(run 'corridor --help' for usage)\n";
    return kExitUsage;
  }
  spdlog::set_level(quiet ? spdlog::level::err : verbose ? spdlog::level::debug : spdlog::level::info);

  Context ctx{out, err, "corridor"};
  for (int i = 1; i < argc; ++i) ctx.command_line += std::string(" ") + argv[i];
  // The server isolates its runs in worker processes instead (api/worker.h).
  static std::string command_name;
  command_name = app.get_subcommands().empty() ? "" : app.get_subcommands().front()->get_name();
  if (!serve.parsed()) InstallAbortReport(command_name.c_str());
  try {
    if (validate.parsed()) return validate.Run(ctx);
    if (solve.parsed()) return solve.Run(ctx);
    if (compare.parsed()) return compare.Run(ctx);
    if (calibrate.parsed()) return calibrate.Run(ctx);
    if (findings.parsed()) return findings.Run(ctx);
    if (assign.parsed()) return assign.Run(ctx);
    if (simulate.parsed()) return simulate.Run(ctx.out, ctx.err);
    if (risk.parsed()) return risk.Run(ctx);
    if (plan.parsed()) return plan.Run(ctx.out, ctx.err);
    if (report_html.parsed()) return report_html.Run(ctx.out, ctx.err);
    if (mcnd.parsed()) return mcnd.Run(ctx.out, ctx.err);
    if (mcf.parsed()) return mcf.Run(ctx.out, ctx.err);
    if (convert.parsed()) return convert.Run(ctx.out, ctx.err);
    if (serve.parsed()) return serve.Run(ctx);
    if (settle.parsed()) return settle.Run(out, err);
    if (users.parsed()) return users.Run(std::cin, out, err);
    return kExitUsage;
  } catch (const std::exception& e) {
    err << "corridor: internal error: " << e.what() << '\n';
    return kExitInternal;
  }
}

}  // namespace corridor::cli
