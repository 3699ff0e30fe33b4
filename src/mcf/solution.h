// Options and answers shared by the two multicommodity flow solvers
// (mcf/arc_lp.h, the exact reference; mcf/column_generation.h, the fast one).
//
// A call returns an error Status only when the call itself is wrong (an invalid
// instance: kInvalidInput) or when the independent checker rejects the solver's
// answer (kCheckFailed). Every solver outcome, infeasible included, is an answer:
// Solution::status.
#pragma once

#include <string>
#include <vector>

#include "mcf/instance.h"

namespace corridor::mcf {

enum class SolveStatus {
  kOptimal,           // relative gap <= Options::gap_tolerance and the checker passed
  kInfeasible,        // some demand without a penalty cannot be met (certificate below)
  kTimeLimit,         // stopped at Options::time_limit_s: the best feasible answer and its
                      // proven gap, or no flows (empty commodities) when none was found yet
  kIterationLimit,    // stopped at Options::max_rounds: as kTimeLimit
  kNumericalFailure,  // the LP solver gave up without a proof
};
const char* SolveStatusName(SolveStatus status);

enum class Method { kArcLp, kColumnGeneration };
const char* MethodName(Method method);

// The column generation master (mcf/column_generation.h).
enum class MasterForm {
  kOriginTrees,     // one convexity row per (class, origin) block; a column routes the
                    // whole block, each commodity on its branch of one shortest-path tree
  kCommodityPaths,  // one demand row per commodity; a column is one path
};

struct Options {
  double time_limit_s = 600.0;        // wall clock, whole call
  double gap_tolerance = 1e-6;        // relative: (upper - lower) / max(1, |upper|)
  double feasibility_tolerance = 1e-6;  // relative, on demand and capacity (checker)
  bool check = true;                  // run CheckSolution on every feasible answer
  int log_level = 0;                  // 0 silent; 1 one line a round to stderr; 2 + LP log
  // Column generation only.
  int threads = 0;                    // pricing threads; 0: hardware concurrency
  int max_rounds = 100000;            // pricing rounds
  int drop_inactive_after = 1;        // drop a column unused for this many rounds
                                      // (a small master pivots faster; pricing finds
                                      // a dropped column again if it is needed)
  MasterForm master = MasterForm::kOriginTrees;  // kOriginTrees: 2x faster on planar150,
                                                 // 30x on 100,000 commodities (bench)
  // Wentges smoothing: pricing on alpha * (multipliers of the best Lagrangian bound) +
  // (1 - alpha) * (master duals), alpha = smoothing; 0 turns it off. It cuts the rounds
  // of kOriginTrees (planar150: 122 -> 87) and ~8% of kCommodityPaths' simplex
  // iterations (bench/README.md).
  double smoothing = 0.5;
  // Lagrangian start: this many subgradient steps on the capacity multipliers before the
  // first master (0: none); the trees of the last lagrangian_start_columns steps seed the
  // master, the best point is the first smoothing centre, and phase one is skipped
  // (grid10: 47.6k -> 24.7k simplex iterations, 14.6 -> 9.6 s CPU; bench/README.md).
  int lagrangian_start = 40;
  int lagrangian_start_columns = 5;
  // ... only when the shortest paths at zero multipliers overload at least this many
  // capacity constraints (else the master is cheap and the steps cost more than they save).
  int lagrangian_start_min_violated = 50;
  // After a Lagrangian start, the capacity rows with a positive multiplier at its best
  // point enter the master before the first solve, which the dual simplex then solves
  // (else only violated rows, in batches, each followed by a dual simplex over all
  // seeded trees): grid10 24.7k -> 19.1k simplex iterations (bench/README.md).
  bool start_rows = true;
  // After a Lagrangian start, the first master by CLP's barrier (with crossover) instead
  // of the simplex when it has at least this many columns: the seeded trees are
  // dense columns (planar2500-shaped: 17,499 columns on 3,450 rows, 103 s instead of
  // 278 s), while on the shared instances (<= 3,600 columns) the primal is as fast or
  // faster (grid9 0.97 s vs 2.31 s; bench/README.md).
  int first_master_barrier_columns = 10000;
};

// A path of one commodity: arcs from its origin to its destination, in order.
struct PathFlow {
  std::vector<ArcId> arcs;
  double flow = 0.0;
};

struct CommodityFlow {       // parallel to Instance::commodities
  std::vector<PathFlow> paths;
  double unserved = 0.0;
};

struct SolveStats {
  int rounds = 0;              // pricing rounds (CG) or 1 (arc LP)
  int lp_iterations = 0;       // simplex iterations, all solves
  int lp_rows = 0;             // of the final LP
  int lp_cols = 0;
  long columns_generated = 0;  // CG: columns (tree or path) added over the run
  long columns_dropped = 0;    // CG: columns removed as long inactive
  int capacity_rows = 0;       // CG: capacity rows added lazily; arc LP: all finite ones
                               // (arc capacities and resources alike)
  double seconds = 0.0;        // wall clock
  double pricing_seconds = 0.0;
  double master_seconds = 0.0;
};

struct CheckReport {
  bool passed = false;
  double max_demand_error = 0.0;     // |sum of path flows + unserved - demand|
  double max_capacity_excess = 0.0;  // max(0, arc or resource flow - capacity)
  double min_flow = 0.0;             // smallest path flow or unserved amount
  double objective_recomputed = 0.0;
  double lower_bound = 0.0;          // Lagrangian bound from the answer's shadow prices
  double relative_gap = 0.0;         // (objective - lower_bound) / max(1, |objective|)
  std::vector<std::string> failures;
};

struct Solution {
  SolveStatus status = SolveStatus::kNumericalFailure;
  Method method = Method::kArcLp;
  // Upper and lower bounds on the optimum; the gap is proven (see mcf/checker.h).
  double objective = 0.0;    // cost + penalty of the flows below
  double lower_bound = 0.0;
  double relative_gap = 0.0;
  double cost = 0.0;         // sum of class arc costs times flows
  double penalty = 0.0;      // sum of penalties times unserved demand

  std::vector<CommodityFlow> commodities;  // empty unless a feasible answer is known
  std::vector<double> arc_flow;            // total flow per arc
  // mu_a >= 0 per arc: one more unit of capacity on arc a lowers the optimum by mu_a
  // (while the basis stays optimal). 0 on arcs whose capacity does not bind.
  // For kInfeasible, the multipliers of the infeasibility certificate.
  std::vector<double> arc_shadow_price;
  // The same per Instance::resources.
  std::vector<double> resource_shadow_price;
  // kInfeasible: a positive value proves infeasibility (InfeasibilityBound, checker.h).
  double infeasibility_bound = 0.0;

  SolveStats stats;
  CheckReport check;
};

// Sparse (arc, flow) pairs of commodity k, arcs ascending, summed over its paths.
std::vector<std::pair<ArcId, double>> CommodityArcFlows(const Solution& solution, CommodityId k);

}  // namespace corridor::mcf
