#include "risk/reader.h"

#include <filesystem>
#include <set>

#include "core/bounds.h"
#include "core/hash.h"
#include "io/text_file.h"
#include "io/toml_fields.h"

namespace corridor::risk {
namespace {

using io::TomlFields;

constexpr double kMaxDays = 36500.0;      // a century: any longer duration is a typo
constexpr double kMaxFactor = 1000.0;     // demand factors

void Assign(std::string& to, const std::optional<std::string>& from) {
  if (from) to = *from;
}

std::optional<std::vector<std::string>> StringList(TomlFields& f, std::string_view key,
                                                   bool required) {
  const toml::node* n = f.Get(key);
  if (!n) {
    if (required) f.Missing(key);
    return std::nullopt;
  }
  const toml::array* list = n->as_array();
  if (!list) {
    f.Error(key, "must be an array of strings, got " + std::string(io::TomlTypeName(*n)));
    return std::nullopt;
  }
  std::vector<std::string> out;
  for (const toml::node& item : *list) {
    const auto* s = item.as_string();
    if (!s || s->get().empty()) {
      f.Error(key, "must hold non-empty strings only, got " +
                       std::string(io::TomlTypeName(item)));
      return std::nullopt;
    }
    out.push_back(s->get());
  }
  if (out.empty() && required) {
    f.Error(key, "must name at least one entry");
    return std::nullopt;
  }
  return out;
}

struct Support {
  double lo;  // smallest value allowed
  double hi;  // largest
};

// A number (fixed) or a table {distribution = "...", ...}; checks the support.
std::optional<Distribution> ReadDistribution(TomlFields& parent, std::string_view key,
                                             bool required, const Support& support,
                                             const std::string& file, const std::string& context,
                                             Diagnostics& diags) {
  const toml::node* n = parent.Get(key);
  if (!n) {
    if (required) parent.Missing(key);
    return std::nullopt;
  }
  const Bounds range = Bounds::Range(support.lo, support.hi);
  if (n->is_number()) {
    const auto v = parent.Number(key, true, range);
    if (!v) return std::nullopt;
    return Distribution{DistributionKind::kFixed, *v, 0.0, 0.0};
  }
  const toml::table* t = n->as_table();
  if (!t) {
    parent.Error(key, "must be a number or a table {distribution = ...}, got " +
                          std::string(io::TomlTypeName(*n)));
    return std::nullopt;
  }
  TomlFields f(*t, file, io::LineOf(*n), context + std::string(key) + ".", diags);
  const auto kind = f.String("distribution", true);
  if (!kind) return std::nullopt;
  Distribution d;
  auto num = [&](std::string_view k, const Bounds& b) { return f.Number(k, true, b); };
  std::optional<double> x, y, z;
  if (*kind == "fixed") {
    d.kind = DistributionKind::kFixed;
    x = num("value", range);
  } else if (*kind == "uniform") {
    d.kind = DistributionKind::kUniform;
    x = num("min", range), y = num("max", range);
  } else if (*kind == "triangular") {
    d.kind = DistributionKind::kTriangular;
    x = num("min", range), y = num("max", range), z = num("mode", range);
  } else if (*kind == "exponential") {
    d.kind = DistributionKind::kExponential;
    x = num("mean", Bounds::Range(0.0, support.hi));
    y = f.Number("max", false, range);
    if (!y && !f.had_error()) y = 0.0;
  } else if (*kind == "lognormal") {
    d.kind = DistributionKind::kLognormal;
    x = num("median", Bounds::Range(0.0, support.hi));
    z = num("sigma", Bounds::Range(0.0, 10.0));
    y = f.Number("max", false, range);
    if (!y && !f.had_error()) y = 0.0;
  } else {
    f.Error("distribution", "must be fixed, uniform, triangular, exponential or lognormal, got \"" +
                                *kind + "\"");
    return std::nullopt;
  }
  f.WarnUnreadKeys();
  if (f.had_error()) return std::nullopt;
  d.a = x.value_or(0.0), d.b = y.value_or(0.0), d.c = z.value_or(0.0);
  if ((d.kind == DistributionKind::kUniform || d.kind == DistributionKind::kTriangular) &&
      d.a > d.b) {
    f.Error("max", "must be >= min (" + std::to_string(d.a) + "), got " + std::to_string(d.b));
    return std::nullopt;
  }
  if (d.kind == DistributionKind::kTriangular && (d.c < d.a || d.c > d.b)) {
    f.Error("mode", "must lie in [min, max], got " + std::to_string(d.c));
    return std::nullopt;
  }
  if ((d.kind == DistributionKind::kExponential || d.kind == DistributionKind::kLognormal) &&
      !(d.a > 0.0)) {
    f.Error(d.kind == DistributionKind::kExponential ? "mean" : "median", "must be > 0");
    return std::nullopt;
  }
  return d;
}

// Probability in [0, 1] and parent; shared by events and demand shocks.
struct Trigger {
  std::string parent;
  double probability = 0.0;
};

bool ReadTrigger(TomlFields& f, const std::set<std::string>& earlier_events, Trigger& out) {
  Assign(out.parent, f.String("parent", false));
  if (!out.parent.empty() && !earlier_events.count(out.parent)) {
    f.Error("parent", "names no event declared before this one, got \"" + out.parent + "\"");
    return false;
  }
  const auto p = f.Number("probability", true, Bounds::Fraction());
  if (!p) return false;
  out.probability = *p;
  return true;
}

class Reader {
 public:
  Reader(std::string file, Diagnostics& diags) : file_(std::move(file)), diags_(diags) {}

  void Read(const toml::table& top, RiskModel& m) {
    TomlFields f(top, file_, 0, "", diags_);
    Assign(m.name, f.String("name", false));
    Assign(m.description, f.String("description", false));
    f.ForEachTable("group", "group", [&](const toml::table& t, int, const std::string& item,
                                         int line) { ReadGroup(t, item, line, m); });
    f.ForEachTable("event", "event", [&](const toml::table& t, int, const std::string& item,
                                         int line) { ReadEvent(t, item, line, m); });
    f.ForEachTable("demand_shock", "demand_shock",
                   [&](const toml::table& t, int, const std::string& item, int line) {
                     ReadShock(t, item, line, m);
                   });
    f.WarnUnreadKeys();
    if (m.events.empty() && m.shocks.empty() && !diags_.has_errors()) {
      diags_.Error(file_, 0, "", "the risk model has no [[event]] and no [[demand_shock]]");
    }
  }

 private:
  bool NewId(TomlFields& f, std::set<std::string>& ids, std::string& id) {
    const auto given = f.String("id", true);
    if (!given) return false;
    id = *given;
    if (id.empty()) {
      f.Error("id", "must not be empty");
      return false;
    }
    if (!ids.insert(id).second) {
      f.Error("id", "repeats an earlier id \"" + id + "\"");
      return false;
    }
    return true;
  }

  bool CheckElements(TomlFields& f, const std::vector<std::string>& elements) {
    for (const std::string& e : elements) {
      const auto colon = e.find(':');
      const std::string kind = e.substr(0, colon == std::string::npos ? 0 : colon);
      const std::string id = colon == std::string::npos ? "" : e.substr(colon + 1);
      static const std::set<std::string> kinds = {"crossing", "link",  "transfer",
                                                  "resource", "port", "group"};
      if (!kinds.count(kind) || id.empty()) {
        f.Error("elements", "entries must be crossing:, link:, transfer:, resource:, port: or "
                            "group: followed by an id, got \"" + e + "\"");
        return false;
      }
      if (kind == "group" && !groups_.count(id)) {
        f.Error("elements", "names no group declared before this table, got \"" + e + "\"");
        return false;
      }
    }
    return true;
  }

  void ReadGroup(const toml::table& t, const std::string& item, int line, RiskModel& m) {
    TomlFields f(t, file_, line, item + ": ", diags_);
    Group g;
    g.line = line;
    const bool ok = NewId(f, groups_, g.id);
    auto elements = StringList(f, "elements", true);
    f.WarnUnreadKeys();
    if (!ok || !elements || !CheckElements(f, *elements)) return;
    g.elements = std::move(*elements);
    m.groups.push_back(std::move(g));
  }

  void ReadEvent(const toml::table& t, const std::string& item, int line, RiskModel& m) {
    TomlFields f(t, file_, line, item + ": ", diags_);
    Event e;
    e.line = line;
    bool ok = NewId(f, events_, e.id);
    const std::string context = item + " (" + e.id + "): ";
    TomlFields g(t, file_, line, context, diags_);  // the id is known from here on
    g.Get("id");
    Assign(e.name, g.String("name", false));
    Trigger trigger;
    ok = ReadTrigger(g, events_, trigger) && ok;
    e.parent = trigger.parent, e.probability = trigger.probability;
    if (auto elements = StringList(g, "elements", false)) {
      ok = CheckElements(g, *elements) && ok;
      e.elements = std::move(*elements);
      e.elements_line = io::LineOf(*g.Get("elements"));
    }
    ReadEffect(g, e, ok);
    e.duration_days = ReadDistribution(g, "duration_days", false, {0.0, kMaxDays}, file_, context, diags_);
    if (!e.duration_days && g.Get("duration_days")) ok = false;
    if (!e.elements.empty() && !e.duration_days && !HasDuration(m, e.parent)) {
      g.Error("duration_days", "is needed: the event hits elements and no parent event has a "
                               "duration");
      ok = false;
    }
    Assign(e.source, g.String("source", false));
    Assign(e.confidence, g.String("confidence", false));
    g.WarnUnreadKeys();
    if (ok && !g.had_error()) m.events.push_back(std::move(e));
  }

  // effect = "closed" (the default) or capacity_fraction = f in [0, 1).
  static void ReadEffect(TomlFields& g, Event& e, bool& ok) {
    const auto effect = g.String("effect", false);
    if (effect && *effect != "closed" && *effect != "reduced") {
      g.Error("effect", "must be \"closed\" or \"reduced\", got \"" + *effect + "\"");
      ok = false;
      return;
    }
    const auto fraction = g.Number("capacity_fraction", false, Bounds::Fraction());
    if (!fraction && g.Get("capacity_fraction")) {
      ok = false;
      return;
    }
    if (effect && *effect == "reduced" && !fraction) {
      g.Error("capacity_fraction", "is needed when effect = \"reduced\"");
      ok = false;
    } else if (effect && *effect == "closed" && fraction && *fraction > 0.0) {
      g.Error("capacity_fraction", "contradicts effect = \"closed\" (a closed element keeps "
                                   "0 of its capacity), got " + std::to_string(*fraction));
      ok = false;
    }
    e.capacity_fraction = fraction.value_or(0.0);
  }

  static bool HasDuration(const RiskModel& m, const std::string& parent) {
    for (std::string p = parent; !p.empty();) {
      const Event* found = nullptr;
      for (const Event& e : m.events) {
        if (e.id == p) found = &e;
      }
      if (!found) return false;
      if (found->duration_days) return true;
      p = found->parent;
    }
    return false;
  }

  void ReadShock(const toml::table& t, const std::string& item, int line, RiskModel& m) {
    TomlFields f(t, file_, line, item + ": ", diags_);
    DemandShock s;
    s.line = line;
    bool ok = NewId(f, shocks_, s.id);
    const std::string context = item + " (" + s.id + "): ";
    TomlFields g(t, file_, line, context, diags_);
    g.Get("id");
    Assign(s.name, g.String("name", false));
    Trigger trigger;
    ok = ReadTrigger(g, events_, trigger) && ok;
    s.parent = trigger.parent, s.probability = trigger.probability;
    auto commodities = StringList(g, "commodities", true);
    ok = commodities.has_value() && ok;
    if (commodities) {
      s.commodities = std::move(*commodities);
      s.commodities_line = io::LineOf(*g.Get("commodities"));
    }
    auto factor = ReadDistribution(g, "factor", true, {0.0, kMaxFactor},
                                   file_, context, diags_);
    ok = factor.has_value() && ok;
    if (factor) s.factor = *factor;
    Assign(s.source, g.String("source", false));
    Assign(s.confidence, g.String("confidence", false));
    g.WarnUnreadKeys();
    if (ok && !g.had_error()) m.shocks.push_back(std::move(s));
  }

  std::string file_;
  Diagnostics& diags_;
  std::set<std::string> groups_, events_, shocks_;
};

}  // namespace

Result<RiskModel> ParseRiskModel(const std::string& text, const std::string& path,
                                 Diagnostics& diags) {
  const std::string file = std::filesystem::path(path).filename().string();
  Diagnostics local;
  RiskModel m;
  m.file = path;
  m.name = std::filesystem::path(path).stem().string();
  Fnv1a64 hash;
  hash.Update(text);
  m.content_hash = hash.Hex();
  if (const auto table = io::ParseToml(text, file, local)) Reader(file, local).Read(*table, m);
  diags.Append(local);
  if (local.has_errors()) return local.ToStatus("risk model " + path);
  return m;
}

Result<RiskModel> ReadRiskModel(const std::string& path, Diagnostics& diags) {
  const auto text = io::ReadTextFile(path);
  if (!text) {
    diags.Error(path, 0, "", "risk model file not found");
    return NotFound("risk model file not found: " + path);
  }
  return ParseRiskModel(*text, path, diags);
}

}  // namespace corridor::risk
