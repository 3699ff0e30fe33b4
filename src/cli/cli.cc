#include "cli/cli.h"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <filesystem>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "engine/compare.h"
#include "engine/engine.h"
#include "report/calibration_report.h"
#include "report/compare_report.h"
#include "report/findings.h"
#include "report/report.h"

namespace corridor::cli {
namespace {

// One table drives --help, the bounds checks and docs/cli.md (a test keeps them equal).
struct NumberOption {
  const char* flag;
  const char* unit;
  double default_value;
  double min;
  double max;
  const char* help;
};

constexpr NumberOption kTimeLimit{"--time-limit", "s", 600, 0.001, 86400,
                                  "wall-clock limit of the solve"};
constexpr NumberOption kTop{"--top", "rows", 10, 1, 1000,
                            "rows shown per list in the printed summary"};
constexpr NumberOption kRanging{"--ranging", "resources", 10, 0, 1000,
                                "binding capacities whose price range is found by re-solving"};
constexpr NumberOption kGapTolerance{"--gap-tolerance", "relative", 1e-7, 1e-12, 1e-2,
                                     "largest proven optimality gap accepted as optimal"};

std::string HelpText(const NumberOption& o) {
  return fmt::format("{} [{}; default {}; range {} to {}]", o.help, o.unit, o.default_value,
                     o.min, o.max);
}

template <typename T>
CLI::Option* AddNumber(CLI::App& app, const NumberOption& o, T& value) {
  value = static_cast<T>(o.default_value);
  return app.add_option(o.flag, value, HelpText(o))->check(CLI::Range(o.min, o.max));
}

int ExitFor(const Status& s) {
  switch (s.code()) {
    case StatusCode::kOk: return kExitOk;
    case StatusCode::kInvalidInput: return kExitInvalidInput;
    case StatusCode::kNotFound: return kExitNotFound;
    case StatusCode::kSolverFailure: return kExitSolverFailure;
    case StatusCode::kCheckFailed: return kExitCheckFailed;
    case StatusCode::kInternal: return kExitInternal;
  }
  return kExitInternal;
}

void PrintDiagnostics(const Diagnostics& d, std::ostream& err) {
  for (const auto& item : d.items()) err << item.ToString() << '\n';
}

// Options shared by every command that solves.
struct SolveFlags {
  std::string method = "auto";
  double time_limit = 0;
  double gap_tolerance = 0;
  int top = 0;
  int ranging = 0;
  bool no_check = false;

  // `ranging_default` overrides the table's default (compare skips ranging unless asked).
  void Register(CLI::App& app, std::optional<int> ranging_default = std::nullopt) {
    app.add_option("--method", method, "routing method: auto, lp or cg [default: auto]")
        ->check(CLI::IsMember({"auto", "lp", "cg"}));
    AddNumber(app, kTimeLimit, time_limit);
    AddNumber(app, kGapTolerance, gap_tolerance);
    AddNumber(app, kTop, top);
    NumberOption ranging_option = kRanging;
    if (ranging_default) ranging_option.default_value = *ranging_default;
    AddNumber(app, ranging_option, ranging);
    app.add_flag("--no-check", no_check, "skip the independent answer checker (not recommended)");
  }
  routing::Options Options() const {
    routing::Options o;
    o.method = method == "lp"   ? routing::Method::kLp
               : method == "cg" ? routing::Method::kColumnGeneration
                                : routing::Method::kAuto;
    o.time_limit_s = time_limit;
    o.check = !no_check;
    o.check_gap_tolerance = gap_tolerance;
    o.ranging_top_n = ranging;
    return o;
  }
  std::vector<std::pair<std::string, std::string>> Record() const {
    return {{"method", method},
            {"time_limit_s", fmt::format("{}", time_limit)},
            {"gap_tolerance", fmt::format("{}", gap_tolerance)},
            {"ranging", std::to_string(ranging)},
            {"check", no_check ? "off" : "on"}};
  }
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

}  // namespace

int Run(int argc, const char* const* argv, std::ostream& out, std::ostream& err) {
  auto sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(err);
  auto logger = std::make_shared<spdlog::logger>("corridor", sink);
  logger->set_pattern("[%l] %v");
  spdlog::set_default_logger(logger);
  spdlog::set_level(spdlog::level::info);

  CLI::App app{"Corridor: plan cross-border freight corridors (routing, bottlenecks, scenarios)",
               "corridor"};
  app.require_subcommand(1);
  app.set_version_flag("--version", engine::ProgramVersion());
  bool verbose = false;
  bool quiet = false;
  app.add_flag("-v,--verbose", verbose, "more progress on stderr");
  app.add_flag("-q,--quiet", quiet, "only errors on stderr");

  // validate
  CLI::App* validate = app.add_subcommand("validate", "check a dataset (and a scenario) and list every problem");
  std::string v_dataset, v_scenario;
  validate->add_option("DATASET", v_dataset, "dataset folder")->required();
  validate->add_option("--scenario", v_scenario, "scenario TOML file applied to the dataset");

  // solve
  CLI::App* solve = app.add_subcommand(
      "solve", "system-optimal routing of the demand with capacities; prints a summary and "
               "writes result.json, flows.csv, od.csv, resources.csv, flows.geojson, summary.txt");
  std::string s_dataset, s_scenario, s_out;
  SolveFlags s_flags;
  solve->add_option("DATASET", s_dataset, "dataset folder")->required();
  solve->add_option("--scenario", s_scenario, "scenario TOML file applied to the dataset");
  solve->add_option("--out", s_out,
                    "folder for the result files [default: out/<dataset>-<scenario>]");
  s_flags.Register(*solve);

  // compare
  CLI::App* compare = app.add_subcommand(
      "compare", "solve several scenarios (in parallel) and print them side by side, each "
                 "against the first; writes comparison.csv, comparison.json, comparison.txt");
  std::string c_dataset, c_out = "out/comparison";
  std::vector<std::string> c_scenarios;
  int c_threads = 0;
  SolveFlags c_flags;
  compare->add_option("DATASET", c_dataset, "dataset folder")->required();
  compare->add_option("--scenario", c_scenarios,
                      "scenario file, or a folder of them (sorted, baseline*.toml first); "
                      "repeat for more; the first is the reference")
      ->required();
  compare->add_option("--out", c_out, "folder for the comparison files [default: out/comparison]");
  compare->add_option("--threads", c_threads, "scenarios solved at once [default: 0 = all cores]")
      ->check(CLI::Range(0, 256));
  c_flags.Register(*compare, /*ranging_default=*/0);

  // calibrate
  CLI::App* calibrate = app.add_subcommand(
      "calibrate", "solve and compare modelled with observed tonnes (the dataset's observed.csv); "
                   "writes calibration.csv and the run's result files");
  std::string k_dataset, k_scenario, k_out;
  SolveFlags k_flags;
  calibrate->add_option("DATASET", k_dataset, "dataset folder")->required();
  calibrate->add_option("--scenario", k_scenario, "scenario TOML file applied to the dataset");
  calibrate->add_option("--out", k_out, "folder for the files [default: out/<dataset>-calibration]");
  k_flags.Register(*calibrate);

  // findings
  CLI::App* findings = app.add_subcommand(
      "findings", "solve a baseline, each measure alone, the measures combined and stress "
                  "scenarios, and write the findings as Markdown (docs/findings.md)");
  std::string f_dataset, f_baseline, f_combined, f_out = "docs/findings.md";
  std::vector<std::string> f_measures, f_stress;
  SolveFlags f_flags;
  findings->add_option("DATASET", f_dataset, "dataset folder")->required();
  findings->add_option("--baseline", f_baseline, "scenario file of the baseline")->required();
  findings->add_option("--measure", f_measures, "scenario file of one measure alone (repeat)")
      ->required();
  findings->add_option("--combined", f_combined, "scenario file with all measures together");
  findings->add_option("--stress", f_stress, "scenario file of a stress case, e.g. demand growth (repeat)");
  findings->add_option("--out", f_out, "Markdown file to write [default: docs/findings.md]");
  f_flags.Register(*findings);

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

  try {
    if (validate->parsed()) {
      Diagnostics diags;
      auto input = engine::LoadInput({v_dataset, v_scenario}, diags);
      PrintDiagnostics(diags, err);
      if (!input.ok()) {
        if (diags.items().empty()) err << input.status().message() << '\n';
        err << fmt::format("corridor validate: {} error(s), {} warning(s)\n", diags.error_count(),
                           diags.warning_count());
        return ExitFor(input.status());
      }
      const model::Dataset& ds = input->dataset;
      out << fmt::format(
          "{}: valid ({} nodes, {} links, {} crossings, {} transfers, {} commodities, {} demand "
          "rows; {} warning(s)); hash {}\n",
          ds.meta.name, ds.nodes.size(), ds.links.size(), ds.crossings.size(),
          ds.transfers.size(), ds.commodities.size(), ds.demand.size(), diags.warning_count(),
          ds.content_hash);
      return kExitOk;
    }

    if (compare->parsed()) {
      engine::CompareRequest req;
      req.dataset_folder = c_dataset;
      req.scenario_files = ExpandScenarios(c_scenarios);
      req.options = c_flags.Options();
      req.option_record = c_flags.Record();
      req.threads = c_threads;
      Diagnostics diags;
      spdlog::info("comparing {} scenario(s) on {}", req.scenario_files.size(), c_dataset);
      auto runs = engine::Compare(req, diags);
      PrintDiagnostics(diags, err);
      if (!runs.ok()) {
        if (diags.items().empty()) err << runs.status().message() << '\n';
        return ExitFor(runs.status());
      }
      std::vector<report::RunReport> reports;
      for (const auto& r : *runs) reports.push_back(r.Report());
      out << report::FormatComparison(reports, c_flags.top);
      Status written = report::WriteComparisonFiles(c_out, reports);
      if (!written.ok()) {
        err << "corridor compare: " << written.message() << '\n';
        return ExitFor(written);
      }
      spdlog::info("comparison written to {}", c_out);
      int code = kExitOk;
      for (const auto& r : *runs) code = std::max(code, ExitForSolution(r.solution, !c_flags.no_check));
      return code;
    }

    if (calibrate->parsed()) {
      engine::SolveRequest req;
      req.input = {k_dataset, k_scenario};
      req.options = k_flags.Options();
      req.option_record = k_flags.Record();
      Diagnostics diags;
      auto cal = engine::Calibrate(req, diags);
      PrintDiagnostics(diags, err);
      if (!cal.ok()) {
        if (diags.items().empty()) err << cal.status().message() << '\n';
        return ExitFor(cal.status());
      }
      const report::RunReport rep = cal->run.Report();
      if (k_out.empty()) k_out = "out/" + Sanitise(rep.run.dataset_name) + "-calibration";
      out << report::FormatCalibration(cal->rows);
      Status written = report::WriteResultFiles(k_out, rep);
      if (written.ok()) {
        written = report::WriteFileAtomically(k_out + "/calibration.csv",
                                              report::CalibrationCsv(cal->rows));
      }
      if (!written.ok()) {
        err << "corridor calibrate: " << written.message() << '\n';
        return ExitFor(written);
      }
      spdlog::info("calibration written to {}", k_out);
      return ExitForSolution(cal->run.solution, !k_flags.no_check);
    }

    if (findings->parsed()) {
      engine::CompareRequest req;
      req.dataset_folder = f_dataset;
      req.scenario_files.push_back(f_baseline);
      req.scenario_files.insert(req.scenario_files.end(), f_measures.begin(), f_measures.end());
      if (!f_combined.empty()) req.scenario_files.push_back(f_combined);
      req.scenario_files.insert(req.scenario_files.end(), f_stress.begin(), f_stress.end());
      req.options = f_flags.Options();
      req.option_record = f_flags.Record();
      Diagnostics diags;
      auto runs = engine::Compare(req, diags);
      PrintDiagnostics(diags, err);
      if (!runs.ok()) {
        if (diags.items().empty()) err << runs.status().message() << '\n';
        return ExitFor(runs.status());
      }
      std::vector<report::RunReport> reports;
      for (const auto& r : *runs) reports.push_back(r.Report());
      report::FindingsInput in;
      in.command = "corridor";
      for (int i = 1; i < argc; ++i) in.command += std::string(" ") + argv[i];
      std::size_t next = 0;
      in.baseline = &reports[next++];
      for (std::size_t i = 0; i < f_measures.size(); ++i) in.measures.push_back(&reports[next++]);
      if (!f_combined.empty()) in.combined = &reports[next++];
      while (next < reports.size()) in.stress.push_back(&reports[next++]);
      Status written = report::WriteFileAtomically(f_out, report::FindingsMarkdown(in));
      if (!written.ok()) {
        err << "corridor findings: " << written.message() << '\n';
        return ExitFor(written);
      }
      out << "findings written to " << f_out << '\n';
      int code = kExitOk;
      for (const auto& r : *runs) code = std::max(code, ExitForSolution(r.solution, !f_flags.no_check));
      return code;
    }

    // solve
    engine::SolveRequest req;
    req.input = {s_dataset, s_scenario};
    req.options = s_flags.Options();
    req.option_record = s_flags.Record();
    Diagnostics diags;
    spdlog::info("solving {}{}", s_dataset, s_scenario.empty() ? "" : " with " + s_scenario);
    auto result = engine::Solve(req, diags);
    PrintDiagnostics(diags, err);
    if (!result.ok()) {
      if (diags.items().empty()) err << result.status().message() << '\n';
      return ExitFor(result.status());
    }
    const report::RunReport rep = result->Report();
    if (s_out.empty()) {
      s_out = "out/" + Sanitise(rep.run.dataset_name) + "-" + Sanitise(rep.run.scenario_name);
    }
    out << report::FormatSummary(rep, s_flags.top);
    Status written = report::WriteResultFiles(s_out, rep);
    if (!written.ok()) {
      err << "corridor solve: " << written.message() << '\n';
      return ExitFor(written);
    }
    spdlog::info("results written to {}", s_out);
    return ExitForSolution(result->solution, !s_flags.no_check);
  } catch (const std::exception& e) {
    err << "corridor: internal error: " << e.what() << '\n';
    return kExitInternal;
  }
}

}  // namespace corridor::cli
