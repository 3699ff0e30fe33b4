// Builds an assignment problem from a TNTP network and trip table
// (../shared/benchmarks/README.md): BPR delay per link, FIRST THRU NODE as the
// through-restriction, one demand class whose generalised cost adds
// toll_factor * toll + distance_factor * length (factors from the network's README).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "assignment/network.h"
#include "core/status.h"

namespace corridor::assignment {

struct TntpInstance {
  Network network;
  DemandClass demand;
  std::vector<std::int64_t> original_node_ids;  // NodeId -> TNTP node number
};

// Errors: NotFound for a missing file, InvalidInput (located) for malformed
// files or trips that name nodes the network lacks.
Result<TntpInstance> LoadTntpInstance(const std::string& net_path, const std::string& trips_path,
                                      double toll_factor, double distance_factor);

}  // namespace corridor::assignment
