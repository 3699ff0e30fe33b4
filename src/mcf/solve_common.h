// Pieces shared by the arc LP and the column generation (not part of the public API).
#pragma once

#include <chrono>
#include <map>
#include <span>
#include <utility>
#include <vector>

#include "mcf/instance.h"
#include "mcf/solution.h"

namespace corridor::mcf::internal {

// Commodities grouped by (class, origin), in ascending key order.
struct Block {
  ClassId class_id;
  NodeId origin;
  std::vector<int> commodities;
};
std::vector<Block> MakeBlocks(const Instance& instance);

// The capacity constraints of an instance in one index space: constraint c < m is the
// own capacity of arc c (listed on the arc only when finite), constraint m + r is
// resource r. Multipliers mu are indexed the same way.
struct Capacities {
  int num_arcs = 0;
  std::vector<double> capacity;    // per constraint
  std::vector<int> arc_begin;      // CSR: constraints on arc a are
  std::vector<int> arc_constraint; //   arc_constraint[arc_begin[a] .. arc_begin[a+1])

  int size() const { return static_cast<int>(capacity.size()); }
  std::span<const int> OfArc(int a) const {
    return {arc_constraint.data() + arc_begin[a],
            static_cast<std::size_t>(arc_begin[a + 1] - arc_begin[a])};
  }
  // Sum of mu over the constraints on arc a.
  double ArcMultiplier(std::span<const double> mu, int a) const {
    double sum = 0.0;
    for (int c : OfArc(a)) sum += mu[c];
    return sum;
  }
  // Sum of mu_c u_c over constraints with mu_c > 0.
  double CapacityTerm(std::span<const double> mu) const;
};
Capacities MakeCapacities(const Instance& instance);

// Joins per-arc and per-resource multipliers (clamped at 0; 0 on unlimited arcs; an
// empty span counts as zeros) into the constraint index space, and splits them back.
std::vector<double> JoinMultipliers(const Instance& instance, std::span<const double> arc_mu,
                                    std::span<const double> resource_mu);
void SplitMultipliers(const Instance& instance, std::span<const double> mu, Solution& solution);

// Fills arc_flow, cost, penalty and objective from the path flows and unserved amounts.
void AccumulateFlows(const Instance& instance, Solution& solution);

// Sets the lower bound and gap, runs the checker when asked, decides kOptimal and
// records the time. Returns kCheckFailed when the checker rejects the answer.
Result<Solution> Finish(const Instance& instance, const Options& options, Solution solution,
                        double lower_bound, std::chrono::steady_clock::time_point start);

double SecondsSince(std::chrono::steady_clock::time_point start);

}  // namespace corridor::mcf::internal
