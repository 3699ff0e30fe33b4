// Reads observed.csv (required) and calibration_groups.csv (optional) of a dataset.
#pragma once

#include <string>

#include "core/status.h"
#include "model/observation.h"

namespace corridor::io {

// Every problem is reported with file and line; NotFound when observed.csv is absent.
// `observed_file`, when not empty, is read instead of the folder's observed.csv (e.g.
// the observations of a hindcast year); the groups still come from the folder.
Result<model::Observations> ReadObservations(const std::string& folder, Diagnostics& diags,
                                             const std::string& observed_file = "");

}  // namespace corridor::io
