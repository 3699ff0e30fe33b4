// The exact reference solver: the origin-aggregated arc LP, solved by lp::Solver.
//
// Blocks b = (class q, origin o) carry one flow variable x_ba >= 0 per arc a allowed
// for q whose tail is reachable from o on allowed arcs, and every commodity k an
// unserved amount 0 <= u_k <= D_k (fixed at 0 without a penalty):
//   minimise   sum_b sum_a c_qa x_ba + sum_k p_k u_k
//   subject to out_b(v) - in_b(v) = sum_{k in b: o_k = v} (D_k - u_k)
//                                 - sum_{k in b: d_k = v} (D_k - u_k)   (block b, node v)
//              sum_b x_ba <= u_a                       (arcs with finite capacity)
// Size: sum_b (reachable nodes) + capacitated arcs rows, sum_b (reachable arcs) + K
// columns. Dual simplex; on planar150 (150 blocks x 850 arcs) it takes ~35 s.
//
// The answer: block flows are decomposed into paths per commodity (zero-cost cycles
// are cancelled), shadow prices are minus the capacity rows' duals, and the gap is
// the Lagrangian one of mcf/checker.h. When the LP is infeasible the phase-one LP
// (unit cost on unmet unpenalised demand, zero arc costs) is solved too and its duals
// give the certificate InfeasibilityBound(mu) > 0.
#pragma once

#include "core/status.h"
#include "mcf/instance.h"
#include "mcf/solution.h"

namespace corridor::mcf {

// Options used: time_limit_s, gap_tolerance, feasibility_tolerance, check, log_level.
Result<Solution> SolveArcLp(const Instance& instance, const Options& options = {});

}  // namespace corridor::mcf
