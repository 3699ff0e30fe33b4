// Dated events of a scenario (docs/file_formats.md, "Dated events"): an element closed
// or at a fraction of its capacity from one date to another, once or every year (a
// seasonal closure). The simulation follows them day by day; the annual routing sees
// their time average over the simulated period, so both views agree.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/civil_date.h"
#include "core/status.h"
#include "model/dataset.h"

namespace corridor::model {

// Days since 1970-01-01 of a civil date: corridor::DaysFromCivil (core/civil_date.h).
std::string FormatIsoDate(int days);
// "YYYY-MM-DD" -> days; nullopt if not a valid date.
std::optional<int> ParseIsoDate(std::string_view text);
// "MM-DD" -> (month, day); nullopt if not valid (29 Feb allowed).
std::optional<std::pair<int, int>> ParseMonthDay(std::string_view text);

enum class EventEffect : std::uint8_t { kClosed, kCapacity };

struct DatedEvent {
  int index = 0;  // 1-based position in the file
  int line = 0;   // line of its [[event]] header
  ElementRef element;  // link, crossing or transfer
  std::string element_text;
  bool yearly = false;  // from/to are month-days, repeated every year (may wrap the year end)
  int from_day = 0, to_day = 0;        // dated: days since 1970, inclusive
  int from_month = 1, from_mday = 1;   // yearly
  int to_month = 12, to_mday = 31;
  std::string from_text, to_text;
  EventEffect effect = EventEffect::kClosed;
  double fraction = 0.0;  // capacity share during the event; 0 when closed
  std::string note;
};

// The simulated period: `days` days from `start` (days since 1970).
struct SimPeriod {
  int start = 0;
  int days = 365;
};

// The period a scenario names ([simulation] start, days), else the reference year
// from 1 January.
SimPeriod ResolvePeriod(const std::string& start_text, int days, int reference_year);

// Per day of the period, the capacity share of the element (1 without events).
std::vector<double> DailyFactors(const std::vector<DatedEvent>& events, const ElementRef& element,
                                 const SimPeriod& period);

// The [first, last] intervals (days of the period, inclusive) an event covers.
std::vector<std::pair<int, int>> EventIntervals(const DatedEvent& e, const SimPeriod& period);

// Checks the events against the dataset and the period and reports every problem at
// its line: unknown element, date outside the period, overlapping events with
// different effects, an element without a capacity.
void CheckEvents(const std::vector<DatedEvent>& events, const SimPeriod& period,
                 const Dataset& dataset, const std::string& file, Diagnostics& diags);

// The annual view: every element's capacity (a crossing's open fraction) times the
// mean of its daily factors over the period.
void ApplyEventAverages(const std::vector<DatedEvent>& events, const SimPeriod& period,
                        Dataset& dataset);

}  // namespace corridor::model
