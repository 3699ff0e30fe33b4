// What `corridor assign` prints and writes: the congested user equilibrium (UE)
// of a corridor run beside its system optima, and TNTP assignment summaries.
//
// Files: ue_result.json (model, certificate, totals of UE and congested SO, the
// routing LP's objective, price of anarchy, per-crossing load, delay, queue,
// queue cost per commodity and marginal-cost charge, every saturated resource,
// unserved demand), ue_flows.csv (one row per arc and commodity with UE flow
// > 0) and ue_crossings.csv (one row per capacitated crossing and commodity).
#pragma once

#include <string>

#include "assignment/corridor.h"
#include "assignment/equilibrium.h"
#include "assignment/tntp_instance.h"
#include "core/status.h"
#include "model/network.h"
#include "report/report.h"
#include "routing/system_optimum.h"

namespace corridor::report {

struct AssignReport {
  RunInfo run;
  const model::Network* network = nullptr;
  const assignment::CorridorProblem* problem = nullptr;
  const assignment::CorridorEquilibrium* equilibrium = nullptr;
  const routing::Solution* system_optimum_lp = nullptr;
};

std::string FormatAssignSummary(const AssignReport& report, int top_n);
std::string AssignResultJson(const AssignReport& report);
std::string AssignFlowsCsv(const AssignReport& report);
std::string AssignCrossingsCsv(const AssignReport& report);
// ue_result.json, ue_flows.csv, ue_crossings.csv
std::vector<OutputFile> AssignFiles(const AssignReport& report);
Status WriteAssignFiles(const std::string& dir, const AssignReport& report);

// Iterations, relative gap, Beckmann objective, total system travel time (TSTT).
std::string FormatTntpAssignment(const assignment::Solution& solution);
// "link,from,to,flow,time" with TNTP node numbers.
std::string TntpFlowsCsv(const assignment::TntpInstance& instance,
                         const assignment::Solution& solution);

}  // namespace corridor::report
