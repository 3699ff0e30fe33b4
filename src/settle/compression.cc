#include "settle/compression.h"

#include <cmath>
#include <limits>

#include "lp/lp.h"

namespace corridor::settle {

namespace {

// Largest amount a double holds exactly: the LP sees edge weights only up to this.
constexpr Minor kExactInDouble = Minor{1} << 53;

// true when the directed graph of `edges` has a cycle (iterative DFS colouring).
bool HasCycle(int n, const std::vector<Edge>& edges) {
  std::vector<int> start(n + 1, 0), adj(edges.size());
  for (const Edge& e : edges) ++start[e.from + 1];
  for (int v = 0; v < n; ++v) start[v + 1] += start[v];
  std::vector<int> fill(start.begin(), start.end() - 1);
  for (const Edge& e : edges) adj[fill[e.from]++] = e.to;
  std::vector<char> colour(n, 0);  // 0 new, 1 on stack, 2 done
  std::vector<std::pair<int, int>> stack;
  for (int root = 0; root < n; ++root) {
    if (colour[root]) continue;
    stack.push_back({root, start[root]});
    colour[root] = 1;
    while (!stack.empty()) {
      auto& [v, next] = stack.back();
      if (next == start[v + 1]) {
        colour[v] = 2;
        stack.pop_back();
        continue;
      }
      const int w = adj[next++];
      if (colour[w] == 1) return true;
      if (colour[w] == 0) {
        colour[w] = 1;
        stack.push_back({w, start[w]});
      }
    }
  }
  return false;
}

// Conservation of the removed amounts c_e = w_e - remaining_e at every node, exactly.
bool IsCirculation(int n, const std::vector<Edge>& edges, const std::vector<Minor>& remaining) {
  std::vector<Minor> balance(n, 0);  // |sums| <= the group's gross: no overflow
  for (std::size_t e = 0; e < edges.size(); ++e) {
    const Minor c = edges[e].amount - remaining[e];
    if (c < 0 || remaining[e] < 0) return false;
    balance[edges[e].from] -= c;
    balance[edges[e].to] += c;
  }
  for (Minor b : balance) {
    if (b != 0) return false;
  }
  return true;
}

}  // namespace

CompressionResult Compress(int n, const std::vector<Edge>& edges) {
  CompressionResult r;
  r.remaining.resize(edges.size());
  for (std::size_t e = 0; e < edges.size(); ++e) r.remaining[e] = edges[e].amount;
  if (!HasCycle(n, edges)) {
    r.certified = true;  // an acyclic graph carries no circulation but zero
    return r;
  }
  for (const Edge& e : edges) {
    if (e.amount > kExactInDouble) {
      r.failure = "an obligation exceeds 2^53 minor units; left uncompressed";
      return r;
    }
  }
  lp::Model model;
  for (int v = 0; v < n; ++v) model.AddRow(0.0, 0.0);
  model.Reserve(edges.size(), 2 * edges.size());
  for (const Edge& e : edges) {
    const int rows[2] = {e.from, e.to};
    const double coefs[2] = {-1.0, 1.0};
    model.AddColumn(-1.0, 0.0, static_cast<double>(e.amount), rows, coefs);
  }
  lp::Solver solver;
  solver.Load(model);
  const lp::SolveStatus status = solver.Solve({.algorithm = lp::Algorithm::kPrimalSimplex});
  r.lp_iterations = solver.iterations();
  if (status != lp::SolveStatus::kOptimal) {
    r.failure = std::string("compression LP: ") + lp::SolveStatusName(status);
    return r;
  }
  const auto x = solver.primal();
  std::vector<Minor> remaining(edges.size());
  for (std::size_t e = 0; e < edges.size(); ++e) {
    Minor c = std::llround(x[e]);
    c = std::max<Minor>(0, std::min(c, edges[e].amount));
    remaining[e] = edges[e].amount - c;
  }
  if (!IsCirculation(n, edges, remaining)) {
    r.failure = "compression LP answer is not an exact circulation after rounding";
    return r;
  }
  // Integer dual certificate: reduced cost of c_e is -1 - y_to + y_from.
  const auto y = solver.duals();
  std::vector<std::int64_t> pi(n);
  for (int v = 0; v < n; ++v) {
    if (!std::isfinite(y[v]) || std::fabs(y[v]) > 1e15) {
      r.failure = "compression LP duals are not finite";
      return r;
    }
    pi[v] = std::llround(y[v]);
  }
  for (std::size_t e = 0; e < edges.size(); ++e) {
    const std::int64_t rc = -1 - pi[edges[e].to] + pi[edges[e].from];
    const bool removed_some = remaining[e] < edges[e].amount;
    const bool kept_some = remaining[e] > 0;
    if ((removed_some && rc > 0) || (kept_some && rc < 0)) {
      r.failure = "compression certificate: complementary slackness fails on an edge";
      return r;
    }
  }
  r.remaining = std::move(remaining);
  r.removed = 0;
  for (std::size_t e = 0; e < edges.size(); ++e) r.removed += edges[e].amount - r.remaining[e];
  r.certified = true;
  return r;
}

bool NoImprovingCycle(int n, const std::vector<Edge>& edges, const std::vector<Minor>& remaining) {
  // Residual arcs of the min-cost problem (cost -1 per unit removed): u->v at cost -1
  // while more of e can be removed, v->u at cost +1 while some of e was removed.
  struct Arc { int from, to, cost; };
  std::vector<Arc> arcs;
  for (std::size_t e = 0; e < edges.size(); ++e) {
    if (remaining[e] > 0) arcs.push_back({edges[e].from, edges[e].to, -1});
    if (remaining[e] < edges[e].amount) arcs.push_back({edges[e].to, edges[e].from, 1});
  }
  std::vector<long long> dist(n, 0);
  for (int round = 0; round <= n; ++round) {
    bool changed = false;
    for (const Arc& a : arcs) {
      if (dist[a.from] + a.cost < dist[a.to]) {
        dist[a.to] = dist[a.from] + a.cost;
        changed = true;
      }
    }
    if (!changed) return true;
  }
  return false;
}

}  // namespace corridor::settle
