// Conservative compression of one settlement group (one cycle, one currency):
// given the gross obligations aggregated per ordered pair of parties (edges u -> v of
// weight w), remove as much as possible without creating a link, reversing one or
// changing any party's net position. The amount removed from each edge, c_e in
// [0, w_e], must be a circulation (what every party stops paying equals what it stops
// receiving); the compressed obligations are w_e - c_e. The best c maximises the
// removed volume sum c_e: a maximum-volume circulation, solved as an LP with CLP
// (src/lp) whose integral answer is rounded to the unit and then proven optimal
// exactly: the LP's node duals, rounded to integers, must satisfy complementary
// slackness on every edge in integer arithmetic (reduced cost <= 0 where c_e > 0,
// >= 0 where c_e < w_e), which no solver tolerance can fake.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "settle/money.h"

namespace corridor::settle {

struct Edge {
  std::int32_t from = 0;  // local node index, payer
  std::int32_t to = 0;    // payee
  Minor amount = 0;       // > 0
};

struct CompressionResult {
  std::vector<Minor> remaining;  // per input edge: w_e - c_e, in [0, w_e]
  Minor removed = 0;             // sum of c_e
  bool certified = false;        // primal feasible + integer dual certificate holds
  std::string failure;           // why not certified ("" when certified)
  int lp_iterations = 0;
};

// `node_count` local nodes; edges must have from != to. Groups without any cycle are
// answered without an LP (nothing can be removed; the certificate is acyclicity).
CompressionResult Compress(int node_count, const std::vector<Edge>& edges);

// Independent check used by tests: true when no improving cycle exists in the
// residual graph of `remaining` (Bellman-Ford, O(nodes x edges)).
bool NoImprovingCycle(int node_count, const std::vector<Edge>& edges,
                      const std::vector<Minor>& remaining);

}  // namespace corridor::settle
