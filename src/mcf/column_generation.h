// Linear multicommodity min-cost flow by path-based column generation.
//
// Problem (notation of mcf/instance.h). Commodities k with origin o_k, destination
// d_k, demand D_k, class q_k and optional penalty p_k; arcs a with class costs
// c_qa >= 0 and joint capacities u_a. P_k = allowed o_k-d_k paths, f_P >= 0 the flow
// on path P, s_k >= 0 the unserved demand (fixed at 0 without a penalty):
//   minimise   sum_k sum_{P in P_k} c_q(P) f_P + sum_k p_k s_k
//   subject to sum_{P in P_k} f_P + s_k = D_k          (demand row, dual pi_k)
//              sum_k sum_{P in P_k, a in P} f_P <= u_a  (capacity row, dual -mu_a <= 0)
//              sum_k sum_{P in P_k} n_r(P) f_P <= U_r   (resource row, dual -nu_r <= 0)
// where n_r(P) counts the arcs of P in resource r. Arc capacities and resources are
// handled alike as "capacity constraints" (rows added lazily, multipliers in pricing:
// arc length c_qa + mu_a + sum of nu_r over the resources containing a).
//
// Method (Dantzig-Wolfe). The commodities of a (class, origin) block are routed by
// one shortest-path tree, so the master by default (Options::master = kOriginTrees)
// has one convexity row per block, sum of its lambdas = 1, and a column is a whole
// point of the block's flow polytope: every commodity k of the block on its tree path
// (or unserved) with its full demand D_k. The extreme points of that polytope are
// exactly such tree choices, so the master is exact and its LP bound and Lagrangian
// bound equal those of the path formulation, on ~#blocks instead of ~K rows. With
// kCommodityPaths each commodity is its own group (the classical path formulation, a
// column is one path). The master also holds only the capacity rows that were ever
// violated (added lazily: on the shared instances most arcs never bind). Each group
// keeps a column with all of its demand unserved (cost: penalties, and M per unit of
// demand without a penalty), so the master is always feasible. Each round: solve the
// master (warm start: primal simplex after new columns, dual simplex after new rows),
// add the violated capacity rows and re-solve until the master flow respects every
// capacity, then price: one shortest-path tree per block on lengths c_qa + mu_a gives
// every commodity its cheapest choice, min(unserved cost, dist_k); a group's column of
// those choices enters when sum_k D_k min(.) < sigma_g (the group's convexity dual).
// Wentges smoothing (Options::smoothing) prices on multipliers between the best
// Lagrangian point and the duals, falling back to the duals when nothing prices out.
// Lagrangian start (Options::lagrangian_start): before the first master, projected
// subgradient steps on the capacity multipliers (one pricing each) give the first
// smoothing centre and best bound, and the trees of the last steps seed the master; the
// first masters' duals are poor (grid10: bounds 45% low for rounds), these steps reach
// 0.1% on grid10 at the cost of 40 pricings. The capacity rows with a positive
// multiplier at the start's best point enter the first master before it is solved
// (Options::start_rows), and a first master of many (dense, seeded) columns is solved
// by the barrier (Options::first_master_barrier_columns).
// Trees are built in parallel over blocks (Options::threads); each block writes its
// own slot, so results do not depend on the thread count or timing. Columns at zero
// flow for Options::drop_inactive_after rounds are dropped. The per-commodity path
// flows of the answer are lambda-weighted tree paths, equal paths merged.
//
// Bounds (invariants after every round).
//   Upper: the master objective whenever its flow meets every capacity and uses no
//   artificial column; the best one is kept with its paths.
//   Lower: the Lagrangian bound L(mu) = sum_k D_k min(p_k, dist_k) - sum_a mu_a u_a of
//   mcf/checker.h, a by-product of pricing; the best one is kept with its mu.
// So upper - lower is a proven gap at all times; the run stops at a relative gap
// <= Options::gap_tolerance (kOptimal), or when no column prices out (the master is
// then LP optimal and the gap ~0). When the start leaves demand without a penalty
// unmet and there was no Lagrangian start, phase one (cost 1 on such artificial flow, 0
// elsewhere) runs first (duals under a big M say little about costs); when phase two
// converges with artificial flow, phase one decides: a positive phase-one Lagrangian
// bound proves infeasibility (kInfeasible, certificate in Solution::infeasibility_bound
// and arc_shadow_price); otherwise M grows and phase two resumes.
//
// Complexity per round: B Dijkstra runs, O(B (m + n log n)) for B blocks, plus the
// master LP (groups + active capacity rows, columns ~ a few per group). The number of
// rounds is not polynomially bounded but is typically tens (origin trees: up to ~100).
//
// Limits. Costs must be >= 0 (Dijkstra). Degenerate masters can stall the bound for a
// few rounds. With a time limit the best feasible answer found so far is returned with
// its proven gap (kTimeLimit); if none was found, no flows.
//
// References. L. R. Ford, D. R. Fulkerson, "A suggested computation for maximal
// multi-commodity network flows", Management Science 5 (1958); R. K. Ahuja, T. L.
// Magnanti, J. B. Orlin, "Network Flows", ch. 17 (1993); T. Larsson, D. Yuan, "An
// augmented Lagrangian algorithm for large scale multicommodity routing",
// Computational Optimization and Applications 27 (2004) (the grid/planar families).
#pragma once

#include "core/status.h"
#include "mcf/instance.h"
#include "mcf/solution.h"

namespace corridor::mcf {

// All Options fields apply. Returns kInvalidInput for an invalid instance and
// kCheckFailed when the checker rejects the answer; solver outcomes are in
// Solution::status.
Result<Solution> SolveColumnGeneration(const Instance& instance, const Options& options = {});

}  // namespace corridor::mcf
