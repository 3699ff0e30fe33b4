// Certificate of a capacitated equilibrium (capacitated.h), computed from the
// input and the answer's flows and queue delays only: it shares no code with
// the solver but the shortest-path routine and the delay functions.
//
// Checks, with tol the capacity tolerance:
//   * flows: non-negative, none on a link a class may not use or that a
//     capacity of 0 closes; unserved demand within [0, demand], and only for
//     classes with a penalty;
//   * conservation: at every node, class k's outflow - inflow equals its
//     served demand leaving minus arriving (relative to the class's demand);
//   * capacity: S_r <= c_r (1 + tol), recomputed from the class flows;
//   * multipliers: mu_r >= 0, and mu_r > 0 only where |S_r - c_r| <= tol c_r;
//   * relative gap, by Dijkstra per (class, origin) on c~_ka(X) + sum mu_r with
//     u_kod = min(shortest path, p~_k):
//       (sum x c~ + sum e p~ - sum d u) / (sum x c~ + sum e p~)  <= target gap.
// A failed check is listed in `failures`; `passed` is true only when none failed.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "assignment/capacitated.h"

namespace corridor::assignment {

struct CapacityCertificate {
  double tolerance = 0.0;   // as checked
  double target_gap = 0.0;
  double max_violation = 0.0;        // max_r max(0, S_r - c_r) / c_r
  double min_queue_delay = 0.0;
  double max_complementarity = 0.0;  // max over mu_r > 0 of |S_r - c_r| / c_r
  double relative_gap = 0.0;
  double max_conservation_error = 0.0;  // relative to the class's demand
  bool passed = false;
  std::vector<std::string> failures;
};

CapacityCertificate CheckCapacitated(const Network& network, std::span<const DemandClass> classes,
                                     std::span<const SideConstraint> constraints,
                                     std::span<const double> unserved_penalty,
                                     const CapacitatedSolution& answer, double tolerance,
                                     double target_gap);

}  // namespace corridor::assignment
