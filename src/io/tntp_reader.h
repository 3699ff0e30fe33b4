// Reader for the TNTP formats of the TransportationNetworks collection
// (../shared/benchmarks/README.md): network (`*_net.tntp`), trip table
// (`*_trips.tntp`) and best-known link flows (`*_flow.tntp`).
//
// Tolerated quirks: metadata tags followed by spaces or tabs, unknown tags,
// `~` comments (whole line or rest of line), records ended by `;` glued to the
// last number, preceded by a tab, or missing; CRLF line endings; exponent
// numbers (`0.00000000000000000000E+00`); empty fields (two tabs in a row, which
// keep their column position); link columns named by the `~` header line;
// missing or empty `Origin` blocks; node ids up to 2^63 (mapped to dense ids).
// Interpretation (FIRST THRU NODE, intrazonal demand, capacity 0) is left to the
// caller; the reader reports what the file says.
//
// Malformed input yields InvalidInput with one located line per problem:
// `SiouxFalls_net.tntp:12: capacity "abc" is not a number`.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/ids.h"
#include "core/status.h"

namespace corridor::io {

struct TntpLink {
  NodeId from;  // dense ids, see TntpNetwork::original_node_ids
  NodeId to;
  double capacity = 0.0;
  double length = 0.0;
  double free_flow_time = 0.0;
  double b = 0.0;
  double power = 0.0;
  double speed = 0.0;
  double toll = 0.0;
  int link_type = 0;
  int line = 0;  // 1-based line in the file, for later diagnostics
};

struct TntpNetwork {
  int zone_count = 0;
  // Nodes with original id < first_thru_node are zone centroids (never passed through).
  std::int64_t first_thru_node = 1;
  // Dense NodeId i is the i-th smallest original node id seen in the link list.
  std::vector<std::int64_t> original_node_ids;
  std::vector<TntpLink> links;
  Diagnostics warnings;  // non-fatal findings (declared counts that disagree, ...)

  // Dense id of an original node id, or NodeId::Invalid() when unknown.
  NodeId FindNode(std::int64_t original_id) const;
  // FIRST THRU NODE rule: a path may start or end at such a node but not pass through it.
  bool IsCentroidOnly(NodeId node) const {
    return original_node_ids[node.index()] < first_thru_node;
  }
};

struct TntpTrip {
  std::int64_t origin = 0;       // original node ids
  std::int64_t destination = 0;
  double demand = 0.0;
  int line = 0;
};

struct TntpTrips {
  int zone_count = 0;
  double declared_total = 0.0;  // <TOTAL OD FLOW>, 0 when absent
  std::vector<TntpTrip> trips;  // in file order; zero entries and o == d kept as read
  Diagnostics warnings;
};

struct TntpFlowRow {
  std::int64_t from = 0;  // original node ids
  std::int64_t to = 0;
  double volume = 0.0;
  double cost = 0.0;
};

// `file_name` only labels diagnostics.
Result<TntpNetwork> ParseTntpNetwork(std::string_view text, const std::string& file_name);
Result<TntpTrips> ParseTntpTrips(std::string_view text, const std::string& file_name);
Result<std::vector<TntpFlowRow>> ParseTntpFlow(std::string_view text, const std::string& file_name);

// Read a file and parse it; NotFound when the file cannot be opened.
Result<TntpNetwork> ReadTntpNetwork(const std::string& path);
Result<TntpTrips> ReadTntpTrips(const std::string& path);
Result<std::vector<TntpFlowRow>> ReadTntpFlow(const std::string& path);

}  // namespace corridor::io
