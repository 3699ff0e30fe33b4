// Congested user-equilibrium assignment through the engine: the corridor dataset
// (assignment/corridor.h, with the routing system optimum alongside) and
// standard TNTP networks (assignment/tntp_instance.h).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "assignment/corridor.h"
#include "assignment/equilibrium.h"
#include "assignment/tntp_instance.h"
#include "core/status.h"
#include "engine/engine.h"
#include "model/network.h"
#include "report/assign_report.h"
#include "routing/system_optimum.h"

namespace corridor::engine {

struct AssignRequest {
  InputRequest input;
  assignment::CorridorOptions options;
  double so_time_limit_s = 600.0;  // of the routing system optimum (LP)
  std::vector<std::pair<std::string, std::string>> option_record;
  const RunControl* control = nullptr;  // optional: progress and cancel
};

struct AssignResult {
  report::RunInfo run;
  model::Network network;
  assignment::CorridorProblem problem;
  assignment::CorridorEquilibrium equilibrium;
  // The routing system optimum (LP: hard capacities, no delays, unserved at a
  // penalty) of the same network, for comparison.
  routing::Solution system_optimum_lp;

  // A view for the report writers; valid while this object lives.
  report::AssignReport Report() const;
};

// Loads and validates the input like Solve, then solves the UE, the congested SO
// by marginal-cost pricing and the routing LP.
Result<AssignResult> Assign(const AssignRequest& request, Diagnostics& diagnostics);

struct TntpAssignRequest {
  std::string net_file;
  std::string trips_file;
  assignment::Options options;
};

struct TntpAssignResult {
  assignment::TntpInstance instance;
  assignment::Solution solution;
};

// NotFound for a missing file, InvalidInput (located) for a malformed one.
Result<TntpAssignResult> AssignTntp(const TntpAssignRequest& request);

}  // namespace corridor::engine
