// Capacitated (link-capacity side-constrained) user equilibrium with elastic
// (unserved) demand.
//
// Problem. The network, delay functions t_a and classes of equilibrium.h, plus
// side constraints r = 1..R, each a set of links A_r with a capacity c_r >= 0:
//   S_r(X) = sum_{a in A_r} X_a <= c_r.
// Class k may also leave demand unserved at a penalty p_k per unit (class cost
// units; +inf: all of its demand must be served). Find class link flows x and
// unserved demand e_kod >= 0, and queue delays mu_r >= 0 (time units, common to
// all classes), such that
//   * every used path of class k and OD pair costs u_kod, the least cost in
//       c~_ka(X) + sum_{r ni a} mu_r      (c~ = class cost / vot_k, equilibrium.h),
//     so class k pays the queue at its own value of time: vot_k mu_r;
//   * e_kod > 0 only where u_kod >= p_k / vot_k, and no used path costs more than
//     p_k / vot_k (demand that cannot get through at any queue stays home);
//   * S_r <= c_r, and mu_r > 0 only where S_r = c_r (complementarity).
// These are the KKT conditions of min F(x) + sum p~_k e_kod s.t. S_r <= c_r
// (Larsson & Patriksson 1995, 1999): mu_r is the Lagrange multiplier of
// capacity r, i.e. the queueing delay that rations it.
//
// Elastic demand is modelled by a bypass link origin -> destination per OD pair
// (fee p_k, no delay, no capacity), so the inner problem stays a plain
// multi-class equilibrium and always has a feasible point. A capacity of 0
// closes its links (they are removed for every class), so demand whose only
// routes cross it goes to the bypass (or, without a penalty, is an input
// error naming the OD pair).
//
// Method: augmented Lagrangian (method of multipliers; Hestenes 1969, Powell
// 1969, Rockafellar 1973; for this problem Nie, Zhang & Lee 2004) over the
// bush-based Algorithm B. Outer iteration n minimises
//   F(x) + sum_r (1 / 2 rho_r) (max(0, mu_r + rho_r g_r(x))^2 - mu_r^2),  g_r = S_r - c_r,
// i.e. solves a UE in which link a's time gains sum_{r ni a} max(0, mu_r + rho_r g_r)
// (a joint, non-separable term: Algorithm B updates the times of every link of
// a constraint whenever it shifts flow on one of them), then sets
//   mu_r <- max(0, mu_r + rho_r g_r(x)).
// After the update the inner problem's link times equal t_a + sum mu_r, so the
// inner gap is exactly the gap of the capacitated equilibrium at the new mu.
// Bushes are kept between outer iterations (warm start). rho_r = beta_r T / c_r,
// with T the mean free-flow OD cost (time units), so that a 100 % overload of
// any capacity costs beta_r T. Every beta_r starts at kInitialBeta (1) and is
// multiplied by 10, at most to kMaxBeta (100), when that constraint's violation
// (or, where mu_r > 0, |S_r - c_r| / c_r) fell by less than a factor 4: a
// constraint whose load does not respond gets a faster multiplier update, while
// the cap keeps the inner problems well conditioned (a stiffer penalty stalls
// Algorithm B's Gauss-Seidel flow shifts between bushes). Inner solves are
// inexact while a capacity is violated (at most kInnerIterations = 40
// Algorithm B iterations, gap target max(target, 1e-4 * 0.01^n)); once the
// capacities hold they may use the whole remaining budget. Algorithm B's
// Newton step on a shift uses the exact second derivative of the joint
// penalty, sum_r rho_r (links of r on the long minus the short segment)^2 over
// active r, and stops at the first kink of a max(0, .) so that each step stays
// on one smooth piece.
// Convergence (StopReason::kConverged) when, at the same flows and mu:
//   relative violation   max_r max(0, S_r - c_r) / c_r            <= tolerance,
//   complementarity      max_{r: mu_r > 0} |S_r - c_r| / c_r       <= tolerance,
//   relative gap including the queues and the unserved penalty     <= target gap.
// Otherwise the solve ends at the iteration limit (Algorithm B iterations over
// all outer iterations), the outer iteration limit, the time limit (shared by
// all inner solves) or a cancel; the answer is then the last point with its
// measures, never hidden. capacity_check.h certifies an answer independently.
//
// Limits: Algorithm B only (the link-based methods have no joint penalty
// term); convex, non-decreasing delays; without penalties an infeasible
// instance (demand that exceeds the capacity of all its routes) ends at a limit
// with the violation reported. Cost per outer iteration: one warm-started
// Algorithm B solve plus O(sum_r |A_r|).
//
// References: Larsson, Patriksson, "An augmented Lagrangean dual algorithm for
// link capacity side constrained traffic assignment problems", Transp. Res. B
// 29(6) (1995); Larsson, Patriksson, "Side constrained traffic equilibrium
// models - analysis, computation and applications", Transp. Res. B 33 (1999);
// Nie, Zhang, Lee, "Models and algorithms for the traffic assignment problem
// with link capacity constraints", Transp. Res. B 38(4) (2004).
#pragma once

#include <span>
#include <string>
#include <vector>

#include "assignment/equilibrium.h"
#include "assignment/network.h"
#include "core/status.h"

namespace corridor::assignment {

struct SideConstraint {
  std::string name;
  std::vector<LinkId> links;  // distinct links; their summed flow X is bounded
  double capacity = 0.0;      // >= 0, finite; 0 closes the links
};

struct CapacitatedOptions {
  // Algorithm B; max_iterations and the time limit cover all outer iterations, and
  // on_iteration sees Algorithm B iterations numbered over all of them (each outer
  // iteration's inner solve starts with a measuring pass that repeats the number).
  Options solver;
  // Per class, in class cost units; empty or +inf: that class's demand must be served.
  std::vector<double> unserved_penalty;
  double capacity_tolerance = 1e-6;  // relative, in (0, 0.1]
  int max_outer_iterations = 100;    // >= 1
};

struct OuterIteration {
  int outer = 0;
  int inner_iterations = 0;  // Algorithm B iterations of this outer iteration
  double relative_gap = 0.0; // including queues, at the updated multipliers
  double max_violation = 0.0;
  double max_complementarity = 0.0;
  double beta = 0.0;
  double seconds = 0.0;
};

struct UnservedDemand {
  int cls = 0;
  NodeId origin;
  NodeId destination;
  double demand = 0.0;  // left unserved
};

struct CapacitatedSolution {
  StopReason stop_reason = StopReason::kIterationLimit;
  // Flows on the input links; link_time = t_a(X_a) without queues;
  // class_link_cost = c_ka(X) + vot_k * (queues on a), class units.
  Solution solution;
  std::vector<double> queue_delay;     // mu_r, time units (0 for closed constraints)
  std::vector<double> constraint_flow; // S_r
  std::vector<UnservedDemand> unserved;  // positive entries only
  double unserved_cost = 0.0;            // sum_k p~_k e_k (time units)
  double relative_gap = 0.0;             // including queues and unserved penalty
  double max_violation = 0.0;
  double max_complementarity = 0.0;
  int outer_iterations = 0;
  int inner_iterations = 0;  // Algorithm B iterations in total
  std::vector<OuterIteration> log;
};

// InvalidInput for malformed classes, constraints (links out of range,
// repeated, negative or non-finite capacity) or options, and (without a
// penalty) for demand with no open path, naming the OD pairs.
Result<CapacitatedSolution> SolveCapacitated(const Network& network,
                                             std::span<const DemandClass> classes,
                                             std::span<const SideConstraint> constraints,
                                             const CapacitatedOptions& options);

}  // namespace corridor::assignment
