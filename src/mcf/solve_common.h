// Pieces shared by the arc LP and the column generation (not part of the public API).
#pragma once

#include <chrono>
#include <map>
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

// Fills arc_flow, cost, penalty and objective from the path flows and unserved amounts.
void AccumulateFlows(const Instance& instance, Solution& solution);

// Sets the lower bound and gap, runs the checker when asked, decides kOptimal and
// records the time. Returns kCheckFailed when the checker rejects the answer.
Result<Solution> Finish(const Instance& instance, const Options& options, Solution solution,
                        double lower_bound, std::chrono::steady_clock::time_point start);

double SecondsSince(std::chrono::steady_clock::time_point start);

}  // namespace corridor::mcf::internal
