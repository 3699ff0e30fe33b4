#include "model/events.h"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <map>

#include "core/civil_date.h"

namespace corridor::model {


namespace {


bool ParseInt(std::string_view s, int* out) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return std::from_chars(s.data(), s.data() + s.size(), *out).ec == std::errc();
}

bool ValidDay(int y, int m, int d) {
  if (m < 1 || m > 12 || d < 1) return false;
  static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (d > kDays[m - 1]) return false;
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return !(m == 2 && d == 29 && !leap);
}

}  // namespace

std::string FormatIsoDate(int days) {
  int y, m, d;
  CivilFromDays(days, &y, &m, &d);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return buf;
}

std::optional<int> ParseIsoDate(std::string_view t) {
  int y, m, d;
  if (t.size() != 10 || t[4] != '-' || t[7] != '-' || !ParseInt(t.substr(0, 4), &y) ||
      !ParseInt(t.substr(5, 2), &m) || !ParseInt(t.substr(8, 2), &d) || !ValidDay(y, m, d)) {
    return std::nullopt;
  }
  return DaysFromCivil(y, m, d);
}

std::optional<std::pair<int, int>> ParseMonthDay(std::string_view t) {
  int m, d;
  if (t.size() != 5 || t[2] != '-' || !ParseInt(t.substr(0, 2), &m) ||
      !ParseInt(t.substr(3, 2), &d) || !ValidDay(2000, m, d)) {
    return std::nullopt;
  }
  return std::make_pair(m, d);
}

SimPeriod ResolvePeriod(const std::string& start_text, int days, int reference_year) {
  SimPeriod p;
  p.days = days > 0 ? days : 365;
  const auto start = ParseIsoDate(start_text);
  p.start = start ? *start : DaysFromCivil(reference_year > 0 ? reference_year : 2000, 1, 1);
  return p;
}

std::vector<std::pair<int, int>> EventIntervals(const DatedEvent& e, const SimPeriod& p) {
  std::vector<std::pair<int, int>> out;
  auto add = [&](int first, int last) {
    first = std::max(first, p.start);
    last = std::min(last, p.start + p.days - 1);
    if (first <= last) out.emplace_back(first - p.start, last - p.start);
  };
  if (!e.yearly) {
    add(e.from_day, e.to_day);
    return out;
  }
  int y0, m0, d0;
  CivilFromDays(p.start, &y0, &m0, &d0);
  int y1, m1, d1;
  CivilFromDays(p.start + p.days - 1, &y1, &m1, &d1);
  for (int y = y0 - 1; y <= y1; ++y) {
    auto day = [](int yy, int m, int d) {
      return DaysFromCivil(yy, m, ValidDay(yy, m, d) ? d : d - 1);  // 29 Feb -> 28 Feb
    };
    const int from = day(y, e.from_month, e.from_mday);
    const bool wraps = e.to_month * 100 + e.to_mday < e.from_month * 100 + e.from_mday;
    const int to = day(wraps ? y + 1 : y, e.to_month, e.to_mday);
    add(from, to);
  }
  return out;
}

std::vector<double> DailyFactors(const std::vector<DatedEvent>& events, const ElementRef& el,
                                 const SimPeriod& p) {
  std::vector<double> f(static_cast<std::size_t>(p.days), 1.0);
  for (const DatedEvent& e : events) {
    if (e.element.kind != el.kind || e.element.id != el.id) continue;
    for (const auto& [a, b] : EventIntervals(e, p)) {
      for (int d = a; d <= b; ++d) f[static_cast<std::size_t>(d)] = std::min(f[static_cast<std::size_t>(d)], e.fraction);
    }
  }
  return f;
}

namespace {

bool Known(const Dataset& ds, const ElementRef& r, bool* has_capacity) {
  auto find = [&](const auto& rows) -> bool {
    for (const auto& row : rows) {
      if (row.id == r.id) {
        *has_capacity = row.capacity_t_per_year.has_value();
        return true;
      }
    }
    return false;
  };
  switch (r.kind) {
    case RefKind::kLink: return find(ds.links);
    case RefKind::kCrossing: return find(ds.crossings);
    case RefKind::kTransfer: return find(ds.transfers);
    default: return false;
  }
}

std::string Span(const DatedEvent& e) { return e.from_text + ".." + e.to_text; }

}  // namespace

void CheckEvents(const std::vector<DatedEvent>& events, const SimPeriod& p, const Dataset& ds,
                 const std::string& file, Diagnostics& diags) {
  const std::string period = FormatIsoDate(p.start) + ".." + FormatIsoDate(p.start + p.days - 1);
  for (const DatedEvent& e : events) {
    const std::string item = "event " + std::to_string(e.index) + ": ";
    bool has_capacity = false;
    if (!Known(ds, e.element, &has_capacity)) {
      diags.Error(file, e.line, item + "element " + e.element_text, "is not in the dataset");
    } else if (!has_capacity) {
      diags.Error(file, e.line, item + "element " + e.element_text,
                  "has unlimited capacity: a dated event needs a capacity to reduce");
    }
    if (!e.yearly) {
      for (const auto& [text, day] : {std::pair{e.from_text, e.from_day}, {e.to_text, e.to_day}}) {
        if (day < p.start || day >= p.start + p.days) {
          diags.Error(file, e.line, item + "date " + text, "is outside the simulated period " + period);
        }
      }
    }
  }
  // Overlaps with a different effect on the same element.
  for (std::size_t i = 0; i < events.size(); ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      const DatedEvent& a = events[i];
      const DatedEvent& b = events[j];
      if (a.element.kind != b.element.kind || a.element.id != b.element.id) continue;
      if (a.fraction == b.fraction) continue;
      bool overlap = false;
      for (const auto& x : EventIntervals(a, p)) {
        for (const auto& y : EventIntervals(b, p)) overlap |= x.first <= y.second && y.first <= x.second;
      }
      if (overlap) {
        diags.Error(file, a.line, "event " + std::to_string(a.index) + ": " + Span(a),
                    "overlaps event " + std::to_string(b.index) + " (" + Span(b) + ") on " +
                        a.element_text + " with a different effect");
      }
    }
  }
}

void ApplyEventAverages(const std::vector<DatedEvent>& events, const SimPeriod& p, Dataset& ds) {
  std::map<std::pair<RefKind, std::string>, ElementRef> elements;
  for (const DatedEvent& e : events) elements[{e.element.kind, e.element.id}] = e.element;
  for (const auto& [key, ref] : elements) {
    const auto f = DailyFactors(events, ref, p);
    double mean = 0;
    for (double v : f) mean += v;
    mean /= static_cast<double>(f.size());
    auto scale = [&](auto& rows) {
      for (auto& row : rows) {
        if (row.id == ref.id && row.capacity_t_per_year) *row.capacity_t_per_year *= mean;
      }
    };
    switch (ref.kind) {
      case RefKind::kLink: scale(ds.links); break;
      case RefKind::kTransfer: scale(ds.transfers); break;
      case RefKind::kCrossing:
        for (Crossing& x : ds.crossings) {
          if (x.id == ref.id) x.open_fraction *= mean;
        }
        break;
      default: break;
    }
  }
}

}  // namespace corridor::model
