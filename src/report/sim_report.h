// The simulation's result files (docs/results.md, "Simulation"): the printed summary,
// sim_result.json, sim_daily.csv (queue and throughput per element and day) and
// sim_elements.csv (one row of headline figures per element).
#pragma once

#include <string>
#include <vector>

#include "core/status.h"
#include "report/report.h"
#include "sim/model.h"

namespace corridor::report {

// An element's annual figures beside the simulation.
struct SimElementInfo {
  double capacity_t_per_year = 0;  // as the simulation serves it (before dated events)
  double flow_t_per_year = 0;      // routed + preload
  double mean_batch_t = 0;
  double dwell_h = 0;              // batch-weighted mean service time (the dataset's dwell)
};

struct SimReport {
  RunInfo run;
  int period_start = 0;  // days since 1970 of day 0
  const sim::SimResult* sim = nullptr;
  const sim::Model* model = nullptr;
  const std::vector<SimElementInfo>* info = nullptr;
  std::vector<std::string> skipped;
};

// "12.3 ± 0.4".
std::string FormatEstimate(const sim::Estimate& e, int decimals = 1);

std::string FormatSimSummary(const SimReport& report, int top_n = 10);
std::string SimResultJson(const SimReport& report);
std::string SimDailyCsv(const SimReport& report);
std::string SimElementsCsv(const SimReport& report);
std::vector<OutputFile> SimResultFiles(const SimReport& report);
Status WriteSimFiles(const std::string& dir, const SimReport& report);

}  // namespace corridor::report
