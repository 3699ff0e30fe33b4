// Reads a scenario TOML file (docs/file_formats.md, "Scenarios") into a
// model::Scenario; model::ApplyScenario applies it to a dataset.
#pragma once

#include <string>

#include "core/status.h"
#include "model/scenario.h"

namespace corridor::io {

// Parses the scenario at `path`. Every problem goes to `diags`, located as
// "<file name>:<line>: change <i> (<type>): <field> ..." (bad TOML, unknown change
// type, missing field, wrong type, value out of range such as a negative factor);
// unknown keys are warnings. Returns NotFound if the file does not exist and
// InvalidInput listing the errors if there are any. Targets are not checked here:
// ApplyScenario reports unknown ids.
Result<model::Scenario> ReadScenario(const std::string& path, Diagnostics& diags);

// The same for scenario text held in memory; `path` names it in messages (its file
// name part) and gives the default scenario name (its stem).
Result<model::Scenario> ParseScenario(const std::string& text, const std::string& path,
                                      Diagnostics& diags);

// The dataset folder the scenario names: `base` taken relative to the folder of the
// scenario file (an absolute `base` is kept), normalised. Empty if `base` is empty.
std::string ResolveScenarioBase(const model::Scenario& scenario);

}  // namespace corridor::io
