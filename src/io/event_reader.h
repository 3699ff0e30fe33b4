// Reading of a scenario's [[event]] tables and [simulation] table (internal to io/).
#pragma once

#include "io/toml_fields.h"
#include "model/scenario.h"

namespace corridor::io {

// Reads `[simulation]` (start, days) and every `[[event]]` of the scenario's top
// table into `scenario`; problems are reported located.
void ReadSimulationTables(TomlFields& top, const std::string& file, Diagnostics& diags,
                          model::Scenario& scenario);

}  // namespace corridor::io
