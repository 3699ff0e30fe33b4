#include "plan/projects.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <functional>
#include <map>
#include <set>
#include <sstream>

#include "core/bounds.h"
#include "core/hash.h"
#include "io/csv.h"
#include "io/scenario_reader.h"
#include "io/text_file.h"
#include "plan/projects_toml.h"
#include "model/validate.h"

namespace corridor::plan {
namespace {

using model::ChangeType;

constexpr Bounds kUsd = Bounds::Ceiling(1e13, bounds::kMinNonzero);
constexpr Bounds kLifetime = Bounds::Range(1.0, 200.0);
constexpr Bounds kYear = Bounds::Range(0.0, 2200.0);
constexpr Bounds kLeadTime = Bounds::Range(0.0, 100.0);

constexpr io::CsvColumn kColumns[] = {
    {"id", true},           {"name", false},          {"changes", true},
    {"capital_cost_usd", true}, {"annual_operating_cost_usd", false},
    {"lifetime_years", true}, {"earliest_year", false}, {"lead_time_years", false},
    {"committed", false},   {"requires", false},      {"excludes", false},
    {"source", true},       {"confidence", true}};

std::vector<std::string> SplitList(std::string_view text, char sep) {
  std::vector<std::string> out;
  std::string item;
  std::istringstream in{std::string(text)};
  while (std::getline(in, item, sep)) {
    const auto b = item.find_first_not_of(" \t");
    const auto e = item.find_last_not_of(" \t");
    if (b != std::string::npos) out.push_back(item.substr(b, e - b + 1));
  }
  return out;
}

// "set_capacity element=crossing:X capacity_t_per_year=5e6" as one TOML [[change]]
// table; a value that reads as a number (or true/false) stays bare, others are quoted.
std::optional<std::string> ChangeToml(const std::string& change, std::string* error) {
  std::istringstream in(change);
  std::string type, pair;
  in >> type;
  std::string toml = "[[change]]\ntype = \"" + type + "\"\n";
  while (in >> pair) {
    const auto eq = pair.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == pair.size()) {
      *error = "expected key=value, got '" + pair + "'";
      return std::nullopt;
    }
    const std::string key = pair.substr(0, eq);
    const std::string value = pair.substr(eq + 1);
    if (key.find_first_not_of("abcdefghijklmnopqrstuvwxyz_0123456789") != std::string::npos ||
        value.find_first_of("\"\\") != std::string::npos) {
      *error = "bad key or value in '" + pair + "'";
      return std::nullopt;
    }
    const bool bare = io::ParseNumber(value).has_value() || value == "true" || value == "false";
    toml += key + " = " + (bare ? value : "\"" + value + "\"") + "\n";
  }
  return toml;
}

// Reads the `changes` field (changes separated by '|') with the scenario reader, so
// every change type and field means what it means in a scenario.
std::vector<model::ScenarioChange> ReadChanges(io::CsvRow& row, const std::string& file) {
  const std::string field(row.Field("changes"));
  const auto items = SplitList(field, '|');
  if (items.empty()) {
    row.Error("changes", "'" + field + "': a project needs at least one change");
    return {};
  }
  std::string toml;
  for (const std::string& item : items) {
    std::string error;
    const auto t = ChangeToml(item, &error);
    if (!t) {
      row.Error("changes", "'" + item + "': " + error);
      return {};
    }
    toml += *t;
  }
  Diagnostics local;
  auto scenario = io::ParseScenario(toml, file, local);
  for (const Diagnostic& d : local.items()) {
    if (d.severity != Diagnostic::Severity::kError) continue;
    row.Error("changes", "'" + field + "': " + (d.column.empty() ? "" : d.column + " ") + d.message);
  }
  if (!scenario.ok()) return {};
  return scenario->changes;
}

bool IsInvestment(ChangeType t) {
  return t != ChangeType::kRemoveLink && t != ChangeType::kCloseCrossing &&
         t != ChangeType::kScaleDemand;
}

Project ReadRow(io::CsvRow& row, const std::string& file) {
  Project p;
  p.line = row.line();
  p.id = row.RequiredText("id").value_or("");
  p.name = row.OptionalText("name");
  if (p.name.empty()) p.name = p.id;
  p.changes = ReadChanges(row, file);
  p.capital_cost_usd = row.RequiredDouble("capital_cost_usd", kUsd).value_or(0.0);
  p.annual_operating_cost_usd = row.OptionalDouble("annual_operating_cost_usd", 0.0, kUsd).value_or(0.0);
  p.lifetime_years = row.RequiredDouble("lifetime_years", kLifetime).value_or(30.0);
  p.earliest_year = static_cast<int>(row.OptionalDouble("earliest_year", 0.0, kYear).value_or(0.0));
  p.lead_time_years = static_cast<int>(row.OptionalDouble("lead_time_years", 0.0, kLeadTime).value_or(0.0));
  p.committed = row.OptionalBool("committed", false).value_or(false);
  p.required = SplitList(row.Field("requires"), ';');
  p.excludes = SplitList(row.Field("excludes"), ';');
  p.source = row.RequiredText("source").value_or("");
  p.confidence = row.RequiredText("confidence").value_or("");
  for (const model::ScenarioChange& c : p.changes) {
    if (!IsInvestment(c.type)) {
      row.Error("changes", std::string(model::ChangeTypeName(c.type)) +
                               ": not an investment (a project adds or improves, it does not "
                               "remove, close or change demand)");
    }
  }
  return p;
}

std::map<std::string, int> IndexById(const ProjectSet& set) {
  std::map<std::string, int> out;
  for (std::size_t i = 0; i < set.projects.size(); ++i) out[set.projects[i].id] = static_cast<int>(i);
  return out;
}

std::string HashOf(std::string_view text) {
  Fnv1a64 hash;
  hash.Update(text);
  return hash.Hex();
}

std::string FileName(const ProjectSet& set) {
  return set.file.empty() ? "projects" : std::filesystem::path(set.file).filename().string();
}

}  // namespace

double AnnuityFactor(double r, double n) {
  if (r <= 0.0) return 1.0 / n;
  return r / (1.0 - std::pow(1.0 + r, -n));
}

double AnnualisedCost(const Project& p, double discount_rate) {
  return p.capital_cost_usd * AnnuityFactor(discount_rate, p.lifetime_years) +
         p.annual_operating_cost_usd;
}

Result<ProjectSet> ParseProjects(const std::string& text, const std::string& path,
                                 Diagnostics& diags) {
  const std::string file = std::filesystem::path(path).filename().string();
  Diagnostics local;
  const io::CsvTable table = io::ParseCsv(text, file, local);
  ProjectSet set;
  set.file = path;
  set.content_hash = HashOf(text);
  if (io::CheckColumns(table, kColumns, local)) {
    std::set<std::string> seen;
    for (const io::CsvRecord& rec : table.records) {
      io::CsvRow row(table, rec, local);
      Project p = ReadRow(row, file);
      if (!p.id.empty() && !seen.insert(p.id).second) row.Error("id", p.id + ": duplicate id");
      set.projects.push_back(std::move(p));
    }
    if (table.records.empty()) local.Error(file, 0, "", "no projects");
  }
  diags.Append(local);
  if (local.has_errors()) return local.ToStatus("projects " + path);
  return set;
}

Result<ProjectSet> ReadProjects(const std::string& path, Diagnostics& diags) {
  const auto text = io::ReadTextFile(path);
  if (!text) {
    diags.Error(path, 0, "", "projects file not found");
    return NotFound("projects file not found: " + path);
  }
  const std::string ext = std::filesystem::path(path).extension().string();
  if (ext != ".toml") return ParseProjects(*text, path, diags);
  // The TOML form, read as the CSV it stands for; messages point at its lines.
  Diagnostics local;
  std::vector<int> lines;
  const auto csv = ProjectsTomlToCsv(*text, std::filesystem::path(path).filename().string(), local,
                                     &lines);
  Result<ProjectSet> set = csv ? ParseProjects(*csv, path, local)
                               : Result<ProjectSet>(local.ToStatus("projects " + path));
  for (Diagnostic d : local.items()) {
    if (csv && d.line >= 2 && d.line - 2 < static_cast<int>(lines.size())) {
      d.line = lines[static_cast<std::size_t>(d.line - 2)];
    }
    diags.Add(std::move(d));
  }
  if (set.ok()) {
    set->content_hash = HashOf(*text);
    for (std::size_t i = 0; i < set->projects.size() && i < lines.size(); ++i) {
      set->projects[i].line = lines[i];
    }
  }
  return set;
}

std::vector<int> RequirementClosure(const ProjectSet& set, int p) {
  const auto index = IndexById(set);
  std::vector<int> order;
  std::vector<char> state(set.projects.size(), 0);  // 1 = visiting, 2 = done
  std::function<void(int)> visit = [&](int q) {
    state[static_cast<std::size_t>(q)] = 1;
    for (const std::string& r : set.projects[static_cast<std::size_t>(q)].required) {
      const auto it = index.find(r);
      if (it == index.end() || state[static_cast<std::size_t>(it->second)] != 0) continue;
      visit(it->second);
      order.push_back(it->second);
    }
    state[static_cast<std::size_t>(q)] = 2;
  };
  visit(p);
  return order;
}

Result<model::Dataset> ApplyProjects(const ProjectSet& set, const std::vector<int>& chosen,
                                     const model::Dataset& dataset, Diagnostics& diags) {
  std::vector<int> order;
  std::vector<char> added(set.projects.size(), 0);
  for (int p : chosen) {
    auto closure = RequirementClosure(set, p);
    closure.push_back(p);
    for (int q : closure) {
      if (!added[static_cast<std::size_t>(q)]) {
        added[static_cast<std::size_t>(q)] = 1;
        order.push_back(q);
      }
    }
  }
  model::Dataset out = dataset;
  model::Scenario s;
  s.file = set.file;
  for (int q : order) {
    const auto& changes = set.projects[static_cast<std::size_t>(q)].changes;
    s.changes.insert(s.changes.end(), changes.begin(), changes.end());
  }
  if (Status st = model::ApplyScenario(s, out, diags); !st.ok()) return st;
  return out;
}

Status ValidateProjects(const ProjectSet& set, const model::Dataset& dataset, Diagnostics& diags) {
  Diagnostics local;
  const std::string file = FileName(set);
  const auto index = IndexById(set);
  const std::size_t n = set.projects.size();
  auto error = [&](const Project& p, const std::string& column, const std::string& message) {
    local.Error(file, p.line, column, message);
  };
  // Unknown ids, and an exclusion matrix made symmetric.
  std::vector<std::vector<char>> excl(n, std::vector<char>(n, 0));
  for (const Project& p : set.projects) {
    for (const std::string& r : p.required) {
      if (!index.count(r)) error(p, "requires", r + ": unknown project");
      if (r == p.id) error(p, "requires", r + ": a project cannot require itself");
    }
    for (const std::string& x : p.excludes) {
      const auto it = index.find(x);
      if (it == index.end()) {
        error(p, "excludes", x + ": unknown project");
        continue;
      }
      const std::size_t a = static_cast<std::size_t>(index.at(p.id)), b = static_cast<std::size_t>(it->second);
      excl[a][b] = excl[b][a] = 1;
    }
  }
  if (local.has_errors()) {
    diags.Append(local);
    return local.ToStatus("projects " + set.file);
  }
  // Cycles of requirements (depth-first search with colours).
  std::vector<int> colour(n, 0);
  std::function<bool(int, std::vector<std::string>&)> cyclic = [&](int q, std::vector<std::string>& path) {
    colour[static_cast<std::size_t>(q)] = 1;
    path.push_back(set.projects[static_cast<std::size_t>(q)].id);
    for (const std::string& r : set.projects[static_cast<std::size_t>(q)].required) {
      const int w = index.at(r);
      if (colour[static_cast<std::size_t>(w)] == 1) {
        path.push_back(r);
        return true;
      }
      if (colour[static_cast<std::size_t>(w)] == 0 && cyclic(w, path)) return true;
    }
    colour[static_cast<std::size_t>(q)] = 2;
    path.pop_back();
    return false;
  };
  for (std::size_t q = 0; q < n; ++q) {
    std::vector<std::string> path;
    if (colour[q] == 0 && cyclic(static_cast<int>(q), path)) {
      std::string text;
      for (const auto& id : path) text += (text.empty() ? "" : " -> ") + id;
      const Project& p = set.projects[static_cast<std::size_t>(index.at(path.back()))];
      error(p, "requires", p.id + ": cycle of requirements " + text);
    }
  }
  if (local.has_errors()) {
    diags.Append(local);
    return local.ToStatus("projects " + set.file);
  }
  // Requirements that exclude each other or the project; committed alternatives.
  for (std::size_t q = 0; q < n; ++q) {
    const Project& p = set.projects[q];
    auto need = RequirementClosure(set, static_cast<int>(q));
    need.push_back(static_cast<int>(q));
    if (p.committed) {
      for (std::size_t c = 0; c < n; ++c) {
        if (set.projects[c].committed && c != q) {
          auto other = RequirementClosure(set, static_cast<int>(c));
          other.push_back(static_cast<int>(c));
          need.insert(need.end(), other.begin(), other.end());
        }
      }
    }
    for (int a : need) {
      for (int b : need) {
        if (a < b && excl[static_cast<std::size_t>(a)][static_cast<std::size_t>(b)]) {
          error(p, p.committed ? "committed" : "requires",
                p.id + ": needs both " + set.projects[static_cast<std::size_t>(a)].id + " and " +
                    set.projects[static_cast<std::size_t>(b)].id + ", which exclude each other");
        }
      }
    }
  }
  // Every project's changes on the dataset, after those of its requirements.
  for (std::size_t q = 0; q < n; ++q) {
    const Project& p = set.projects[q];
    Diagnostics apply;
    auto edited = ApplyProjects(set, {static_cast<int>(q)}, dataset, apply);
    if (edited.ok()) model::ValidateDataset(*edited, apply);
    for (const Diagnostic& d : apply.items()) {
      if (d.severity == Diagnostic::Severity::kError) error(p, "changes", p.id + ": " + d.message);
    }
  }
  diags.Append(local);
  return local.ToStatus("projects " + set.file);
}

}  // namespace corridor::plan
