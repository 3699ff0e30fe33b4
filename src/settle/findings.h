// The settlement section of docs/findings.md: for each settled scenario, the gross
// cross-border payments behind the freight, what bilateral and multilateral netting and
// compression would remove, the clearing house's liquidity need, and every assumption.
#pragma once

#include <string>
#include <vector>

#include "settle/settle_report.h"

namespace corridor::settle {

std::string SettlementFindingsMarkdown(const std::vector<SettleReport>& reports);

}  // namespace corridor::settle
