#include "risk/sample.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "core/hash.h"

namespace corridor::risk {
namespace {

constexpr double kDaysPerYear = 365.0;

std::uint64_t Mix(std::uint64_t z) {
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

double Capped(double v, double cap) { return cap > 0.0 ? std::min(v, cap) : v; }

// A standard normal from two uniforms (Box-Muller; the second value is not kept, so a
// stream's k-th call always consumes two numbers).
double Normal(Rng& rng) {
  const double u1 = 1.0 - rng.Uniform();  // (0, 1]
  const double u2 = rng.Uniform();
  return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * M_PI * u2);
}

class Matcher {
 public:
  Matcher(const RiskModel& model, const model::Network& net, Diagnostics& diags)
      : net_(net), diags_(diags), file_(model.file) {
    for (const Group& g : model.groups) groups_[g.id] = &g;
  }

  // Resources hit by the elements; reports problems at `line` with `context`.
  std::vector<std::int32_t> Resources(const std::vector<std::string>& elements, int line,
                                      const std::string& context, int depth = 0) {
    std::vector<std::int32_t> out;
    for (const std::string& e : elements) {
      const auto colon = e.find(':');
      const std::string kind = e.substr(0, colon), id = e.substr(colon + 1);
      if (kind == "group") {
        const Group* g = groups_.at(id);  // the reader checked it exists
        if (depth > 64) continue;
        auto sub = Resources(g->elements, line, context, depth + 1);
        out.insert(out.end(), sub.begin(), sub.end());
        continue;
      }
      bool known = false, finite = false;
      for (std::size_t r = 0; r < net_.resource_count(); ++r) {
        if (!Matches(kind, id, r)) continue;
        known = true;
        if (std::isfinite(net_.resource_nominal_t[r])) {
          finite = true;
          out.push_back(static_cast<std::int32_t>(r));
        }
      }
      if (!known && !ElementExists(kind, id)) {
        diags_.Error(file_, line, "", context + "unknown element \"" + e + "\"");
      } else if (!finite) {
        diags_.Error(file_, line, "",
                     context + "\"" + e + "\" has no finite capacity in the network, so a "
                               "disruption cannot reduce it");
      }
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
  }

  std::vector<std::int32_t> DemandRows(const std::vector<std::string>& commodities, int line,
                                       const std::string& context) {
    std::vector<std::int32_t> rows;
    for (const std::string& c : commodities) {
      bool found = c == "*";
      for (std::size_t k = 0; k < net_.commodities.size(); ++k) {
        if (c != "*" && net_.commodities[k].id != c) continue;
        found = true;
        for (std::size_t i = 0; i < net_.demand.size(); ++i) {
          if (net_.demand[i].commodity.index() == k) rows.push_back(static_cast<std::int32_t>(i));
        }
      }
      if (!found) diags_.Error(file_, line, "", context + "unknown commodity \"" + c + "\"");
    }
    std::sort(rows.begin(), rows.end());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    return rows;
  }

 private:
  bool Matches(const std::string& kind, const std::string& id, std::size_t r) const {
    const auto element = static_cast<std::size_t>(net_.resource_element[r]);
    const bool any = id == "*";
    switch (net_.resource_kind[r]) {
      case model::ResourceKind::kCrossing:
        return kind == "crossing" && (any || net_.crossings[element].id == id);
      case model::ResourceKind::kLink:
        return kind == "link" && (any || net_.links[element].id == id);
      case model::ResourceKind::kTransfer:
        return kind == "transfer" && (any || net_.transfers[element].id == id);
      case model::ResourceKind::kDefined: {
        const model::ResourceDef& def = net_.resource_defs[element];
        if (kind == "resource") return any || def.id == id;
        if (kind != "port") return false;
        return std::any_of(def.members.begin(), def.members.end(), [&](const auto& m) {
          return m.kind == model::RefKind::kPort && (any || m.id == id);
        });
      }
    }
    return false;
  }

  bool ElementExists(const std::string& kind, const std::string& id) const {
    auto has = [&](const auto& list) {
      return std::any_of(list.begin(), list.end(), [&](const auto& x) { return x.id == id; });
    };
    if (kind == "crossing") return has(net_.crossings);
    if (kind == "link") return has(net_.links);
    if (kind == "transfer") return has(net_.transfers);
    if (kind == "resource") return has(net_.resource_defs);
    if (kind == "port") return has(net_.nodes);
    return false;
  }

  const model::Network& net_;
  Diagnostics& diags_;
  std::string file_;
  std::map<std::string, const Group*> groups_;
};

}  // namespace

const char* DistributionKindName(DistributionKind kind) {
  switch (kind) {
    case DistributionKind::kFixed: return "fixed";
    case DistributionKind::kUniform: return "uniform";
    case DistributionKind::kTriangular: return "triangular";
    case DistributionKind::kExponential: return "exponential";
    case DistributionKind::kLognormal: return "lognormal";
  }
  return "fixed";
}

double Mean(const Distribution& d) {
  switch (d.kind) {
    case DistributionKind::kFixed: return d.a;
    case DistributionKind::kUniform: return (d.a + d.b) / 2.0;
    case DistributionKind::kTriangular: return (d.a + d.b + d.c) / 3.0;
    case DistributionKind::kExponential: return d.a;
    case DistributionKind::kLognormal: return d.a * std::exp(d.c * d.c / 2.0);
  }
  return d.a;
}

std::uint64_t Rng::Next() {
  state_ += 0x9e3779b97f4a7c15ULL;
  return Mix(state_);
}

double Rng::Uniform() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }

std::uint64_t StreamSeed(std::uint64_t seed, std::int64_t index, std::string_view stream) {
  Fnv1a64 h;
  h.Update(stream);
  return Mix(Mix(seed ^ 0x243f6a8885a308d3ULL) ^ Mix(static_cast<std::uint64_t>(index)) ^
             h.value());
}

double Sample(const Distribution& d, Rng& rng) {
  switch (d.kind) {
    case DistributionKind::kFixed: return d.a;
    case DistributionKind::kUniform: return d.a + (d.b - d.a) * rng.Uniform();
    case DistributionKind::kTriangular: {
      const double u = rng.Uniform();
      const double width = d.b - d.a;
      if (width <= 0.0) return d.a;
      const double split = (d.c - d.a) / width;
      return u < split ? d.a + std::sqrt(u * width * (d.c - d.a))
                       : d.b - std::sqrt((1.0 - u) * width * (d.b - d.c));
    }
    case DistributionKind::kExponential:
      return Capped(-d.a * std::log(1.0 - rng.Uniform()), d.b);
    case DistributionKind::kLognormal:
      return Capped(d.a * std::exp(d.c * Normal(rng)), d.b);
  }
  return d.a;
}

Result<ResolvedRisk> Resolve(const RiskModel& model, const model::Network& net,
                             Diagnostics& diags) {
  Diagnostics local;
  Matcher match(model, net, local);
  ResolvedRisk out;
  out.model = &model;
  std::map<std::string, int> event_index;
  for (const Event& e : model.events) {
    ResolvedEvent r;
    r.parent = e.parent.empty() ? -1 : event_index.at(e.parent);
    r.probability = e.probability;
    r.capacity_fraction = e.capacity_fraction;
    r.duration_days = e.duration_days;
    r.resources = match.Resources(e.elements, e.elements_line, "event " + e.id + ": elements: ");
    event_index[e.id] = static_cast<int>(out.events.size());
    out.events.push_back(std::move(r));
  }
  for (const DemandShock& s : model.shocks) {
    ResolvedShock r;
    r.parent = s.parent.empty() ? -1 : event_index.at(s.parent);
    r.probability = s.probability;
    r.factor = s.factor;
    r.demand_rows = match.DemandRows(s.commodities, s.commodities_line,
                                       "demand_shock " + s.id + ": commodities: ");
    out.shocks.push_back(std::move(r));
  }
  diags.Append(local);
  if (local.has_errors()) return local.ToStatus("risk model " + model.file);
  return out;
}

Draw SampleDraw(const ResolvedRisk& risk, std::uint64_t seed, std::int64_t index) {
  Draw d;
  d.index = index;
  d.seed = StreamSeed(seed, index, "");
  const RiskModel& model = *risk.model;
  std::vector<char> happened(risk.events.size(), 0);
  std::vector<double> duration(risk.events.size(), 0.0);
  std::map<std::int32_t, double> lost;
  for (std::size_t e = 0; e < risk.events.size(); ++e) {
    const ResolvedEvent& ev = risk.events[e];
    Rng rng(StreamSeed(seed, index, "event:" + model.events[e].id));
    const double u = rng.Uniform();
    const double days = ev.duration_days ? Sample(*ev.duration_days, rng)
                        : ev.parent >= 0 ? duration[static_cast<std::size_t>(ev.parent)]
                                         : 0.0;
    if (ev.parent >= 0 && !happened[static_cast<std::size_t>(ev.parent)]) continue;
    if (!(u < ev.probability)) continue;
    happened[e] = 1;
    duration[e] = days;
    d.events.push_back(static_cast<std::int32_t>(e));
    d.duration_days.push_back(days);
    const double share = (1.0 - ev.capacity_fraction) * std::min(days, kDaysPerYear) / kDaysPerYear;
    for (std::int32_t r : ev.resources) lost[r] += share;
  }
  for (const auto& [r, share] : lost) d.capacity_kept.emplace_back(r, std::max(0.0, 1.0 - share));
  std::map<std::int32_t, double> factor;
  for (std::size_t s = 0; s < risk.shocks.size(); ++s) {
    const ResolvedShock& sh = risk.shocks[s];
    Rng rng(StreamSeed(seed, index, "shock:" + model.shocks[s].id));
    const double u = rng.Uniform();
    const double f = Sample(sh.factor, rng);
    if (sh.parent >= 0 && !happened[static_cast<std::size_t>(sh.parent)]) continue;
    if (!(u < sh.probability)) continue;
    d.shocks.push_back(static_cast<std::int32_t>(s));
    for (std::int32_t row : sh.demand_rows) {
      auto [it, inserted] = factor.emplace(row, f);
      if (!inserted) it->second *= f;
    }
  }
  d.demand_factor.assign(factor.begin(), factor.end());
  return d;
}

routing::Change ToChange(const Draw& draw, const model::Network& net, routing::Change base) {
  for (const auto& [r, kept] : draw.capacity_kept) {
    const auto i = static_cast<std::size_t>(r);
    base.capacity_t[i] = std::max(0.0, net.resource_nominal_t[i] * kept - net.resource_preload_t[i]);
  }
  for (const auto& [row, f] : draw.demand_factor) {
    const auto i = static_cast<std::size_t>(row);
    base.demand_t[i] = net.demand[i].tonnes_per_year * f;
  }
  return base;
}

}  // namespace corridor::risk
