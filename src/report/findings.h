// docs/findings.md, generated from model runs (never typed by hand): which constraint
// binds most, what each measure buys alone and together, and what breaks first under
// growth.
#pragma once

#include <string>
#include <vector>

#include "report/report.h"

namespace corridor::report {

struct FindingsInput {
  std::string command;                 // the exact command that generated the file
  const RunReport* baseline = nullptr;
  std::vector<const RunReport*> measures;  // each measure alone
  const RunReport* combined = nullptr;     // all measures together (optional)
  std::vector<const RunReport*> stress;    // e.g. demand growth with and without measures
  std::string plans_markdown;              // report::PlanFindingsMarkdown (optional)
  std::vector<std::string> extra_sections;  // Markdown placed before the list of runs
};

std::string FindingsMarkdown(const FindingsInput& input);

}  // namespace corridor::report
