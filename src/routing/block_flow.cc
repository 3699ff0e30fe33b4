#include "routing/block_flow.h"

#include <algorithm>
#include <limits>
#include <unordered_map>

namespace corridor::routing {
namespace {

// The block's arcs as a small graph over local node numbers.
struct LocalGraph {
  std::unordered_map<int, int> local;  // VNodeId value -> local node
  std::vector<int> tail, head;         // per block arc
  std::vector<std::vector<int>> out;   // local node -> block arc indices

  int Node(VNodeId v) {
    auto [it, inserted] = local.emplace(v.value(), static_cast<int>(out.size()));
    if (inserted) out.emplace_back();
    return it->second;
  }
};

LocalGraph BuildLocalGraph(const model::Network& net, const BlockFlow& block) {
  LocalGraph g;
  for (std::size_t i = 0; i < block.arcs.size(); ++i) {
    const int t = g.Node(net.arc_tail[block.arcs[i].index()]);
    const int h = g.Node(net.arc_head[block.arcs[i].index()]);
    g.tail.push_back(t);
    g.head.push_back(h);
    g.out[static_cast<std::size_t>(t)].push_back(static_cast<int>(i));
  }
  return g;
}

// One depth-first search over arcs with positive flow; returns the block arc indices
// of a directed cycle, or an empty vector when the support is acyclic.
std::vector<int> FindCycle(const LocalGraph& g, const std::vector<double>& flow) {
  enum : char { kWhite, kGrey, kBlack };
  const std::size_t n = g.out.size();
  std::vector<char> colour(n, kWhite);
  std::vector<std::size_t> next(n, 0);
  std::vector<int> path_arcs;  // arcs from the DFS root to the current node
  for (std::size_t root = 0; root < n; ++root) {
    if (colour[root] != kWhite) continue;
    std::vector<int> stack{static_cast<int>(root)};
    colour[root] = kGrey;
    while (!stack.empty()) {
      const auto v = static_cast<std::size_t>(stack.back());
      if (next[v] == g.out[v].size()) {
        colour[v] = kBlack;
        stack.pop_back();
        if (!path_arcs.empty()) path_arcs.pop_back();
        continue;
      }
      const int a = g.out[v][next[v]++];
      if (!(flow[static_cast<std::size_t>(a)] > 0.0)) continue;
      const auto w = static_cast<std::size_t>(g.head[static_cast<std::size_t>(a)]);
      if (colour[w] == kGrey) {
        // The cycle is the path from w to v plus arc a.
        std::vector<int> cycle{a};
        if (w == v) return cycle;
        for (auto it = path_arcs.rbegin(); it != path_arcs.rend(); ++it) {
          cycle.push_back(*it);
          if (static_cast<std::size_t>(g.tail[static_cast<std::size_t>(*it)]) == w) break;
        }
        return cycle;
      }
      if (colour[w] == kWhite) {
        colour[w] = kGrey;
        stack.push_back(static_cast<int>(w));
        path_arcs.push_back(a);
      }
    }
  }
  return {};
}

}  // namespace

void CancelCycles(const model::Network& net, BlockFlow& block) {
  const LocalGraph g = BuildLocalGraph(net, block);
  bool cancelled = false;
  for (auto cycle = FindCycle(g, block.flow_t); !cycle.empty(); cycle = FindCycle(g, block.flow_t)) {
    double least = std::numeric_limits<double>::infinity();
    for (int a : cycle) least = std::min(least, block.flow_t[static_cast<std::size_t>(a)]);
    for (int a : cycle) {
      double& x = block.flow_t[static_cast<std::size_t>(a)];
      x = (x == least) ? 0.0 : x - least;  // the arc that set `least` becomes exactly 0
    }
    cancelled = true;
  }
  if (!cancelled) return;
  std::size_t kept = 0;
  for (std::size_t i = 0; i < block.arcs.size(); ++i) {
    if (!(block.flow_t[i] > 0.0)) continue;
    block.arcs[kept] = block.arcs[i];
    block.flow_t[kept] = block.flow_t[i];
    ++kept;
  }
  block.arcs.resize(kept);
  block.flow_t.resize(kept);
}

std::vector<double> DestinationShares(const model::Network& net, const BlockFlow& block,
                                      std::span<const VNodeId> sinks) {
  LocalGraph g = BuildLocalGraph(net, block);
  const std::size_t n = g.out.size();
  const std::size_t d = sinks.size();

  // Topological order (Kahn) of the acyclic support.
  std::vector<int> indegree(n, 0);
  for (int h : g.head) ++indegree[static_cast<std::size_t>(h)];
  std::vector<int> order;
  order.reserve(n);
  for (std::size_t v = 0; v < n; ++v) {
    if (indegree[v] == 0) order.push_back(static_cast<int>(v));
  }
  for (std::size_t i = 0; i < order.size(); ++i) {
    for (int a : g.out[static_cast<std::size_t>(order[i])]) {
      const auto h = static_cast<std::size_t>(g.head[static_cast<std::size_t>(a)]);
      if (--indegree[h] == 0) order.push_back(static_cast<int>(h));
    }
  }

  std::vector<double> node_share(n * d, 0.0);
  for (std::size_t j = 0; j < d; ++j) {
    auto it = g.local.find(sinks[j].value());
    if (it != g.local.end()) node_share[static_cast<std::size_t>(it->second) * d + j] = 1.0;
  }
  for (auto it = order.rbegin(); it != order.rend(); ++it) {
    const auto v = static_cast<std::size_t>(*it);
    double out_flow = 0.0;
    for (int a : g.out[v]) out_flow += block.flow_t[static_cast<std::size_t>(a)];
    if (!(out_flow > 0.0)) continue;  // a sink, or a node the flow does not leave
    for (int a : g.out[v]) {
      const double w = block.flow_t[static_cast<std::size_t>(a)] / out_flow;
      const auto h = static_cast<std::size_t>(g.head[static_cast<std::size_t>(a)]);
      for (std::size_t j = 0; j < d; ++j) node_share[v * d + j] += w * node_share[h * d + j];
    }
  }

  std::vector<double> arc_share(block.arcs.size() * d);
  for (std::size_t i = 0; i < block.arcs.size(); ++i) {
    const auto h = static_cast<std::size_t>(g.head[i]);
    std::copy_n(node_share.begin() + static_cast<std::ptrdiff_t>(h * d), d,
                arc_share.begin() + static_cast<std::ptrdiff_t>(i * d));
  }
  return arc_share;
}

}  // namespace corridor::routing
