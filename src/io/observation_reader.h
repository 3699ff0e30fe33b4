// Reads observed.csv (required) and calibration_groups.csv (optional) of a dataset.
#pragma once

#include <string>

#include "core/status.h"
#include "model/observation.h"

namespace corridor::io {

// Every problem is reported with file and line; NotFound when observed.csv is absent.
Result<model::Observations> ReadObservations(const std::string& folder, Diagnostics& diags);

}  // namespace corridor::io
