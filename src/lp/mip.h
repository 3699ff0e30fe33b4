// Mixed-integer programs: the lp::Model with integer columns (Model::SetInteger),
// solved by branch and cut.
//
// Only lp/cbc_solver.cc includes COIN-OR CBC headers. CBC runs its standard solver on
// one thread: cuts always, and preprocessing and primal heuristics only when asked
// (MipOptions): on the strong network-design formulations of mcf/design.h and
// plan/gated_model.h the LP bound is tight and the search finds the optimum itself,
// while preprocessing and heuristics took 2.4-5 times as long (bench/README.md,
// "Investment planning"). The time limit always holds: CBC's
// own limit is set, and an event handler also stops the search at the first node or
// solution event past the deadline (or when on_progress returns false).
//
// Gap. relative_gap = (objective - best_bound) / max(1, |objective|), the bound being
// CBC's best possible objective over the open nodes. Status kOptimal means the search
// ended with a proven optimum, i.e. a gap at most MipOptions::relative_gap (1e-6 by
// default); at a time limit the incumbent (if any) and its gap are reported.
#pragma once

#include <functional>
#include <limits>
#include <vector>

#include "lp/lp.h"

namespace corridor::lp {

enum class MipStatus {
  kOptimal,           // gap <= relative_gap, solution available
  kTimeLimit,         // stopped at the time limit; has_solution says if there is one
  kStopped,           // on_progress asked to stop
  kInfeasible,        // proven: no integer solution
  kUnbounded,         // the relaxation is unbounded
  kNumericalFailure,  // the solver gave up, or a model outside its working range
};
const char* MipStatusName(MipStatus status);

struct MipProgress {
  double seconds = 0.0;
  double objective = kInfinity;   // best integer solution so far; kInfinity if none
  double best_bound = -kInfinity;
  long nodes = 0;
};

struct MipOptions {
  double time_limit_s = kInfinity;
  double relative_gap = 1e-6;
  int log_level = 0;  // 0 = silent
  bool preprocess = false;  // CBC's preprocessing (probing, clique merging, ...)
  bool heuristics = false;  // CBC's primal heuristics (feasibility pump, RINS, ...)
  // Called on CBC's node and solution events (at most every 0.2 s); false stops.
  std::function<bool(const MipProgress&)> on_progress;
};

struct MipResult {
  MipStatus status = MipStatus::kNumericalFailure;
  bool has_solution = false;
  double objective = kInfinity;     // of the best integer solution found
  double best_bound = -kInfinity;   // proven lower bound on the optimum
  double relative_gap = kInfinity;  // see above; 0 when optimal and equal
  std::vector<double> x;            // the best solution (empty if none)
  long nodes = 0;
  double seconds = 0.0;
};

double RelativeGap(double objective, double bound);

// Minimises model's objective with its integer columns integral.
MipResult SolveMip(const Model& model, const MipOptions& options = {});

}  // namespace corridor::lp
