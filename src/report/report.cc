#include "report/report.h"

#include "report/json_util.h"
#include "model/names.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <system_error>

namespace corridor::report {
namespace {

using nlohmann::json;

// JSON has no infinity or NaN: such values are written as null.
json Num(double v) { return std::isfinite(v) ? json(v) : json(nullptr); }

const model::Node& NodeOfVnode(const model::Network& net, VNodeId v) {
  return net.nodes[net.vnode_node[v.index()].index()];
}

std::string ArcElementId(const model::Network& net, std::size_t a) {
  const auto e = static_cast<std::size_t>(net.arc_element[a]);
  switch (net.arc_kind[a]) {
    case model::ArcKind::kLink: return net.links[e].id;
    case model::ArcKind::kTransfer: return net.transfers[e].id;
    default: return "";
  }
}

std::string ArcModeText(const model::Network& net, std::size_t a) {
  if (net.arc_kind[a] == model::ArcKind::kTransfer) {
    return std::string(model::ModeName(net.vnode_mode[net.arc_tail[a].index()])) + ">" +
           std::string(model::ModeName(net.vnode_mode[net.arc_head[a].index()]));
  }
  return model::FormatModeSet(net.arc_modes[a]);
}


}  // namespace

json RunJson(const RunInfo& r) {
  json options = json::object();
  for (const auto& [k, v] : r.options) options[k] = v;
  return {{"program_version", r.program_version},
          {"dataset", {{"name", r.dataset_name}, {"folder", r.dataset_folder},
                       {"hash_fnv1a64", r.dataset_hash}, {"reference_year", r.reference_year}}},
          {"scenario", {{"name", r.scenario_name}, {"file", r.scenario_file},
                        {"hash_fnv1a64", r.scenario_hash}}},
          {"options", options},
          {"seed", r.seed},
          {"started_at_utc", r.started_at_utc},
          {"wall_seconds", r.wall_seconds}};
}

std::string RunBlockJson(const RunInfo& run) { return RunJson(run).dump(); }

// Writes `text` to `path` via a temporary file and a rename.
Status WriteFileAtomically(const std::string& path_text, const std::string& text) {
  const std::filesystem::path path(path_text);
  const std::filesystem::path tmp = path.string() + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) return InvalidInput("cannot write " + tmp.string());
    out << text;
    out.flush();
    if (!out) return InvalidInput("write failed for " + tmp.string());
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) return InvalidInput("cannot rename " + tmp.string() + ": " + ec.message());
  return Status::Ok();
}

std::string CsvEscape(const std::string& field) {
  if (field.find_first_of(",\"\n\r") == std::string::npos) return field;
  std::string out = "\"";
  for (char c : field) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

std::string FormatTonnes(double t) {
  if (!std::isfinite(t)) return "unlimited";
  const double a = std::fabs(t);
  if (a >= 1e6) return fmt::format("{:.2f} Mt", t / 1e6);
  if (a >= 1e3) return fmt::format("{:.1f} kt", t / 1e3);
  return fmt::format("{:.0f} t", t);
}

std::string FormatUsd(double usd) {
  const double a = std::fabs(usd);
  if (a >= 1e9) return fmt::format("{:.2f} bn USD", usd / 1e9);
  if (a >= 1e6) return fmt::format("{:.2f} M USD", usd / 1e6);
  if (a >= 1e3) return fmt::format("{:.1f} k USD", usd / 1e3);
  return fmt::format("{:.2f} USD", usd);
}

namespace {

double TotalPreload(const model::Network& net) {
  double t = 0.0;
  for (double p : net.resource_preload_t) t += p;
  return t;
}

// The background traffic's own lines (nothing when the dataset has none).
template <typename Line>
void BackgroundLines(const RunReport& rep, Line& line) {
  const model::Network& net = *rep.network;
  const double preload = TotalPreload(net);
  if (!analysis::HasBackground(net) && preload == 0.0) return;
  const analysis::Kpis& b = rep.background;
  line("");
  line("Background traffic (shares the capacities; not in the trade figures above)");
  line(fmt::format("  routed              {:>14} of {} ({} unserved), cost {}",
                   FormatTonnes(b.served_t), FormatTonnes(b.demand_t), FormatTonnes(b.unserved_t),
                   FormatUsd(b.generalised_cost_usd)));
  line(fmt::format("  fixed preloads      {:>14} summed over the capacities they sit on",
                   FormatTonnes(preload)));
  line(fmt::format("  system cost         {:>14} (study + background = the optimum)",
                   FormatUsd(rep.kpis.generalised_cost_usd + b.generalised_cost_usd)));
}

}  // namespace

std::string FormatSummary(const RunReport& rep, int top_n) {
  const model::Network& net = *rep.network;
  const routing::Solution& sol = *rep.solution;
  const analysis::Kpis& k = rep.kpis;
  std::string s;
  auto line = [&](std::string text) { s += text + '\n'; };
  line(fmt::format("Corridor {} | dataset {} ({}), hash {} | scenario {}", rep.run.program_version,
                   rep.run.dataset_name, rep.run.reference_year, rep.run.dataset_hash,
                   rep.run.scenario_name));
  line(fmt::format("Solve: {} by {} in {:.2f} s ({} iterations, LP {} rows x {} columns)",
                   routing::SolveStatusName(sol.status), routing::MethodName(sol.method),
                   sol.seconds, sol.iterations, sol.lp_rows, sol.lp_cols));
  if (sol.check.passed) {
    line(fmt::format("Check: passed (proven gap {:.1e}, conservation error {:.1e} t, capacity "
                     "excess {:.1e} t)",
                     sol.check.relative_gap, sol.check.max_conservation_error_t,
                     sol.check.max_capacity_excess_t));
  } else {
    line("Check: FAILED");
    for (const auto& f : sol.check.failures) line("  - " + f);
  }
  line("");
  line("Totals (per year)");
  const double share = k.demand_t > 0 ? 100.0 * k.served_t / k.demand_t : 0.0;
  line(fmt::format("  demand              {:>14}", FormatTonnes(k.demand_t)));
  line(fmt::format("  served              {:>14}  ({:.1f}%), trade value {}", FormatTonnes(k.served_t),
                   share, FormatUsd(k.served_value_usd)));
  line(fmt::format("  unserved            {:>14}  trade value {}", FormatTonnes(k.unserved_t),
                   FormatUsd(k.unserved_value_usd)));
  line(fmt::format("  generalised cost    {:>14}", FormatUsd(k.generalised_cost_usd)));
  line(fmt::format("    money             {:>14}", FormatUsd(k.money_usd)));
  line(fmt::format("    time value        {:>14}", FormatUsd(k.time_value_usd)));
  line(fmt::format("    unserved penalty  {:>14}", FormatUsd(k.penalty_usd)));
  line(fmt::format("  tonne-km            {:>14.4g}", k.tonne_km));
  line(fmt::format("  avg transit time    {:>12.1f} h  ({:.1f} days)", k.avg_transit_time_h,
                   k.avg_transit_time_h / 24.0));
  BackgroundLines(rep, line);
  line("");
  line(fmt::format("Top bottlenecks ({} binding)", rep.bottlenecks.size()));
  if (rep.bottlenecks.empty()) line("  none: no capacity binds");
  int shown = 0;
  for (const auto& b : rep.bottlenecks) {
    if (shown++ >= top_n) break;
    std::string detail = fmt::format("dual price {:.2f} USD/t, rent {}/year", b.shadow_price_usd_per_t,
                                     FormatUsd(b.rent_usd));
    if (b.ranged) {
      detail += fmt::format(", holds for +{}{}", FormatTonnes(b.price_holds_for_t),
                            b.saving_from_resolve ? "; saving by re-solve" : "");
    }
    if (b.background_t > 0.0) {
      detail += fmt::format("; background {}", FormatTonnes(b.background_t));
    }
    line(fmt::format("  {:2}. {:<44} {:>10} of {:>10} | +1 Mt/year saves {}/year ({}) [{}]", shown,
                     b.name, FormatTonnes(b.flow_t), FormatTonnes(b.capacity_t),
                     FormatUsd(b.saving_usd_per_mt), detail, b.label));
  }
  line("");
  line("Busiest crossings");
  shown = 0;
  for (const auto& c : rep.crossings) {
    if (shown++ >= top_n) break;
    std::string util = std::isfinite(c.capacity_t) ? fmt::format("{:5.1f}%", 100.0 * c.utilisation)
                                                   : std::string("  n/a ");
    line(fmt::format("  {:<40} {:>10} of {:>10}  {}{}{} [{}]", c.name, FormatTonnes(c.flow_t),
                     FormatTonnes(c.capacity_t), util,
                     c.open_fraction < 1.0 ? fmt::format("  (open {:.0f}%)", 100 * c.open_fraction)
                                           : std::string(),
                     c.background_t > 0.0
                         ? fmt::format("  background {}", FormatTonnes(c.background_t))
                         : std::string(),
                     c.id));
  }
  line("");
  line("Unserved demand");
  shown = 0;
  for (std::size_t i = 0; i < net.demand.size() && i < sol.od.size(); ++i) {
    if (sol.od[i].unserved_t <= 1e-6 * std::max(1.0, net.demand[i].tonnes_per_year)) continue;
    if (shown++ >= top_n) continue;
    const auto& d = net.demand[i];
    line(fmt::format("  {:<18} {:>12} -> {:<12} {:>10} of {:>10}",
                     net.commodities[d.commodity.index()].id, net.nodes[d.origin.index()].id,
                     net.nodes[d.destination.index()].id, FormatTonnes(sol.od[i].unserved_t),
                     FormatTonnes(d.tonnes_per_year)));
  }
  if (shown == 0) line("  none");
  if (shown > top_n) line(fmt::format("  ... and {} more (see od.csv)", shown - top_n));
  return s;
}

std::string ResultJson(const RunReport& rep) {
  const model::Network& net = *rep.network;
  const routing::Solution& sol = *rep.solution;
  const analysis::Kpis& k = rep.kpis;
  json j;
  j["format"] = "corridor-result/1";
  j["run"] = RunJson(rep.run);
  j["solve"] = {{"status", routing::SolveStatusName(sol.status)},
                {"method", routing::MethodName(sol.method)},
                {"iterations", sol.iterations},
                {"seconds", sol.seconds},
                {"lp_rows", sol.lp_rows},
                {"lp_cols", sol.lp_cols}};
  j["check"] = {{"passed", sol.check.passed},
                {"max_conservation_error_t", Num(sol.check.max_conservation_error_t)},
                {"max_capacity_excess_t", Num(sol.check.max_capacity_excess_t)},
                {"min_flow_t", Num(sol.check.min_flow_t)},
                {"objective_recomputed_usd", Num(sol.check.objective_recomputed_usd)},
                {"lower_bound_usd", Num(sol.check.lower_bound_usd)},
                {"relative_gap", Num(sol.check.relative_gap)},
                {"failures", sol.check.failures}};
  j["totals"] = {{"generalised_cost_usd", Num(k.generalised_cost_usd)},
                 {"money_usd", Num(k.money_usd)},
                 {"time_value_usd", Num(k.time_value_usd)},
                 {"unserved_penalty_usd", Num(k.penalty_usd)},
                 {"demand_t", Num(k.demand_t)},
                 {"served_t", Num(k.served_t)},
                 {"unserved_t", Num(k.unserved_t)},
                 {"served_value_usd", Num(k.served_value_usd)},
                 {"unserved_value_usd", Num(k.unserved_value_usd)},
                 {"tonne_km", Num(k.tonne_km)},
                 {"avg_transit_time_h", Num(k.avg_transit_time_h)}};
  const analysis::Kpis& bg = rep.background;
  j["background"] = {{"generalised_cost_usd", Num(bg.generalised_cost_usd)},
                     {"demand_t", Num(bg.demand_t)},
                     {"served_t", Num(bg.served_t)},
                     {"unserved_t", Num(bg.unserved_t)},
                     {"tonne_km", Num(bg.tonne_km)},
                     {"preload_t", Num(TotalPreload(net))}};
  j["system_cost_usd"] = Num(k.generalised_cost_usd + bg.generalised_cost_usd);
  json bl = json::array();
  for (const auto& b : rep.bottlenecks) {
    bl.push_back({{"label", b.label},
                  {"name", b.name},
                  {"kind", model::ResourceKindName(b.kind)},
                  {"element", b.element_id},
                  {"capacity_t", Num(b.capacity_t)},
                  {"flow_t", Num(b.flow_t)},
                  {"background_t", Num(b.background_t)},
                  {"utilisation", Num(b.utilisation)},
                  {"shadow_price_usd_per_t", Num(b.shadow_price_usd_per_t)},
                  {"saving_usd_per_mt", Num(b.saving_usd_per_mt)},
                  {"rent_usd", Num(b.rent_usd)},
                  {"saving_from_resolve", b.saving_from_resolve},
                  {"ranged", b.ranged},
                  {"price_holds_for_t", b.ranged ? Num(b.price_holds_for_t) : json(nullptr)},
                  {"resolved_saving_usd_per_t",
                   b.ranged ? Num(b.resolved_saving_usd_per_t) : json(nullptr)}});
  }
  j["bottlenecks"] = bl;
  json cl = json::array();
  for (const auto& c : rep.crossings) {
    cl.push_back({{"id", c.id}, {"name", c.name}, {"node", c.node}, {"flow_t", Num(c.flow_t)},
                  {"background_t", Num(c.background_t)},
                  {"capacity_t", Num(c.capacity_t)}, {"utilisation", Num(c.utilisation)},
                  {"shadow_price_usd_per_t", Num(c.shadow_price_usd_per_t)},
                  {"open_fraction", Num(c.open_fraction)}});
  }
  j["crossings"] = cl;
  json od = json::array();
  for (std::size_t i = 0; i < net.demand.size() && i < sol.od.size(); ++i) {
    const auto& d = net.demand[i];
    const auto& r = sol.od[i];
    od.push_back({{"commodity", net.commodities[d.commodity.index()].id},
                  {"origin", net.nodes[d.origin.index()].id},
                  {"destination", net.nodes[d.destination.index()].id},
                  {"demand_t", Num(d.tonnes_per_year)},
                  {"served_t", Num(r.served_t)},
                  {"unserved_t", Num(r.unserved_t)},
                  {"money_usd", Num(r.money_usd)},
                  {"time_value_usd", Num(r.time_value_usd)},
                  {"avg_time_h", Num(r.avg_time_h)},
                  {"tonne_km", Num(r.tonne_km)}});
  }
  j["od"] = od;
  json res = json::array();
  const std::vector<analysis::ResourceUse> use = analysis::ResourceUsage(net, sol);
  for (std::size_t r = 0; r < net.resource_count() && r < sol.resources.size(); ++r) {
    const auto& rr = sol.resources[r];
    const auto& u = use[r];
    res.push_back({{"label", net.resource_label[r]},
                   {"kind", model::ResourceKindName(net.resource_kind[r])},
                   {"element", analysis::ElementId(net, net.resource_kind[r], net.resource_element[r])},
                   {"capacity_t", Num(u.capacity_t)},
                   {"flow_t", Num(u.flow_t)},
                   {"study_t", Num(u.study_t)},
                   {"background_t", Num(u.background_t)},
                   {"preload_t", Num(u.preload_t)},
                   {"utilisation", Num(u.utilisation)},
                   {"shadow_price_usd_per_t", Num(rr.shadow_price_usd_per_t)}});
  }
  j["resources"] = res;
  return j.dump(2) + "\n";
}

std::string FlowsCsv(const RunReport& rep) {
  const model::Network& net = *rep.network;
  const routing::Solution& sol = *rep.solution;
  std::string out = "kind,element,from,to,mode,commodity,flow_t,money_usd_per_t,time_h,distance_km\n";
  const std::size_t m = net.arc_count();
  for (std::size_t k = 0; k < net.commodities.size(); ++k) {
    for (std::size_t a = 0; a < m; ++a) {
      const std::size_t idx = k * m + a;
      if (idx >= sol.commodity_arc_flow_t.size()) break;
      const double f = sol.commodity_arc_flow_t[idx];
      if (!(f > 0.0)) continue;
      const auto kind = net.arc_kind[a];
      if (kind == model::ArcKind::kAccess || kind == model::ArcKind::kEgress) continue;
      out += fmt::format("{},{},{},{},{},{},{:.6g},{:.6g},{:.6g},{:.6g}\n",
                         model::ArcKindName(kind), CsvEscape(ArcElementId(net, a)),
                         CsvEscape(NodeOfVnode(net, net.arc_tail[a]).id),
                         CsvEscape(NodeOfVnode(net, net.arc_head[a]).id), ArcModeText(net, a),
                         CsvEscape(net.commodities[k].id), f, net.arc_money_usd_per_t[a],
                         net.arc_time_h[a], net.arc_distance_km[a]);
    }
  }
  return out;
}

std::string OdCsv(const RunReport& rep) {
  const model::Network& net = *rep.network;
  const routing::Solution& sol = *rep.solution;
  std::string out =
      "commodity,origin,destination,demand_t,served_t,unserved_t,money_usd,time_value_usd,"
      "avg_time_h,tonne_km\n";
  for (std::size_t i = 0; i < net.demand.size() && i < sol.od.size(); ++i) {
    const auto& d = net.demand[i];
    const auto& r = sol.od[i];
    out += fmt::format("{},{},{},{:.6g},{:.6g},{:.6g},{:.6g},{:.6g},{:.6g},{:.6g}\n",
                       CsvEscape(net.commodities[d.commodity.index()].id),
                       CsvEscape(net.nodes[d.origin.index()].id),
                       CsvEscape(net.nodes[d.destination.index()].id), d.tonnes_per_year,
                       r.served_t, r.unserved_t, r.money_usd, r.time_value_usd, r.avg_time_h,
                       r.tonne_km);
  }
  return out;
}

std::string ResourcesCsv(const RunReport& rep) {
  const model::Network& net = *rep.network;
  const routing::Solution& sol = *rep.solution;
  std::string out =
      "kind,element,label,capacity_t,flow_t,utilisation,shadow_price_usd_per_t,study_t,"
      "background_t,preload_t\n";
  const std::vector<analysis::ResourceUse> use = analysis::ResourceUsage(net, sol);
  for (std::size_t r = 0; r < net.resource_count() && r < sol.resources.size(); ++r) {
    const auto& u = use[r];
    out += fmt::format(
        "{},{},{},{:.6g},{:.6g},{:.6g},{:.6g},{:.6g},{:.6g},{:.6g}\n",
        model::ResourceKindName(net.resource_kind[r]),
        CsvEscape(analysis::ElementId(net, net.resource_kind[r], net.resource_element[r])),
        CsvEscape(net.resource_label[r]), u.capacity_t, u.flow_t, u.utilisation,
        sol.resources[r].shadow_price_usd_per_t, u.study_t, u.background_t, u.preload_t);
  }
  return out;
}

namespace {

json PointFeature(const model::Node& at, json properties) {
  return {{"type", "Feature"},
          {"geometry", {{"type", "Point"}, {"coordinates", {at.lon, at.lat}}}},
          {"properties", std::move(properties)}};
}

// A link as its shape (or the straight line between its nodes), with the properties
// every link feature has (kind, ids, display name, mode, provenance) and `extra`.
json LinkFeature(const model::Link& link, const model::Node& from, const model::Node& to,
                 const model::DisplayNames& names, json extra) {
  extra["kind"] = "link";
  extra["id"] = link.id;
  extra["name"] = names.LinkName(link);
  extra["from"] = link.from;
  extra["to"] = link.to;
  extra["mode"] = model::ModeName(link.mode);
  extra["source"] = link.provenance.source;
  extra["confidence"] = link.provenance.confidence;
  json coordinates = json::array();
  for (const model::GeoPoint& p : model::LinkLine(link, {from.lon, from.lat}, {to.lon, to.lat})) {
    coordinates.push_back({p.lon, p.lat});
  }
  return {{"type", "Feature"},
          {"geometry", {{"type", "LineString"}, {"coordinates", std::move(coordinates)}}},
          {"properties", std::move(extra)}};
}

json OptionalNumber(const std::optional<double>& v) { return v ? json(*v) : json(nullptr); }

}  // namespace

std::string FlowsGeoJson(const RunReport& rep) {
  const model::Network& net = *rep.network;
  const routing::Solution& sol = *rep.solution;
  // Per link: flow each way (all routed traffic), the background part, and the
  // utilisation of its capacity each way (preloads included).
  const std::size_t nl = net.links.size();
  const std::size_t m = net.arc_count();
  std::vector<double> fwd(nl, 0.0), back(nl, 0.0), background(nl, 0.0);
  const std::vector<double> background_arc = analysis::BackgroundArcFlow(net, sol);
  for (std::size_t a = 0; a < m && a < sol.arc_flow_t.size(); ++a) {
    if (net.arc_kind[a] != model::ArcKind::kLink) continue;
    const auto l = static_cast<std::size_t>(net.arc_element[a]);
    (net.arc_reverse[a] ? back : fwd)[l] += sol.arc_flow_t[a];
    background[l] += background_arc[a];
  }
  const std::vector<analysis::ResourceUse> use = analysis::ResourceUsage(net, sol);
  std::vector<double> util(nl, 0.0), preload(nl, 0.0);
  // Defined resources (ports, slots, ...) drawn at the nodes of their members.
  std::unordered_map<std::string, json> node_resources;
  for (std::size_t r = 0; r < net.resource_count() && r < sol.resources.size(); ++r) {
    const auto e = static_cast<std::size_t>(net.resource_element[r]);
    if (net.resource_kind[r] == model::ResourceKind::kLink) {
      util[e] = std::max(util[e], use[r].utilisation);
      preload[e] += use[r].preload_t;
    }
    if (net.resource_kind[r] != model::ResourceKind::kDefined) continue;
    const model::ResourceDef& def = net.resource_defs[e];
    json item = {{"id", def.id}, {"name", def.name}, {"kind", def.kind},
                 {"cargo_types", model::FormatCargoSet(def.cargo)},
                 {"capacity_t", Num(use[r].capacity_t)}, {"flow_t", Num(use[r].flow_t)},
                 {"background_t", Num(use[r].flow_t - use[r].study_t)},
                 {"utilisation", Num(use[r].utilisation)},
                 {"shadow_price_usd_per_t", Num(sol.resources[r].shadow_price_usd_per_t)}};
    std::vector<std::string> at;
    for (const model::ElementRef& ref : def.members) {
      std::string node;
      if (ref.kind == model::RefKind::kPort) node = ref.id;
      for (const auto& t : net.transfers) {
        if (ref.kind == model::RefKind::kTransfer && t.id == ref.id) node = t.node;
      }
      for (const auto& c : net.crossings) {
        if (ref.kind == model::RefKind::kCrossing && c.id == ref.id) node = c.node;
      }
      if (node.empty() || std::find(at.begin(), at.end(), node) != at.end()) continue;
      at.push_back(node);
      node_resources[node].push_back(item);
    }
  }
  std::unordered_map<std::string, const model::Node*> by_id;
  for (const auto& n : net.nodes) by_id[n.id] = &n;
  const model::DisplayNames names(net.nodes);
  json features = json::array();
  for (std::size_t l = 0; l < nl; ++l) {
    const model::Link& link = net.links[l];
    const model::Node* a = by_id[link.from];
    const model::Node* b = by_id[link.to];
    if (!a || !b) continue;
    features.push_back(LinkFeature(
        link, *a, *b, names,
        {{"flow_forward_t", fwd[l]}, {"flow_backward_t", back[l]},
         {"flow_total_t", fwd[l] + back[l]}, {"background_t", background[l]},
         {"preload_t", preload[l]},
         {"capacity_t_per_direction", OptionalNumber(link.capacity_t_per_year)},
         {"max_utilisation", util[l]}}));
  }
  std::unordered_map<std::string, const analysis::CrossingUse*> crossing_at;
  for (const auto& c : rep.crossings) crossing_at[c.node] = &c;
  for (const auto& n : net.nodes) {
    json props = {{"kind", model::NodeKindName(n.kind)}, {"id", n.id}, {"name", n.name},
                  {"country", n.country}};
    if (auto it = crossing_at.find(n.id); it != crossing_at.end()) {
      props["crossing_id"] = it->second->id;
      props["crossing_name"] = it->second->name;
      props["crossing_flow_t"] = Num(it->second->flow_t);
      props["crossing_background_t"] = Num(it->second->background_t);
      props["crossing_capacity_t"] = Num(it->second->capacity_t);
      props["crossing_utilisation"] = Num(it->second->utilisation);
    }
    if (auto it = node_resources.find(n.id); it != node_resources.end()) {
      props["resources"] = it->second;
    }
    features.push_back(PointFeature(n, std::move(props)));
  }
  json fc = {{"type", "FeatureCollection"}, {"features", features}};
  return fc.dump() + "\n";
}

std::vector<OutputFile> ResultFiles(const RunReport& rep) {
  return {{"result.json", ResultJson(rep)},     {"flows.csv", FlowsCsv(rep)},
          {"od.csv", OdCsv(rep)},               {"resources.csv", ResourcesCsv(rep)},
          {"flows.geojson", FlowsGeoJson(rep)}, {"summary.txt", FormatSummary(rep, 1000)}};
}

std::string NetworkGeoJson(const model::Dataset& ds) {
  std::unordered_map<std::string, const model::Node*> by_id;
  for (const auto& n : ds.nodes) by_id[n.id] = &n;
  const model::DisplayNames names(ds.nodes);
  json features = json::array();
  for (const auto& n : ds.nodes) {
    features.push_back(PointFeature(n, {{"kind", model::NodeKindName(n.kind)}, {"id", n.id},
                                        {"name", n.name}, {"country", n.country}}));
  }
  for (const auto& link : ds.links) {
    const model::Node* a = by_id[link.from];
    const model::Node* b = by_id[link.to];
    if (!a || !b) continue;
    features.push_back(LinkFeature(
        link, *a, *b, names,
        {{"distance_km", link.distance_km},
         {"capacity_t_per_year", OptionalNumber(link.capacity_t_per_year)}}));
  }
  for (const auto& c : ds.crossings) {
    const model::Node* n = by_id[c.node];
    if (!n) continue;
    features.push_back(PointFeature(
        *n, {{"kind", "crossing"}, {"id", c.id}, {"name", names.CrossingName(c)}, {"node", c.node},
             {"modes", model::FormatModeSet(c.modes)},
             {"capacity_t_per_year", OptionalNumber(c.capacity_t_per_year)},
             {"state", c.open_fraction}, {"dwell_standard_h", c.dwell_standard_h},
             {"dwell_aeo_h", c.dwell_aeo_h}, {"fee_usd_per_t", c.fee_usd_per_t},
             {"source", c.provenance.source}, {"confidence", c.provenance.confidence}}));
  }
  return json{{"type", "FeatureCollection"}, {"features", std::move(features)}}.dump();
}

Status WriteFiles(const std::string& dir, const std::vector<OutputFile>& files) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return InvalidInput("cannot create output folder " + dir + ": " + ec.message());
  for (const auto& [name, text] : files) {
    Status s = WriteFileAtomically((std::filesystem::path(dir) / name).string(), text);
    if (!s.ok()) return s;
  }
  return Status::Ok();
}

Status WriteResultFiles(const std::string& dir, const RunReport& rep) {
  return WriteFiles(dir, ResultFiles(rep));
}

}  // namespace corridor::report
