// The independent answer checker and the two Lagrangian bounds behind every gap.
//
// Lagrangian bound. Relaxing the capacity rows (arc capacities u_a with multipliers
// mu_a >= 0, resources r with capacities U_r and multipliers nu_r >= 0) leaves one
// shortest-path problem per commodity on lengths c_qa + mu_a + sum_{r containing a} nu_r:
//   L(mu, nu) = sum_k D_k min(p_k, dist(o_k, d_k)) - sum_a mu_a u_a - sum_r nu_r U_r
// (p_k = +inf without a penalty; arcs with unlimited capacity get mu_a = 0).
// L(mu) <= optimum for every mu >= 0, so (objective - L) / max(1, |objective|) is a
// proven relative gap; at LP-optimal duals it closes.
//
// Infeasibility certificate. The phase-one problem (minimise unmet demand of the
// commodities without penalty) has the same structure with c = 0, p_k = 1 for those
// commodities and p_k = 0 for the penalised ones:
//   B(mu) = sum_{k: no penalty} D_k min(1, dist_mu(o_k, d_k)) - sum_a mu_a u_a.
// B(mu) > 0 for some mu >= 0 proves that no flow meets every unpenalised demand
// (resources enter as in L).
//
// Both bounds run their own Dijkstra (not the solvers' pricing code): O(B (m + n log n))
// with B the number of (class, origin) pairs.
#pragma once

#include <span>

#include "mcf/instance.h"
#include "mcf/solution.h"

namespace corridor::mcf {

// +inf when an unpenalised commodity has no allowed path (the optimum is +inf too).
// resource_mu may be empty (all zero).
double LagrangianBound(const Instance& instance, std::span<const double> arc_mu,
                       std::span<const double> resource_mu = {});
double InfeasibilityBound(const Instance& instance, std::span<const double> arc_mu,
                          std::span<const double> resource_mu = {});

// Checks a feasible answer using only the instance, the path flows, the unserved
// amounts, Solution::objective and the shadow prices (arc and resource): every path
// joins its commodity's origin to its destination on allowed arcs; flows >= 0; paths
// plus unserved meet each demand; unserved only where a penalty exists; arc and
// resource flows within capacity; the objective recomputed; the Lagrangian bound and
// the gap recomputed.
// `passed` requires all of that and, when solution.status is kOptimal, a relative gap
// within options.gap_tolerance. For a kInfeasible answer it checks instead that
// InfeasibilityBound(shadow prices) > 0.
CheckReport CheckSolution(const Instance& instance, const Solution& solution,
                          const Options& options);

}  // namespace corridor::mcf
