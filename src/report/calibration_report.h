// Modelled versus observed tonnes, as a table and as CSV.
#pragma once

#include <string>
#include <vector>

#include "analysis/calibration.h"

namespace corridor::report {

// Comparable rows first (with ratio and target verdict), then the context rows.
std::string FormatCalibration(const std::vector<analysis::CalibrationRow>& rows);
std::string CalibrationCsv(const std::vector<analysis::CalibrationRow>& rows);

}  // namespace corridor::report
