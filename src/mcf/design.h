// Fixed-charge multicommodity capacitated network design (the MCND problem of the
// Canad instances, read by io/mcnd_reader.h).
//
// Problem. Directed graph, arc a with variable cost c_a, capacity u_a and fixed cost
// f_a; commodity k ships its whole demand d_k from o_k to t_k:
//   minimise   sum_a f_a y_a + sum_a sum_k c_a x_ak
//   subject to flow conservation of every commodity at every node,
//              sum_k x_ak <= u_a y_a                  (capacity, only if opened)
//              x_ak <= min(d_k, u_a) y_a              (strong linking, every a, k)
//              x >= 0, y binary.
// The strong linking inequalities are redundant for the integer problem but tighten
// the LP relaxation a lot. Solved as one MIP by lp::SolveMip (CBC).
//
// Check (CheckDesign, independent of the solver): the rounded y and the flows are
// feasible (conservation, capacity, flow only on opened arcs, within 1e-6 relative)
// and the objective recomputed from them equals the reported one.
#pragma once

#include <string>
#include <vector>

#include "core/status.h"
#include "lp/mip.h"
#include "mcf/instance.h"

namespace corridor::mcf {

struct DesignInstance {
  Instance flow;                  // arcs with cost and capacity, commodities with demand
  std::vector<double> fixed_cost; // per arc, >= 0
};

struct DesignOptions {
  double time_limit_s = 600.0;
  double relative_gap = 1e-6;
  bool strong_linking = true;
  bool cbc_preprocess = false;  // lp::MipOptions
  bool cbc_heuristics = false;
  std::function<bool(const lp::MipProgress&)> on_progress;
};

struct DesignSolution {
  lp::MipStatus status = lp::MipStatus::kNumericalFailure;
  bool has_solution = false;
  double objective = 0.0;
  double best_bound = 0.0;
  double relative_gap = 0.0;
  double lp_bound = 0.0;        // LP relaxation of the same formulation (CLP)
  double seconds = 0.0;
  long nodes = 0;
  int rows = 0;
  int cols = 0;
  std::vector<char> open;       // per arc
  std::vector<double> flow;     // [k * arcs + a]
  bool check_passed = false;
  std::vector<std::string> check_failures;
};

Result<DesignSolution> SolveDesign(const DesignInstance& instance,
                                   const DesignOptions& options = {});

// Returns the failures (empty when the solution is feasible and its objective right).
std::vector<std::string> CheckDesign(const DesignInstance& instance, const DesignSolution& s);

}  // namespace corridor::mcf
