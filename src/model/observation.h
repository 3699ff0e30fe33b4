// Observed figures a model run is compared with (calibration), as read from a
// dataset's observed.csv and calibration_groups.csv (docs/file_formats.md).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/dataset.h"

namespace corridor::model {

struct Observation {
  std::string element;  // crossing:<id>, link:<id>, transfer:<id>, port:<node>,
                        // commodity:<id> or group:<name>
  std::string metric;   // throughput_both, throughput_<cc>_<cc>, throughput_all_cargo,
                        // trade_<cc>_<cc>
  std::string period;   // "2022", "2022-H1", "2022-01-01..2022-11-20", ...
  double value_t = 0.0;
  std::optional<double> target_rel_tol;  // calibration target, e.g. 0.10
  Provenance provenance;
  RowOrigin origin;
};

struct CalibrationGroup {
  std::string name;
  std::vector<std::string> members;  // elements, as in Observation::element
};

struct Observations {
  std::vector<Observation> rows;
  std::vector<CalibrationGroup> groups;
};

}  // namespace corridor::model
