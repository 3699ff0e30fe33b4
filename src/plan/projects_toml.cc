#include "plan/projects_toml.h"

#include <toml++/toml.h>

#include <algorithm>
#include <array>
#include <cstdio>

namespace corridor::plan {
namespace {

constexpr std::array<const char*, 13> kColumns = {
    "id", "name", "changes", "capital_cost_usd", "annual_operating_cost_usd", "lifetime_years",
    "earliest_year", "lead_time_years", "committed", "requires", "excludes", "source", "confidence"};

std::string Quote(const std::string& field) {
  std::string out = "\"";
  for (char c : field) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

int LineOf(const toml::node& n) { return static_cast<int>(n.source().begin.line); }

// One value as CSV text: strings as they are, numbers and booleans printed, arrays of
// strings joined by `sep`.
std::optional<std::string> FieldText(const toml::node& n, const char* sep) {
  if (const auto* s = n.as_string()) return s->get();
  if (const auto* i = n.as_integer()) return std::to_string(i->get());
  if (const auto* f = n.as_floating_point()) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.17g", f->get());
    return std::string(buf);
  }
  if (const auto* b = n.as_boolean()) return std::string(b->get() ? "true" : "false");
  if (const auto* a = n.as_array()) {
    std::string out;
    for (const toml::node& e : *a) {
      const auto* s = e.as_string();
      if (!s) return std::nullopt;
      out += (out.empty() ? "" : sep) + s->get();
    }
    return out;
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> ProjectsTomlToCsv(std::string_view text, const std::string& file,
                                             Diagnostics& diags, std::vector<int>* lines) {
  toml::table root;
  try {
    root = toml::parse(text, std::string_view(file));
  } catch (const toml::parse_error& e) {
    diags.Error(file, static_cast<int>(e.source().begin.line), "", std::string(e.description()));
    return std::nullopt;
  }
  const toml::array* projects = root["project"].as_array();
  if (!projects) {
    diags.Error(file, 1, "project", "expected [[project]] tables");
    return std::nullopt;
  }
  std::string csv;
  for (const char* c : kColumns) csv += std::string(csv.empty() ? "" : ",") + c;
  csv += "\n";
  bool ok = true;
  for (const toml::node& node : *projects) {
    const toml::table* t = node.as_table();
    if (!t) {
      diags.Error(file, LineOf(node), "project", "must be a table ([[project]])");
      ok = false;
      continue;
    }
    lines->push_back(LineOf(node));
    std::string row;
    for (const char* c : kColumns) {
      std::string field;
      if (const toml::node* v = t->get(c)) {
        const std::string_view key(c);
        const auto text_value = FieldText(*v, key == "changes" ? " | " : ";");
        if (!text_value) {
          diags.Error(file, LineOf(*v), c, "must be a string, number, boolean or array of strings");
          ok = false;
        } else {
          field = *text_value;
        }
      }
      row += (row.empty() ? "" : ",") + Quote(field);
    }
    for (const auto& [key, value] : *t) {
      if (std::find(kColumns.begin(), kColumns.end(), key.str()) == kColumns.end()) {
        diags.Warning(file, LineOf(value), std::string(key.str()), "unknown key, ignored");
      }
    }
    csv += row + "\n";
  }
  if (!ok) return std::nullopt;
  return csv;
}

}  // namespace corridor::plan
