#include "api/compare_view.h"

#include <map>
#include <nlohmann/json.hpp>

namespace corridor::api {
namespace {

using nlohmann::json;

struct Kpi {
  const char* name;  // key in result.json "totals"
  const char* unit;
};

constexpr Kpi kKpis[] = {
    {"generalised_cost_usd", "USD"}, {"money_usd", "USD"},          {"time_value_usd", "USD"},
    {"unserved_penalty_usd", "USD"}, {"demand_t", "t"},             {"served_t", "t"},
    {"unserved_t", "t"},             {"served_value_usd", "USD"},   {"unserved_value_usd", "USD"},
    {"avg_transit_time_h", "h"},     {"tonne_km", "t km"},
};

// A number or null (JSON has no NaN; result.json writes null for "not defined").
json NumberAt(const json& obj, const char* key) {
  const auto it = obj.find(key);
  return it != obj.end() && it->is_number() ? *it : json(nullptr);
}

json Delta(const json& value, const json& reference) {
  if (!value.is_number() || !reference.is_number()) return nullptr;
  return value.get<double>() - reference.get<double>();
}

}  // namespace

Result<std::string> CompareDocument(const std::vector<StoredRun>& runs) {
  const std::size_t n = runs.size();
  std::vector<json> results(n), flows(n);
  for (std::size_t i = 0; i < n; ++i) {
    results[i] = json::parse(runs[i].result_json, nullptr, false);
    flows[i] = json::parse(runs[i].flows_geojson, nullptr, false);
    if (results[i].is_discarded() || !results[i].contains("totals") || flows[i].is_discarded() ||
        !flows[i].contains("features")) {
      return InvalidInput("run " + std::to_string(runs[i].id) + ": stored result is not readable");
    }
  }

  json doc;
  doc["runs"] = json::array();
  for (std::size_t i = 0; i < n; ++i) {
    doc["runs"].push_back({{"id", runs[i].id},
                           {"scenario", runs[i].scenario},
                           {"solve_status", results[i]["solve"].value("status", "")}});
  }

  doc["kpis"] = json::array();
  for (const Kpi& k : kKpis) {
    json values = json::array(), deltas = json::array();
    const json reference = NumberAt(results[0]["totals"], k.name);
    for (std::size_t i = 0; i < n; ++i) {
      values.push_back(NumberAt(results[i]["totals"], k.name));
      deltas.push_back(Delta(values.back(), reference));
    }
    doc["kpis"].push_back({{"name", k.name}, {"unit", k.unit}, {"values", values}, {"deltas", deltas}});
  }

  // Crossings in the order of the first run that has them; null where a run lacks one.
  std::map<std::string, json> crossings;
  std::vector<std::string> order;
  const char* fields[] = {"capacity_t", "flow_t", "utilisation", "shadow_price_usd_per_t"};
  for (std::size_t i = 0; i < n; ++i) {
    for (const json& c : results[i].value("crossings", json::array())) {
      const std::string id = c.value("id", "");
      auto [it, added] = crossings.try_emplace(id);
      if (added) {
        order.push_back(id);
        it->second = {{"id", id}, {"node", c.value("node", "")}};
        for (const char* f : fields) it->second[f] = json(std::vector<json>(n, nullptr));
      }
      for (const char* f : fields) it->second[f][i] = NumberAt(c, f);
    }
  }
  doc["crossings"] = json::array();
  for (const std::string& id : order) doc["crossings"].push_back(std::move(crossings[id]));

  // Links: geometry from the first run that has the link; flow per run and delta.
  std::map<std::string, json> links;
  std::vector<std::string> link_order;
  for (std::size_t i = 0; i < n; ++i) {
    for (const json& f : flows[i]["features"]) {
      const json& p = f.value("properties", json::object());
      if (p.value("kind", "") != "link") continue;
      const std::string id = p.value("id", "");
      auto [it, added] = links.try_emplace(id);
      if (added) {
        link_order.push_back(id);
        it->second = {{"type", "Feature"},
                      {"geometry", f.value("geometry", json(nullptr))},
                      {"properties", {{"id", id}, {"name", p.value("name", id)}, {"mode", p.value("mode", "")},
                                      {"from", p.value("from", "")}, {"to", p.value("to", "")},
                                      {"flow_total_t", std::vector<json>(n, 0.0)}}}};
      }
      it->second["properties"]["flow_total_t"][i] = NumberAt(p, "flow_total_t");
    }
  }
  json features = json::array();
  for (const std::string& id : link_order) {
    json& feature = links[id];
    json& props = feature["properties"];
    json deltas = json::array();
    for (std::size_t i = 0; i < n; ++i) deltas.push_back(Delta(props["flow_total_t"][i], props["flow_total_t"][0]));
    props["delta_t"] = std::move(deltas);
    features.push_back(std::move(feature));
  }
  doc["link_differences"] = {{"type", "FeatureCollection"}, {"features", std::move(features)}};
  return doc.dump();
}

}  // namespace corridor::api
