// The arc LP of the system optimum, shared by SolveSystemOptimum and the Resolver
// (internal to routing/: only its .cc files include this header).
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "core/ids.h"
#include "lp/lp.h"
#include "model/network.h"
#include "routing/system_optimum.h"

namespace corridor::routing::detail {

// One block (commodity, origin) with its demand rows and its pruned arcs.
struct Block {
  CommodityId commodity;
  NodeId origin;
  std::vector<std::size_t> od;  // indices into Network::demand
  std::vector<ArcId> arcs;
  int first_arc_col = 0;        // LP column of arcs[0]; arcs are consecutive
};

// Resources per arc, as CSR.
struct ArcResources {
  std::vector<std::int32_t> begin;
  std::vector<std::int32_t> resource;
};

// The arc LP of the system optimum (see system_optimum.h) and where its rows are.
struct LpLayout {
  lp::Model model;
  std::vector<int> resource_row;  // per resource; -1 when no block uses it
  std::vector<int> unserved_col;  // per demand row
  // Per demand row, the conservation rows of its source and sink (bounds = supply);
  // a change of demand moves both and the unserved column's upper bound.
  std::vector<int> demand_source_row;
  std::vector<int> demand_sink_row;
};

// Blocks in order of first appearance in the demand.
std::vector<Block> GroupBlocks(const model::Network& net);

// The sink vnodes of the block's destinations, sorted, unique.
std::vector<VNodeId> BlockSinks(const model::Network& net, const Block& b);

// Prunes every block (see system_optimum.h, "Pruning"); keeps the arcs in b.arcs when
// `keep` is set; returns sum_b |arcs_b|, the arc LP's flow columns.
std::size_t PruneBlocks(const model::Network& net, std::vector<Block>& blocks, bool keep);

ArcResources IndexArcResources(const model::Network& net);

// Builds the LP of the pruned blocks; sets each block's first_arc_col.
LpLayout BuildLp(const model::Network& net, std::vector<Block>& blocks, const ArcResources& ar);

SolveStatus FromLp(lp::SolveStatus status);

// mu_r >= 0 per resource from the LP row duals (0 for resources no block uses).
std::vector<double> ResourcePrices(const LpLayout& lay, std::span<const double> duals);

}  // namespace corridor::routing::detail
