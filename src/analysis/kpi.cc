#include "analysis/kpi.h"

#include <algorithm>
#include <cmath>

namespace corridor::analysis {

Kpis ComputeKpis(const model::Network& net, const routing::Solution& sol) {
  Kpis k;
  k.generalised_cost_usd = sol.objective_usd;
  k.money_usd = sol.money_usd;
  k.time_value_usd = sol.time_value_usd;
  k.penalty_usd = sol.penalty_usd;
  double weighted_time = 0.0;
  for (std::size_t i = 0; i < net.demand.size() && i < sol.od.size(); ++i) {
    const model::OdDemand& d = net.demand[i];
    const routing::OdResult& r = sol.od[i];
    const double value = net.commodities[d.commodity.index()].value_usd_per_t;
    k.demand_t += d.tonnes_per_year;
    k.served_t += r.served_t;
    k.unserved_t += r.unserved_t;
    k.served_value_usd += r.served_t * value;
    k.unserved_value_usd += r.unserved_t * value;
    k.tonne_km += r.tonne_km;
    if (r.served_t > 0.0 && std::isfinite(r.avg_time_h)) weighted_time += r.served_t * r.avg_time_h;
  }
  k.avg_transit_time_h = k.served_t > 0.0 ? weighted_time / k.served_t : 0.0;
  return k;
}

std::string ElementId(const model::Network& net, model::ResourceKind kind, std::int32_t element) {
  const auto e = static_cast<std::size_t>(element);
  switch (kind) {
    case model::ResourceKind::kLink: return net.links[e].id;
    case model::ResourceKind::kCrossing: return net.crossings[e].id;
    case model::ResourceKind::kTransfer: return net.transfers[e].id;
  }
  return {};
}

std::vector<Bottleneck> RankBottlenecks(const model::Network& net, const routing::Solution& sol,
                                        double min_price_usd_per_t) {
  std::vector<Bottleneck> out;
  for (std::size_t r = 0; r < net.resource_count() && r < sol.resources.size(); ++r) {
    const routing::ResourceResult& rr = sol.resources[r];
    if (!(rr.shadow_price_usd_per_t > min_price_usd_per_t)) continue;
    Bottleneck b;
    b.resource = ResourceId(static_cast<int>(r));
    b.label = net.resource_label[r];
    b.kind = net.resource_kind[r];
    b.element_id = ElementId(net, b.kind, net.resource_element[r]);
    b.capacity_t = rr.capacity_t;
    b.flow_t = rr.flow_t;
    b.utilisation = rr.utilisation;
    b.shadow_price_usd_per_t = rr.shadow_price_usd_per_t;
    b.saving_from_resolve = rr.ranged && std::isfinite(rr.resolved_saving_usd_per_t);
    b.saving_usd_per_mt =
        (b.saving_from_resolve ? rr.resolved_saving_usd_per_t : rr.shadow_price_usd_per_t) * 1e6;
    b.ranged = rr.ranged;
    b.price_holds_for_t = rr.price_holds_for_t;
    b.resolved_saving_usd_per_t = rr.resolved_saving_usd_per_t;
    out.push_back(std::move(b));
  }
  std::stable_sort(out.begin(), out.end(), [](const Bottleneck& a, const Bottleneck& b) {
    if (a.saving_usd_per_mt != b.saving_usd_per_mt) return a.saving_usd_per_mt > b.saving_usd_per_mt;
    if (a.shadow_price_usd_per_t != b.shadow_price_usd_per_t)
      return a.shadow_price_usd_per_t > b.shadow_price_usd_per_t;
    return a.label < b.label;
  });
  return out;
}

std::vector<CrossingUse> CrossingUsage(const model::Network& net, const routing::Solution& sol) {
  std::vector<CrossingUse> out(net.crossings.size());
  for (std::size_t c = 0; c < net.crossings.size(); ++c) {
    const model::Crossing& cr = net.crossings[c];
    CrossingUse& u = out[c];
    u.crossing = CrossingId(static_cast<int>(c));
    u.id = cr.id;
    u.node = cr.node;
    u.open_fraction = cr.open_fraction;
    u.capacity_t = model::kUnlimited;
  }
  // Flow through a crossing = flow on its gate arcs (whether or not it is capacitated).
  for (std::size_t a = 0; a < net.arc_count() && a < sol.arc_flow_t.size(); ++a) {
    if (net.arc_crossing[a].valid()) out[net.arc_crossing[a].index()].flow_t += sol.arc_flow_t[a];
  }
  for (std::size_t r = 0; r < net.resource_count() && r < sol.resources.size(); ++r) {
    if (net.resource_kind[r] != model::ResourceKind::kCrossing) continue;
    CrossingUse& u = out[static_cast<std::size_t>(net.resource_element[r])];
    u.capacity_t = net.resource_capacity_t[r];
    u.utilisation = u.capacity_t > 0.0 ? u.flow_t / u.capacity_t : 0.0;
    u.shadow_price_usd_per_t = sol.resources[r].shadow_price_usd_per_t;
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const CrossingUse& a, const CrossingUse& b) { return a.flow_t > b.flow_t; });
  return out;
}

}  // namespace corridor::analysis
