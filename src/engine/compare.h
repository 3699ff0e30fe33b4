// Side-by-side scenarios: solve each (in parallel threads) and line them up.
#pragma once

#include <string>
#include <vector>

#include "engine/engine.h"

namespace corridor::engine {

struct CompareRequest {
  // One input per scenario, usually of the same dataset (a scenario_file "" stands
  // for the dataset as it is).
  std::vector<InputRequest> inputs;
  routing::Options options;
  std::vector<std::pair<std::string, std::string>> option_record;
  int threads = 0;  // 0 = hardware concurrency
  // Optional: progress counts finished scenarios; cancel stops the ones not started
  // and those in ranging.
  const RunControl* control = nullptr;
};

// Solves every scenario. The first is the reference the others are compared with.
// Fails (with every scenario's located problems in `diagnostics`) if any input is bad.
Result<std::vector<SolveResult>> Compare(const CompareRequest& request, Diagnostics& diagnostics);

}  // namespace corridor::engine
