#include "report/html_report.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "report/report.h"
#include "report/svg_map.h"

namespace corridor::report {
namespace {

using nlohmann::json;
using svg::Escape;
namespace fs = std::filesystem;

constexpr double kMapWidth = 1000, kMapHeight = 560;

constexpr const char* kCss = R"(
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1f2630;margin:0;background:#f6f7f9}
header{background:#16202e;color:#eef2f6;padding:14px 24px}header h1{margin:0;font-size:20px}
header .sub{color:#9fb0c4;font-size:13px}main{padding:8px 24px 40px;max-width:1100px}
h2{font-size:16px;margin:26px 0 8px;border-bottom:1px solid #dde1e6;padding-bottom:4px}
table{border-collapse:collapse;background:#fff;font-size:13px}th,td{padding:4px 8px;border-bottom:1px solid #eceff2;text-align:left;vertical-align:top}
th{background:#f0f2f5;cursor:pointer}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
.kpis{display:flex;flex-wrap:wrap;gap:8px}.kpi{background:#fff;border:1px solid #dde1e6;border-radius:6px;padding:6px 12px;min-width:150px}
.kpi .l{font-size:11px;text-transform:uppercase;color:#667085}.kpi .v{font-size:18px;font-weight:600}
.muted{color:#667085}.pos{color:#c0392b}.neg{color:#2e8540}svg{background:#fff;border:1px solid #dde1e6}
.land{fill:#f4f1ea;stroke:#9aa3ad;stroke-width:.6}svg.map{background:#dfe9f3}.ct{font-weight:600;font-size:13px}
.cl,.cv{font-size:11px;fill:#1f2630}.full{stroke:#667085;stroke-dasharray:3 3}.legend{font-size:12px;margin:4px 0 0}
.legend i{display:inline-block;width:18px;height:4px;margin:0 4px 2px 10px;vertical-align:middle}
code{font-size:12px}.note{font-size:12px;color:#667085}
)";

// Sorts a table by the clicked column (numbers by their data-v value).
constexpr const char* kScript = R"(
document.querySelectorAll('table.sortable th').forEach(function(th, i){th.addEventListener('click', function(){
 var tb = th.closest('table').tBodies[0], rows = Array.from(tb.rows), up = th.dataset.up !== '1'; th.dataset.up = up ? '1' : '0';
 rows.sort(function(a, b){ var x = a.cells[i], y = b.cells[i]; var u = x.dataset.v, v = y.dataset.v;
  var c = (u !== undefined && v !== undefined) ? (parseFloat(u) - parseFloat(v)) : x.textContent.localeCompare(y.textContent);
  return up ? c : -c; });
 rows.forEach(function(r){ tb.appendChild(r); }); }); });
document.body.dataset.scripted = 'true';
)";

double Number(const json& j, const char* key, double fallback = NAN) {
  if (!j.is_object() || !j.contains(key) || !j[key].is_number()) return fallback;
  return j[key].get<double>();
}

// The array under `key` by reference (pointers into it stay valid), or an empty one.
const json& Array(const json& j, const char* key) {
  static const json kEmpty = json::array();
  if (!j.is_object() || !j.contains(key) || !j[key].is_array()) return kEmpty;
  return j[key];
}

std::string Text(const json& j, const char* key) {
  if (!j.is_object() || !j.contains(key)) return {};
  if (j[key].is_string()) return j[key].get<std::string>();
  if (j[key].is_null()) return {};
  return j[key].dump();
}

std::string Tonnes(double t) { return std::isfinite(t) ? FormatTonnes(t) : "unlimited"; }
std::string Usd(double v) { return std::isfinite(v) ? FormatUsd(v) : "–"; }
std::string Pct(double v) { return std::isfinite(v) ? fmt::format("{:.1f}%", 100 * v) : "–"; }
std::string Price(double v) { return std::isfinite(v) ? fmt::format("{:.2f} USD/t", v) : "–"; }
std::string NumCell(double v, const std::string& text) {
  return fmt::format("<td class=\"num\" data-v=\"{}\">{}</td>", std::isfinite(v) ? v : 0.0,
                     Escape(text));
}

std::string RunRecord(const json& result) {
  const json& run = result.value("run", json::object());
  const json& ds = run.value("dataset", json::object());
  const json& sc = run.value("scenario", json::object());
  const json& solve = result.value("solve", json::object());
  const json& check = result.value("check", json::object());
  std::string options;
  const json opts = run.value("options", json::object());
  for (const auto& [k, v] : opts.items()) {
    options += (options.empty() ? "" : ", ") + k + " = " + (v.is_string() ? v.get<std::string>() : v.dump());
  }
  auto row = [](const std::string& k, const std::string& v) {
    return "<tr><th>" + Escape(k) + "</th><td>" + Escape(v) + "</td></tr>";
  };
  return "<table data-testid=\"run-record\">" + row("Program", "corridor " + Text(run, "program_version")) +
         row("Dataset", Text(ds, "name") + " (" + Text(ds, "reference_year") + "), folder " + Text(ds, "folder")) +
         row("Dataset hash (FNV-1a 64)", Text(ds, "hash_fnv1a64")) +
         row("Scenario", Text(sc, "name") + (Text(sc, "file").empty() ? "" : ", file " + Text(sc, "file"))) +
         row("Scenario hash", Text(sc, "hash_fnv1a64")) + row("Options", options.empty() ? "defaults" : options) +
         row("Started (UTC)", Text(run, "started_at_utc")) +
         row("Solve", Text(solve, "status") + " by " + Text(solve, "method") + ", " +
                          Text(solve, "iterations") + " iterations, " +
                          fmt::format("{:.2f} s", Number(solve, "seconds", 0))) +
         row("Answer check", std::string(check.value("passed", false) ? "passed" : "FAILED") +
                                 fmt::format(", proven gap {:.2g}", Number(check, "relative_gap", 0))) +
         "</table>";
}

std::string Kpis(const json& result) {
  const json& t = result.value("totals", json::object());
  auto card = [](const char* id, const char* label, const std::string& v, double raw) {
    return fmt::format("<div class=\"kpi\" data-testid=\"kpi-{}\" data-value=\"{}\"><div class=\"l\">{}</div>"
                       "<div class=\"v\">{}</div></div>", id, raw, label, Escape(v));
  };
  const double avg = Number(t, "avg_transit_time_h", 0);
  return "<div class=\"kpis\">" +
         card("generalised-cost", "Generalised cost / year", Usd(Number(t, "generalised_cost_usd")),
              Number(t, "generalised_cost_usd", 0)) +
         card("served", "Served", Tonnes(Number(t, "served_t")), Number(t, "served_t", 0)) +
         card("unserved", "Unserved", Tonnes(Number(t, "unserved_t")), Number(t, "unserved_t", 0)) +
         card("transit-time", "Avg transit time", fmt::format("{:.1f} h ({:.1f} days)", avg, avg / 24), avg) +
         card("money", "Money cost", Usd(Number(t, "money_usd")), Number(t, "money_usd", 0)) +
         card("time-value", "Time value", Usd(Number(t, "time_value_usd")), Number(t, "time_value_usd", 0)) +
         "</div>";
}

std::string Bottlenecks(const json& result, std::size_t max_rows) {
  const json& list = Array(result, "bottlenecks");
  if (list.empty()) return "<p class=\"muted\">No capacity binds.</p>";
  std::string s =
      "<table class=\"sortable\" data-testid=\"bottleneck-table\"><thead><tr><th>Capacity</th><th>Id</th>"
      "<th class=\"num\">Flow</th><th class=\"num\">Capacity</th><th class=\"num\">Util.</th>"
      "<th class=\"num\">Shadow price</th><th class=\"num\">+1 Mt/year saves</th>"
      "<th class=\"num\">Scarcity rent</th><th class=\"num\">Price holds for</th></tr></thead><tbody>";
  std::size_t n = 0;
  for (const json& b : list) {
    if (n++ >= max_rows) break;
    const bool ranged = b.value("ranged", false);
    const double holds = Number(b, "price_holds_for_t");
    s += "<tr><td>" + Escape(Text(b, "name").empty() ? Text(b, "label") : Text(b, "name")) + "</td><td><code>" +
         Escape(Text(b, "label")) + "</code></td>" + NumCell(Number(b, "flow_t"), Tonnes(Number(b, "flow_t"))) +
         NumCell(Number(b, "capacity_t"), Tonnes(Number(b, "capacity_t"))) +
         NumCell(Number(b, "utilisation"), Pct(Number(b, "utilisation"))) +
         NumCell(Number(b, "shadow_price_usd_per_t"), Price(Number(b, "shadow_price_usd_per_t"))) +
         NumCell(Number(b, "saving_usd_per_mt"), Usd(Number(b, "saving_usd_per_mt")) +
                                                    (b.value("saving_from_resolve", false) ? " (re-solved)" : "")) +
         NumCell(Number(b, "rent_usd"), Usd(Number(b, "rent_usd"))) +
         NumCell(holds, ranged ? "+" + Tonnes(holds) : "not ranged") + "</tr>";
  }
  return s + "</tbody></table><p class=\"note\">Shadow price: what one more tonne/year of capacity "
             "saves; the price holds for the extra capacity shown (ranging; \"not ranged\" without "
             "<code>--ranging</code>). Scarcity rent = price × capacity left to routed freight.</p>";
}

std::map<std::string, std::string> CrossingNames(const json& result) {
  std::map<std::string, std::string> out;
  for (const json& c : Array(result, "crossings")) {
    out[Text(c, "id")] = Text(c, "name").empty() ? Text(c, "id") : Text(c, "name");
  }
  return out;
}

std::string CrossingChart(const json& result) {
  svg::BarChart chart{"crossing-utilisation", "Crossing utilisation (flow / capacity)", {}, {"utilisation"}, {}};
  std::vector<const json*> rows;
  for (const json& c : Array(result, "crossings")) {
    if (std::isfinite(Number(c, "capacity_t"))) rows.push_back(&c);
  }
  std::stable_sort(rows.begin(), rows.end(), [](const json* a, const json* b) {
    return Number(*a, "utilisation", 0) > Number(*b, "utilisation", 0);
  });
  for (const json* c : rows) {
    chart.labels.push_back((Text(*c, "name").empty() ? Text(*c, "id") : Text(*c, "name")) + "  " +
                           Tonnes(Number(*c, "flow_t")));
    chart.values.push_back({Number(*c, "utilisation", 0)});
  }
  return svg::HorizontalBars(chart);
}

std::string MapSvg(const char* testid, const std::string& body, int land, int lines,
                   const svg::Projection& p) {
  return fmt::format("<svg class=\"map\" data-testid=\"{}\" data-land-paths=\"{}\" data-lines=\"{}\" "
                     "viewBox=\"0 0 {} {}\" width=\"100%\" role=\"img\">{}</svg>",
                     testid, land, lines, p.width(), p.height(), body);
}

std::string FlowMap(const json& flows, const json& result, const json& topo) {
  const svg::Projection p = svg::FitFeatures({&flows}, kMapWidth, kMapHeight);
  int land = 0;
  std::string body = svg::LandPaths(topo, p, &land);
  std::vector<const json*> links;
  double max_flow = 1;
  for (const json& f : Array(flows, "features")) {
    if (f["properties"].value("kind", "") != "link") continue;
    links.push_back(&f);
    max_flow = std::max(max_flow, Number(f["properties"], "flow_total_t", 0));
  }
  std::stable_sort(links.begin(), links.end(), [](const json* a, const json* b) {
    return Number((*a)["properties"], "flow_total_t", 0) < Number((*b)["properties"], "flow_total_t", 0);
  });
  int lines = 0;
  for (const json* f : links) {
    const json& pr = (*f)["properties"];
    const double flow = Number(pr, "flow_total_t", 0);
    const std::string d = svg::LinePath((*f)["geometry"]["coordinates"], p);
    const std::string name = Text(pr, "name").empty() ? Text(pr, "id") : Text(pr, "name");
    body += flow > 0
                ? fmt::format("<path class=\"flow\" d=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"{:.1f}\" "
                              "stroke-linecap=\"round\" opacity=\"0.85\"><title>{} [{}]: {}/year, util {}</title></path>",
                              d, svg::UtilisationColour(Number(pr, "max_utilisation", 0)),
                              1.2 + 9 * std::sqrt(flow / max_flow), Escape(name), Escape(Text(pr, "id")),
                              Tonnes(flow), Pct(Number(pr, "max_utilisation")))
                : fmt::format("<path class=\"flow idle\" d=\"{}\" fill=\"none\" stroke=\"#a9aeb5\" stroke-width=\"0.8\" "
                              "stroke-dasharray=\"3 3\"><title>{} [{}]: no flow</title></path>",
                              d, Escape(name), Escape(Text(pr, "id")));
    ++lines;
  }
  // Crossings as circles by throughput.
  auto names = CrossingNames(result);
  double max_x = 1;
  for (const json& c : Array(result, "crossings")) max_x = std::max(max_x, Number(c, "flow_t", 0));
  std::map<std::string, std::pair<double, double>> at;
  for (const json& f : Array(flows, "features")) {
    if (f["geometry"].value("type", "") == "Point") {
      at[Text(f["properties"], "id")] = {f["geometry"]["coordinates"][0].get<double>(),
                                         f["geometry"]["coordinates"][1].get<double>()};
    }
  }
  for (const json& c : Array(result, "crossings")) {
    const auto it = at.find(Text(c, "node"));
    if (it == at.end()) continue;
    const svg::Point q = p(it->second.first, it->second.second);
    const double flow = Number(c, "flow_t", 0);
    body += fmt::format("<circle class=\"crossing\" cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"{:.1f}\" fill=\"{}\" "
                        "stroke=\"#1f2630\" stroke-width=\"0.8\"><title>{} [{}]: {} of {} ({})</title></circle>",
                        q.x, q.y, 3 + 9 * std::sqrt(flow / max_x),
                        svg::UtilisationColour(Number(c, "utilisation", -1)), Escape(names[Text(c, "id")]),
                        Escape(Text(c, "id")), Tonnes(flow), Tonnes(Number(c, "capacity_t")),
                        Pct(Number(c, "utilisation")));
  }
  return MapSvg("report-map", body, land, lines, p) +
         "<div class=\"legend\">Line width ∝ √flow (max " + Tonnes(max_flow) +
         "/year); colour by utilisation:<i style=\"background:#2e8540\"></i>&lt; 60%"
         "<i style=\"background:#d9a400\"></i>&lt; 85%<i style=\"background:#e0701b\"></i>&lt; 99.9%"
         "<i style=\"background:#c0392b\"></i>full<i style=\"background:#a9aeb5\"></i>no flow; circles: "
         "crossings by throughput. Hover for names and figures.</div>";
}

std::string DiffMap(const json& first, const json& other, const std::string& title, const json& topo) {
  const svg::Projection p = svg::FitFeatures({&first, &other}, kMapWidth, kMapHeight);
  int land = 0;
  std::string body = svg::LandPaths(topo, p, &land);
  std::map<std::string, double> base;
  for (const json& f : Array(first, "features")) {
    if (f["properties"].value("kind", "") == "link") base[Text(f["properties"], "id")] = Number(f["properties"], "flow_total_t", 0);
  }
  std::vector<std::pair<double, const json*>> links;
  double max_d = 1;
  for (const json& f : Array(other, "features")) {
    if (f["properties"].value("kind", "") != "link") continue;
    const double d = Number(f["properties"], "flow_total_t", 0) - base[Text(f["properties"], "id")];
    links.emplace_back(d, &f);
    max_d = std::max(max_d, std::abs(d));
  }
  std::stable_sort(links.begin(), links.end(),
                   [](const auto& a, const auto& b) { return std::abs(a.first) < std::abs(b.first); });
  int lines = 0;
  for (const auto& [d, f] : links) {
    const json& pr = (*f)["properties"];
    const bool small = std::abs(d) < 1;
    body += fmt::format("<path class=\"diff\" d=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"{:.1f}\" "
                        "stroke-linecap=\"round\" opacity=\"0.85\"><title>{} [{}]: {}{}/year</title></path>",
                        svg::LinePath((*f)["geometry"]["coordinates"], p),
                        small ? "#c4c8cd" : d > 0 ? "#1f6fb4" : "#d6452b",
                        small ? 0.8 : 1.2 + 9 * std::sqrt(std::abs(d) / max_d),
                        Escape(Text(pr, "name").empty() ? Text(pr, "id") : Text(pr, "name")),
                        Escape(Text(pr, "id")), d > 0 ? "+" : d < 0 ? "−" : "±", Tonnes(std::abs(d)));
    ++lines;
  }
  return "<h3>" + Escape(title) + "</h3>" + MapSvg("report-diff-map", body, land, lines, p) +
         "<div class=\"legend\"><i style=\"background:#1f6fb4\"></i>more flow<i style=\"background:#d6452b\"></i>"
         "less flow; width ∝ √|Δ| (max " + Tonnes(max_d) + "/year)</div>";
}

std::string Page(const std::string& title, const std::string& subtitle, const std::string& body,
                 const std::string& outlines_note) {
  return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + Escape(title) +
         "</title><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><style>" + kCss +
         "</style></head><body><header><h1>" + Escape(title) + "</h1><div class=\"sub\">" + Escape(subtitle) +
         "</div></header><main>" + body + "<p class=\"note\">Country outlines: " + Escape(outlines_note) +
         " (Natural Earth via world-atlas). Written by <code>corridor report</code>; this file needs no network."
         "</p></main><script>" + kScript + "</script></body></html>\n";
}

Result<json> Parse(const std::string& text, const std::string& what) {
  json j = json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return InvalidInput(what + " is not a JSON object");
  return j;
}

std::string SolveBody(const json& result, const json& flows, const json& topo) {
  return "<h2>Run record</h2>" + RunRecord(result) + "<h2>Key figures (study trade, per year)</h2>" +
         Kpis(result) + "<h2>Flow map</h2>" + FlowMap(flows, result, topo) +
         "<h2>Bottlenecks</h2>" + Bottlenecks(result, 25) + "<h2>Crossings</h2>" + CrossingChart(result);
}

std::string CompareBody(const json& cmp, const std::vector<json>& results, const std::vector<json>& flows,
                        const json& topo) {
  const json& list = Array(cmp, "scenarios");
  std::string s = "<h2>Scenarios side by side</h2><table data-testid=\"compare-table\"><thead><tr><th>Figure</th>";
  for (const json& sc : list) s += "<th class=\"num\">" + Escape(Text(sc, "scenario")) + "</th>";
  s += "</tr></thead><tbody>";
  if (!list.empty()) {
    const json first_figures = list[0].value("figures", json::object());
    for (const auto& [name, unused] : first_figures.items()) {
      s += "<tr><th>" + Escape(name) + "</th>";
      for (std::size_t i = 0; i < list.size(); ++i) {
        const double v = Number(list[i]["figures"], name.c_str());
        const double d = Number(list[i].value("difference_vs_first", json::object()), name.c_str());
        s += fmt::format("<td class=\"num\" data-testid=\"compare-cell\" data-v=\"{}\">{:.4g}", std::isfinite(v) ? v : 0, v);
        if (i > 0 && std::isfinite(d)) {
          s += fmt::format(" <span class=\"{}\">({:+.4g})</span>", d > 0 ? "pos" : d < 0 ? "neg" : "muted", d);
        }
        s += "</td>";
      }
      s += "</tr>";
    }
  }
  s += "</tbody></table><p class=\"note\">Differences in brackets are against the first scenario.</p>";
  s += "<h2>Run records</h2>";
  for (const json& r : results) s += "<h3>" + Escape(Text(r["run"]["scenario"], "name")) + "</h3>" + RunRecord(r);
  // Crossing utilisation, every scenario.
  svg::BarChart chart{"compare-utilisation", "Crossing utilisation per scenario", {}, {}, {}};
  for (const json& sc : list) chart.series_names.push_back(Text(sc, "scenario"));
  const auto names = results.empty() ? std::map<std::string, std::string>{} : CrossingNames(results[0]);
  if (!list.empty()) {
    const json first_use = list[0].value("utilisation", json::object());
    for (const auto& [key, unused] : first_use.items()) {
      if (key.rfind("crossing:", 0) != 0) continue;
      std::vector<double> row;
      bool any = false;
      for (const json& sc : list) {
        const double u = Number(sc.value("utilisation", json::object()), key.c_str());
        row.push_back(u);
        any = any || (std::isfinite(u) && u > 1e-6);
      }
      if (!any) continue;
      const std::string id = key.substr(9);
      chart.labels.push_back(names.count(id) ? names.at(id) : id);
      chart.values.push_back(std::move(row));
    }
  }
  s += "<h2>Crossings</h2>" + svg::HorizontalBars(chart);
  s += "<h2>Flow differences against " + Escape(list.empty() ? "" : Text(list[0], "scenario")) + "</h2>";
  for (std::size_t i = 1; i < flows.size() && i < list.size(); ++i) {
    s += DiffMap(flows[0], flows[i], Text(list[i], "scenario") + " − " + Text(list[0], "scenario"), topo);
  }
  if (flows.size() < 2) s += "<p class=\"muted\">No flows of the scenarios were found.</p>";
  for (const json& r : results) {
    s += "<h2>Bottlenecks in " + Escape(Text(r["run"]["scenario"], "name")) + "</h2>" + Bottlenecks(r, 10);
  }
  return s;
}

Result<std::string> ReadWhole(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFound("cannot read " + path.string());
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

Result<std::string> HtmlReport(const HtmlReportInput& in) {
  json topo = json::object();
  if (!in.outlines_topojson.empty()) {
    topo = json::parse(in.outlines_topojson, nullptr, false);
    if (topo.is_discarded()) return InvalidInput("the country outlines are not TopoJSON (" + in.outlines_note + ")");
  }
  std::vector<json> results, flows;
  for (std::size_t i = 0; i < in.result_json.size(); ++i) {
    auto r = Parse(in.result_json[i], "result.json");
    if (!r.ok()) return r.status();
    results.push_back(std::move(r).value());
  }
  for (const std::string& f : in.flows_geojson) {
    auto r = Parse(f, "flows.geojson");
    if (!r.ok()) return r.status();
    flows.push_back(std::move(r).value());
  }
  if (in.comparison_json.empty()) {
    if (results.empty() || flows.empty()) return InvalidInput("a run report needs result.json and flows.geojson");
    const json& run = results[0].value("run", json::object());
    const std::string title = "Corridor: " + Text(run.value("dataset", json::object()), "name") + " · " +
                              Text(run.value("scenario", json::object()), "name");
    return Page(title, "solve run, " + Text(run, "started_at_utc"), SolveBody(results[0], flows[0], topo),
                in.outlines_note);
  }
  auto cmp = Parse(in.comparison_json, "comparison.json");
  if (!cmp.ok()) return cmp.status();
  const std::string reference = Text(*cmp, "reference");
  return Page("Corridor comparison: " + std::to_string(cmp->value("scenarios", json::array()).size()) +
                  " scenarios against " + reference,
              "corridor " + Text(*cmp, "program_version"), CompareBody(*cmp, results, flows, topo),
              in.outlines_note);
}

Result<std::string> LoadOutlines(const std::string& explicit_path, std::string* note) {
  if (!explicit_path.empty()) {
    auto text = ReadWhole(explicit_path);
    if (!text.ok()) return NotFound("--outlines: cannot read " + explicit_path);
    *note = explicit_path;
    return text;
  }
  std::vector<fs::path> candidates;
  if (const char* env = std::getenv("CORRIDOR_OUTLINES"); env && *env) candidates.emplace_back(env);
  const fs::path atlas = fs::path("web") / "node_modules" / "world-atlas" / "countries-50m.json";
  candidates.push_back(atlas);
#ifdef CORRIDOR_SOURCE_DIR
  candidates.push_back(fs::path(CORRIDOR_SOURCE_DIR) / atlas);
#endif
  candidates.emplace_back("/usr/share/corridor/outlines/countries-50m.json");
  for (const fs::path& c : candidates) {
    std::error_code ec;
    if (!fs::is_regular_file(c, ec)) continue;
    auto text = ReadWhole(c);
    if (text.ok()) {
      *note = c.filename().string();
      return text;
    }
  }
  *note = "not found (give --outlines FILE, a world-atlas countries TopoJSON); map drawn without them";
  return std::string();
}

Result<HtmlReportInput> ReadRunFolder(const std::string& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return NotFound(dir + " is not a folder");
  const fs::path d(dir);
  HtmlReportInput in;
  if (fs::is_regular_file(d / "comparison.json", ec)) {
    auto cmp = ReadWhole(d / "comparison.json");
    if (!cmp.ok()) return cmp.status();
    in.comparison_json = std::move(cmp).value();
    for (int k = 1;; ++k) {
      const fs::path r = d / fmt::format("result-{}.json", k), f = d / fmt::format("flows-{}.geojson", k);
      if (!fs::is_regular_file(r, ec) || !fs::is_regular_file(f, ec)) break;
      auto rt = ReadWhole(r);
      auto ft = ReadWhole(f);
      if (!rt.ok()) return rt.status();
      if (!ft.ok()) return ft.status();
      in.result_json.push_back(std::move(rt).value());
      in.flows_geojson.push_back(std::move(ft).value());
    }
    return in;
  }
  if (fs::is_regular_file(d / "result.json", ec)) {
    if (!fs::is_regular_file(d / "flows.geojson", ec)) return NotFound(dir + " holds result.json but no flows.geojson");
    auto rt = ReadWhole(d / "result.json");
    auto ft = ReadWhole(d / "flows.geojson");
    if (!rt.ok()) return rt.status();
    if (!ft.ok()) return ft.status();
    in.result_json.push_back(std::move(rt).value());
    in.flows_geojson.push_back(std::move(ft).value());
    return in;
  }
  return NotFound(dir + " holds no run: neither result.json (corridor solve --out) nor comparison.json "
                        "(corridor compare --out)");
}

}  // namespace corridor::report
