// Static user equilibrium (Wardrop) assignment with several user classes.
//
// Problem. Network (V, A), delay t_a(X_a) per link (link_cost.h), classes k with
// generalised costs c_ka (network.h) and demands d_kod. Find class link flows
// x_ka >= 0, each a flow of class k's demand routed over paths that start at an
// origin, end at a destination and pass no centroid, such that every used path
// of a class and OD pair has that class's least cost u_kod (Wardrop's first
// principle). With c~_ka = c_ka / vot_k (class cost in time units) and
// X_a = sum_k w_k x_ka, the equilibrium minimises the convex Beckmann objective
//   F(x) = sum_a T_a(X_a) + sum_k sum_a w_k * (c~_ka - t_a) * x_ka,  T_a = integral of t_a,
// since dF/dx_ka = w_k c~_ka. F is reported as `beckmann`.
//
// Measures (time units, c~):
//   relative gap  = (sum_k sum_a x_ka c~_ka - sum_k sum_od d_kod u~_kod) / sum_k sum_a x_ka c~_ka
//   average excess cost = (same numerator) / sum of routed demand
//   total cost = sum_k sum_a x_ka c~_ka;  total time = sum_k sum_a x_ka t_a
// Intrazonal demand (o == d) is excluded from routing and from every measure.
//
// Algorithms.
//   kAlgorithmB: origin-based (Dial 2006). Each (class, origin) keeps a bush, an
//     acyclic subnetwork rooted at the origin carrying that origin's flow,
//     stored as a CSR of its links grouped by head in topological order (the
//     nodes are not listed: the node at a position is the head of its first
//     link in, so storage is ~20 bytes per bush link and position). An
//     iteration (1) updates every bush at the current costs: computes its
//     shortest labels and repairs them into the network's exact shortest
//     distances (label-correcting from the links that shorten them; these give
//     the gap, so no separate all-or-nothing pass is needed), drops unused links
//     except the bush's shortest-path tree, and adds every link (i, j) with
//     L_i + c_ij < L_j for the longest labels L of the remaining bush (Nie
//     2010), which keeps it acyclic: sorting by L is a topological order of the
//     new bush (ordering is an insertion sort of the previous order, which is
//     nearly sorted, with a full sort past a budget; the repair and the
//     search for links to add share one scan of the out-links); (2) runs 10
//     Gauss-Seidel sweeps over the bushes, up to 10 more while at most 80 % of
//     the bushes are active, each one label pass per bush (a bush whose pass
//     shifts nothing sits out the iteration's remaining sweeps; the pass
//     visits only the nodes with two or more links in and, transitively, the
//     tails of the links into them, marked at each update: on near-tree
//     bushes a fraction of the bush): for every such node, in reverse
//     topological order, it moves
//     flow from the longest used to the shortest bush path between their last
//     common node and the node, by a Newton step
//     dx = (C_long - C_short) / (sum of exact cost derivatives on both segments),
//     capped by the flow on the long segment. Repeating the cheap sweeps
//     between updates counters the slow linear convergence caused by bushes
//     of different origins disturbing each other on shared links.
//     Converges to gaps near machine precision (1e-13). Memory O(sum of bush
//     sizes) <= O(#bushes * m).
//   kFrankWolfe (LeBlanc et al. 1975), kConjugateFrankWolfe and
//     kBiconjugateFrankWolfe (Mitradjieva & Lindberg 2013): link-based, one
//     all-or-nothing assignment and an exact line search on F per iteration.
//     FW converges sublinearly (gap ~ 1/k); the conjugate variants are faster
//     but still far from 1e-12. Memory O(#classes * m). The (bi)conjugate
//     directions are made conjugate, with respect to the Hessian of F at the
//     current point, to the previous one (two) directions; when the resulting
//     combination of targets is not convex the method falls back to fewer
//     previous directions (down to plain FW).
//
// Parallelism: a pool of `threads` persistent threads (started once per Solve)
// runs shortest-path trees (all-or-nothing, gaps) and bush updates over
// (class, origin) tasks; each task writes its own buffer and buffers are reduced
// in a fixed order, so results are bitwise identical for every thread count.
// Flow shifting is sequential (Gauss-Seidel over bushes), which is what makes
// Algorithm B converge fast; it is about a third of the work on Chicago-Sketch
// and half or more on grid-like networks, so a second thread gains little. (Groups of bushes shifted concurrently against private copies of the
// link state and merged in a fixed order, Jacobi between groups, were measured
// and dropped: they multiplied the iterations and stalled Chicago-Sketch near
// 1e-4; bench/README.md.)
//
// The reported gap is exact at every iteration: u_od are the network's
// shortest-path costs at the current link costs, obtained by repairing the
// bush's shortest labels with a label-correcting pass (Bellman 1958) seeded from
// every link that violates dist(j) <= dist(i) + c_ij, so Bellman's conditions
// hold on every link afterwards; a test recomputes the gap from the returned
// flows with an independent Dijkstra.
//
// Limits: delay functions must be non-decreasing and convex; class costs are
// non-negative; the answer is deterministic and involves no randomness.
//
// References: Beckmann, McGuire, Winsten (1956); Bellman, "On a routing problem",
// Quart. Appl. Math. 16 (1958); LeBlanc, Morlok, Pierskalla
// (1975); Dial, "A path-based user-equilibrium traffic assignment algorithm
// that obviates path storage and enumeration", Transp. Res. B 40 (2006);
// Mitradjieva, Lindberg, "The stiff is moving - conjugate direction Frank-Wolfe
// methods with applications to traffic assignment", Transp. Sci. 47 (2013);
// Nie, "A class of bush-based algorithms for the traffic assignment problem",
// Transp. Res. B 44 (2010); Spiess, "Conical volume-delay functions", Transp.
// Sci. 24 (1990).
#pragma once

#include <functional>
#include <span>
#include <vector>

#include "assignment/network.h"
#include "core/status.h"

namespace corridor::assignment {

enum class Algorithm { kAlgorithmB, kFrankWolfe, kConjugateFrankWolfe, kBiconjugateFrankWolfe };

struct Options {
  Algorithm algorithm = Algorithm::kAlgorithmB;
  double target_relative_gap = 1e-12;  // stop when the gap is at most this
  int max_iterations = 1000;           // >= 0; 0 reports the initial all-or-nothing state
  double time_limit_seconds = 3600.0;  // wall clock, checked once per iteration
  int threads = 1;                     // >= 1
  // Called after every iteration with its statistics, from iteration 0 to the last
  // one; returning false stops the solve with StopReason::kCancelled unless that
  // iteration already reached the gap or a limit. Must be cheap.
  std::function<bool(const struct IterationStats&)> on_iteration;
};

struct IterationStats {
  int iteration = 0;  // 0 = initial all-or-nothing assignment
  double relative_gap = 0.0;
  double average_excess_cost = 0.0;
  double beckmann = 0.0;
  double total_cost = 0.0;
  double total_time = 0.0;
  double seconds = 0.0;  // wall clock since the start of Solve
};

enum class StopReason { kConverged, kIterationLimit, kTimeLimit, kCancelled };

struct Solution {
  StopReason stop_reason = StopReason::kIterationLimit;
  IterationStats final;                        // measures of the returned flows
  std::vector<IterationStats> log;             // one entry per iteration, from 0
  std::vector<double> link_flow;               // X_a (weighted by flow_weight)
  std::vector<double> link_time;               // t_a(X_a)
  std::vector<std::vector<double>> class_link_flow;  // x_ka, per class then link
  std::vector<std::vector<double>> class_link_cost;  // c_ka in class units (inf if not allowed)
};

// InvalidInput when a class or option is malformed (sizes, signs, node ids) or
// some positive demand has no path; the message lists each problem.
Result<Solution> Solve(const Network& network, std::span<const DemandClass> classes,
                       const Options& options);

const char* AlgorithmName(Algorithm algorithm);

}  // namespace corridor::assignment
