#include "io/event_reader.h"

#include <cmath>

namespace corridor::io {
namespace {

using model::DatedEvent;

// A date value: an ISO string or a TOML date; "MM-DD" when yearly. False after an error.
bool ReadDate(TomlFields& f, std::string_view key, bool yearly, std::string* text, int* day,
              int* month, int* mday) {
  const toml::node* n = f.Get(key);
  if (!n) {
    f.Missing(key);
    return false;
  }
  if (const auto* d = n->as_date()) {
    const toml::date v = d->get();
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", v.year, v.month, v.day);
    *text = buf;
  } else if (const auto* s = n->as_string()) {
    *text = s->get();
  } else {
    f.Error(key, "must be a date (\"YYYY-MM-DD\"), got " + std::string(TomlTypeName(*n)));
    return false;
  }
  if (yearly) {
    const auto md = model::ParseMonthDay(*text);
    if (!md) {
      f.Error(key, "must be a month and day \"MM-DD\" (yearly event), got \"" + *text + "\"");
      return false;
    }
    *month = md->first;
    *mday = md->second;
    return true;
  }
  const auto parsed = model::ParseIsoDate(*text);
  if (!parsed) {
    f.Error(key, "must be a date \"YYYY-MM-DD\", got \"" + *text + "\"");
    return false;
  }
  *day = *parsed;
  return true;
}

void ReadEffect(TomlFields& f, DatedEvent& e) {
  const auto effect = f.String("effect", true);
  if (!effect) return;
  if (*effect == "closed") {
    e.effect = model::EventEffect::kClosed;
    e.fraction = 0.0;
    if (f.Get("fraction")) f.Error("fraction", "is not allowed with effect \"closed\"");
  } else if (*effect == "capacity") {
    e.effect = model::EventEffect::kCapacity;
    if (const auto fr = f.Number("fraction", true, bounds::kFraction)) e.fraction = *fr;
  } else {
    f.Error("effect", "must be \"closed\" or \"capacity\", got \"" + *effect + "\"");
  }
}

void ReadElementRef(TomlFields& f, DatedEvent& e) {
  const auto text = f.String("element", true);
  if (!text) return;
  std::string error;
  const auto ref = model::ParseElementRef(*text, &error);
  if (!ref || (ref->kind != model::RefKind::kLink && ref->kind != model::RefKind::kCrossing &&
               ref->kind != model::RefKind::kTransfer)) {
    f.Error("element", "must be link:<id>, crossing:<id> or transfer:<id>, got \"" + *text + "\"");
    return;
  }
  e.element = *ref;
  e.element_text = *text;
}

bool ReadEvent(const toml::table& t, const std::string& file, const std::string& item, int line,
               Diagnostics& diags, DatedEvent* e) {
  e->line = line;
  TomlFields f(t, file, line, item + ": ", diags);
  ReadElementRef(f, *e);
  if (const auto y = f.Bool("yearly", false)) e->yearly = *y;
  const bool from_ok = ReadDate(f, "from", e->yearly, &e->from_text, &e->from_day, &e->from_month,
                                &e->from_mday);
  const bool to_ok =
      ReadDate(f, "to", e->yearly, &e->to_text, &e->to_day, &e->to_month, &e->to_mday);
  if (from_ok && to_ok && !e->yearly && e->to_day < e->from_day) {
    f.Error("to", "ends before it starts: " + e->to_text + " < from " + e->from_text);
  }
  ReadEffect(f, *e);
  if (const auto note = f.String("note", false)) e->note = *note;
  if (const auto src = f.String("source", false)) e->note += e->note.empty() ? *src : "; " + *src;
  f.String("confidence", false);
  f.WarnUnreadKeys();
  return !f.had_error();
}

// [simulation.monthly_profile]: mode = [12 numbers >= 0, not all 0].
void ReadProfile(const toml::node& node, const std::string& file, Diagnostics& diags,
                 model::Scenario& s) {
  const toml::table* t = node.as_table();
  if (!t) {
    diags.Error(file, LineOf(node), "simulation: monthly_profile", "must be a table of mode = [12 numbers]");
    return;
  }
  for (const auto& [key, value] : *t) {
    const std::string mode(key.str());
    const std::string where = "simulation: monthly_profile." + mode;
    if (mode != "all" && mode != "rail" && mode != "road" && mode != "sea" && mode != "river") {
      diags.Error(file, LineOf(value), where, "must name all, rail, road, sea or river");
      continue;
    }
    const toml::array* a = value.as_array();
    std::vector<double> months;
    bool ok = a && a->size() == 12;
    double sum = 0;
    for (std::size_t i = 0; ok && i < a->size(); ++i) {
      const auto v = a->get(i)->value<double>();
      ok = v && std::isfinite(*v) && *v >= 0 && *v <= 100;
      if (ok) {
        months.push_back(*v);
        sum += *v;
      }
    }
    if (!ok || sum <= 0) {
      diags.Error(file, LineOf(value), where, "must be 12 numbers in [0, 100], not all 0");
      continue;
    }
    s.monthly_profile[mode] = months;
  }
}

}  // namespace

void ReadSimulationTables(TomlFields& top, const std::string& file, Diagnostics& diags,
                          model::Scenario& s) {
  if (const toml::node* n = top.Get("simulation")) {
    if (const toml::table* t = n->as_table()) {
      TomlFields f(*t, file, LineOf(*n), "simulation: ", diags);
      std::string text;
      int day = 0, m = 0, d = 0;
      if (f.Get("start")) {
        // Re-read through the date reader for its messages.
        if (ReadDate(f, "start", false, &text, &day, &m, &d)) s.sim_start = text;
      }
      if (const toml::node* prof = f.Get("monthly_profile")) ReadProfile(*prof, file, diags, s);
      if (const auto days = f.Integer("days", false)) {
        if (*days < 1 || *days > 3660) {
          f.Error("days", "must be in [1, 3660], got " + std::to_string(*days));
        } else {
          s.sim_days = static_cast<int>(*days);
        }
      }
      f.WarnUnreadKeys();
    } else {
      top.Error("simulation", "must be a table ([simulation])");
    }
  }
  top.ForEachTable("event", "event", [&](const toml::table& t, int index, const std::string& item,
                                         int line) {
    DatedEvent e;
    e.index = index;
    if (ReadEvent(t, file, item, line, diags, &e)) s.events.push_back(std::move(e));
  });
}

}  // namespace corridor::io
