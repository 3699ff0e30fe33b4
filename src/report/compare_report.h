// A side-by-side table of solved scenarios, the first being the reference.
#pragma once

#include <string>
#include <vector>

#include "report/report.h"

namespace corridor::report {

// One row per figure, one column per scenario, plus "vs first" differences:
// totals, utilisation of every crossing and capacitated trunk link (matched by id),
// and each scenario's top bottlenecks.
std::string FormatComparison(const std::vector<RunReport>& runs, int top_n = 5);
std::string ComparisonCsv(const std::vector<RunReport>& runs);   // long format
std::string ComparisonJson(const std::vector<RunReport>& runs);
std::vector<OutputFile> ComparisonFiles(const std::vector<RunReport>& runs);
Status WriteComparisonFiles(const std::string& dir, const std::vector<RunReport>& runs);

}  // namespace corridor::report
