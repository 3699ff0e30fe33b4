// The simulation through the engine: a routing result (system optimum or equilibrium)
// of a dataset and scenario turned into batch arrivals at every crossing and transfer,
// the scenario's dated events into daily capacity, and the replications run
// (sim/simulate.h). Batch sizes: sim_batches.h (docs/file_formats.md, "Batch sizes").
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "core/status.h"
#include "engine/engine.h"
#include "model/events.h"
#include "report/sim_report.h"
#include "sim/model.h"

namespace corridor::engine {

struct SimulateSettings {
  std::string from = "solve";          // solve | assign: which routing feeds the arrivals
  int days = 0;                        // 0 = the scenario's period (365 by default)
  int replications = 20;
  std::uint64_t seed = 1;
  int threads = 1;
  double warmup_days = 30;
  std::string service = "exponential";  // exponential | deterministic | erlang
  int erlang_k = 2;
  std::string aeo = "none";             // none | priority | green-lane
  double green_lane_share = 0.2;        // of the servers, with aeo = green-lane
  double delay_threshold_h = 24;
  std::vector<std::string> batches;     // overrides "mode:cargo=tonnes"

  Status Validate() const;
  std::vector<std::pair<std::string, std::string>> Record() const;
};

struct SimulateRequest {
  InputRequest input;
  SimulateSettings settings;
  const RunControl* control = nullptr;
};

struct SimulateResult {
  report::RunInfo run;
  model::SimPeriod period;
  sim::Model model;
  std::vector<report::SimElementInfo> info;  // per model element
  sim::SimResult sim;
  std::vector<std::string> skipped;  // elements without capacity or traffic

  // A view for the report writers; valid while this object lives.
  report::SimReport Report() const;
};

Result<SimulateResult> Simulate(const SimulateRequest& request, Diagnostics& diagnostics);

// --mmc: one M/M/c queue (arrival rate and service rate per hour, c servers).
struct MmcResult {
  double lambda = 0, mu = 0;
  int servers = 0;
  double rho = 0;
  bool unstable = false;
  double erlang_c_wait_h = 0;   // +inf when unstable
  sim::SimResult sim;
};
Result<MmcResult> SimulateMmc(double lambda, double mu, int servers, int days, int replications,
                              std::uint64_t seed, int threads);

}  // namespace corridor::engine
