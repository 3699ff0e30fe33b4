#include "io/dataset_reader.h"

#include <algorithm>
#include <array>
#include <filesystem>
#include <iterator>
#include <map>
#include <span>

#include "core/hash.h"
#include "io/csv.h"
#include "io/text_file.h"
#include "io/toml_fields.h"
#include "io/wkt.h"
#include "model/validate.h"

namespace corridor::io {
namespace {

namespace fs = std::filesystem;
using model::Mode;
using model::ModeSet;

constexpr std::size_t kFileCount = std::size(kDatasetFiles);
constexpr std::size_t kAllFileCount = kFileCount + std::size(kOptionalDatasetFiles);

const char* FileName(std::size_t i) {
  return i < kFileCount ? kDatasetFiles[i] : kOptionalDatasetFiles[i - kFileCount];
}

constexpr std::string_view kModeChoices = "rail_1520/rail_1435/road/sea/river/pipeline";
constexpr std::string_view kNodeKindChoices = "hub/junction/port/crossing/terminal";
constexpr std::string_view kCargoTypeChoices = "container/dry_bulk/liquid_bulk/gas/vehicles";
constexpr std::array<std::string_view, 4> kConfidences = {"high", "medium", "low", "estimate"};

// Every table may also carry `source` and `confidence`.
constexpr std::array<CsvColumn, 8> kNodeColumns = {{{"id", true}, {"name", true}, {"country", true},
                                                    {"kind", true}, {"lat", true}, {"lon", true},
                                                    {"source", false}, {"confidence", false}}};
constexpr std::array<CsvColumn, 13> kLinkColumns = {
    {{"id", true}, {"from", true}, {"to", true}, {"mode", true}, {"distance_km", true},
     {"time_h", true}, {"cost_usd_per_t", false}, {"cost_usd_per_tkm", false},
     {"capacity_t_per_year", false}, {"both_directions", false}, {"geometry", false},
     {"source", false}, {"confidence", false}}};
constexpr std::array<CsvColumn, 13> kCrossingColumns = {
    {{"id", true}, {"name", false}, {"node", true}, {"modes", true}, {"capacity_t_per_year", false},
     {"dwell_standard_h", true}, {"dwell_aeo_h", false}, {"fee_usd_per_t", false},
     {"state", false}, {"gauge_change", false}, {"opened", false}, {"source", false},
     {"confidence", false}}};
constexpr std::array<CsvColumn, 10> kTransferColumns = {
    {{"id", true}, {"node", true}, {"from_mode", true}, {"to_mode", true},
     {"cost_usd_per_t", false}, {"time_h", false}, {"capacity_t_per_year", false},
     {"both_directions", false}, {"source", false}, {"confidence", false}}};
constexpr std::array<CsvColumn, 11> kCommodityColumns = {
    {{"id", true}, {"name", true}, {"cargo_type", true}, {"allowed_modes", true},
     {"value_usd_per_t", true}, {"value_of_time_usd_per_t_h", true},
     {"unserved_penalty_usd_per_t", true}, {"aeo_share", false}, {"background", false},
     {"source", false}, {"confidence", false}}};
constexpr std::array<CsvColumn, 6> kDemandColumns = {
    {{"commodity", true}, {"origin", true}, {"destination", true}, {"tonnes_per_year", true},
     {"source", false}, {"confidence", false}}};
constexpr std::array<CsvColumn, 6> kPreloadColumns = {
    {{"element", true}, {"tonnes_per_year", true}, {"origin_country", false}, {"description", false},
     {"source", false}, {"confidence", false}}};
constexpr std::array<CsvColumn, 5> kRateColumns = {{{"scope", true}, {"cargo_type", true},
                                                    {"factor", true}, {"source", false},
                                                    {"confidence", false}}};
constexpr std::array<CsvColumn, 8> kResourceColumns = {
    {{"id", true}, {"name", false}, {"kind", true}, {"members", true}, {"cargo_types", false},
     {"capacity_t_per_year", true}, {"source", false}, {"confidence", false}}};
constexpr std::array<std::string_view, 5> kResourceKinds = {"port_berth", "rail_access", "slots",
                                                            "section", "other"};


template <typename T>
void Assign(T& target, const std::optional<T>& value) {
  if (value) target = *value;
}

template <typename E>
std::optional<E> ReadEnum(CsvRow& row, std::string_view column,
                          std::optional<E> (*parse)(std::string_view), std::string_view choices) {
  const auto text = row.RequiredText(column);
  if (!text) return std::nullopt;
  if (auto v = parse(*text)) return v;
  row.Error(column, "must be one of " + std::string(choices) + ", got '" + *text + "'");
  return std::nullopt;
}

std::optional<ModeSet> ReadModes(CsvRow& row, std::string_view column) {
  const auto text = row.RequiredText(column);
  if (!text) return std::nullopt;
  std::string bad;
  const auto set = model::ParseModeSet(*text, &bad);
  if (!set) {
    row.Error(column, "has unknown mode '" + bad + "' (known: rail, " + std::string(kModeChoices) +
                          ")");
    return std::nullopt;
  }
  if (set->empty()) {
    row.Error(column, "must name at least one mode");
    return std::nullopt;
  }
  return set;
}

// "open" = 1, "closed" = 0, or a fraction in [0, 1].
std::optional<double> ReadCrossingState(CsvRow& row) {
  const std::string_view text = row.Field("state");
  if (text.empty() || text == "open") return 1.0;
  if (text == "closed") return 0.0;
  if (auto v = ParseNumber(text); v && Bounds::Fraction().Contains(*v)) return v;
  row.Error("state", "must be open, closed or a fraction in [0, 1], got '" + std::string(text) + "'");
  return std::nullopt;
}

std::optional<model::ElementRef> ReadRef(CsvRow& row, std::string_view column) {
  const auto text = row.RequiredText(column);
  if (!text) return std::nullopt;
  std::string error;
  auto ref = model::ParseElementRef(*text, &error);
  if (!ref) row.Error(column, error + ", got '" + *text + "'");
  return ref;
}

// members: element references separated by ';' (resources.csv).
void ReadMembers(CsvRow& row, model::ResourceDef& r) {
  const auto text = row.RequiredText("members");
  if (!text) return;
  std::size_t pos = 0;
  while (pos <= text->size()) {
    std::size_t end = text->find(';', pos);
    if (end == std::string::npos) end = text->size();
    std::string token = text->substr(pos, end - pos);
    token.erase(0, token.find_first_not_of(' '));
    token.erase(token.find_last_not_of(' ') + 1);
    pos = end + 1;
    if (token.empty()) continue;
    std::string error;
    auto ref = model::ParseElementRef(token, &error);
    if (!ref) {
      row.Error("members", error + ", got '" + token + "'");
    } else if (ref->kind == model::RefKind::kResource) {
      row.Error("members", "cannot name another resource, got '" + token + "'");
    } else {
      r.members.push_back(std::move(*ref));
    }
  }
  if (r.members.empty()) row.Error("members", "must name at least one element");
}

bool IsCountryCode(std::string_view s) {
  return s.size() == 2 && s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' && s[1] <= 'Z';
}

// Turns the file texts into a Dataset, reporting every problem.
class DatasetParser {
 public:
  explicit DatasetParser(Diagnostics& diags) : diags_(diags) {}

  model::Dataset& dataset() { return ds_; }
  // False if some table lacks a required column (cross-table checks would only
  // repeat that problem as unknown ids).
  bool tables_complete() const { return tables_complete_; }

  void Meta(std::string_view text) {
    const std::string file = "dataset.toml";
    const auto table = ParseToml(text, file, diags_);
    if (!table) return;
    TomlFields f(*table, file, 0, "", diags_);
    model::DatasetMeta& meta = ds_.meta;
    Assign(meta.name, f.String("name", true));
    if (const auto year = f.Integer("reference_year", true)) {
      if (*year < 1900 || *year > 2200) {
        f.Error("reference_year", "must be in [1900, 2200], got " + std::to_string(*year));
      } else {
        meta.reference_year = static_cast<int>(*year);
      }
    }
    Assign(meta.description, f.String("description", false));
    if (const auto c = f.String("currency", false); c && *c != "USD") {
      f.Error("currency", "must be \"USD\", got \"" + *c + "\"");
    }
    if (const auto m = f.String("mass_unit", false); m && *m != "t") {
      f.Error("mass_unit", "must be \"t\", got \"" + *m + "\"");
    }
    f.ForEachTable("sources", "source", [&](const toml::table& t, int /*index*/,
                                            const std::string& item, int line) {
      TomlFields g(t, file, line, item + ": ", diags_);
      model::SourceRef ref;
      Assign(ref.id, g.String("id", true));
      Assign(ref.title, g.String("title", false));
      Assign(ref.url, g.String("url", false));
      g.WarnUnreadKeys();
      meta.sources.push_back(std::move(ref));
    });
    f.WarnUnreadKeys();
  }

  void Nodes(std::string_view text) {
    ReadTable(text, "nodes.csv", kNodeColumns, false, ds_.nodes, [](CsvRow& row, model::Node& n) {
      Assign(n.id, row.RequiredText("id"));
      Assign(n.name, row.RequiredText("name"));
      if (const auto c = row.RequiredText("country")) {
        if (IsCountryCode(*c)) {
          n.country = *c;
        } else {
          row.Error("country", "must be an ISO 3166-1 alpha-2 code such as RU, got '" + *c + "'");
        }
      }
      Assign(n.kind, ReadEnum(row, "kind", &model::ParseNodeKind, kNodeKindChoices));
      Assign(n.lat, row.RequiredDouble("lat", Bounds::Any()));
      Assign(n.lon, row.RequiredDouble("lon", Bounds::Any()));
    });
  }

  void Links(std::string_view text) {
    ReadTable(text, "links.csv", kLinkColumns, false, ds_.links, [](CsvRow& row, model::Link& l) {
      Assign(l.id, row.RequiredText("id"));
      Assign(l.from, row.RequiredText("from"));
      Assign(l.to, row.RequiredText("to"));
      Assign(l.mode, ReadEnum(row, "mode", &model::ParseMode, kModeChoices));
      Assign(l.distance_km, row.RequiredDouble("distance_km", bounds::kDistanceKm));
      Assign(l.time_h, row.RequiredDouble("time_h", bounds::kHours));
      Assign(l.cost_usd_per_t, row.OptionalDouble("cost_usd_per_t", 0.0, bounds::kUsdPerTonne));
      Assign(l.cost_usd_per_tkm,
             row.OptionalDouble("cost_usd_per_tkm", 0.0, bounds::kUsdPerTonneKm));
      Assign(l.capacity_t_per_year, row.MaybeDouble("capacity_t_per_year", bounds::kTonnes));
      Assign(l.both_directions, row.OptionalBool("both_directions", true));
      if (const std::string_view wkt = row.Field("geometry"); !wkt.empty()) {
        std::string error;
        if (auto shape = ParseWktLineString(wkt, &error)) {
          l.shape = std::move(*shape);
        } else {
          row.Error("geometry", std::move(error));
        }
      }
    });
  }

  void Crossings(std::string_view text) {
    ReadTable(text, "crossings.csv", kCrossingColumns, true, ds_.crossings,
              [](CsvRow& row, model::Crossing& c) {
                Assign(c.id, row.RequiredText("id"));
                c.name = row.OptionalText("name");
                Assign(c.node, row.RequiredText("node"));
                Assign(c.modes, ReadModes(row, "modes"));
                Assign(c.capacity_t_per_year,
                       row.MaybeDouble("capacity_t_per_year", bounds::kTonnes));
                Assign(c.dwell_standard_h,
                       row.RequiredDouble("dwell_standard_h", bounds::kHours));
                Assign(c.dwell_aeo_h, row.OptionalDouble("dwell_aeo_h", c.dwell_standard_h,
                                                         bounds::kHours));
                Assign(c.fee_usd_per_t,
                       row.OptionalDouble("fee_usd_per_t", 0.0, bounds::kUsdPerTonne));
                Assign(c.open_fraction, ReadCrossingState(row));
                Assign(c.gauge_change, row.OptionalBool("gauge_change", false));
                c.opened = row.OptionalText("opened");
              });
  }

  void Transfers(std::string_view text) {
    ReadTable(text, "transfers.csv", kTransferColumns, true, ds_.transfers,
              [](CsvRow& row, model::Transfer& t) {
                Assign(t.id, row.RequiredText("id"));
                Assign(t.node, row.RequiredText("node"));
                Assign(t.from_mode, ReadEnum(row, "from_mode", &model::ParseMode, kModeChoices));
                Assign(t.to_mode, ReadEnum(row, "to_mode", &model::ParseMode, kModeChoices));
                Assign(t.cost_usd_per_t,
                       row.OptionalDouble("cost_usd_per_t", 0.0, bounds::kUsdPerTonne));
                Assign(t.time_h, row.OptionalDouble("time_h", 0.0, bounds::kHours));
                Assign(t.capacity_t_per_year,
                       row.MaybeDouble("capacity_t_per_year", bounds::kTonnes));
                Assign(t.both_directions, row.OptionalBool("both_directions", true));
              });
  }

  void Commodities(std::string_view text) {
    ReadTable(text, "commodities.csv", kCommodityColumns, false, ds_.commodities,
              [](CsvRow& row, model::Commodity& k) {
                Assign(k.id, row.RequiredText("id"));
                Assign(k.name, row.RequiredText("name"));
                Assign(k.cargo_type,
                       ReadEnum(row, "cargo_type", &model::ParseCargoType, kCargoTypeChoices));
                Assign(k.allowed_modes, ReadModes(row, "allowed_modes"));
                Assign(k.value_usd_per_t,
                       row.RequiredDouble("value_usd_per_t", bounds::kValueUsdPerTonne));
                Assign(k.value_of_time_usd_per_t_h,
                       row.RequiredDouble("value_of_time_usd_per_t_h", bounds::kUsdPerTonneHour));
                Assign(k.unserved_penalty_usd_per_t,
                       row.RequiredDouble("unserved_penalty_usd_per_t",
                                          bounds::kPenaltyUsdPerTonne));
                Assign(k.aeo_share, row.OptionalDouble("aeo_share", 0.0, Bounds::Fraction()));
                Assign(k.background, row.OptionalBool("background", false));
              });
  }

  void Demand(std::string_view text) {
    ReadTable(text, "demand.csv", kDemandColumns, false, ds_.demand,
              [](CsvRow& row, model::Demand& d) {
                Assign(d.commodity, row.RequiredText("commodity"));
                Assign(d.origin_node, row.RequiredText("origin"));
                Assign(d.destination_node, row.RequiredText("destination"));
                Assign(d.tonnes_per_year,
                       row.RequiredDouble("tonnes_per_year", bounds::kTonnes));
              });
  }

  // The optional tables: an empty text is an absent file.
  void Preloads(std::string_view text) {
    if (text.empty()) return;
    ReadTable(text, "background.csv", kPreloadColumns, true, ds_.preloads,
              [](CsvRow& row, model::Preload& p) {
                Assign(p.element, ReadRef(row, "element"));
                if (p.element.kind == model::RefKind::kPort) {
                  row.Error("element", "must be a link, crossing, transfer or resource (a port's "
                                       "capacities are resources), got 'port:" + p.element.id + "'");
                }
                Assign(p.tonnes_per_year,
                       row.RequiredDouble("tonnes_per_year", bounds::kTonnes));
                p.description = row.OptionalText("description");
                p.origin_country = row.OptionalText("origin_country");
                if (!p.origin_country.empty() && !IsCountryCode(p.origin_country)) {
                  row.Error("origin_country", "must be an ISO 3166-1 alpha-2 code such as RU, got '" +
                                                  p.origin_country + "'");
                }
              });
  }

  void Rates(std::string_view text) {
    if (text.empty()) return;
    ReadTable(text, "rates.csv", kRateColumns, true, ds_.rates, [](CsvRow& row, model::Rate& r) {
      if (const auto scope = row.RequiredText("scope")) {
        r.scope = *scope;
        if (scope->rfind("mode:", 0) == 0) {
          r.mode = model::ParseMode(scope->substr(5));
          if (!r.mode) {
            row.Error("scope", "has unknown mode '" + scope->substr(5) + "' (known: " +
                                   std::string(kModeChoices) + ")");
          }
        } else if (auto ref = ReadRef(row, "scope")) {
          r.element = *ref;
          if (ref->kind != model::RefKind::kLink && ref->kind != model::RefKind::kTransfer) {
            row.Error("scope", "must be mode:<mode>, link:<id> or transfer:<id>, got '" + *scope +
                                   "'");
          }
        }
      }
      Assign(r.cargo_type, ReadEnum(row, "cargo_type", &model::ParseCargoType, kCargoTypeChoices));
      Assign(r.factor, row.RequiredDouble("factor", bounds::kFactor));
    });
  }

  void Resources(std::string_view text) {
    if (text.empty()) return;
    ReadTable(text, "resources.csv", kResourceColumns, true, ds_.resources,
              [](CsvRow& row, model::ResourceDef& r) {
                Assign(r.id, row.RequiredText("id"));
                r.name = row.OptionalText("name");
                if (const auto kind = row.RequiredText("kind")) {
                  r.kind = *kind;
                  if (std::find(kResourceKinds.begin(), kResourceKinds.end(), *kind) ==
                      kResourceKinds.end()) {
                    row.Error("kind", "must be one of port_berth/rail_access/slots/section/other, "
                                      "got '" + *kind + "'");
                  }
                }
                ReadMembers(row, r);
                if (const std::string_view c = row.Field("cargo_types"); !c.empty()) {
                  std::string bad;
                  if (auto set = model::ParseCargoSet(c, &bad); !set) {
                    row.Error("cargo_types", "has unknown cargo type '" + bad + "' (known: all, " +
                                                 std::string(kCargoTypeChoices) + ")");
                  } else if (set->empty()) {
                    row.Error("cargo_types", "must name at least one cargo type");
                  } else {
                    r.cargo = *set;
                  }
                }
                if (auto cap = row.RequiredDouble("capacity_t_per_year", bounds::kTonnes)) {
                  r.capacity_t_per_year = *cap;
                }
              });
  }

 private:
  // Parses one table: checks its columns, then fills a row per record (rows with a
  // bad field are kept with defaults so later checks do not report them as missing).
  template <typename Row, std::size_t N, typename Fill>
  void ReadTable(std::string_view text, const std::string& file,
                 const std::array<CsvColumn, N>& columns, bool may_be_empty,
                 std::vector<Row>& rows, Fill fill) {
    const CsvTable table = ParseCsv(text, file, diags_);
    if (!CheckColumns(table, columns, diags_)) {
      tables_complete_ = false;
      return;
    }
    if (table.records.empty() && !may_be_empty) {
      diags_.Error(file, table.header_line, "", "table is empty");
    }
    for (const CsvRecord& record : table.records) {
      CsvRow row(table, record, diags_);
      Row r;
      r.origin = {file, record.line};
      r.provenance.source = row.OptionalText("source");
      r.provenance.confidence = row.OptionalText("confidence");
      if (!r.provenance.confidence.empty() &&
          std::find(kConfidences.begin(), kConfidences.end(), r.provenance.confidence) ==
              kConfidences.end()) {
        row.Error("confidence", "must be one of high/medium/low/estimate, got '" +
                                    r.provenance.confidence + "'");
      }
      fill(row, r);
      rows.push_back(std::move(r));
    }
  }

  Diagnostics& diags_;
  model::Dataset ds_;
  bool tables_complete_ = true;
};

// Parses the texts (kDatasetFiles then kOptionalDatasetFiles order; an absent
// optional file is an empty text) of the dataset called `folder`.
Result<model::Dataset> ParseTexts(const std::string& folder,
                                  const std::array<std::string, kAllFileCount>& texts,
                                  Diagnostics& diags) {
  Diagnostics local;
  DatasetParser parser(local);
  parser.Meta(texts[0]);
  parser.Nodes(texts[1]);
  parser.Links(texts[2]);
  parser.Crossings(texts[3]);
  parser.Transfers(texts[4]);
  parser.Commodities(texts[5]);
  parser.Demand(texts[6]);
  parser.Preloads(texts[7]);
  parser.Rates(texts[8]);
  parser.Resources(texts[9]);
  model::Dataset& ds = parser.dataset();
  if (parser.tables_complete()) model::ValidateDataset(ds, local);
  diags.Append(local);
  if (local.has_errors()) return local.ToStatus("dataset " + folder);

  Fnv1a64 hash;
  for (std::size_t i = 0; i < kAllFileCount; ++i) {
    // An absent optional file leaves the hash as it was before such files existed.
    if (i >= kFileCount && texts[i].empty()) continue;
    hash.Update(FileName(i));
    hash.Update(std::to_string(texts[i].size()) + ":");
    hash.Update(texts[i]);
  }
  ds.folder = folder;
  ds.content_hash = hash.Hex();
  return std::move(ds);
}

}  // namespace

Result<model::Dataset> ReadDataset(const std::string& folder, Diagnostics& diags) {
  std::error_code ec;
  if (!fs::is_directory(folder, ec)) {
    diags.Error(folder, 0, "", "dataset folder not found");
    return NotFound("dataset folder not found: " + folder);
  }
  std::array<std::string, kAllFileCount> texts;
  std::string missing;
  for (std::size_t i = 0; i < kAllFileCount; ++i) {
    const fs::path path = fs::path(folder) / FileName(i);
    if (auto text = ReadTextFile(path.string())) {
      texts[i] = std::move(*text);
      continue;
    }
    if (i >= kFileCount && !fs::exists(path, ec)) continue;
    diags.Error(path.string(), 0, "", fs::exists(path, ec) ? "cannot be read" : "file not found");
    missing += missing.empty() ? "" : ", ";
    missing += path.string();
  }
  if (!missing.empty()) return NotFound("dataset file not found or unreadable: " + missing);
  return ParseTexts(folder, texts, diags);
}

Result<model::Dataset> ParseDataset(const std::string& label,
                                    const std::map<std::string, std::string>& files,
                                    Diagnostics& diags) {
  std::array<std::string, kAllFileCount> texts;
  std::string missing;
  for (std::size_t i = 0; i < kAllFileCount; ++i) {
    const auto it = files.find(FileName(i));
    if (it != files.end()) {
      texts[i] = it->second;
      continue;
    }
    if (i >= kFileCount) continue;
    diags.Error(kDatasetFiles[i], 0, "", "file missing from dataset " + label);
    missing += missing.empty() ? "" : ", ";
    missing += kDatasetFiles[i];
  }
  if (!missing.empty()) return InvalidInput("dataset " + label + " lacks " + missing);
  return ParseTexts(label, texts, diags);
}

}  // namespace corridor::io
