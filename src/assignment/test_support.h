// Helpers shared by the assignment tests (not part of the library).
#pragma once

#include <string>
#include <vector>

#include "assignment/equilibrium.h"
#include "assignment/tntp_instance.h"

namespace corridor::assignment::testing_support {

// Loads ../shared/benchmarks/tntp/<prefix>_net.tntp and _trips.tntp (fails the test otherwise).
TntpInstance LoadBenchmark(const std::string& prefix, double toll_factor, double distance_factor);

// Relative gap of a single-class solution recomputed from scratch: link costs
// from the network data and the returned link times, shortest paths by Dijkstra.
double IndependentGap(const Network& network, const DemandClass& demand, const Solution& sol);

// At every node, inflow - outflow equals the demand ending minus starting there.
void CheckConservation(const Network& network, const DemandClass& demand,
                       const std::vector<double>& flow, double relative_tolerance);

// Link flows within `relative_tolerance` of a *_flow.tntp file (relative to max(1, volume)).
void ExpectFlowsMatchBestKnown(const std::string& flow_file, const TntpInstance& inst,
                               const Solution& sol, double relative_tolerance);

}  // namespace corridor::assignment::testing_support
