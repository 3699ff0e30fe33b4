// Risk run reports: the printed summary, risk_result.json, risk_draws.csv and
// risk_elements.csv (docs/results.md, "Risk").
#pragma once

#include <string>
#include <vector>

#include "core/status.h"
#include "model/network.h"
#include "report/report.h"
#include "risk/risk_model.h"
#include "risk/run.h"
#include "risk/stats.h"
#include "routing/resolver.h"

namespace corridor::report {

// The reference (--scenario or the dataset) or one measure.
struct RiskCaseView {
  const RunInfo* run = nullptr;
  const model::Network* network = nullptr;
  const routing::Outcome* base = nullptr;
  const risk::RunOutput* output = nullptr;
  const risk::RiskSummary* summary = nullptr;
  const std::vector<risk::CertifiedDraw>* checks = nullptr;
};

struct RiskReport {
  RunInfo run;
  const risk::RiskModel* model = nullptr;
  risk::Options options;
  RiskCaseView reference;
  std::vector<RiskCaseView> measures;
  const std::vector<risk::MeasureEffect>* effects = nullptr;  // parallel to measures
};

std::string FormatRiskSummary(const RiskReport& report, int top_n = 10);
std::string RiskResultJson(const RiskReport& report);
// One row per draw and case: index, seed, status, cost, unserved, events.
std::string RiskDrawsCsv(const RiskReport& report);
// One row per resource some draw hit or found binding, per case.
std::string RiskElementsCsv(const RiskReport& report);
// The findings of a risk run as Markdown: the distribution, the criticality ranking,
// what each measure does to the expected cost and to the tail, and every assumption
// of the risk model (docs/findings-risk.md). `command` is the command line that made it.
std::string RiskFindingsMarkdown(const RiskReport& report, const std::string& command,
                                 int top_n = 10);

// risk_result.json, risk_draws.csv, risk_elements.csv and summary.txt.
std::vector<OutputFile> RiskResultFiles(const RiskReport& report, int top_n = 10);
// Writes RiskResultFiles into `dir`.
Status WriteRiskFiles(const std::string& dir, const RiskReport& report, int top_n = 10);

}  // namespace corridor::report
