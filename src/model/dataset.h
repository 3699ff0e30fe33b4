// The dataset as read from files: plain rows keyed by the ids the files use.
//
// A Dataset is what io/ produces and what a scenario edits. It keeps every row's
// provenance (source, confidence) and its place in the file so later checks can
// still say where a value came from. model::BuildNetwork turns it into the
// immutable virtual network the solvers use.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/mode.h"

namespace corridor::model {

// Where a row came from, for error messages and traceability.
struct RowOrigin {
  std::string file;  // e.g. "links.csv", or "scenario bridges.toml" for rows a scenario added
  int line = 0;      // 1-based physical line of the row in that file
};

struct Provenance {
  std::string source;      // URL, document, or "estimate: <reasoning>"
  std::string confidence;  // "high" | "medium" | "low" | "estimate" | "" (not given)
};

struct SourceRef {
  std::string id;
  std::string title;
  std::string url;
};

struct DatasetMeta {
  std::string name;
  int reference_year = 0;
  std::string description;
  std::string currency = "USD";  // all money in the dataset is in this unit
  std::string mass_unit = "t";   // all quantities are tonnes
  std::vector<SourceRef> sources;
};

struct Node {
  std::string id;
  std::string name;
  std::string country;  // ISO 3166-1 alpha-2
  NodeKind kind = NodeKind::kHub;
  double lat = 0.0;
  double lon = 0.0;
  Provenance provenance;
  RowOrigin origin;
};

// A point of a link's shape, in degrees (WGS 84).
struct GeoPoint {
  double lon = 0.0;
  double lat = 0.0;
};

struct Link {
  std::string id;
  std::string from;
  std::string to;
  Mode mode = Mode::kRoad;
  double distance_km = 0.0;
  double time_h = 0.0;
  double cost_usd_per_t = 0.0;     // fixed part per tonne
  double cost_usd_per_tkm = 0.0;   // distance part per tonne-km
  std::optional<double> capacity_t_per_year;  // per direction; nullopt = unlimited
  bool both_directions = true;
  Provenance provenance;
  RowOrigin origin;
  // The way the link runs on the map, from `from` to `to` (links.csv `geometry`, WKT
  // LINESTRING); empty = the straight line between its nodes. Drawing only: the
  // distance stays distance_km.
  std::vector<GeoPoint> shape;
};

// A border crossing at a node, for a set of modes (a row per mode group).
// Every tonne that enters the node on a link of one of these modes passes the
// crossing: it pays the fee, waits the dwell and uses the (joint, both-way) capacity.
struct Crossing {
  std::string id;
  std::string node;
  ModeSet modes;
  std::optional<double> capacity_t_per_year;  // joint for both directions; nullopt = unlimited
  double dwell_standard_h = 0.0;
  double dwell_aeo_h = 0.0;  // dwell of AEO-certified cargo
  double fee_usd_per_t = 0.0;
  double open_fraction = 1.0;  // 1 = open, 0 = closed, in between = throttled capacity
  bool gauge_change = false;   // informational; the change itself is a transfer arc
  std::string opened;          // opening date as text, informational
  Provenance provenance;
  RowOrigin origin;
  std::string name;  // display place name; empty = its node's (see model/names.h)
};

// Transshipment between two modes at a node (gauge change, rail<->sea at a port, ...).
struct Transfer {
  std::string id;
  std::string node;
  Mode from_mode = Mode::kRail1520;
  Mode to_mode = Mode::kRail1435;
  double cost_usd_per_t = 0.0;
  double time_h = 0.0;
  std::optional<double> capacity_t_per_year;  // joint for both directions; nullopt = unlimited
  bool both_directions = true;
  Provenance provenance;
  RowOrigin origin;
};

struct Commodity {
  std::string id;
  std::string name;
  CargoType cargo_type = CargoType::kContainer;
  ModeSet allowed_modes = ModeSet::All();
  double value_usd_per_t = 0.0;
  double value_of_time_usd_per_t_h = 0.0;
  double unserved_penalty_usd_per_t = 0.0;
  double aeo_share = 0.0;  // share of the tonnes that is AEO-certified, in [0, 1]
  Provenance provenance;
  RowOrigin origin;
  // Traffic that is not the study's trade (e.g. coal to third countries) but shares
  // its capacities: routed like any commodity, reported on its own line and left out
  // of the trade figures (served value, trade KPIs, findings' trade figures).
  bool background = false;
};

struct Demand {
  std::string commodity;
  std::string origin_node;
  std::string destination_node;
  double tonnes_per_year = 0.0;
  Provenance provenance;
  RowOrigin origin;
};

// An element of the network named in a table or a scenario: "link:<id>",
// "crossing:<id>", "transfer:<id>", "resource:<id>" (resources.csv) or "port:<node>".
enum class RefKind : std::uint8_t { kLink, kCrossing, kTransfer, kResource, kPort };
std::string_view RefKindName(RefKind kind);
// Which arcs of a two-way link or transfer: both, or only from->to (forward) or
// to->from (reverse); a transfer's forward is from_mode->to_mode.
enum class Direction : std::uint8_t { kBoth, kForward, kReverse };
std::string_view DirectionName(Direction d);
std::optional<Direction> ParseDirection(std::string_view text);

struct ElementRef {
  RefKind kind = RefKind::kLink;
  std::string id;
  Direction direction = Direction::kBoth;
};
// "link:A", "link:A:forward", "crossing:X", "port:VVO", ... ; nullopt (and *error set)
// if the text is not of that form.
std::optional<ElementRef> ParseElementRef(std::string_view text, std::string* error);
std::string FormatElementRef(const ElementRef& ref);

// A fixed amount of background traffic on a capacity (background.csv): taken off the
// capacity it sits on before solving (never below 0; a preload larger than its capacity
// is reported and leaves the capacity exhausted).
struct Preload {
  ElementRef element;  // link (per direction), crossing, transfer or resource
  double tonnes_per_year = 0.0;
  std::string origin_country;  // where the freight comes from (ISO code), "" = not known
  std::string description;
  Provenance provenance;
  RowOrigin origin;
};

// A cargo-specific tariff (rates.csv): the tariff (per-tonne and per-tonne-km charges
// of a link, the cost of a transfer) of the elements in `scope` is multiplied by
// `factor` for cargo of type `cargo_type`. Scope "mode:<mode>", "link:<id>" or
// "transfer:<id>"; where several rows match, the most specific wins (element over mode).
struct Rate {
  std::string scope;
  std::optional<Mode> mode;  // set for mode scopes
  ElementRef element;        // set for element scopes
  CargoType cargo_type = CargoType::kContainer;
  double factor = 1.0;
  Provenance provenance;
  RowOrigin origin;
};

// A capacity over a set of elements (resources.csv): a port's berths, the rail access
// of a port, container-train slots at a crossing, a shared trunk section. The flow of
// the cargo types in `cargo` over all member arcs is bounded by the capacity.
struct ResourceDef {
  std::string id;
  std::string name;
  std::string kind;  // port_berth | rail_access | slots | section | other
  std::vector<ElementRef> members;
  CargoSet cargo = CargoSet::All();
  std::optional<double> capacity_t_per_year;  // nullopt = unlimited (measured only)
  Provenance provenance;
  RowOrigin origin;
};

struct Dataset {
  DatasetMeta meta;
  std::vector<Node> nodes;
  std::vector<Link> links;
  std::vector<Crossing> crossings;
  std::vector<Transfer> transfers;
  std::vector<Commodity> commodities;
  std::vector<Demand> demand;
  std::vector<Preload> preloads;        // background.csv (optional)
  std::vector<Rate> rates;              // rates.csv (optional)
  std::vector<ResourceDef> resources;   // resources.csv (optional)
  std::string folder;        // where it was read from
  std::string content_hash;  // FNV-1a 64-bit hex over the files, set by the loader
};

}  // namespace corridor::model
