// Risk runs: a risk model's draws re-solved on a dataset (and on measure scenarios of
// it, on the same draws), summarised, and a few draws certified by the full solver.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/status.h"
#include "engine/engine.h"
#include "report/risk_report.h"
#include "risk/risk_model.h"
#include "risk/run.h"
#include "risk/stats.h"
#include "routing/resolver.h"

namespace corridor::engine {

struct RiskRequest {
  InputRequest input;
  std::string risk_file;
  std::optional<std::string> risk_text = std::nullopt;  // in-memory model; risk_file names it
  std::vector<InputRequest> measures = {};  // scenarios of the same dataset, one each
  risk::Options options = {};
  int check_draws = 2;  // the costliest draws re-solved and certified by SolveSystemOptimum
  std::vector<std::pair<std::string, std::string>> option_record = {};
  risk::Partition partition = {};
  const RunControl* control = nullptr;
  // Called after each batch with (done, total) draws of the whole run (all cases).
  std::function<void(std::int64_t, std::int64_t)> on_draws = nullptr;
};


// The reference (--scenario or the dataset) or one measure.
struct RiskCase {
  report::RunInfo run;
  model::Network network;
  routing::Outcome base;  // the undisrupted optimum
  risk::RunOutput output;
  risk::RiskSummary summary;
  std::vector<risk::CertifiedDraw> checks;
};

struct RiskResult {
  report::RunInfo run;  // of the reference, with the risk model's identity in options
  risk::RiskModel model;
  RiskCase reference;
  std::vector<RiskCase> measures;
  std::vector<risk::MeasureEffect> effects;  // parallel to measures
  bool cancelled = false;

  // A view for the report writers; valid while this object lives.
  report::RiskReport Report(const risk::Options& options) const;
};

Result<RiskResult> RunRisk(const RiskRequest& request, Diagnostics& diagnostics);

}  // namespace corridor::engine
