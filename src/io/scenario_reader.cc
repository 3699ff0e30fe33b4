#include "io/scenario_reader.h"

#include <filesystem>
#include <iterator>

#include "core/hash.h"
#include "io/event_reader.h"
#include "io/toml_fields.h"
#include "io/text_file.h"

namespace corridor::io {
namespace {

namespace fs = std::filesystem;
using model::ChangeType;
using model::ElementKind;
using model::ScenarioChange;

// Reads a capacity: a number >= 0, or "unlimited" (nullopt). An absent key is
// "unlimited" unless required. False after an error.
bool ReadCapacity(TomlFields& f, std::string_view key, bool required, std::optional<double>* out) {
  const toml::node* n = f.Get(key);
  *out = std::nullopt;
  if (!n) {
    if (required) f.Missing(key);
    return !required;
  }
  if (const auto* s = n->as_string()) {
    if (s->get() == "unlimited") return true;
    f.Error(key, "must be a number or \"unlimited\", got \"" + s->get() + "\"");
    return false;
  }
  *out = f.Number(key, true, bounds::kTonnes);
  return out->has_value();
}

// "link:<id>", "crossing:<id>", "transfer:<id>", "resource:<id>"; the id may be "*".
void ReadElement(TomlFields& f, ScenarioChange& c) {
  const auto text = f.String("element", true);
  if (!text) return;
  const auto colon = text->find(':');
  const std::string kind = text->substr(0, colon == std::string::npos ? 0 : colon);
  const std::string id = colon == std::string::npos ? "" : text->substr(colon + 1);
  if (kind == "link") {
    c.element_kind = ElementKind::kLink;
  } else if (kind == "crossing") {
    c.element_kind = ElementKind::kCrossing;
  } else if (kind == "transfer") {
    c.element_kind = ElementKind::kTransfer;
  } else if (kind == "resource") {
    c.element_kind = ElementKind::kResource;
  } else {
    f.Error("element", "must be link:<id>, crossing:<id>, transfer:<id> or resource:<id>, got \"" +
                           *text + "\"");
    return;
  }
  if (id.empty()) {
    f.Error("element", "names no id, got \"" + *text + "\"");
    return;
  }
  c.target = id;
}

template <typename T>
void Assign(T& target, const std::optional<T>& value) {
  if (value) target = *value;
}

void ReadAddLink(TomlFields& f, ScenarioChange& c) {
  model::Link& l = c.link;
  Assign(l.id, f.String("id", true));
  Assign(l.from, f.String("from", true));
  Assign(l.to, f.String("to", true));
  if (const auto mode = f.String("mode", true)) {
    if (const auto m = model::ParseMode(*mode)) {
      l.mode = *m;
    } else {
      f.Error("mode", "must be one of rail_1520/rail_1435/road/sea/river/pipeline, got \"" +
                          *mode + "\"");
    }
  }
  Assign(l.distance_km, f.Number("distance_km", true, bounds::kDistanceKm));
  Assign(l.time_h, f.Number("time_h", true, bounds::kHours));
  Assign(l.cost_usd_per_t, f.Number("cost_usd_per_t", false, bounds::kUsdPerTonne));
  Assign(l.cost_usd_per_tkm, f.Number("cost_usd_per_tkm", false, bounds::kUsdPerTonneKm));
  ReadCapacity(f, "capacity_t_per_year", false, &l.capacity_t_per_year);
  Assign(l.both_directions, f.Bool("both_directions", false));
  Assign(l.provenance.source, f.String("source", false));
  Assign(l.provenance.confidence, f.String("confidence", false));
  if (l.from == l.to && !l.from.empty()) f.Error("to", "must differ from from, got \"" + l.to + "\"");
}

void ReadChangeFields(TomlFields& f, ScenarioChange& c) {
  switch (c.type) {
    case ChangeType::kCloseCrossing:
    case ChangeType::kOpenCrossing:
      Assign(c.target, f.String("crossing", true));
      break;
    case ChangeType::kSetCrossingState:
      Assign(c.target, f.String("crossing", true));
      Assign(c.fraction, f.Number("fraction", true, bounds::kFraction));
      break;
    case ChangeType::kScaleCapacity:
    case ChangeType::kScaleCost:
      ReadElement(f, c);
      Assign(c.factor, f.Number("factor", true, bounds::kFactor));
      break;
    case ChangeType::kSetCapacity:
      ReadElement(f, c);
      ReadCapacity(f, "capacity_t_per_year", true, &c.capacity_t_per_year);
      break;
    case ChangeType::kAddLink:
      ReadAddLink(f, c);
      break;
    case ChangeType::kRemoveLink:
      Assign(c.target, f.String("link", true));
      break;
    case ChangeType::kSetDwell: {
      Assign(c.target, f.String("crossing", true));
      Assign(c.dwell_standard_h, f.Number("dwell_standard_h", true, bounds::kHours));
      c.dwell_aeo_h = f.Number("dwell_aeo_h", false, Bounds::Range(0.0, c.dwell_standard_h));
      break;
    }
    case ChangeType::kScaleDwell:
      Assign(c.target, f.String("crossing", true));
      Assign(c.factor, f.Number("factor", true, bounds::kFactor));
      if (const auto which = f.String("which", false)) {
        if (*which == "standard") {
          c.which = model::DwellWhich::kStandard;
        } else if (*which == "aeo") {
          c.which = model::DwellWhich::kAeo;
        } else if (*which != "both") {
          f.Error("which", "must be standard, aeo or both, got \"" + *which + "\"");
        }
      }
      break;
    case ChangeType::kSetAeoShare:
      Assign(c.target, f.String("commodity", true));
      Assign(c.share, f.Number("share", true, bounds::kFraction));
      break;
    case ChangeType::kScaleDemand:
      Assign(c.factor, f.Number("factor", true, bounds::kFactor));
      Assign(c.commodity, f.String("commodity", false));
      Assign(c.origin, f.String("origin", false));
      Assign(c.destination, f.String("destination", false));
      break;
  }
}

std::string KnownTypes() {
  std::string out;
  for (int i = 0; i <= static_cast<int>(ChangeType::kScaleDemand); ++i) {
    if (!out.empty()) out += ", ";
    out += model::ChangeTypeName(static_cast<ChangeType>(i));
  }
  return out;
}

// Reads one [[change]] table; false if it has an error.
bool ReadChange(const toml::table& t, const std::string& file, const std::string& item, int line,
                Diagnostics& diags, ScenarioChange* c) {
  c->line = line;
  TomlFields head(t, file, line, item + ": ", diags);
  const auto type_name = head.String("type", true);
  if (!type_name) return false;
  const auto type = model::ParseChangeType(*type_name);
  if (!type) {
    head.Error("type", "is unknown: \"" + *type_name + "\" (known: " + KnownTypes() + ")");
    return false;
  }
  c->type = *type;
  TomlFields f(t, file, line, item + " (" + *type_name + "): ", diags);
  f.Get("type");
  ReadChangeFields(f, *c);
  f.WarnUnreadKeys();
  return !f.had_error();
}

}  // namespace

Result<model::Scenario> ReadScenario(const std::string& path, Diagnostics& diags) {
  const auto read = ReadTextFile(path);
  if (!read) {
    diags.Error(path, 0, "", "scenario file not found");
    return NotFound("scenario file not found: " + path);
  }
  return ParseScenario(*read, path, diags);
}

Result<model::Scenario> ParseScenario(const std::string& text, const std::string& path,
                                      Diagnostics& diags) {
  const std::string file = fs::path(path).filename().string();

  Diagnostics local;
  model::Scenario s;
  s.file = path;
  Fnv1a64 hash;
  hash.Update(text);
  s.content_hash = hash.Hex();
  s.name = fs::path(path).stem().string();
  if (const auto table = ParseToml(text, file, local)) {
    TomlFields top(*table, file, 0, "", local);
    Assign(s.name, top.String("name", false));
    Assign(s.description, top.String("description", false));
    Assign(s.base, top.String("base", false));
    if (const auto year = top.Integer("reference_year", false)) {
      if (*year < 1900 || *year > 2200) {
        top.Error("reference_year", "must be in [1900, 2200], got " + std::to_string(*year));
      } else {
        s.reference_year = static_cast<int>(*year);
      }
    }
    top.ForEachTable("change", "change", [&](const toml::table& t, int index,
                                             const std::string& item, int line) {
      ScenarioChange c;
      c.index = index;
      if (ReadChange(t, file, item, line, local, &c)) s.changes.push_back(std::move(c));
    });
    ReadSimulationTables(top, file, local, s);
    top.WarnUnreadKeys();
  }
  diags.Append(local);
  if (local.has_errors()) return local.ToStatus("scenario " + path);
  return s;
}

std::string ResolveScenarioBase(const model::Scenario& scenario) {
  if (scenario.base.empty()) return "";
  fs::path resolved = (fs::path(scenario.file).parent_path() / scenario.base).lexically_normal();
  std::string out = resolved.string();
  while (out.size() > 1 && out.back() == '/') out.pop_back();
  return out.empty() ? "." : out;
}

}  // namespace corridor::io
