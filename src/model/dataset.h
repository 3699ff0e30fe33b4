// The dataset as read from files: plain rows keyed by the ids the files use.
//
// A Dataset is what io/ produces and what a scenario edits. It keeps every row's
// provenance (source, confidence) and its place in the file so later checks can
// still say where a value came from. model::BuildNetwork turns it into the
// immutable virtual network the solvers use.
#pragma once

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
};

struct Demand {
  std::string commodity;
  std::string origin_node;
  std::string destination_node;
  double tonnes_per_year = 0.0;
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
  std::string folder;        // where it was read from
  std::string content_hash;  // FNV-1a 64-bit hex over the files, set by the loader
};

}  // namespace corridor::model
