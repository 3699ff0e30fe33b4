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

  p.capacities.resize(net.resource_count());
  for (std::size_t r = 0; r < net.resource_count(); ++r) {
    SideConstraint& c = p.capacities[r];
    c.name = net.resource_label[r];
    const double cap = net.resource_capacity_t[r];
    if (!std::isfinite(cap)) continue;
    c.capacity = std::max(0.0, cap);
    for (auto i = net.resource_begin[r]; i < net.resource_begin[r + 1]; ++i) {
      c.links.push_back(LinkId(net.resource_arcs[i].value()));
    }
  }
  for (const model::Commodity& c : net.commodities) {
    p.unserved_penalty_usd.push_back(c.unserved_penalty_usd_per_t);
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

namespace {

std::vector<double> ArcQueues(const CorridorProblem& problem, std::span<const double> queue_h) {
  std::vector<double> q(problem.network.link_count(), 0.0);
  for (std::size_t r = 0; r < queue_h.size(); ++r) {
    if (queue_h[r] == 0.0) continue;
    for (LinkId a : problem.capacities[r].links) q[a.index()] += queue_h[r];
  }
  return q;
}

}  // namespace

CorridorMeasures EvaluateCorridor(const model::Network& net, const CorridorProblem& problem,
                                  const Solution& solution, std::span<const double> queue_h,
                                  std::span<const UnservedDemand> unserved) {
  CorridorMeasures s;
  for (std::size_t i = 0; i < net.demand.size(); ++i) {
    const double t = net.demand[i].tonnes_per_year;
    s.demand_t += t;
    if (problem.demand_served[i]) continue;
    s.unserved_no_route_t += t;
    s.penalty_usd += t * problem.unserved_penalty_usd[net.demand[i].commodity.index()];
  }
  for (const UnservedDemand& u : unserved) {
    s.unserved_at_penalty_t += u.demand;
    s.penalty_usd += u.demand * problem.unserved_penalty_usd[u.cls];
  }
  s.unserved_t = s.unserved_no_route_t + s.unserved_at_penalty_t;
  s.served_t = s.demand_t - s.unserved_t;
  const std::vector<double> queue = ArcQueues(problem, queue_h);
  double tonne_hours = 0.0;
  for (std::size_t k = 0; k < problem.classes.size(); ++k) {
    const CommodityId id(static_cast<CommodityId::rep_type>(k));
    const std::vector<double>& x = solution.class_link_flow[k];
    for (std::size_t a = 0; a < x.size(); ++a) {
      if (x[a] <= 0.0) continue;
      const double hours = solution.link_time[a] +
                           net.DwellHours(id, ArcId(static_cast<ArcId::rep_type>(a))) -
                           problem.min_dwell_h[a] + queue[a];
      s.money_usd += x[a] * net.arc_money_usd_per_t[a];
      s.time_value_usd += x[a] * Vot(net, k) * hours;
      s.queue_value_usd += x[a] * Vot(net, k) * queue[a];
      s.tonne_km += x[a] * net.arc_distance_km[a];
      tonne_hours += x[a] * hours;
    }
  }
  s.generalised_cost_usd = s.money_usd + s.time_value_usd + s.penalty_usd;
  s.avg_time_h = s.served_t > 0.0 ? tonne_hours / s.served_t : std::nan("");
  return s;
}

std::vector<double> MarginalCharges(const model::Network& net, const CorridorProblem& problem,
                                    const Solution& solution, std::span<const double> queue_h) {
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
  for (std::size_t r = 0; r < queue_h.size(); ++r) {
    if (!(queue_h[r] > 0.0)) continue;
    double load = 0.0, value = 0.0;
    for (LinkId a : problem.capacities[r].links) {
      load += solution.link_flow[a.index()];
      value += vot_flow[a.index()];
    }
    if (!(load > 0.0)) continue;
    for (LinkId a : problem.capacities[r].links) charge[a.index()] += value / load * queue_h[r];
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

const char* EquilibriumModelName(EquilibriumModel model) {
  return model == EquilibriumModel::kCapacitated ? "capacitated" : "uncapacitated";
}

namespace {

std::vector<CrossingLoad> CrossingLoads(const model::Network& net, const CorridorProblem& problem,
                                        const CorridorEquilibrium& eq) {
  std::vector<CrossingLoad> rows;
  const Solution& ue = eq.ue;
  for (std::size_t r = 0; r < net.resource_count(); ++r) {
    if (net.resource_kind[r] != model::ResourceKind::kCrossing) continue;
    const double cap = net.resource_capacity_t[r];
    if (!(cap > 0.0) || !std::isfinite(cap)) continue;
    CrossingLoad row;
    row.crossing = CrossingId(net.resource_element[r]);
    row.capacity_t = cap;
    row.queue_h = eq.queue_h.empty() ? 0.0 : eq.queue_h[r];
    for (std::size_t k = 0; k < problem.classes.size(); ++k) {
      bool may_cross = false;
      for (auto i = net.resource_begin[r]; i < net.resource_begin[r + 1]; ++i) {
        may_cross = may_cross || problem.classes[k].link_allowed[net.resource_arcs[i].index()];
      }
      row.queue_cost_usd_per_t.push_back(may_cross ? Vot(net, k) * row.queue_h : std::nan(""));
    }
    double delay_flow = 0.0, charge_flow = 0.0;
    for (auto i = net.resource_begin[r]; i < net.resource_begin[r + 1]; ++i) {
      const std::size_t a = net.resource_arcs[i].index();
      const double x = ue.link_flow[a];
      const double t0 =
          problem.network.link(LinkId(static_cast<LinkId::rep_type>(a))).cost.free_flow_time;
      row.flow_t += x;
      delay_flow += x * (ue.link_time[a] - t0);
      charge_flow += x * eq.marginal_charge_usd_per_t[a];
    }
    row.utilisation = row.flow_t / cap;
    if (row.flow_t > 0.0) {
      row.delay_h = delay_flow / row.flow_t;
      row.marginal_charge_usd_per_t = charge_flow / row.flow_t;
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

std::vector<QueueRow> Queues(const CorridorProblem& problem, const CapacitatedSolution& cs) {
  std::vector<QueueRow> rows;
  for (std::size_t r = 0; r < cs.queue_delay.size(); ++r) {
    if (!(cs.queue_delay[r] > 0.0)) continue;
    rows.push_back({static_cast<int>(r), cs.constraint_flow[r], problem.capacities[r].capacity,
                    cs.queue_delay[r]});
  }
  std::stable_sort(rows.begin(), rows.end(),
                   [](const QueueRow& a, const QueueRow& b) { return a.queue_h > b.queue_h; });
  return rows;
}

// One equilibrium of the chosen model with the given class fees.
struct Answer {
  Solution flows;
  CapacitatedSolution capacitated;  // flows moved out; queues, unserved, measures
};

Result<Answer> SolveModel(const CorridorProblem& problem, std::span<const DemandClass> classes,
                          const CorridorOptions& options) {
  Answer answer;
  if (options.model == EquilibriumModel::kUncapacitated) {
    auto ue = Solve(problem.network, classes, options.solver);
    if (!ue.ok()) return ue.status();
    answer.flows = std::move(ue).value();
    return answer;
  }
  CapacitatedOptions copts;
  copts.solver = options.solver;
  copts.unserved_penalty = problem.unserved_penalty_usd;
  copts.capacity_tolerance = options.capacity_tolerance;
  copts.max_outer_iterations = options.max_outer_iterations;
  auto cs = SolveCapacitated(problem.network, classes, problem.capacities, copts);
  if (!cs.ok()) return cs.status();
  answer.capacitated = std::move(cs).value();
  answer.flows = answer.capacitated.solution;
  return answer;
}

void RecordCapacitated(const CorridorProblem& problem, const CorridorOptions& options,
                       const CapacitatedSolution& cs, CorridorEquilibrium& eq) {
  eq.queue_h = cs.queue_delay;
  eq.queues = Queues(problem, cs);
  eq.unserved_at_penalty = cs.unserved;
  eq.outer_iterations = cs.outer_iterations;
  eq.inner_iterations = cs.inner_iterations;
  eq.relative_gap = cs.relative_gap;
  eq.max_violation = cs.max_violation;
  eq.certificate =
      CheckCapacitated(problem.network, problem.classes, problem.capacities,
                       problem.unserved_penalty_usd, cs, options.capacity_tolerance,
                       options.solver.target_relative_gap);
}

}  // namespace

Result<CorridorEquilibrium> SolveCorridorEquilibrium(const model::Network& net,
                                                     const CorridorProblem& problem,
                                                     const CorridorOptions& options) {
  const bool capacitated = options.model == EquilibriumModel::kCapacitated;
  auto ue = SolveModel(problem, problem.classes, options);
  if (!ue.ok()) return ue.status();
  CorridorEquilibrium eq;
  eq.model = options.model;
  eq.ue = std::move(ue->flows);
  eq.relative_gap = eq.ue.final.relative_gap;
  if (capacitated) RecordCapacitated(problem, options, ue->capacitated, eq);
  eq.ue_measures = EvaluateCorridor(net, problem, eq.ue, eq.queue_h, eq.unserved_at_penalty);
  eq.marginal_charge_usd_per_t = MarginalCharges(net, problem, eq.ue, eq.queue_h);
  eq.crossings = CrossingLoads(net, problem, eq);

  eq.so = eq.ue;
  // The SO candidates are costed without queues: a planner allots the capacity.
  eq.so_measures = EvaluateCorridor(net, problem, eq.ue, {}, eq.unserved_at_penalty);
  eq.so_log_usd.push_back(eq.so_measures.generalised_cost_usd);
  std::vector<double> tau(eq.marginal_charge_usd_per_t.size(), 0.0);
  std::vector<double> last_charge = eq.marginal_charge_usd_per_t;
  // The pricing rounds only propose SO candidates (the best is kept), so each gets a
  // tenth of the equilibrium's iteration budget; the equilibrium itself gets all of it.
  CorridorOptions round_options = options;
  round_options.solver.max_iterations = std::max(1, options.solver.max_iterations / 10);
  for (int r = 0; r < options.pricing_rounds; ++r) {
    for (std::size_t a = 0; a < tau.size(); ++a) tau[a] += (last_charge[a] - tau[a]) / (r + 1);
    auto x = SolveModel(problem, ChargedClasses(problem, tau), round_options);
    if (!x.ok()) return x.status();
    const CorridorMeasures measures =
        EvaluateCorridor(net, problem, x->flows, {}, x->capacitated.unserved);
    eq.so_log_usd.push_back(measures.generalised_cost_usd);
    last_charge = MarginalCharges(net, problem, x->flows, x->capacitated.queue_delay);
    if (measures.generalised_cost_usd < eq.so_measures.generalised_cost_usd) {
      eq.so = std::move(x->flows);
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
