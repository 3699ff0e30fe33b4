// A scenario: a named, ordered list of changes to a base dataset
// (docs/file_formats.md, "Scenarios"). io::ReadScenario builds it from TOML;
// ApplyScenario edits a copy of the dataset.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "model/dataset.h"
#include "model/events.h"

namespace corridor::model {

enum class ChangeType : std::uint8_t {
  kCloseCrossing,
  kOpenCrossing,
  kSetCrossingState,
  kScaleCapacity,
  kSetCapacity,
  kAddLink,
  kRemoveLink,
  kSetDwell,
  kScaleDwell,
  kScaleCost,
  kSetAeoShare,
  kScaleDemand,
};
// The file spelling: "close_crossing", "set_capacity", ...
std::string_view ChangeTypeName(ChangeType type);
std::optional<ChangeType> ParseChangeType(std::string_view text);

// The kind of element in "link:<id>", "crossing:<id>", "transfer:<id>", "resource:<id>"
// (a resources.csv row: capacity changes only).
enum class ElementKind : std::uint8_t { kLink, kCrossing, kTransfer, kResource };
std::string_view ElementKindName(ElementKind kind);

enum class DwellWhich : std::uint8_t { kStandard, kAeo, kBoth };

// One change. Only the fields of its type (see the table in docs/file_formats.md) are
// meaningful; "*" as target means all elements of the kind where the type allows it.
struct ScenarioChange {
  ChangeType type = ChangeType::kCloseCrossing;
  int index = 0;  // 1-based position in the file
  int line = 0;   // line of its [[change]] header, 0 if unknown

  std::string target;  // crossing, link or commodity id, or the id part of `element`
  ElementKind element_kind = ElementKind::kLink;  // scale_capacity, set_capacity, scale_cost

  double factor = 1.0;                        // scale_* changes
  double fraction = 1.0;                      // set_crossing_state
  double share = 0.0;                         // set_aeo_share
  std::optional<double> capacity_t_per_year;  // set_capacity; nullopt = unlimited
  double dwell_standard_h = 0.0;              // set_dwell
  std::optional<double> dwell_aeo_h;          // set_dwell; nullopt = dwell_standard_h
  DwellWhich which = DwellWhich::kBoth;       // scale_dwell
  Link link;                                  // add_link

  // scale_demand filters; empty = any.
  std::string commodity;
  std::string origin;
  std::string destination;
};

struct Scenario {
  std::string name;
  std::string description;
  std::string base;  // dataset folder as written, relative to `file`; may be empty
  std::string file;  // path of the scenario file as given
  std::string content_hash;  // FNV-1a 64-bit hex of the file's bytes, set by the reader
  // The year the scenario stands for (e.g. a hindcast of the next year); 0 keeps the
  // dataset's reference year. Calibration compares observations of this year.
  int reference_year = 0;
  std::vector<ScenarioChange> changes;
  // Dated events ([[event]]) and the simulated period ([simulation] start, days);
  // an empty start means 1 January of the reference year.
  std::vector<DatedEvent> events;
  std::string sim_start;
  int sim_days = 365;
  // [simulation.monthly_profile]: arrival-rate multipliers by calendar month (12 values
  // >= 0) per element mode ("rail", "road", "sea", "river") or "all"; the simulation
  // scales them to mean 1 over the period, so the annual tonnes are kept.
  std::map<std::string, std::vector<double>> monthly_profile;
};

// The simulated period of a scenario applied to a dataset of `reference_year`.
SimPeriod ScenarioPeriod(const Scenario& scenario, int reference_year);

// Applies the changes in order. Every change whose target does not exist is reported
// ("bridges.toml:12: change 3 (close_crossing): unknown crossing 'X'") and skipped;
// the others are still applied. Returns InvalidInput listing the errors, if any.
// The result is not re-validated: run ValidateDataset on it. Dated events are checked
// (model/events.h) and their time average over the period applied last.
Status ApplyScenario(const Scenario& scenario, Dataset& dataset, Diagnostics& diags);

}  // namespace corridor::model
