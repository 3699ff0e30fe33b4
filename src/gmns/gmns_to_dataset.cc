// GMNS -> dataset (gmns.h).
#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <ctime>
#include <filesystem>
#include <map>
#include <optional>
#include <set>

#include <fmt/format.h>

#include "core/bounds.h"
#include "gmns/gmns.h"
#include "gmns/table.h"
#include "io/csv.h"
#include "io/dataset_reader.h"
#include "io/text_file.h"
#include "io/wkt.h"
#include "model/mode.h"

namespace corridor::gmns {
namespace {

namespace fs = std::filesystem;

// What each GMNS column becomes: read (mapped to a dataset field) or reported.
struct ColumnRule {
  std::string_view name;
  bool required;
  std::string_view unmapped;  // non-empty: the reason the column is dropped
};

constexpr std::array<ColumnRule, 14> kNodeRules = {{
    {"node_id", true, ""}, {"name", false, ""}, {"x_coord", true, ""}, {"y_coord", true, ""},
    {"node_type", false, ""}, {"country", false, ""}, {"source", false, ""},
    {"confidence", false, ""},
    {"z_coord", false, "altitude has no counterpart in a dataset"},
    {"ctrl_type", false, "intersection control has no counterpart in a dataset"},
    {"zone_id", false, "zones have no counterpart (demand is between nodes)"},
    {"parent_node_id", false, "node hierarchies have no counterpart in a dataset"},
    {"geometry", false, "a node's location is x_coord and y_coord"},
    {"geometry_id", false, "a node's location is x_coord and y_coord"},
}};

constexpr std::array<ColumnRule, 27> kLinkRules = {{
    {"link_id", true, ""}, {"from_node_id", true, ""}, {"to_node_id", true, ""},
    {"directed", true, ""}, {"allowed_uses", true, ""}, {"length", true, ""},
    {"free_speed", false, ""}, {"free_flow_time_h", false, ""},
    {"capacity_t_per_year", false, ""}, {"cost_usd_per_t", false, ""},
    {"cost_usd_per_tkm", false, ""}, {"geometry", false, ""}, {"geometry_id", false, ""},
    {"dir_flag", false, ""}, {"source", false, ""}, {"confidence", false, ""},
    {"name", false, "links have no names in a dataset (they are named by their end nodes)"},
    {"capacity", false, "vehicles per hour per lane have no tonnes-per-year equivalent; give "
                        "capacity_t_per_year"},
    {"toll", false, "a toll per vehicle has no per-tonne equivalent; give cost_usd_per_t"},
    {"lanes", false, "lanes have no counterpart; capacity is capacity_t_per_year"},
    {"facility_type", false, "facility types have no counterpart (the mode is allowed_uses)"},
    {"grade", false, "grades have no counterpart in a dataset"},
    {"bike_facility", false, "not freight"},
    {"ped_facility", false, "not freight"},
    {"parking", false, "not freight"},
    {"jurisdiction", false, "operators have no counterpart in a dataset"},
    {"row_width", false, "right-of-way widths have no counterpart in a dataset"},
}};

// GMNS tables with no counterpart in a dataset.
constexpr std::array<std::string_view, 18> kUnmappedTables = {
    "zone.csv", "lane.csv", "lane_tod.csv", "segment.csv", "segment_tod.csv", "segment_lane.csv",
    "segment_lane_tod.csv", "location.csv", "movement.csv", "movement_tod.csv", "curb_seg.csv",
    "signal_controller.csv", "signal_coordination.csv", "signal_detector.csv",
    "signal_phase_mvmt.csv", "signal_timing_plan.csv", "signal_timing_phase.csv",
    "time_set_definitions.csv"};

// Uses that name a freight mode; uses that are not freight are dropped with a warning.
std::optional<model::Mode> ModeOfUse(std::string_view use) {
  if (auto m = model::ParseMode(use)) return m;
  static const std::map<std::string_view, model::Mode> kAliases = {
      {"auto", model::Mode::kRoad},  {"truck", model::Mode::kRoad}, {"hgv", model::Mode::kRoad},
      {"car", model::Mode::kRoad},   {"ship", model::Mode::kSea},   {"vessel", model::Mode::kSea},
      {"barge", model::Mode::kRiver}};
  const auto it = kAliases.find(use);
  if (it == kAliases.end()) return std::nullopt;
  return it->second;
}
bool IsPassengerOnlyUse(std::string_view use) {
  static const std::set<std::string_view> kUses = {"walk", "bike", "bicycle", "pedestrian",
                                                   "bus", "transit", "hov", "hov2", "hov3"};
  return kUses.count(use) > 0;
}

std::vector<std::string> SplitList(std::string_view text) {
  std::vector<std::string> out;
  std::string cur;
  auto flush = [&] {
    const auto b = cur.find_first_not_of(" \t");
    if (b != std::string::npos) out.push_back(cur.substr(b, cur.find_last_not_of(" \t") - b + 1));
    cur.clear();
  };
  for (char c : text) {
    if (c == ',' || c == ';') flush();
    else cur += c;
  }
  flush();
  return out;
}

// Reads `name` from the GMNS folder; nullopt when it does not exist.
std::optional<io::CsvTable> ReadTable(const std::string& dir, const std::string& name,
                                      Diagnostics& diags) {
  const auto text = io::ReadTextFile(dir + "/" + name);
  if (!text) return std::nullopt;
  return io::ParseCsv(*text, name, diags);
}

// One warning per unmapped column, one error naming the missing required ones, and a
// warning per column the rules do not know. False when a required column is missing.
template <std::size_t N>
bool CheckHeader(const io::CsvTable& t, const std::array<ColumnRule, N>& rules, Diagnostics& diags) {
  std::string missing;
  for (const ColumnRule& r : rules) {
    const bool present = t.ColumnIndex(r.name) >= 0;
    if (r.required && !present) missing += (missing.empty() ? "" : ", ") + std::string(r.name);
    if (present && !r.unmapped.empty()) {
      diags.Warning(t.file, t.header_line, std::string(r.name),
                    fmt::format("dropped: {}", r.unmapped));
    }
  }
  for (const std::string& h : t.header) {
    bool known = false;
    for (const ColumnRule& r : rules) known = known || r.name == h;
    if (!known) diags.Warning(t.file, t.header_line, h, "dropped: not a column corridor reads");
  }
  if (!missing.empty()) {
    diags.Error(t.file, std::max(1, t.header_line), "",
                fmt::format("missing required column(s): {}", missing));
  }
  return missing.empty();
}

struct Units {
  double km_per_length = 1.0;  // long_length
  double kph_per_speed = 1.0;  // speed
  std::string dataset_name;
};

std::optional<double> LengthFactor(std::string_view u) {
  static const std::map<std::string_view, double> k = {
      {"km", 1.0}, {"kilometer", 1.0}, {"kilometers", 1.0}, {"kilometre", 1.0}, {"kilometres", 1.0},
      {"mi", 1.609344}, {"mile", 1.609344}, {"miles", 1.609344}, {"m", 1e-3}, {"meter", 1e-3},
      {"meters", 1e-3}, {"metre", 1e-3}, {"metres", 1e-3}, {"ft", 3.048e-4}, {"feet", 3.048e-4}};
  const auto it = k.find(u);
  return it == k.end() ? std::nullopt : std::optional<double>(it->second);
}
std::optional<double> SpeedFactor(std::string_view u) {
  static const std::map<std::string_view, double> k = {
      {"kph", 1.0}, {"km/h", 1.0}, {"kmh", 1.0}, {"kmph", 1.0}, {"mph", 1.609344}, {"m/s", 3.6}};
  const auto it = k.find(u);
  return it == k.end() ? std::nullopt : std::optional<double>(it->second);
}

Units ReadConfig(const std::string& dir, Diagnostics& diags) {
  Units u;
  auto t = ReadTable(dir, "config.csv", diags);
  if (!t) {
    diags.Warning("config.csv", 0, "", "absent: lengths read as km, speeds as km/h, "
                  "coordinates as longitude/latitude");
    return u;
  }
  if (t->records.empty()) return u;
  io::CsvRow row(*t, t->records.front(), diags);
  u.dataset_name = row.OptionalText("dataset_name");
  if (auto l = row.Field("long_length"); !l.empty()) {
    if (auto f = LengthFactor(l)) u.km_per_length = *f;
    else row.Error("long_length", fmt::format("unknown unit '{}' (km, mi, m or ft)", l));
  }
  if (auto s = row.Field("speed"); !s.empty()) {
    if (auto f = SpeedFactor(s)) u.kph_per_speed = *f;
    else row.Error("speed", fmt::format("unknown unit '{}' (kph, mph or m/s)", s));
  }
  if (auto crs = row.Field("crs"); !crs.empty() && crs != "EPSG:4326" && crs != "epsg:4326" &&
                                   crs != "WGS84" && crs != "wgs84" && crs != "4326") {
    row.Error("crs", fmt::format("'{}': only longitude/latitude (EPSG:4326) is supported", crs));
  }
  return u;
}

// The uses use_definition.csv and use_group.csv declare (groups expanded); empty when
// neither file exists (then any use is taken at its word).
std::map<std::string, std::vector<std::string>> DeclaredUses(const std::string& dir,
                                                             Diagnostics& diags) {
  std::map<std::string, std::vector<std::string>> out;
  if (auto t = ReadTable(dir, "use_definition.csv", diags)) {
    const int use = t->ColumnIndex("use");
    for (const auto& r : t->records) {
      if (use >= 0) out[r.fields[use]] = {r.fields[use]};
    }
  }
  if (auto t = ReadTable(dir, "use_group.csv", diags)) {
    const int group = t->ColumnIndex("use_group");
    const int uses = t->ColumnIndex("uses");
    for (const auto& r : t->records) {
      if (group >= 0 && uses >= 0) out[r.fields[group]] = SplitList(r.fields[uses]);
    }
  }
  return out;
}

struct NodeRow {
  double lon = 0.0, lat = 0.0;
};

// node.csv -> nodes.csv rows; the coordinates by id for the links.
std::optional<TableWriter> ConvertNodes(const io::CsvTable& t, std::map<std::string, NodeRow>& ids,
                                        Diagnostics& diags) {
  if (!CheckHeader(t, kNodeRules, diags)) return std::nullopt;
  TableWriter out({"id", "name", "country", "kind", "lat", "lon", "source", "confidence"});
  const bool has_country = t.ColumnIndex("country") >= 0;
  if (!has_country) {
    diags.Warning(t.file, t.header_line, "country", "absent: every node gets country XX (edit nodes.csv)");
  }
  std::set<std::string> other_types;
  for (const auto& rec : t.records) {
    io::CsvRow row(t, rec, diags);
    const auto id = row.RequiredText("node_id");
    const auto x = row.RequiredDouble("x_coord", Bounds::Range(-180, 180));
    const auto y = row.RequiredDouble("y_coord", Bounds::Range(-90, 90));
    if (!id || !x || !y) continue;
    if (!ids.emplace(*id, NodeRow{*x, *y}).second) {
      row.Error("node_id", fmt::format("'{}' appears twice", *id));
      continue;
    }
    std::string kind = std::string(row.Field("node_type"));
    if (!model::ParseNodeKind(kind)) {
      if (!kind.empty()) other_types.insert(kind);
      kind = "junction";
    }
    std::string name = row.OptionalText("name");
    out.Add({*id, name.empty() ? *id : name, has_country ? row.OptionalText("country") : "XX", kind,
             Number(*y), Number(*x), row.OptionalText("source"), row.OptionalText("confidence")});
  }
  for (const std::string& k : other_types) {
    diags.Warning(t.file, t.header_line, "node_type",
                  fmt::format("'{}' is not a corridor node kind (hub, junction, port, crossing, "
                              "terminal): read as junction", k));
  }
  return out;
}

class LinkConverter {
 public:
  LinkConverter(const Units& units, const std::map<std::string, NodeRow>& nodes,
                const std::map<std::string, std::vector<std::string>>& declared,
                const std::map<std::string, std::string>& shapes, Diagnostics& diags)
      : units_(units), nodes_(nodes), declared_(declared), shapes_(shapes), diags_(diags) {}

  std::optional<TableWriter> Convert(const io::CsvTable& t) {
    if (!CheckHeader(t, kLinkRules, diags_)) return std::nullopt;
    const bool geometry = t.ColumnIndex("geometry") >= 0 || t.ColumnIndex("geometry_id") >= 0;
    std::vector<std::string> header = {"id", "from", "to", "mode", "distance_km", "time_h",
                                       "cost_usd_per_t", "cost_usd_per_tkm", "capacity_t_per_year",
                                       "both_directions"};
    if (geometry) header.push_back("geometry");
    header.insert(header.end(), {"source", "confidence"});
    TableWriter out(header);
    for (const auto& rec : t.records) {
      io::CsvRow row(t, rec, diags_);
      auto fields = Row(row);
      if (!fields || row.had_error()) continue;
      if (!geometry) fields->erase(fields->begin() + 10);
      out.Add(std::move(*fields));
      ++count_;
    }
    for (const std::string& use : dropped_uses_) {
      diags_.Warning(t.file, t.header_line, "allowed_uses",
                     fmt::format("use '{}' is not freight: dropped from the links that allow it", use));
    }
    return out;
  }
  int count() const { return count_; }

 private:
  bool Node(io::CsvRow& row, std::string_view column, const std::string& id) {
    if (nodes_.count(id) > 0) return true;
    row.Error(column, fmt::format("unknown node '{}' (not in node.csv)", id));
    return false;
  }

  std::optional<std::string> Mode(io::CsvRow& row) {
    std::set<model::Mode> modes;
    for (const std::string& token : SplitList(row.Field("allowed_uses"))) {
      std::vector<std::string> uses = {token};
      if (!declared_.empty()) {
        const auto it = declared_.find(token);
        if (it == declared_.end()) {
          row.Error("allowed_uses", fmt::format("unknown use '{}' (not in use_definition.csv or "
                                                "use_group.csv)", token));
          return std::nullopt;
        }
        uses = it->second;
      }
      for (const std::string& use : uses) {
        if (auto m = ModeOfUse(use)) modes.insert(*m);
        else if (IsPassengerOnlyUse(use)) dropped_uses_.insert(use);
        else {
          row.Error("allowed_uses", fmt::format("unknown mode '{}' (rail_1520, rail_1435, road, "
                                                "sea, river, pipeline; or auto/truck, ship, barge)", use));
          return std::nullopt;
        }
      }
    }
    if (modes.size() != 1) {
      row.Error("allowed_uses", modes.empty() ? std::string("names no freight mode")
                                              : fmt::format("names {} freight modes; a link carries one "
                                                            "(split it into one link per mode)", modes.size()));
      return std::nullopt;
    }
    return std::string(model::ModeName(*modes.begin()));
  }

  // The travel time in hours: free_flow_time_h, else length / free_speed.
  std::optional<double> Time(io::CsvRow& row, double km) {
    const auto fftt = row.MaybeDouble("free_flow_time_h", bounds::kHours);
    const auto speed = row.MaybeDouble("free_speed", Bounds::NonNegative());
    if (!fftt || !speed) return std::nullopt;
    const std::optional<double> from_speed =
        *speed && **speed > 0 ? std::optional<double>(km / (**speed * units_.kph_per_speed)) : std::nullopt;
    if (*fftt) {
      if (from_speed && std::abs(*from_speed - **fftt) > 1e-6 * std::max(1.0, **fftt)) {
        diags_.Warning(row.file(), row.line(), "free_flow_time_h",
                       fmt::format("{} h differs from length / free_speed = {} h: free_flow_time_h taken",
                                   **fftt, *from_speed));
      }
      return **fftt;
    }
    if (from_speed) return *from_speed;
    row.Error("free_speed", "must be > 0 to give the travel time (or give free_flow_time_h)");
    return std::nullopt;
  }

  std::optional<std::string> Geometry(io::CsvRow& row, const std::string& from, const std::string& to) {
    std::string wkt = std::string(row.Field("geometry"));
    std::string_view column = "geometry";
    if (wkt.empty() && !row.Field("geometry_id").empty()) {
      const auto it = shapes_.find(std::string(row.Field("geometry_id")));
      if (it == shapes_.end()) {
        row.Error("geometry_id", fmt::format("unknown geometry '{}' (not in geometry.csv)",
                                             row.Field("geometry_id")));
        return std::nullopt;
      }
      wkt = it->second;
      column = "geometry_id";
    }
    if (wkt.empty()) return std::string();
    std::string error;
    auto points = io::ParseWktLineString(wkt, &error, io::ExtraOrdinates::kDrop);
    if (!points) {
      row.Error(column, "bad WKT: " + error);
      return std::nullopt;
    }
    if (points->empty()) return std::string();  // LINESTRING EMPTY
    if (row.Field("dir_flag") == "-1") std::reverse(points->begin(), points->end());
    const NodeRow& a = nodes_.at(from);
    const NodeRow& b = nodes_.at(to);
    auto far = [](const model::GeoPoint& p, const NodeRow& n) {
      return std::abs(p.lon - n.lon) > 0.01 || std::abs(p.lat - n.lat) > 0.01;
    };
    if (far(points->front(), a) || far(points->back(), b)) {
      diags_.Warning(row.file(), row.line(), std::string(column),
                     "does not start at from_node_id and end at to_node_id (within 0.01 degrees)");
    }
    return io::FormatWktLineString(*points);
  }

  std::optional<std::vector<std::string>> Row(io::CsvRow& row) {
    const auto id = row.RequiredText("link_id");
    const auto from = row.RequiredText("from_node_id");
    const auto to = row.RequiredText("to_node_id");
    const auto directed = row.Field("directed").empty() ? std::nullopt : row.OptionalBool("directed", true);
    if (row.Field("directed").empty()) row.Error("directed", "is required (true or false)");
    const auto length = row.RequiredDouble("length", Bounds::Ceiling(1e6 / units_.km_per_length, 0));
    if (!id || !from || !to || !directed || !length) return std::nullopt;
    if (!Node(row, "from_node_id", *from) | !Node(row, "to_node_id", *to)) return std::nullopt;
    if (!ids_.insert(*id).second) {
      row.Error("link_id", fmt::format("'{}' appears twice", *id));
      return std::nullopt;
    }
    const double km = *length * units_.km_per_length;
    const auto mode = Mode(row);
    const auto time = Time(row, km);
    const auto capacity = row.MaybeDouble("capacity_t_per_year", bounds::kTonnes);
    const auto cost_t = row.OptionalDouble("cost_usd_per_t", 0.0, bounds::kUsdPerTonne);
    const auto cost_tkm = row.OptionalDouble("cost_usd_per_tkm", 0.0, bounds::kUsdPerTonneKm);
    const auto shape = Geometry(row, *from, *to);
    if (!mode || !time || !capacity || !cost_t || !cost_tkm || !shape) return std::nullopt;
    return std::vector<std::string>{
        *id, *from, *to, *mode, Number(km), Number(*time), Number(*cost_t), Number(*cost_tkm),
        *capacity ? Number(**capacity) : "", *directed ? "false" : "true", *shape,
        row.OptionalText("source"), row.OptionalText("confidence")};
  }

  const Units& units_;
  const std::map<std::string, NodeRow>& nodes_;
  const std::map<std::string, std::vector<std::string>>& declared_;
  const std::map<std::string, std::string>& shapes_;
  Diagnostics& diags_;
  std::set<std::string> ids_;
  std::set<std::string> dropped_uses_;
  int count_ = 0;
};

std::map<std::string, std::string> ReadShapes(const std::string& dir, Diagnostics& diags) {
  std::map<std::string, std::string> out;
  auto t = ReadTable(dir, "geometry.csv", diags);
  if (!t) return out;
  const int id = t->ColumnIndex("geometry_id");
  const int wkt = t->ColumnIndex("geometry");
  if (id < 0 || wkt < 0) {
    diags.Error(t->file, std::max(1, t->header_line), "",
                "missing required column(s): geometry_id, geometry");
    return out;
  }
  for (const auto& r : t->records) out[r.fields[id]] = r.fields[wkt];
  return out;
}

void ReportUnmappedTables(const std::string& dir, Diagnostics& diags) {
  std::error_code ec;
  auto warn = [&](std::string_view name, const std::string& why) {
    if (fs::exists(fs::path(dir) / name, ec)) diags.Warning(std::string(name), 0, "", why);
  };
  for (auto name : kUnmappedTables) warn(name, "GMNS table with no counterpart in a dataset: ignored");
  warn("link_tod.csv", "time-of-day link attributes have no counterpart in an annual dataset: ignored");
}

int CurrentYear() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm utc{};
  gmtime_r(&now, &utc);
  return utc.tm_year + 1900;
}

// The dataset tables GMNS has no place for, when the GMNS folder lacks them.
Status CompleteDataset(const std::string& gmns_dir, const std::string& out, const Units& units,
                       Diagnostics& diags) {
  std::error_code ec;
  auto has = [&](const char* name) { return fs::exists(fs::path(gmns_dir) / name, ec); };
  if (!has("dataset.toml")) {
    const std::string name = units.dataset_name.empty()
                                 ? fs::path(gmns_dir).lexically_normal().filename().string()
                                 : units.dataset_name;
    const int year = CurrentYear();
    diags.Warning("dataset.toml", 0, "", fmt::format("absent from the GMNS folder: written with "
                                                     "reference_year {} (edit it)", year));
    const std::string text = fmt::format("name = \"{}\"\nreference_year = {}\ndescription = "
                                         "\"converted from GMNS ({})\"\n", name, year, gmns_dir);
    if (Status s = WriteText(out + "/dataset.toml", text); !s.ok()) return s;
  }
  if (!has("crossings.csv")) {
    const std::string header = "id,node,modes,capacity_t_per_year,dwell_standard_h,dwell_aeo_h,"
                               "fee_usd_per_t,state,gauge_change,opened\n";
    if (Status s = WriteText(out + "/crossings.csv", header); !s.ok()) return s;
  }
  if (!has("transfers.csv")) {
    const std::string header = "id,node,from_mode,to_mode,cost_usd_per_t,time_h,capacity_t_per_year,"
                               "both_directions\n";
    if (Status s = WriteText(out + "/transfers.csv", header); !s.ok()) return s;
  }
  for (const char* name : {"commodities.csv", "demand.csv"}) {
    if (!has(name)) {
      diags.Warning(name, 0, "", "absent from the GMNS folder: add it before solving "
                                 "(docs/file_formats.md)");
    }
  }
  return Status::Ok();
}

}  // namespace

Result<ConvertSummary> GmnsToDataset(const std::string& gmns_dir, const std::string& dataset_dir,
                                     Diagnostics& diags) {
  std::error_code ec;
  if (!fs::is_directory(gmns_dir, ec)) return NotFound("GMNS folder " + gmns_dir + " does not exist");
  const Units units = ReadConfig(gmns_dir, diags);
  const auto declared = DeclaredUses(gmns_dir, diags);
  const auto shapes = ReadShapes(gmns_dir, diags);
  auto node_table = ReadTable(gmns_dir, "node.csv", diags);
  auto link_table = ReadTable(gmns_dir, "link.csv", diags);
  if (!node_table || !link_table) {
    return NotFound(fmt::format("{}/{} does not exist", gmns_dir, node_table ? "link.csv" : "node.csv"));
  }
  std::map<std::string, NodeRow> nodes;
  auto node_rows = ConvertNodes(*node_table, nodes, diags);
  LinkConverter links(units, nodes, declared, shapes, diags);
  auto link_rows = node_rows ? links.Convert(*link_table) : std::nullopt;
  ReportUnmappedTables(gmns_dir, diags);
  if (diags.has_errors() || !node_rows || !link_rows) return diags.ToStatus(gmns_dir);

  if (Status s = MakeFolder(dataset_dir); !s.ok()) return s;
  if (Status s = WriteText(dataset_dir + "/nodes.csv", node_rows->Text()); !s.ok()) return s;
  if (Status s = WriteText(dataset_dir + "/links.csv", link_rows->Text()); !s.ok()) return s;
  std::set<std::string> skip = {"node.csv", "link.csv", "geometry.csv", "use_definition.csv",
                                "use_group.csv", "config.csv", "link_tod.csv", "nodes.csv", "links.csv"};
  for (auto name : kUnmappedTables) skip.insert(std::string(name));
  auto copied = CopyOtherFiles(gmns_dir, dataset_dir, skip);
  if (!copied.ok()) return copied.status();
  if (Status s = CompleteDataset(gmns_dir, dataset_dir, units, diags); !s.ok()) return s;

  std::error_code e1, e2;
  if (fs::exists(dataset_dir + "/commodities.csv", e1) && fs::exists(dataset_dir + "/demand.csv", e2)) {
    auto check = io::ReadDataset(dataset_dir, diags);
    if (!check.ok()) return check.status();
  }
  return ConvertSummary{static_cast<int>(nodes.size()), links.count(), *copied};
}

}  // namespace corridor::gmns
