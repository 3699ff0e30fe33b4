// Reading a risk model from TOML (docs/file_formats.md, "Risk models"), with every
// problem located: "risk.toml:14: event 3 (ne_closure): probability must be in [0, 1],
// got 1.5". Checks what the file alone can tell (ranges, supports, ids, parents before
// children, groups); the elements are matched to a network by risk/sample.h.
#pragma once

#include <string>

#include "core/status.h"
#include "risk/risk_model.h"

namespace corridor::risk {

Result<RiskModel> ReadRiskModel(const std::string& path, Diagnostics& diags);
// The same from the file's bytes; `path` names it in messages.
Result<RiskModel> ParseRiskModel(const std::string& text, const std::string& path,
                                 Diagnostics& diags);

}  // namespace corridor::risk
