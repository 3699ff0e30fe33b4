#include "assignment/corridor.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

namespace corridor::assignment {
namespace {

// Marks every sink a tonne of commodity k can reach from `source` over allowed
// links, never passing a centroid.
void ReachableSinks(const model::Network& net, const DemandClass& cls, VNodeId source,
                    std::vector<char>& mark) {
  mark.assign(net.vnode_count(), 0);
  std::vector<VNodeId> stack{source};
  mark[source.index()] = 1;
  while (!stack.empty()) {
    const VNodeId v = stack.back();
    stack.pop_back();
    for (auto a = net.out_begin[v.index()]; a < net.out_begin[v.index() + 1]; ++a) {
      if (!cls.link_allowed[a]) continue;
      const VNodeId h = net.arc_head[a];
      if (mark[h.index()]) continue;
      mark[h.index()] = 1;
      if (net.vnode_kind[h.index()] == model::VNodeKind::kModal) stack.push_back(h);
    }
  }
}

double Vot(const model::Network& net, std::size_t k) {
  return net.commodities[k].value_of_time_usd_per_t_h;
}

}  // namespace

Result<CorridorProblem> BuildCorridorProblem(const model::Network& net) {
  const std::size_t m = net.arc_count();
  std::vector<double> capacity(m, std::numeric_limits<double>::infinity());
  std::vector<char> closed(m, 0);
  for (std::size_t r = 0; r < net.resource_count(); ++r) {
    const double cap = net.resource_capacity_t[r];
    for (auto i = net.resource_begin[r]; i < net.resource_begin[r + 1]; ++i) {
      const std::size_t a = net.resource_arcs[i].index();
      if (cap <= 0.0) closed[a] = 1;
      capacity[a] = std::min(capacity[a], cap);
    }
  }

  CorridorProblem p;
  p.min_dwell_h.resize(m);
  std::vector<NetworkLink> links(m);
  for (std::size_t a = 0; a < m; ++a) {
    p.min_dwell_h[a] = std::min(net.arc_dwell_standard_h[a], net.arc_dwell_aeo_h[a]);
    NetworkLink& l = links[a];
    l.from = NodeId(net.arc_tail[a].value());
    l.to = NodeId(net.arc_head[a].value());
    l.length = net.arc_distance_km[a];
    l.cost.model = DelayModel::kConical;
    l.cost.alpha = kConicalAlpha;
    l.cost.free_flow_time = net.arc_time_h[a] + p.min_dwell_h[a];
    l.cost.capacity = std::isfinite(capacity[a]) && !closed[a] ? capacity[a] : 0.0;
  }
  std::vector<char> through(net.vnode_count());
  for (std::size_t v = 0; v < net.vnode_count(); ++v) {
    through[v] = net.vnode_kind[v] == model::VNodeKind::kModal;
  }
  auto network = Network::Build(static_cast<int>(net.vnode_count()), std::move(links),
                                std::move(through));
  if (!network.ok()) return network.status();
  p.network = std::move(network).value();

  p.classes.resize(net.commodities.size());
  for (std::size_t k = 0; k < net.commodities.size(); ++k) {
    DemandClass& c = p.classes[k];
    const CommodityId id(static_cast<CommodityId::rep_type>(k));
    c.name = net.commodities[k].id;
    c.value_of_time = std::max(Vot(net, k), kMinValueOfTime);
    c.link_fee.resize(m);
    c.link_allowed.resize(m);
    for (std::size_t a = 0; a < m; ++a) {
      const ArcId arc(static_cast<ArcId::rep_type>(a));
      c.link_fee[a] = net.arc_money_usd_per_t[a] +
                      c.value_of_time * (net.DwellHours(id, arc) - p.min_dwell_h[a]);
      c.link_allowed[a] = !closed[a] && net.CommodityMayUse(id, arc);
    }
  }

  p.demand_served.assign(net.demand.size(), 0);
  std::vector<char> mark;
  std::pair<std::size_t, std::size_t> searched{SIZE_MAX, SIZE_MAX};  // (commodity, origin)
  for (std::size_t i = 0; i < net.demand.size(); ++i) {
    const model::OdDemand& d = net.demand[i];
    const std::size_t k = d.commodity.index();
    const VNodeId source = net.source_of[d.origin.index()];
    const VNodeId sink = net.sink_of[d.destination.index()];
    if (!source.valid() || !sink.valid() || d.origin == d.destination) continue;
    if (searched != std::pair{k, d.origin.index()}) {
      ReachableSinks(net, p.classes[k], source, mark);
      searched = {k, d.origin.index()};
    }
    if (!mark[sink.index()]) continue;
    p.demand_served[i] = 1;
    p.classes[k].od.push_back({NodeId(source.value()), NodeId(sink.value()), d.tonnes_per_year});
  }
  return p;
}

CorridorMeasures EvaluateCorridor(const model::Network& net, const CorridorProblem& problem,
                                  const Solution& solution) {
  CorridorMeasures s;
  for (std::size_t i = 0; i < net.demand.size(); ++i) {
    const double t = net.demand[i].tonnes_per_year;
    s.demand_t += t;
    (problem.demand_served[i] ? s.served_t : s.unserved_t) += t;
  }
  double tonne_hours = 0.0;
  for (std::size_t k = 0; k < problem.classes.size(); ++k) {
    const CommodityId id(static_cast<CommodityId::rep_type>(k));
    const std::vector<double>& x = solution.class_link_flow[k];
    for (std::size_t a = 0; a < x.size(); ++a) {
      if (x[a] <= 0.0) continue;
      const double hours = solution.link_time[a] +
                           net.DwellHours(id, ArcId(static_cast<ArcId::rep_type>(a))) -
                           problem.min_dwell_h[a];
      s.money_usd += x[a] * net.arc_money_usd_per_t[a];
      s.time_value_usd += x[a] * Vot(net, k) * hours;
      s.tonne_km += x[a] * net.arc_distance_km[a];
      tonne_hours += x[a] * hours;
    }
  }
  s.generalised_cost_usd = s.money_usd + s.time_value_usd;
  s.avg_time_h = s.served_t > 0.0 ? tonne_hours / s.served_t : std::nan("");
  return s;
}

std::vector<double> MarginalCharges(const model::Network& net, const CorridorProblem& problem,
                                    const Solution& solution) {
  const std::size_t m = solution.link_flow.size();
  std::vector<double> vot_flow(m, 0.0);  // sum_k VOT_k x_ka
  for (std::size_t k = 0; k < problem.classes.size(); ++k) {
    for (std::size_t a = 0; a < m; ++a) vot_flow[a] += Vot(net, k) * solution.class_link_flow[k][a];
  }
  std::vector<double> charge(m);
  for (std::size_t a = 0; a < m; ++a) {
    const LinkCost& cost = problem.network.link(LinkId(static_cast<LinkId::rep_type>(a))).cost;
    charge[a] = cost.Derivative(solution.link_flow[a]) * vot_flow[a];
  }
  return charge;
}

std::vector<DemandClass> ChargedClasses(const CorridorProblem& problem,
                                        std::span<const double> charge_usd_per_t) {
  std::vector<DemandClass> classes = problem.classes;
  for (DemandClass& c : classes) {
    for (std::size_t a = 0; a < c.link_fee.size(); ++a) c.link_fee[a] += charge_usd_per_t[a];
  }
  return classes;
}

namespace {

std::vector<CrossingLoad> CrossingLoads(const model::Network& net, const CorridorProblem& problem,
                                        const Solution& ue, std::span<const double> charge) {
  std::vector<CrossingLoad> rows;
  for (std::size_t r = 0; r < net.resource_count(); ++r) {
    if (net.resource_kind[r] != model::ResourceKind::kCrossing) continue;
    const double cap = net.resource_capacity_t[r];
    if (!(cap > 0.0) || !std::isfinite(cap)) continue;
    CrossingLoad row;
    row.crossing = CrossingId(net.resource_element[r]);
    row.capacity_t = cap;
    double delay_flow = 0.0, charge_flow = 0.0;
    for (auto i = net.resource_begin[r]; i < net.resource_begin[r + 1]; ++i) {
      const std::size_t a = net.resource_arcs[i].index();
      const double x = ue.link_flow[a];
      const double t0 = problem.network.link(LinkId(static_cast<LinkId::rep_type>(a))).cost.free_flow_time;
      row.flow_t += x;
      delay_flow += x * (ue.link_time[a] - t0);
      charge_flow += x * charge[a];
    }
    row.utilisation = row.flow_t / cap;
    if (row.flow_t > 0.0) {
      row.queue_delay_h = delay_flow / row.flow_t;
      row.marginal_charge_usd_per_t = charge_flow / row.flow_t;
    }
    rows.push_back(row);
  }
  return rows;
}

}  // namespace

Result<CorridorEquilibrium> SolveCorridorEquilibrium(const model::Network& net,
                                                     const CorridorProblem& problem,
                                                     const CorridorOptions& options) {
  auto ue = Solve(problem.network, problem.classes, options.solver);
  if (!ue.ok()) return ue.status();
  CorridorEquilibrium eq;
  eq.ue = std::move(ue).value();
  eq.ue_measures = EvaluateCorridor(net, problem, eq.ue);
  eq.marginal_charge_usd_per_t = MarginalCharges(net, problem, eq.ue);
  eq.crossings = CrossingLoads(net, problem, eq.ue, eq.marginal_charge_usd_per_t);

  eq.so = eq.ue;
  eq.so_measures = eq.ue_measures;
  eq.so_log_usd.push_back(eq.ue_measures.generalised_cost_usd);
  std::vector<double> tau(eq.marginal_charge_usd_per_t.size(), 0.0);
  std::vector<double> last_charge = eq.marginal_charge_usd_per_t;
  for (int r = 0; r < options.pricing_rounds; ++r) {
    for (std::size_t a = 0; a < tau.size(); ++a) tau[a] += (last_charge[a] - tau[a]) / (r + 1);
    auto x = Solve(problem.network, ChargedClasses(problem, tau), options.solver);
    if (!x.ok()) return x.status();
    const CorridorMeasures measures = EvaluateCorridor(net, problem, *x);
    eq.so_log_usd.push_back(measures.generalised_cost_usd);
    last_charge = MarginalCharges(net, problem, *x);
    if (measures.generalised_cost_usd < eq.so_measures.generalised_cost_usd) {
      eq.so = std::move(x).value();
      eq.so_measures = measures;
    }
  }
  if (eq.so_measures.generalised_cost_usd > 0.0) {
    eq.price_of_anarchy_lower_bound =
        eq.ue_measures.generalised_cost_usd / eq.so_measures.generalised_cost_usd;
  }
  return eq;
}

}  // namespace corridor::assignment
