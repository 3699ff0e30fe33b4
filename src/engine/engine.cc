#include "engine/engine.h"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <filesystem>

#include "core/clock.h"
#include "io/dataset_reader.h"
#include "io/observation_reader.h"
#include "io/scenario_reader.h"
#include "model/scenario.h"
#include "model/validate.h"

namespace corridor::engine {
namespace {

bool SameFolder(const std::string& a, const std::string& b) {
  std::error_code ec1, ec2;
  auto ca = std::filesystem::weakly_canonical(a, ec1);
  auto cb = std::filesystem::weakly_canonical(b, ec2);
  return !ec1 && !ec2 && ca == cb;
}

}  // namespace

Result<Input> LoadInput(const InputRequest& request, Diagnostics& diags) {
  Input input;
  input.run.program_version = ProgramVersion();
  input.run.started_at_utc = NowUtcIso8601();
  input.run.scenario_name = "baseline";

  std::optional<model::Scenario> scenario;
  std::string folder = request.dataset_folder;
  if (request.scenario_text || !request.scenario_file.empty()) {
    auto sc = request.scenario_text
                  ? io::ParseScenario(*request.scenario_text, request.scenario_file, diags)
                  : io::ReadScenario(request.scenario_file, diags);
    if (!sc.ok()) return sc.status();
    scenario = std::move(sc).value();
    // A stored scenario (text) belongs to the dataset it is run with; its base is ignored.
    const std::string base = request.scenario_text ? "" : io::ResolveScenarioBase(*scenario);
    if (folder.empty()) {
      folder = base;
    } else if (!base.empty() && !SameFolder(folder, base)) {
      diags.Warning(request.scenario_file, 0, "base",
                    "names dataset '" + base + "' but '" + folder +
                        "' was given; using the one given");
    }
    input.run.scenario_name = scenario->name.empty() ? request.scenario_file : scenario->name;
    input.run.scenario_file = request.scenario_file;
    input.run.scenario_hash = scenario->content_hash;
  }
  if (folder.empty()) return InvalidInput("no dataset folder given");

  auto ds = request.dataset_files.empty() ? io::ReadDataset(folder, diags)
                                          : io::ParseDataset(folder, request.dataset_files, diags);
  if (!ds.ok()) return ds.status();
  input.dataset = std::move(ds).value();
  model::ValidateDataset(input.dataset, diags);
  if (diags.has_errors()) return diags.ToStatus("dataset " + folder);
  if (scenario) {
    Status applied = model::ApplyScenario(*scenario, input.dataset, diags);
    if (!applied.ok()) return applied;
    // A scenario may break the dataset (e.g. remove a link some crossing needs).
    Diagnostics after;
    model::ValidateDataset(input.dataset, after);
    for (const auto& d : after.items()) {
      if (d.severity == Diagnostic::Severity::kError) {
        Diagnostic located = d;
        located.message += " (after applying scenario " + request.scenario_file + ")";
        diags.Add(std::move(located));
      }
    }
    if (diags.has_errors()) return diags.ToStatus("scenario " + request.scenario_file);
  }
  input.period = model::ResolvePeriod("", 365, input.dataset.meta.reference_year);
  if (scenario) {
    input.events = scenario->events;
    input.monthly_profile = scenario->monthly_profile;
    input.period = model::ScenarioPeriod(*scenario, input.dataset.meta.reference_year);
  }
  input.run.dataset_name = input.dataset.meta.name;
  input.run.dataset_folder = folder;
  input.run.dataset_hash = input.dataset.content_hash;
  input.run.reference_year = input.dataset.meta.reference_year;
  return input;
}

report::RunReport SolveResult::Report() const {
  report::RunReport r;
  r.run = run;
  r.network = &network;
  r.solution = &solution;
  r.kpis = kpis;
  r.background = background;
  r.bottlenecks = bottlenecks;
  r.crossings = crossings;
  return r;
}

Result<PreparedRun> Prepare(const InputRequest& request,
                            std::vector<std::pair<std::string, std::string>> option_record,
                            Diagnostics& diags) {
  auto input = LoadInput(request, diags);
  if (!input.ok()) return input.status();
  auto net = model::BuildNetwork(input->dataset);
  if (!net.ok()) return net.status();
  PreparedRun prepared{std::move(input->run), std::move(net).value()};
  prepared.run.options = std::move(option_record);
  return prepared;
}

Result<SolveResult> Solve(const SolveRequest& request, Diagnostics& diags) {
  const auto start = std::chrono::steady_clock::now();
  const RunControl* control = request.control;
  const auto cancelled = [&] { return control && control->cancelled(); };
  if (control) control->Report(0.0, "loading input");
  auto prepared = Prepare(request.input, request.option_record, diags);
  if (!prepared.ok()) return prepared.status();
  if (cancelled()) return Cancelled("cancelled before solving");

  SolveResult result;
  result.run = std::move(prepared->run);
  result.network = std::move(prepared->network);
  routing::Options options = request.options;
  if (control) {
    // The LP is one step; ranging re-solves take the rest of the run's time.
    control->Report(0.05, "solving the system optimum");
    options.on_ranging = [control, user = request.options.on_ranging](int done, int total) {
      control->Report(0.5 + 0.45 * done / std::max(total, 1),
                      "ranging prices " + std::to_string(done) + "/" + std::to_string(total));
      if (user && !user(done, total)) return false;
      return !control->cancelled();
    };
  }
  auto sol = routing::SolveSystemOptimum(result.network, options);
  if (!sol.ok()) return sol.status();
  if (cancelled()) return Cancelled("cancelled while solving");
  result.solution = std::move(sol).value();
  result.kpis = analysis::ComputeKpis(result.network, result.solution);
  result.background =
      analysis::ComputeKpis(result.network, result.solution, analysis::Traffic::kBackground);
  result.bottlenecks = analysis::RankBottlenecks(result.network, result.solution);
  result.crossings = analysis::CrossingUsage(result.network, result.solution);
  result.run.wall_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return result;
}

Result<CalibrationResult> Calibrate(const SolveRequest& request, Diagnostics& diags,
                                    const std::string& observed_file) {
  auto run = Solve(request, diags);
  if (!run.ok()) return run.status();
  auto obs = io::ReadObservations(run->run.dataset_folder, diags, observed_file);
  if (!obs.ok()) return obs.status();
  CalibrationResult result{std::move(run).value(), std::move(obs).value(), {}};
  result.rows = analysis::CompareWithObservations(result.run.network, result.run.solution,
                                                  result.observations, result.run.run.reference_year);
  return result;
}

}  // namespace corridor::engine
