// Conversion between corridor datasets and the General Modeling Network Specification
// (GMNS, Zephyr Foundation: node.csv, link.csv, optional geometry.csv, use_definition.csv,
// use_group.csv, link_tod.csv, config.csv), and from TNTP networks to GMNS.
// docs/file_formats.md ("GMNS") has the full mapping; in short:
//
//   dataset nodes.csv            GMNS node.csv
//     id, name, kind, lat, lon     node_id, name, node_type, y_coord, x_coord
//     country, source, confidence  user-defined columns of the same names
//   dataset links.csv            GMNS link.csv
//     id, from, to                 link_id, from_node_id, to_node_id
//     both_directions              directed (negated)
//     mode                         allowed_uses (one use = one mode; use_definition.csv)
//     distance_km                  length (config.csv long_length, km by default)
//     time_h                       free_flow_time_h (user-defined), else length / free_speed
//     capacity_t_per_year, cost_usd_per_t, cost_usd_per_tkm, source, confidence: user-defined
//     geometry (WKT LINESTRING)    geometry, or geometry_id -> geometry.csv (dir_flag -1: reversed)
//
// The dataset's other files (dataset.toml, crossings, transfers, commodities, demand, the
// optional tables, scenarios/) have no GMNS table; they travel beside the GMNS files
// unchanged, so dataset -> GMNS -> dataset gives back the same dataset. GMNS columns and
// tables without a counterpart (vehicle capacities per lane, tolls per vehicle, lanes,
// time-of-day rows, ...) are reported, one warning per column or table, never dropped
// silently. Bad input is a located error: "link.csv:12: from_node_id unknown node 'X'".
#pragma once

#include <string>

#include "core/status.h"

namespace corridor::gmns {

struct ConvertSummary {
  int nodes = 0;
  int links = 0;
  int files_copied = 0;  // dataset files carried beside the network unchanged
};

// Dataset folder -> GMNS folder (created; files of the same names replaced). The dataset
// is read and validated first (io::ReadDataset).
Result<ConvertSummary> DatasetToGmns(const std::string& dataset_dir, const std::string& gmns_dir,
                                     Diagnostics& diags);

// GMNS folder -> dataset folder. Tables a dataset needs that the GMNS folder lacks:
// dataset.toml is written (name from config.csv or the folder, reference_year the current
// year, with a warning), crossings.csv and transfers.csv get a header only, and a missing
// commodities.csv or demand.csv is a warning (the dataset cannot be solved without them).
// When the result is complete it is read back and validated (its diagnostics appended).
Result<ConvertSummary> GmnsToDataset(const std::string& gmns_dir, const std::string& dataset_dir,
                                     Diagnostics& diags);

// TNTP network file (*_net.tntp) -> GMNS folder: nodes with the coordinates of
// `node_file` (a TNTP node table "node x y ;"; "" = the file beside net_file named
// *_node.tntp when it exists, else 0 0 with a warning), one directed link per TNTP link
// with its capacity (vehicles per hour), length, free-flow time, BPR b and power,
// speed, toll and link type; zone centroids (node < FIRST THRU NODE) get zone_id.
Result<ConvertSummary> TntpToGmns(const std::string& net_file, const std::string& node_file,
                                  const std::string& gmns_dir, Diagnostics& diags);

}  // namespace corridor::gmns
