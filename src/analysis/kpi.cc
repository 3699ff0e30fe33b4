#include "analysis/kpi.h"

#include <algorithm>
#include <cmath>

namespace corridor::analysis {

bool HasBackground(const model::Network& net) {
  return std::any_of(net.commodities.begin(), net.commodities.end(),
                     [](const model::Commodity& c) { return c.background; });
}

namespace {

// Sums of the OD results of one traffic class; cost fields from the OD rows.
Kpis SumOd(const model::Network& net, const routing::Solution& sol, bool background) {
  Kpis k;
  double weighted_time = 0.0;
  for (std::size_t i = 0; i < net.demand.size() && i < sol.od.size(); ++i) {
    const model::OdDemand& d = net.demand[i];
    const model::Commodity& c = net.commodities[d.commodity.index()];
    if (c.background != background) continue;
    const routing::OdResult& r = sol.od[i];
    k.demand_t += d.tonnes_per_year;
    k.served_t += r.served_t;
    k.unserved_t += r.unserved_t;
    k.served_value_usd += r.served_t * c.value_usd_per_t;
    k.unserved_value_usd += r.unserved_t * c.value_usd_per_t;
    k.tonne_km += r.tonne_km;
    k.money_usd += r.money_usd;
    k.time_value_usd += r.time_value_usd;
    k.penalty_usd += r.unserved_t * c.unserved_penalty_usd_per_t;
    if (r.served_t > 0.0 && std::isfinite(r.avg_time_h)) weighted_time += r.served_t * r.avg_time_h;
  }
  k.generalised_cost_usd = k.money_usd + k.time_value_usd + k.penalty_usd;
  k.avg_transit_time_h = k.served_t > 0.0 ? weighted_time / k.served_t : 0.0;
  return k;
}

}  // namespace

Kpis ComputeKpis(const model::Network& net, const routing::Solution& sol, Traffic traffic) {
  if (traffic == Traffic::kBackground) return SumOd(net, sol, true);
  Kpis k = SumOd(net, sol, false);
  const Kpis bg = HasBackground(net) ? SumOd(net, sol, true) : Kpis{};
  k.generalised_cost_usd = sol.objective_usd - bg.generalised_cost_usd;
  k.money_usd = sol.money_usd - bg.money_usd;
  k.time_value_usd = sol.time_value_usd - bg.time_value_usd;
  k.penalty_usd = sol.penalty_usd - bg.penalty_usd;
  return k;
}

std::vector<double> BackgroundArcFlow(const model::Network& net, const routing::Solution& sol) {
  const std::size_t m = net.arc_count();
  std::vector<double> out(m, 0.0);
  for (std::size_t k = 0; k < net.commodities.size(); ++k) {
    if (!net.commodities[k].background) continue;
    for (std::size_t a = 0; a < m && k * m + a < sol.commodity_arc_flow_t.size(); ++a) {
      out[a] += sol.commodity_arc_flow_t[k * m + a];
    }
  }
  return out;
}

std::vector<ResourceUse> ResourceUsage(const model::Network& net, const routing::Solution& sol) {
  std::vector<ResourceUse> out(net.resource_count());
  const std::vector<double> background_arc = BackgroundArcFlow(net, sol);
  for (std::size_t r = 0; r < net.resource_count(); ++r) {
    ResourceUse& u = out[r];
    u.capacity_t = net.resource_nominal_t[r];
    u.preload_t = net.resource_preload_t[r];
    double routed = 0.0;
    for (auto i = net.resource_begin[r]; i < net.resource_begin[r + 1]; ++i) {
      const std::size_t a = net.resource_arcs[static_cast<std::size_t>(i)].index();
      if (a < sol.arc_flow_t.size()) routed += sol.arc_flow_t[a];
      u.background_t += background_arc[a];
    }
    u.study_t = std::max(0.0, routed - u.background_t);
    // The preload counts up to the capacity it was taken off (an excess is reported
    // by validation, not carried).
    u.flow_t = routed + std::min(u.preload_t, u.capacity_t);
    u.utilisation = u.capacity_t > 0.0 ? u.flow_t / u.capacity_t : 0.0;
  }
  return out;
}

std::string ElementId(const model::Network& net, model::ResourceKind kind, std::int32_t element) {
  const auto e = static_cast<std::size_t>(element);
  switch (kind) {
    case model::ResourceKind::kLink: return net.links[e].id;
    case model::ResourceKind::kCrossing: return net.crossings[e].id;
    case model::ResourceKind::kTransfer: return net.transfers[e].id;
    case model::ResourceKind::kDefined: return net.resource_defs[e].id;
  }
  return {};
}

std::string ElementName(const model::Network& net, const model::DisplayNames& names,
                        model::ResourceKind kind, std::int32_t element) {
  const auto e = static_cast<std::size_t>(element);
  switch (kind) {
    case model::ResourceKind::kLink: return names.LinkName(net.links[e]);
    case model::ResourceKind::kCrossing: return names.CrossingName(net.crossings[e]);
    case model::ResourceKind::kTransfer: {
      const model::Transfer& t = net.transfers[e];
      return "transfer at " + names.NodeName(t.node) + " (" + std::string(model::ModeLabel(t.from_mode)) +
             " → " + std::string(model::ModeLabel(t.to_mode)) + ")";
    }
    case model::ResourceKind::kDefined: {
      const model::ResourceDef& d = net.resource_defs[e];
      return d.name.empty() ? d.id : d.name;
    }
  }
  return {};
}

std::vector<Bottleneck> RankBottlenecks(const model::Network& net, const routing::Solution& sol,
                                        double min_price_usd_per_t) {
  std::vector<Bottleneck> out;
  const std::vector<ResourceUse> use = ResourceUsage(net, sol);
  const model::DisplayNames names(net.nodes);
  for (std::size_t r = 0; r < net.resource_count() && r < sol.resources.size(); ++r) {
    const routing::ResourceResult& rr = sol.resources[r];
    if (!(rr.shadow_price_usd_per_t > min_price_usd_per_t)) continue;
    Bottleneck b;
    b.resource = ResourceId(static_cast<int>(r));
    b.label = net.resource_label[r];
    b.kind = net.resource_kind[r];
    b.element_id = ElementId(net, b.kind, net.resource_element[r]);
    b.name = ElementName(net, names, b.kind, net.resource_element[r]);
    b.capacity_t = use[r].capacity_t;
    b.flow_t = use[r].flow_t;
    b.background_t = use[r].flow_t - use[r].study_t;
    b.utilisation = use[r].utilisation;
    b.shadow_price_usd_per_t = rr.shadow_price_usd_per_t;
    b.saving_from_resolve = rr.ranged && std::isfinite(rr.resolved_saving_usd_per_t);
    b.saving_usd_per_mt =
        (b.saving_from_resolve ? rr.resolved_saving_usd_per_t : rr.shadow_price_usd_per_t) * 1e6;
    b.rent_usd = rr.shadow_price_usd_per_t * net.resource_capacity_t[r];
    b.ranged = rr.ranged;
    b.price_holds_for_t = rr.price_holds_for_t;
    b.resolved_saving_usd_per_t = rr.resolved_saving_usd_per_t;
    out.push_back(std::move(b));
  }
  std::stable_sort(out.begin(), out.end(), [](const Bottleneck& a, const Bottleneck& b) {
    if (a.rent_usd != b.rent_usd) return a.rent_usd > b.rent_usd;
    if (a.saving_usd_per_mt != b.saving_usd_per_mt) return a.saving_usd_per_mt > b.saving_usd_per_mt;
    if (a.shadow_price_usd_per_t != b.shadow_price_usd_per_t)
      return a.shadow_price_usd_per_t > b.shadow_price_usd_per_t;
    return a.label < b.label;
  });
  return out;
}

std::vector<CrossingUse> CrossingUsage(const model::Network& net, const routing::Solution& sol) {
  std::vector<CrossingUse> out(net.crossings.size());
  const model::DisplayNames names(net.nodes);
  for (std::size_t c = 0; c < net.crossings.size(); ++c) {
    const model::Crossing& cr = net.crossings[c];
    CrossingUse& u = out[c];
    u.crossing = CrossingId(static_cast<int>(c));
    u.id = cr.id;
    u.name = names.CrossingName(cr);
    u.node = cr.node;
    u.open_fraction = cr.open_fraction;
    u.capacity_t = model::kUnlimited;
  }
  // Flow through a crossing = flow on its gate arcs (whether or not it is capacitated),
  // plus its preload.
  const std::vector<double> background_arc = BackgroundArcFlow(net, sol);
  for (std::size_t a = 0; a < net.arc_count() && a < sol.arc_flow_t.size(); ++a) {
    if (!net.arc_crossing[a].valid()) continue;
    CrossingUse& u = out[net.arc_crossing[a].index()];
    u.flow_t += sol.arc_flow_t[a];
    u.background_t += background_arc[a];
  }
  const std::vector<ResourceUse> use = ResourceUsage(net, sol);
  for (std::size_t r = 0; r < net.resource_count() && r < sol.resources.size(); ++r) {
    if (net.resource_kind[r] != model::ResourceKind::kCrossing) continue;
    CrossingUse& u = out[static_cast<std::size_t>(net.resource_element[r])];
    const double preload = use[r].counted_preload_t();
    u.flow_t += preload;
    u.background_t += preload;
    u.capacity_t = use[r].capacity_t;
    u.utilisation = u.capacity_t > 0.0 ? u.flow_t / u.capacity_t : 0.0;
    u.shadow_price_usd_per_t = sol.resources[r].shadow_price_usd_per_t;
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const CrossingUse& a, const CrossingUse& b) { return a.flow_t > b.flow_t; });
  return out;
}

}  // namespace corridor::analysis
