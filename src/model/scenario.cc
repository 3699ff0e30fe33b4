#include "model/scenario.h"

#include <algorithm>
#include <array>
#include <filesystem>

#include "core/bounds.h"

namespace corridor::model {
namespace {

constexpr std::array<std::string_view, 12> kChangeTypeNames = {
    "close_crossing", "open_crossing", "set_crossing_state", "scale_capacity",
    "set_capacity",   "add_link",      "remove_link",        "set_dwell",
    "scale_dwell",    "scale_cost",    "set_aeo_share",      "scale_demand"};

// Rows of `rows` with the given id, or all of them for "*".
template <typename Row>
std::vector<Row*> Select(std::vector<Row>& rows, const std::string& id) {
  std::vector<Row*> out;
  for (Row& r : rows) {
    if (id == "*" || r.id == id) out.push_back(&r);
  }
  return out;
}

class Applier {
 public:
  Applier(const Scenario& s, Dataset& ds, Diagnostics& diags)
      : ds_(ds), diags_(diags),
        file_(s.file.empty() ? std::string("scenario")
                             : std::filesystem::path(s.file).filename().string()) {}

  void Apply(const ScenarioChange& c) {
    change_ = &c;
    switch (c.type) {
      case ChangeType::kCloseCrossing:
        for (Crossing* x : Crossings()) x->open_fraction = 0.0;
        break;
      case ChangeType::kOpenCrossing:
        for (Crossing* x : Crossings()) x->open_fraction = 1.0;
        break;
      case ChangeType::kSetCrossingState:
        for (Crossing* x : Crossings()) x->open_fraction = c.fraction;
        break;
      case ChangeType::kScaleCapacity:
        ForElements([&](std::optional<double>& cap, double&, double&, const RowOrigin& row) {
          if (cap) Scale(*cap, row, "capacity_t_per_year", bounds::kTonnes);
        });
        break;
      case ChangeType::kSetCapacity:
        ForElements([&](std::optional<double>& cap, double&, double&, const RowOrigin&) {
          cap = c.capacity_t_per_year;
        });
        break;
      case ChangeType::kScaleCost:
        ForElements([&](std::optional<double>&, double& per_t, double& per_tkm,
                        const RowOrigin& row) {
          const bool fee = c.element_kind == ElementKind::kCrossing;
          Scale(per_t, row, fee ? "fee_usd_per_t" : "cost_usd_per_t", bounds::kUsdPerTonne);
          Scale(per_tkm, row, "cost_usd_per_tkm", bounds::kUsdPerTonneKm);
        });
        break;
      case ChangeType::kAddLink: AddLink(c); break;
      case ChangeType::kRemoveLink: RemoveLink(c.target); break;
      case ChangeType::kSetDwell:
        for (Crossing* x : Crossings()) {
          x->dwell_standard_h = c.dwell_standard_h;
          x->dwell_aeo_h = c.dwell_aeo_h.value_or(c.dwell_standard_h);
        }
        break;
      case ChangeType::kScaleDwell:
        for (Crossing* x : Crossings()) {
          if (c.which != DwellWhich::kAeo) {
            Scale(x->dwell_standard_h, x->origin, "dwell_standard_h", bounds::kHours);
          }
          if (c.which != DwellWhich::kStandard) {
            Scale(x->dwell_aeo_h, x->origin, "dwell_aeo_h", bounds::kHours);
          }
        }
        break;
      case ChangeType::kSetAeoShare: {
        auto rows = Select(ds_.commodities, c.target);
        if (rows.empty() && c.target != "*") Fail("unknown commodity '" + c.target + "'");
        for (Commodity* k : rows) k->aeo_share = c.share;
        break;
      }
      case ChangeType::kScaleDemand: ScaleDemand(c); break;
    }
  }

 private:
  void Fail(const std::string& message) {
    diags_.Error(file_, change_->line, "",
                 "change " + std::to_string(change_->index) + " (" +
                     std::string(ChangeTypeName(change_->type)) + "): " + message);
  }

  // value *= the change's factor, when the product stays within the field's bounds
  // (else an error naming the row, and the value is left as it was).
  void Scale(double& value, const RowOrigin& row, std::string_view field, const Bounds& b) {
    const double scaled = value * change_->factor;
    if (const auto violation = BoundViolation(scaled, b)) {
      Fail(std::string(field) + " of " + row.file + ":" + std::to_string(row.line) + " " +
           *violation + " (" + FormatBound(value) + " x factor " + FormatBound(change_->factor) +
           ")");
      return;
    }
    value = scaled;
  }

  std::vector<Crossing*> Crossings() {
    auto rows = Select(ds_.crossings, change_->target);
    if (rows.empty() && change_->target != "*") Fail("unknown crossing '" + change_->target + "'");
    return rows;
  }

  // Calls f(capacity, cost per t, cost per t-km, row) for the element(s) the change names.
  // A crossing's fee and a transfer's cost are "per t"; they have no per-t-km part.
  template <typename F>
  void ForElements(F f) {
    const std::string& id = change_->target;
    std::size_t n = 0;
    double no_per_tkm = 0.0;
    switch (change_->element_kind) {
      case ElementKind::kLink:
        for (Link* l : Select(ds_.links, id)) {
          ++n;
          f(l->capacity_t_per_year, l->cost_usd_per_t, l->cost_usd_per_tkm, l->origin);
        }
        break;
      case ElementKind::kCrossing:
        for (Crossing* x : Select(ds_.crossings, id)) {
          ++n;
          f(x->capacity_t_per_year, x->fee_usd_per_t, no_per_tkm, x->origin);
        }
        break;
      case ElementKind::kTransfer:
        for (Transfer* t : Select(ds_.transfers, id)) {
          ++n;
          f(t->capacity_t_per_year, t->cost_usd_per_t, no_per_tkm, t->origin);
        }
        break;
      case ElementKind::kResource:
        if (change_->type == ChangeType::kScaleCost) {
          Fail("a resource has no cost; scale the cost of its links or transfers");
          return;
        }
        for (ResourceDef* r : Select(ds_.resources, id)) {
          ++n;
          double no_cost = 0.0;
          f(r->capacity_t_per_year, no_cost, no_per_tkm, r->origin);
        }
        break;
    }
    if (n == 0 && id != "*") {
      Fail("unknown " + std::string(ElementKindName(change_->element_kind)) + " '" + id + "'");
    }
  }

  bool HasNode(const std::string& id) const {
    return std::any_of(ds_.nodes.begin(), ds_.nodes.end(),
                       [&](const Node& n) { return n.id == id; });
  }

  void AddLink(const ScenarioChange& c) {
    if (!Select(ds_.links, c.link.id).empty() || c.link.id == "*") {
      Fail("link '" + c.link.id + "' already exists");
      return;
    }
    bool ok = true;
    for (const std::string* end : {&c.link.from, &c.link.to}) {
      if (HasNode(*end)) continue;
      Fail("unknown node '" + *end + "'");
      ok = false;
    }
    if (!ok) return;
    Link link = c.link;
    link.origin = {"scenario " + file_, c.line};
    ds_.links.push_back(std::move(link));
  }

  void RemoveLink(const std::string& id) {
    const auto removed = std::erase_if(ds_.links, [&](const Link& l) { return l.id == id; });
    if (removed == 0) Fail("unknown link '" + id + "'");
  }

  void ScaleDemand(const ScenarioChange& c) {
    if (!c.commodity.empty() && Select(ds_.commodities, c.commodity).empty()) {
      Fail("unknown commodity '" + c.commodity + "'");
      return;
    }
    for (const std::string* node : {&c.origin, &c.destination}) {
      if (node->empty() || HasNode(*node)) continue;
      Fail("unknown node '" + *node + "'");
      return;
    }
    int matched = 0;
    for (Demand& d : ds_.demand) {
      if (!c.commodity.empty() && d.commodity != c.commodity) continue;
      if (!c.origin.empty() && d.origin_node != c.origin) continue;
      if (!c.destination.empty() && d.destination_node != c.destination) continue;
      Scale(d.tonnes_per_year, d.origin, "tonnes_per_year", bounds::kTonnes);
      ++matched;
    }
    if (matched == 0) {
      diags_.Warning(file_, c.line, "",
                     "change " + std::to_string(c.index) + " (scale_demand): matches no demand row");
    }
  }

  Dataset& ds_;
  Diagnostics& diags_;
  std::string file_;
  const ScenarioChange* change_ = nullptr;
};

}  // namespace

std::string_view ChangeTypeName(ChangeType type) {
  return kChangeTypeNames[static_cast<std::size_t>(type)];
}

std::optional<ChangeType> ParseChangeType(std::string_view text) {
  for (std::size_t i = 0; i < kChangeTypeNames.size(); ++i) {
    if (kChangeTypeNames[i] == text) return static_cast<ChangeType>(i);
  }
  return std::nullopt;
}

std::string_view ElementKindName(ElementKind kind) {
  switch (kind) {
    case ElementKind::kLink: return "link";
    case ElementKind::kCrossing: return "crossing";
    case ElementKind::kTransfer: return "transfer";
    case ElementKind::kResource: return "resource";
  }
  return "?";
}

SimPeriod ScenarioPeriod(const Scenario& scenario, int reference_year) {
  return ResolvePeriod(scenario.sim_start, scenario.sim_days, reference_year);
}

Status ApplyScenario(const Scenario& scenario, Dataset& dataset, Diagnostics& diags) {
  Diagnostics local;
  Applier applier(scenario, dataset, local);
  for (const ScenarioChange& c : scenario.changes) applier.Apply(c);
  if (scenario.reference_year != 0) dataset.meta.reference_year = scenario.reference_year;
  if (!scenario.events.empty()) {
    const SimPeriod period = ScenarioPeriod(scenario, dataset.meta.reference_year);
    const std::string file = scenario.file.empty()
                                 ? std::string("scenario")
                                 : std::filesystem::path(scenario.file).filename().string();
    CheckEvents(scenario.events, period, dataset, file, local);
    if (!local.has_errors()) ApplyEventAverages(scenario.events, period, dataset);
  }
  diags.Append(local);
  return local.ToStatus("scenario " + scenario.name);
}

}  // namespace corridor::model
