// Post-processing of one block's flow (one commodity, one origin) on the virtual
// network: cycle cancelling and the split of an acyclic flow among destinations.
//
// A block flow is conserving except at its source (supply) and its sinks (demand).
//   * CancelCycles removes every directed cycle of the flow's support by subtracting
//     the smallest flow around it; conservation is kept and, since costs are >= 0, the
//     cost does not rise (at an LP optimum the cancelled cycles cost 0). Each round is a
//     depth-first search, O(m), and zeroes at least one arc: O(m x cycles) in all.
//   * DestinationShares gives, for an acyclic flow, the fraction of each arc's flow
//     that ends at each sink, by proportional splitting in reverse topological order:
//       share_sink_j(j) = 1,  share_v(j) = sum_{a=(v,w)} x_a share_w(j) / sum_{a=(v,w)} x_a.
//     Arc a then carries x_a share_head(a)(j) for sink j, an exact decomposition of the
//     flow into flows to each sink. O(m x sinks).
#pragma once

#include <span>
#include <vector>

#include "model/network.h"
#include "routing/system_optimum.h"

namespace corridor::routing {

void CancelCycles(const model::Network& net, BlockFlow& block);

// Row-major: result[i * sinks.size() + j] is the share of block.arcs[i] ending at sinks[j].
std::vector<double> DestinationShares(const model::Network& net, const BlockFlow& block,
                                      std::span<const VNodeId> sinks);

}  // namespace corridor::routing
