// Dataset -> GMNS (gmns.h).
#include <filesystem>
#include <map>
#include <set>

#include <fmt/format.h>

#include "gmns/gmns.h"
#include "gmns/table.h"
#include "io/csv.h"
#include "io/dataset_reader.h"
#include "io/text_file.h"
#include "model/mode.h"

namespace corridor::gmns {
namespace {

// The `geometry` column of links.csv by link id (empty when the column is absent).
std::map<std::string, std::string> LinkGeometries(const std::string& dataset_dir) {
  std::map<std::string, std::string> out;
  const auto text = io::ReadTextFile(dataset_dir + "/links.csv");
  if (!text) return out;
  Diagnostics ignored;  // io::ReadDataset has checked the file already
  const io::CsvTable table = io::ParseCsv(*text, "links.csv", ignored);
  const int id = table.ColumnIndex("id");
  const int geometry = table.ColumnIndex("geometry");
  if (id < 0 || geometry < 0) return out;
  for (const auto& r : table.records) {
    if (!r.fields[geometry].empty()) out[r.fields[id]] = r.fields[geometry];
  }
  return out;
}

std::string UseDescription(model::Mode mode) {
  switch (mode) {
    case model::Mode::kRail1520: return "freight rail, 1520 mm gauge";
    case model::Mode::kRail1435: return "freight rail, 1435 mm gauge";
    case model::Mode::kRoad: return "road freight (trucks)";
    case model::Mode::kSea: return "sea shipping";
    case model::Mode::kRiver: return "inland waterway shipping";
    case model::Mode::kPipeline: return "pipeline";
  }
  return "";
}

std::string Optional(const std::optional<double>& v) { return v ? Number(*v) : ""; }

}  // namespace

Result<ConvertSummary> DatasetToGmns(const std::string& dataset_dir, const std::string& gmns_dir,
                                     Diagnostics& diags) {
  auto ds = io::ReadDataset(dataset_dir, diags);
  if (!ds.ok()) return ds.status();
  const auto geometries = LinkGeometries(dataset_dir);
  if (Status s = MakeFolder(gmns_dir); !s.ok()) return s;

  TableWriter nodes({"node_id", "name", "x_coord", "y_coord", "node_type", "country", "source",
                     "confidence"});
  for (const model::Node& n : ds->nodes) {
    nodes.Add({n.id, n.name, Number(n.lon), Number(n.lat), std::string(model::NodeKindName(n.kind)),
               n.country, n.provenance.source, n.provenance.confidence});
  }
  std::vector<std::string> link_header = {
      "link_id", "from_node_id", "to_node_id", "directed", "allowed_uses", "length", "free_speed",
      "free_flow_time_h", "capacity_t_per_year", "cost_usd_per_t", "cost_usd_per_tkm"};
  if (!geometries.empty()) link_header.push_back("geometry");
  link_header.insert(link_header.end(), {"source", "confidence"});
  TableWriter links(link_header);
  std::set<model::Mode> modes;
  for (const model::Link& l : ds->links) {
    modes.insert(l.mode);
    std::vector<std::string> row = {
        l.id, l.from, l.to, l.both_directions ? "false" : "true", std::string(model::ModeName(l.mode)),
        Number(l.distance_km), l.time_h > 0 ? Number(l.distance_km / l.time_h) : "",
        Number(l.time_h), Optional(l.capacity_t_per_year), Number(l.cost_usd_per_t),
        Number(l.cost_usd_per_tkm)};
    if (!geometries.empty()) {
      const auto g = geometries.find(l.id);
      row.push_back(g == geometries.end() ? "" : g->second);
    }
    row.insert(row.end(), {l.provenance.source, l.provenance.confidence});
    links.Add(std::move(row));
  }
  TableWriter uses({"use", "persons_per_vehicle", "pce", "special_conditions", "description"});
  for (model::Mode m : modes) uses.Add({std::string(model::ModeName(m)), "0", "", "", UseDescription(m)});
  TableWriter config({"dataset_name", "short_length", "long_length", "speed", "crs",
                      "geometry_field_format", "currency", "version_number", "id_type"});
  config.Add({ds->meta.name, "m", "km", "kph", "EPSG:4326", "WKT", "USD", "0.96", "string"});

  const std::pair<const char*, const TableWriter*> tables[] = {
      {"node.csv", &nodes}, {"link.csv", &links}, {"use_definition.csv", &uses}, {"config.csv", &config}};
  for (const auto& [name, table] : tables) {
    if (Status s = WriteText(gmns_dir + "/" + name, table->Text()); !s.ok()) return s;
  }
  auto copied = CopyOtherFiles(dataset_dir, gmns_dir, {"nodes.csv", "links.csv"});
  if (!copied.ok()) return copied.status();
  return ConvertSummary{static_cast<int>(ds->nodes.size()), static_cast<int>(ds->links.size()),
                        *copied};
}

}  // namespace corridor::gmns
