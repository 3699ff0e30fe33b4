// Reference single-commodity min-cost flow by LEMON's network simplex, for
// differential tests only. This header has no LEMON types so C++20 tests can call
// it; lemon_reference.cc is compiled as C++17 because LEMON's headers are not C++20.
#pragma once

#include <optional>
#include <vector>

namespace corridor::routing::testing {

struct ReferenceArc {
  int tail = 0;
  int head = 0;
  double cost = 0.0;
  long long capacity = 0;  // use a value above the total supply for "unlimited"
};

// Minimum of sum cost * flow subject to out - in = supply[v] at every node and
// 0 <= flow <= capacity; supplies must sum to 0. nullopt when infeasible.
std::optional<double> ReferenceMinCostFlow(int node_count, const std::vector<ReferenceArc>& arcs,
                                           const std::vector<long long>& supply);

}  // namespace corridor::routing::testing
