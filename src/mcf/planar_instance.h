// Seeded instances shaped like the Larsson-Yuan planar family (the grid/planar
// collection of ../shared/benchmarks/mmcf): for growth benchmarks beyond the shared
// members (up to planar2500: 2,500 nodes, 12,990 arcs, 81,430 commodities).
//
// Structure, as measured on the shared planar30..planar300: nodes at uniform random
// points of a square; a planar graph of short edges, each edge two opposite arcs of
// equal cost (the rounded Euclidean length); every node the origin of about K / n
// commodities to distinct random destinations, demands uniform in {2, ..., 11};
// arc capacities uniform in [0.66, 1.32] x C, where C is capacity_ratio times the mean
// arc load when every commodity takes its shortest path (planar150 and planar300: mean
// load 204, median capacity 725, ratio ~3.5; about 10% of the arcs overloaded at zero
// multipliers), then raised where needed to the loads of a second routing, each
// commodity on its shortest path for arc costs perturbed by U[1, 3], so that this
// routing is a feasible flow (without it, thin cuts of the generated graph made a
// 1,000-node instance infeasible). Edges: the shortest candidate pairs (each node's nearest neighbours)
// that cross no edge taken before (a greedy triangulation), stopped at num_arcs / 2.
// The same spec and seed always give the same instance.
#pragma once

#include <cstdint>

#include "mcf/instance.h"

namespace corridor::mcf {

struct PlanarInstanceSpec {
  int num_nodes = 300;
  int num_arcs = 1680;           // even; at most ~6 x num_nodes (planar)
  int num_commodities = 3584;
  double capacity_ratio = 3.5;   // median capacity / mean shortest-path arc load
  int neighbours = 10;           // candidate edges per node
};

Instance GeneratePlanarInstance(const PlanarInstanceSpec& spec, std::uint64_t seed);

}  // namespace corridor::mcf
