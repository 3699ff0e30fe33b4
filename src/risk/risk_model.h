// A risk model: the disruptions a corridor may suffer in a year, with their
// probabilities, durations and common causes (docs/file_formats.md, "Risk models").
// io-free types; risk/reader.h reads them from TOML, risk/sample.h draws from them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace corridor::risk {

// A distribution of a positive quantity (days, demand factors).
//   fixed       value = a
//   uniform     a = min, b = max
//   triangular  a = min, c = mode, b = max
//   exponential a = mean (then capped at b when b > 0: a closure of more than a year
//               is a year)
//   lognormal   a = median, c = sigma of the log (capped at b when b > 0)
enum class DistributionKind : std::uint8_t { kFixed, kUniform, kTriangular, kExponential,
                                             kLognormal };
struct Distribution {
  DistributionKind kind = DistributionKind::kFixed;
  double a = 0.0, b = 0.0, c = 0.0;
};
const char* DistributionKindName(DistributionKind kind);
// The distribution's mean (the cap ignored), for reports.
double Mean(const Distribution& d);

// A named set of elements ("crossing:ID", "link:ID", "transfer:ID", "resource:ID",
// "port:NODE", or "group:ID" of an earlier group).
struct Group {
  std::string id;
  std::vector<std::string> elements;
  int line = 0;
};

// A disruption. A root event (no parent) happens in a year with `probability`; a child
// happens with `probability` given that its parent happened (a common cause: an
// epidemic wave, then each land port it closes). An event with elements reduces their
// capacity to `capacity_fraction` (0 = closed) for a duration in days, drawn from
// `duration_days` or, when that is absent, the parent's drawn duration.
struct Event {
  std::string id;
  std::string name;
  std::string parent;  // "" = root
  double probability = 0.0;
  std::vector<std::string> elements;
  int elements_line = 0;
  double capacity_fraction = 0.0;
  std::optional<Distribution> duration_days;
  std::string source;
  std::string confidence;
  int line = 0;
};

// A demand shock: with `probability` (given its parent, if any) the demand of the
// listed commodities ("*" = all) is multiplied by a factor drawn from `factor`.
struct DemandShock {
  std::string id;
  std::string name;
  std::string parent;
  double probability = 0.0;
  std::vector<std::string> commodities;
  int commodities_line = 0;
  Distribution factor;
  std::string source;
  std::string confidence;
  int line = 0;
};

struct RiskModel {
  std::string name;
  std::string description;
  std::string file;          // as given
  std::string content_hash;  // FNV-1a 64 of the file's bytes
  std::vector<Group> groups;
  std::vector<Event> events;        // parents before children (checked)
  std::vector<DemandShock> shocks;  // parents are events
};

}  // namespace corridor::risk
