// The one facade every front end calls: a request in, a result out.
//
// The CLI (and later the HTTP server) build a request, call the engine and format what
// comes back; they never reach into io/, model/ or the solvers themselves. Expected
// failures (bad files, unknown ids) come back as a Status whose message lists every
// located problem; solver outcomes (time limit, failed check) are part of the result.
#pragma once

#include <atomic>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "analysis/calibration.h"
#include "analysis/kpi.h"
#include "model/observation.h"
#include "core/status.h"
#include "model/dataset.h"
#include "model/events.h"
#include "model/network.h"
#include "report/report.h"
#include "routing/system_optimum.h"

namespace corridor::engine {

// "0.1.0 (git <describe>)".
std::string ProgramVersion();

struct InputRequest {
  std::string dataset_folder;  // may be empty when the scenario names its base
  std::string scenario_file;   // empty = the dataset as it is ("baseline")

  // In-memory inputs (the HTTP API's stored datasets and scenarios). When
  // `dataset_files` is not empty it is the dataset (file name -> bytes) and
  // `dataset_folder` only names it; when `scenario_text` is set it is the scenario
  // and `scenario_file` only names it (its `base` is ignored).
  std::map<std::string, std::string> dataset_files = {};
  std::optional<std::string> scenario_text = std::nullopt;
};

// How a caller follows and stops a long run (the HTTP API's background jobs).
// Progress is reported at stage boundaries and inside ranging / equilibrium
// iterations; a cancel request is honoured at the next of those points, and the
// call then returns a Cancelled status.
class RunControl {
 public:
  using ProgressFn = std::function<void(double fraction, const std::string& stage)>;
  RunControl() = default;
  explicit RunControl(ProgressFn on_progress) : on_progress_(std::move(on_progress)) {}

  void Cancel() { cancelled_.store(true); }
  bool cancelled() const { return cancelled_.load(); }
  // fraction in [0, 1] of the whole run.
  void Report(double fraction, const std::string& stage) const {
    if (on_progress_) on_progress_(fraction, stage);
  }

 private:
  std::atomic<bool> cancelled_{false};
  ProgressFn on_progress_;
};

// A dataset read, validated and edited by its scenario, ready to build a network.
struct Input {
  model::Dataset dataset;
  report::RunInfo run;  // dataset and scenario identity filled in
  // The scenario's dated events and simulated period (model/events.h); the dataset
  // already carries their time average.
  std::vector<model::DatedEvent> events;
  model::SimPeriod period;
  std::map<std::string, std::vector<double>> monthly_profile;  // [simulation.monthly_profile]
};

// Reads the dataset (and scenario), validates both and applies the scenario. Every
// problem, errors and warnings, is appended to `diagnostics`; the Status is not OK
// when there is at least one error.
Result<Input> LoadInput(const InputRequest& request, Diagnostics& diagnostics);

// An input read, edited by its scenario and built into the network every solver uses,
// with its run record (dataset, scenario, options) started.
struct PreparedRun {
  report::RunInfo run;
  model::Network network;
};

Result<PreparedRun> Prepare(const InputRequest& request,
                            std::vector<std::pair<std::string, std::string>> option_record,
                            Diagnostics& diagnostics);

struct SolveRequest {
  InputRequest input;
  routing::Options options;
  std::vector<std::pair<std::string, std::string>> option_record;  // as given, for the run record
  const RunControl* control = nullptr;  // optional: progress and cancel
};

struct SolveResult {
  report::RunInfo run;
  model::Network network;
  routing::Solution solution;
  analysis::Kpis kpis;        // the study's trade
  analysis::Kpis background;  // background commodities
  std::vector<analysis::Bottleneck> bottlenecks;
  std::vector<analysis::CrossingUse> crossings;

  // A view for the report writers; valid while this object lives.
  report::RunReport Report() const;
};

Result<SolveResult> Solve(const SolveRequest& request, Diagnostics& diagnostics);

struct CalibrationResult {
  SolveResult run;
  model::Observations observations;
  std::vector<analysis::CalibrationRow> rows;  // point into `observations`
};

// Solves the request and compares the run with the dataset's observed.csv (or with
// `observed_file` when it is not empty), for the run's reference year.
Result<CalibrationResult> Calibrate(const SolveRequest& request, Diagnostics& diagnostics,
                                    const std::string& observed_file = "");

}  // namespace corridor::engine
