#include "report/compare_report.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>

namespace corridor::report {
namespace {

using nlohmann::json;

struct Figure {
  std::string name;
  std::string unit;
  double (*get)(const RunReport&);
};

const std::vector<Figure>& Figures() {
  static const std::vector<Figure> kFigures = {
      {"generalised_cost", "bn USD", [](const RunReport& r) { return r.kpis.generalised_cost_usd / 1e9; }},
      {"money_cost", "bn USD", [](const RunReport& r) { return r.kpis.money_usd / 1e9; }},
      {"time_value", "bn USD", [](const RunReport& r) { return r.kpis.time_value_usd / 1e9; }},
      {"unserved_penalty", "bn USD", [](const RunReport& r) { return r.kpis.penalty_usd / 1e9; }},
      {"demand", "Mt", [](const RunReport& r) { return r.kpis.demand_t / 1e6; }},
      {"served", "Mt", [](const RunReport& r) { return r.kpis.served_t / 1e6; }},
      {"unserved", "Mt", [](const RunReport& r) { return r.kpis.unserved_t / 1e6; }},
      {"served_value", "bn USD", [](const RunReport& r) { return r.kpis.served_value_usd / 1e9; }},
      {"unserved_value", "bn USD", [](const RunReport& r) { return r.kpis.unserved_value_usd / 1e9; }},
      {"avg_transit_time", "h", [](const RunReport& r) { return r.kpis.avg_transit_time_h; }},
      {"tonne_km", "bn tkm", [](const RunReport& r) { return r.kpis.tonne_km / 1e9; }},
      {"background_served", "Mt", [](const RunReport& r) { return r.background.served_t / 1e6; }},
      {"system_cost", "bn USD",
       [](const RunReport& r) {
         return (r.kpis.generalised_cost_usd + r.background.generalised_cost_usd) / 1e9;
       }},
  };
  return kFigures;
}

// Utilisation (flow / capacity) of every crossing and capacitated link, keyed
// "crossing:ID", "link:ID" (the busier direction for links) or "resource:ID", per run;
// preloads included.
std::map<std::string, std::vector<double>> Utilisations(const std::vector<RunReport>& runs) {
  std::map<std::string, std::vector<double>> out;
  for (std::size_t i = 0; i < runs.size(); ++i) {
    const model::Network& net = *runs[i].network;
    const routing::Solution& sol = *runs[i].solution;
    for (const auto& c : runs[i].crossings) {
      auto& v = out["crossing:" + c.id];
      v.resize(runs.size(), NAN);
      v[i] = std::isfinite(c.capacity_t) ? c.utilisation : NAN;
    }
    const std::vector<analysis::ResourceUse> use = analysis::ResourceUsage(net, sol);
    for (std::size_t r = 0; r < net.resource_count() && r < sol.resources.size(); ++r) {
      const auto e = static_cast<std::size_t>(net.resource_element[r]);
      std::string key;
      if (net.resource_kind[r] == model::ResourceKind::kLink) key = "link:" + net.links[e].id;
      if (net.resource_kind[r] == model::ResourceKind::kDefined) {
        key = "resource:" + net.resource_defs[e].id;
      }
      if (key.empty()) continue;
      auto& v = out[key];
      v.resize(runs.size(), NAN);
      v[i] = std::isnan(v[i]) ? use[r].utilisation : std::max(v[i], use[r].utilisation);
    }
  }
  return out;
}

std::string Cell(double v, const char* fmt_spec = "{:.3f}") {
  if (std::isnan(v)) return "-";
  return fmt::format(fmt::runtime(fmt_spec), v);
}

json Num(double v) { return std::isfinite(v) ? json(v) : json(nullptr); }

}  // namespace

std::string FormatComparison(const std::vector<RunReport>& runs, int top_n) {
  std::string s;
  const int w = 16;
  auto header = [&](const std::string& title) {
    s += fmt::format("{:<30}", title);
    for (const auto& r : runs) s += fmt::format(" {:>{}}", r.run.scenario_name.substr(0, w), w);
    s += '\n';
  };
  header("figure (unit)");
  for (const Figure& f : Figures()) {
    s += fmt::format("{:<30}", f.name + " (" + f.unit + ")");
    const double base = f.get(runs[0]);
    for (std::size_t i = 0; i < runs.size(); ++i) {
      const double v = f.get(runs[i]);
      s += i == 0 ? fmt::format(" {:>{}}", Cell(v), w)
                  : fmt::format(" {:>{}}", fmt::format("{} ({:+.3f})", Cell(v), v - base), w);
    }
    s += '\n';
  }
  s += '\n';
  header("utilisation (share of capacity)");
  for (const auto& [key, v] : Utilisations(runs)) {
    const bool any = std::any_of(v.begin(), v.end(), [](double u) { return u > 1e-6; });
    if (!any) continue;  // idle everywhere: nothing to compare
    s += fmt::format("{:<30}", key.substr(0, 30));
    for (double u : v) s += fmt::format(" {:>{}}", std::isnan(u) ? "-" : fmt::format("{:.0f}%", 100 * u), w);
    s += '\n';
  }
  s += '\n';
  for (const auto& r : runs) {
    s += fmt::format("Top bottlenecks in {} (+1 Mt/year saves):\n", r.run.scenario_name);
    int shown = 0;
    for (const auto& b : r.bottlenecks) {
      if (shown++ >= top_n) break;
      s += fmt::format("  {:2}. {:<44} {}/year [{}]\n", shown, b.name, FormatUsd(b.saving_usd_per_mt),
                       b.label);
    }
    if (r.bottlenecks.empty()) s += "  none\n";
  }
  return s;
}

std::string ComparisonCsv(const std::vector<RunReport>& runs) {
  std::string out = "scenario,figure,unit,value,difference_vs_first\n";
  for (const auto& r : runs) {
    for (const Figure& f : Figures()) {
      out += fmt::format("{},{},{},{:.9g},{:.9g}\n", CsvEscape(r.run.scenario_name), f.name, f.unit,
                         f.get(r), f.get(r) - f.get(runs[0]));
    }
  }
  const auto util = Utilisations(runs);
  for (std::size_t i = 0; i < runs.size(); ++i) {
    for (const auto& [key, v] : util) {
      if (std::isnan(v[i])) continue;
      const double d = std::isnan(v[0]) ? NAN : v[i] - v[0];
      out += fmt::format("{},utilisation:{},share,{:.9g},{}\n", CsvEscape(runs[i].run.scenario_name),
                         CsvEscape(key), v[i], std::isnan(d) ? "" : fmt::format("{:.9g}", d));
    }
  }
  return out;
}

std::string ComparisonJson(const std::vector<RunReport>& runs) {
  json j;
  j["format"] = "corridor-comparison/1";
  j["reference"] = runs[0].run.scenario_name;
  json list = json::array();
  const auto util = Utilisations(runs);
  for (std::size_t i = 0; i < runs.size(); ++i) {
    const RunReport& r = runs[i];
    json figures = json::object();
    json diffs = json::object();
    for (const Figure& f : Figures()) {
      figures[f.name] = Num(f.get(r));
      diffs[f.name] = Num(f.get(r) - f.get(runs[0]));
    }
    json u = json::object();
    for (const auto& [key, v] : util) u[key] = Num(v[i]);
    json b = json::array();
    for (const auto& x : r.bottlenecks) {
      b.push_back({{"label", x.label}, {"shadow_price_usd_per_t", Num(x.shadow_price_usd_per_t)},
                   {"saving_usd_per_mt", Num(x.saving_usd_per_mt)}});
    }
    list.push_back({{"scenario", r.run.scenario_name},
                    {"scenario_file", r.run.scenario_file},
                    {"scenario_hash_fnv1a64", r.run.scenario_hash},
                    {"dataset_hash_fnv1a64", r.run.dataset_hash},
                    {"status", routing::SolveStatusName(r.solution->status)},
                    {"check_passed", r.solution->check.passed},
                    {"figures", figures},
                    {"difference_vs_first", diffs},
                    {"utilisation", u},
                    {"bottlenecks", b}});
  }
  j["program_version"] = runs[0].run.program_version;
  j["scenarios"] = list;
  return j.dump(2) + "\n";
}

std::vector<OutputFile> ComparisonFiles(const std::vector<RunReport>& runs) {
  std::vector<OutputFile> files = {{"comparison.csv", ComparisonCsv(runs)},
                                   {"comparison.json", ComparisonJson(runs)},
                                   {"comparison.txt", FormatComparison(runs, 10)}};
  // Each scenario's result and flows (for `corridor report` and the difference maps).
  for (std::size_t i = 0; i < runs.size(); ++i) {
    files.push_back({fmt::format("result-{}.json", i + 1), ResultJson(runs[i])});
    files.push_back({fmt::format("flows-{}.geojson", i + 1), FlowsGeoJson(runs[i])});
  }
  return files;
}

Status WriteComparisonFiles(const std::string& dir, const std::vector<RunReport>& runs) {
  return WriteFiles(dir, ComparisonFiles(runs));
}

}  // namespace corridor::report
