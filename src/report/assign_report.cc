#include "report/assign_report.h"

#include "model/names.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <functional>
#include <nlohmann/json.hpp>
#include <numeric>
#include <vector>

namespace corridor::report {
namespace {

using nlohmann::json;

json Num(double v) { return std::isfinite(v) ? json(v) : json(nullptr); }

// Utilisation above 1 by less than this is rounding of a saturated capacity.
constexpr double kOverTolerance = 1e-6;

json MeasuresJson(const assignment::CorridorMeasures& m) {
  return {{"generalised_cost_usd", Num(m.generalised_cost_usd)},
          {"money_usd", Num(m.money_usd)},
          {"time_value_usd", Num(m.time_value_usd)},
          {"demand_t", Num(m.demand_t)},
          {"served_t", Num(m.served_t)},
          {"unserved_t", Num(m.unserved_t)},
          {"unserved_no_route_t", Num(m.unserved_no_route_t)},
          {"unserved_at_penalty_t", Num(m.unserved_at_penalty_t)},
          {"penalty_usd", Num(m.penalty_usd)},
          {"queue_value_usd", Num(m.queue_value_usd)},
          {"avg_time_h", Num(m.avg_time_h)},
          {"tonne_km", Num(m.tonne_km)}};
}

const char* StopName(assignment::StopReason r) {
  switch (r) {
    case assignment::StopReason::kConverged: return "converged";
    case assignment::StopReason::kIterationLimit: return "iteration_limit";
    case assignment::StopReason::kTimeLimit: return "time_limit";
    case assignment::StopReason::kCancelled: return "cancelled";
  }
  return "?";
}

// Crossings by decreasing UE flow.
std::vector<const assignment::CrossingLoad*> BusiestFirst(const assignment::CorridorEquilibrium& eq) {
  std::vector<const assignment::CrossingLoad*> rows;
  for (const auto& c : eq.crossings) rows.push_back(&c);
  std::stable_sort(rows.begin(), rows.end(),
                   [](const auto* a, const auto* b) { return a->flow_t > b->flow_t; });
  return rows;
}

using Line = std::function<void(std::string)>;

std::string CertificateLine(const assignment::CorridorEquilibrium& eq) {
  const auto& c = eq.certificate;
  if (c.passed) {
    return fmt::format("Certificate: passed (capacities within {:.0e} relative: worst {:.1e}; "
                       "queues >= 0 and only at full capacities; gap incl. queues {:.2e} <= {:.0e}; "
                       "flow conserved)",
                       c.tolerance, c.max_violation, c.relative_gap, c.target_gap);
  }
  std::string s = fmt::format("Certificate: FAILED ({} check(s))", c.failures.size());
  for (std::size_t i = 0; i < c.failures.size() && i < 5; ++i) s += "\n  " + c.failures[i];
  return s;
}

void HeaderLines(const assignment::CorridorEquilibrium& eq, const Line& line) {
  if (eq.model == assignment::EquilibriumModel::kUncapacitated) {
    line(fmt::format("User equilibrium (uncapacitated: conical delays only): {} after {} "
                     "iterations, relative gap {:.2e}, {:.2f} s",
                     StopName(eq.ue.stop_reason), eq.ue.final.iteration, eq.ue.final.relative_gap,
                     eq.ue.final.seconds));
    return;
  }
  line(fmt::format("Capacitated user equilibrium: {} after {} outer iterations ({} Algorithm B "
                   "iterations), relative gap incl. queues {:.2e}, worst capacity excess {:.1e}, "
                   "{:.2f} s",
                   StopName(eq.ue.stop_reason), eq.outer_iterations, eq.inner_iterations,
                   eq.relative_gap, eq.max_violation, eq.ue.final.seconds));
  line(CertificateLine(eq));
}

// Per saturated crossing, what its queue costs a tonne of each commodity that crosses it.
void QueueCostLines(const AssignReport& rep, const Line& line) {
  const model::Network& net = *rep.network;
  const assignment::CorridorEquilibrium& eq = *rep.equilibrium;
  bool any = false;
  for (const auto* c : BusiestFirst(eq)) {
    if (!(c->queue_h > 0.0)) continue;
    if (!any) line("Queue cost per tonne at saturated crossings (USD/t, VOT x queue hours)");
    any = true;
    std::string row = fmt::format("  {:<40}", model::DisplayNames(net.nodes).CrossingName(
                                                   net.crossings[c->crossing.index()]));
    for (std::size_t k = 0; k < c->queue_cost_usd_per_t.size(); ++k) {
      if (std::isnan(c->queue_cost_usd_per_t[k])) continue;
      row += fmt::format(" {} {:.1f}", net.commodities[k].id, c->queue_cost_usd_per_t[k]);
    }
    line(row);
  }
}

// Saturated resources that are not crossings (links, transfers, any other kind).
void OtherQueueLines(const AssignReport& rep, int top_n, const Line& line) {
  const model::Network& net = *rep.network;
  int shown = 0;
  for (const auto& q : rep.equilibrium->queues) {
    if (net.resource_kind[q.resource] == model::ResourceKind::kCrossing) continue;
    if (shown == 0) line("Other saturated capacities (queue h)");
    if (shown++ >= top_n) break;
    line(fmt::format("  {:<40} {:>10} {:>10} {:9.1f}", net.resource_label[q.resource],
                     FormatTonnes(q.flow_t), FormatTonnes(q.capacity_t), q.queue_h));
  }
}

void CrossingLines(const AssignReport& rep, int top_n, const Line& line) {
  const model::Network& net = *rep.network;
  const assignment::CorridorEquilibrium& eq = *rep.equilibrium;
  const bool capacitated = eq.model == assignment::EquilibriumModel::kCapacitated;
  line(capacitated ? "Busiest crossings at the UE (* saturated: flow at capacity, queue > 0)"
                   : "Busiest crossings at the UE (! flow > capacity: the delay stands in for a queue)");
  line("  crossing                                       flow     capacity   use   delay h   queue h  "
       "charge USD/t  id");
  const model::DisplayNames names(net.nodes);
  int shown = 0;
  for (const auto* c : BusiestFirst(eq)) {
    if (shown++ >= top_n) break;
    const char* mark = c->queue_h > 0.0 ? "*" : c->utilisation > 1.0 + kOverTolerance ? "!" : " ";
    const model::Crossing& cr = net.crossings[c->crossing.index()];
    line(fmt::format("  {:<40} {:>10} {:>10} {:5.0f}%{} {:8.1f} {:9.1f} {:10.2f}    {}",
                     names.CrossingName(cr), FormatTonnes(c->flow_t), FormatTonnes(c->capacity_t),
                     100.0 * c->utilisation, mark, c->delay_h, c->queue_h,
                     c->marginal_charge_usd_per_t, cr.id));
  }
  if (shown == 0) line("  none capacitated");
  const auto over = std::count_if(eq.crossings.begin(), eq.crossings.end(), [](const auto& c) {
    return c.utilisation > 1.0 + kOverTolerance;
  });
  const auto saturated = std::count_if(eq.crossings.begin(), eq.crossings.end(),
                                       [](const auto& c) { return c.queue_h > 0.0; });
  line(fmt::format("  {} crossing(s) over capacity (!), {} saturated with a queue (*)", over,
                   saturated));
  QueueCostLines(rep, line);
  OtherQueueLines(rep, top_n, line);
}

json EquilibriumJson(const assignment::CorridorEquilibrium& eq) {
  json j = {{"model", assignment::EquilibriumModelName(eq.model)},
            {"stop_reason", StopName(eq.ue.stop_reason)},
            {"iterations", eq.ue.final.iteration},
            {"relative_gap", Num(eq.relative_gap)},
            {"totals", MeasuresJson(eq.ue_measures)}};
  if (eq.model != assignment::EquilibriumModel::kCapacitated) return j;
  const auto& c = eq.certificate;
  j["iterations"] = eq.inner_iterations;
  j["outer_iterations"] = eq.outer_iterations;
  j["max_capacity_violation"] = Num(eq.max_violation);
  j["certificate"] = {{"passed", c.passed},
                      {"tolerance", Num(c.tolerance)},
                      {"max_violation", Num(c.max_violation)},
                      {"min_queue_h", Num(c.min_queue_delay)},
                      {"max_complementarity", Num(c.max_complementarity)},
                      {"relative_gap", Num(c.relative_gap)},
                      {"target_gap", Num(c.target_gap)},
                      {"max_conservation_error", Num(c.max_conservation_error)},
                      {"failures", c.failures}};
  return j;
}

json QueuesJson(const model::Network& net, const assignment::CorridorEquilibrium& eq) {
  json rows = json::array();
  for (const auto& q : eq.queues) {
    rows.push_back({{"resource", net.resource_label[q.resource]},
                    {"kind", std::string(model::ResourceKindName(net.resource_kind[q.resource]))},
                    {"flow_t", Num(q.flow_t)},
                    {"capacity_t", Num(q.capacity_t)},
                    {"queue_h", Num(q.queue_h)}});
  }
  return rows;
}

json UnservedJson(const AssignReport& rep) {
  const model::Network& net = *rep.network;
  json rows = json::array();
  for (std::size_t i = 0; i < net.demand.size(); ++i) {
    if (rep.problem->demand_served[i]) continue;
    const auto& d = net.demand[i];
    rows.push_back({{"commodity", net.commodities[d.commodity.index()].id},
                    {"origin", net.nodes[d.origin.index()].id},
                    {"destination", net.nodes[d.destination.index()].id},
                    {"demand_t", Num(d.tonnes_per_year)},
                    {"reason", "no_route"}});
  }
  for (const auto& u : rep.equilibrium->unserved_at_penalty) {
    rows.push_back({{"commodity", net.commodities[u.cls].id},
                    {"origin", net.nodes[net.vnode_node[u.origin.index()].index()].id},
                    {"destination", net.nodes[net.vnode_node[u.destination.index()].index()].id},
                    {"demand_t", Num(u.demand)},
                    {"reason", "penalty"}});
  }
  return rows;
}

}  // namespace

std::string FormatAssignSummary(const AssignReport& rep, int top_n) {
  const assignment::CorridorEquilibrium& eq = *rep.equilibrium;
  const routing::Solution& lp = *rep.system_optimum_lp;
  std::string s;
  auto line = [&](std::string text) { s += text + '\n'; };
  line(fmt::format("Corridor {} | dataset {} ({}), hash {} | scenario {}", rep.run.program_version,
                   rep.run.dataset_name, rep.run.reference_year, rep.run.dataset_hash,
                   rep.run.scenario_name));
  HeaderLines(eq, line);
  line("");
  const auto& ue = eq.ue_measures;
  const auto& so = eq.so_measures;
  line("Totals (per year)            user equilibrium   congested SO");
  line(fmt::format("  demand              {:>14}", FormatTonnes(ue.demand_t)));
  line(fmt::format("  served              {:>14}", FormatTonnes(ue.served_t)));
  line(fmt::format("  unserved (no route) {:>14}", FormatTonnes(ue.unserved_no_route_t)));
  line(fmt::format("  unserved (penalty)  {:>14} {:>14}", FormatTonnes(ue.unserved_at_penalty_t),
                   FormatTonnes(so.unserved_at_penalty_t)));
  line(fmt::format("  generalised cost    {:>14} {:>14}", FormatUsd(ue.generalised_cost_usd),
                   FormatUsd(so.generalised_cost_usd)));
  line(fmt::format("    money             {:>14} {:>14}", FormatUsd(ue.money_usd),
                   FormatUsd(so.money_usd)));
  line(fmt::format("    time value        {:>14} {:>14}", FormatUsd(ue.time_value_usd),
                   FormatUsd(so.time_value_usd)));
  line(fmt::format("      of it queues    {:>14} {:>14}", FormatUsd(ue.queue_value_usd),
                   FormatUsd(so.queue_value_usd)));
  line(fmt::format("    unserved penalty  {:>14} {:>14}", FormatUsd(ue.penalty_usd),
                   FormatUsd(so.penalty_usd)));
  line(fmt::format("  tonne-km            {:>14.4g} {:>14.4g}", ue.tonne_km, so.tonne_km));
  line(fmt::format("  avg transit time    {:>12.1f} h {:>12.1f} h", ue.avg_time_h, so.avg_time_h));
  line("");
  line("System optimum vs user equilibrium");
  line(fmt::format("  congested SO (marginal-cost pricing, {} rounds; an upper bound): {}",
                   eq.so_log_usd.size() - 1, FormatUsd(so.generalised_cost_usd)));
  line(fmt::format("  price of anarchy >= {:.4f}", eq.price_of_anarchy_lower_bound));
  line(fmt::format("  routing LP (hard capacities, no delays, unserved at a penalty): {} "
                   "({} + penalty {}), status {}",
                   FormatUsd(lp.objective_usd), FormatUsd(lp.money_usd + lp.time_value_usd),
                   FormatUsd(lp.penalty_usd), routing::SolveStatusName(lp.status)));
  line("");
  CrossingLines(rep, top_n, line);
  return s;
}

std::string AssignResultJson(const AssignReport& rep) {
  const model::Network& net = *rep.network;
  const assignment::CorridorEquilibrium& eq = *rep.equilibrium;
  const routing::Solution& lp = *rep.system_optimum_lp;
  json options = json::object();
  for (const auto& [k, v] : rep.run.options) options[k] = v;
  json crossings = json::array();
  for (const auto& c : eq.crossings) {
    json queue_cost = json::object();
    for (std::size_t k = 0; k < c.queue_cost_usd_per_t.size(); ++k) {
      queue_cost[net.commodities[k].id] = Num(c.queue_cost_usd_per_t[k]);
    }
    crossings.push_back({{"id", net.crossings[c.crossing.index()].id},
                         {"flow_t", Num(c.flow_t)},
                         {"capacity_t", Num(c.capacity_t)},
                         {"utilisation", Num(c.utilisation)},
                         {"over_capacity", c.utilisation > 1.0 + kOverTolerance},
                         {"saturated", c.queue_h > 0.0},
                         {"delay_h", Num(c.delay_h)},
                         {"queue_h", Num(c.queue_h)},
                         {"queue_cost_usd_per_t", queue_cost},
                         {"marginal_charge_usd_per_t", Num(c.marginal_charge_usd_per_t)}});
  }
  json j = {
      {"format", "corridor-ue-result/1"},
      {"run",
       {{"program_version", rep.run.program_version},
        {"dataset", {{"name", rep.run.dataset_name}, {"hash_fnv1a64", rep.run.dataset_hash}}},
        {"scenario", {{"name", rep.run.scenario_name}, {"hash_fnv1a64", rep.run.scenario_hash}}},
        {"options", options},
        {"wall_seconds", Num(rep.run.wall_seconds)}}},
      {"user_equilibrium", EquilibriumJson(eq)},
      {"congested_system_optimum",
       {{"method", "marginal-cost pricing (MSA)"},
        {"generalised_cost_log_usd", eq.so_log_usd},
        {"totals", MeasuresJson(eq.so_measures)}}},
      {"price_of_anarchy_lower_bound", Num(eq.price_of_anarchy_lower_bound)},
      {"routing_lp_system_optimum",
       {{"status", routing::SolveStatusName(lp.status)},
        {"objective_usd", Num(lp.objective_usd)},
        {"generalised_cost_usd", Num(lp.money_usd + lp.time_value_usd)},
        {"penalty_usd", Num(lp.penalty_usd)}}},
      {"crossings", crossings},
      {"queues", QueuesJson(net, eq)},
      {"unserved", UnservedJson(rep)}};
  return j.dump(2) + '\n';
}

std::string AssignFlowsCsv(const AssignReport& rep) {
  const model::Network& net = *rep.network;
  const assignment::Solution& ue = rep.equilibrium->ue;
  std::vector<double> queue(net.arc_count(), 0.0);
  for (std::size_t r = 0; r < rep.equilibrium->queue_h.size(); ++r) {
    for (LinkId a : rep.problem->capacities[r].links) queue[a.index()] += rep.equilibrium->queue_h[r];
  }
  std::string s =
      "arc,label,commodity,flow_t,arc_flow_t,time_h,queue_h,marginal_charge_usd_per_t\n";
  for (std::size_t k = 0; k < ue.class_link_flow.size(); ++k) {
    for (std::size_t a = 0; a < net.arc_count(); ++a) {
      const double x = ue.class_link_flow[k][a];
      if (x <= 0.0) continue;
      s += fmt::format("{},{},{},{:.6g},{:.6g},{:.6g},{:.6g},{:.6g}\n", a,
                       CsvEscape(net.ArcLabel(ArcId(static_cast<ArcId::rep_type>(a)))),
                       CsvEscape(net.commodities[k].id), x, ue.link_flow[a], ue.link_time[a],
                       queue[a], rep.equilibrium->marginal_charge_usd_per_t[a]);
    }
  }
  return s;
}

std::string AssignCrossingsCsv(const AssignReport& rep) {
  const model::Network& net = *rep.network;
  std::string s =
      "crossing,commodity,flow_t,capacity_t,utilisation,delay_h,queue_h,queue_cost_usd_per_t,"
      "marginal_charge_usd_per_t\n";
  for (const auto& c : rep.equilibrium->crossings) {
    for (std::size_t k = 0; k < c.queue_cost_usd_per_t.size(); ++k) {
      if (std::isnan(c.queue_cost_usd_per_t[k])) continue;
      s += fmt::format("{},{},{:.6g},{:.6g},{:.6g},{:.6g},{:.6g},{:.6g},{:.6g}\n",
                       CsvEscape(net.crossings[c.crossing.index()].id),
                       CsvEscape(net.commodities[k].id), c.flow_t, c.capacity_t, c.utilisation,
                       c.delay_h, c.queue_h, c.queue_cost_usd_per_t[k],
                       c.marginal_charge_usd_per_t);
    }
  }
  return s;
}

std::vector<OutputFile> AssignFiles(const AssignReport& rep) {
  return {{"ue_result.json", AssignResultJson(rep)},
          {"ue_flows.csv", AssignFlowsCsv(rep)},
          {"ue_crossings.csv", AssignCrossingsCsv(rep)}};
}

Status WriteAssignFiles(const std::string& dir, const AssignReport& rep) {
  return WriteFiles(dir, AssignFiles(rep));
}

std::string FormatTntpAssignment(const assignment::Solution& sol) {
  std::string s = "iteration  relative_gap        beckmann            tstt      seconds\n";
  for (const auto& it : sol.log) {
    s += fmt::format("{:>9}  {:>12.3e}  {:>14.6f}  {:>14.6f}  {:>11.3f}\n", it.iteration,
                     it.relative_gap, it.beckmann, it.total_time, it.seconds);
  }
  s += fmt::format("{}: {} iterations, relative gap {:.3e}, Beckmann objective {:.6f}, TSTT {:.6f}, "
                   "{:.3f} s\n",
                   StopName(sol.stop_reason), sol.final.iteration, sol.final.relative_gap,
                   sol.final.beckmann, sol.final.total_time, sol.final.seconds);
  return s;
}

std::string TntpFlowsCsv(const assignment::TntpInstance& inst, const assignment::Solution& sol) {
  std::string s = "link,from,to,flow,time\n";
  const auto& ids = inst.original_node_ids;
  for (int a = 0; a < inst.network.link_count(); ++a) {
    const auto& l = inst.network.link(LinkId(a));
    s += fmt::format("{},{},{},{:.10g},{:.10g}\n", a + 1, ids[l.from.index()], ids[l.to.index()],
                     sol.link_flow[a], sol.link_time[a]);
  }
  return s;
}

}  // namespace corridor::report
