#include "mcf/planar_instance.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <numeric>
#include <queue>
#include <random>
#include <utility>
#include <vector>

namespace corridor::mcf {
namespace {

struct Point {
  double x = 0.0;
  double y = 0.0;
};

double Cross(Point o, Point a, Point b) { return (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x); }

// Segments pq and rs cross in their interiors (a shared endpoint is no crossing).
bool Crosses(Point p, Point q, Point r, Point s) {
  const double d1 = Cross(r, s, p), d2 = Cross(r, s, q), d3 = Cross(p, q, r), d4 = Cross(p, q, s);
  return ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0));
}

// Undirected edges: the Euclidean minimum spanning forest of the candidate pairs (planar,
// keeps the graph connected), then the shortest candidates crossing no edge taken.
std::vector<std::pair<int, int>> PlanarEdges(const std::vector<Point>& pts, int neighbours,
                                             int num_edges) {
  const int n = static_cast<int>(pts.size());
  auto length = [&](int a, int b) { return std::hypot(pts[a].x - pts[b].x, pts[a].y - pts[b].y); };
  std::vector<std::pair<int, int>> candidates;
  std::vector<int> order(static_cast<std::size_t>(n));
  for (int v = 0; v < n; ++v) {
    std::iota(order.begin(), order.end(), 0);
    const int k = std::min(neighbours + 1, n);
    std::partial_sort(order.begin(), order.begin() + k, order.end(),
                      [&](int a, int b) { return length(v, a) < length(v, b); });
    for (int i = 0; i < k; ++i) {
      if (order[i] != v) candidates.emplace_back(std::min(v, order[i]), std::max(v, order[i]));
    }
  }
  std::sort(candidates.begin(), candidates.end());
  candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
  std::stable_sort(candidates.begin(), candidates.end(), [&](const auto& a, const auto& b) {
    return length(a.first, a.second) < length(b.first, b.second);
  });
  std::vector<int> root(static_cast<std::size_t>(n));
  std::iota(root.begin(), root.end(), 0);
  std::function<int(int)> find = [&](int v) { return root[v] == v ? v : root[v] = find(root[v]); };
  std::vector<std::pair<int, int>> edges;
  std::vector<char> taken(candidates.size(), 0);
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    const auto [a, b] = candidates[i];
    if (find(a) == find(b)) continue;
    root[find(a)] = find(b);
    edges.push_back(candidates[i]);
    taken[i] = 1;
  }
  for (std::size_t i = 0; i < candidates.size() && static_cast<int>(edges.size()) < num_edges; ++i) {
    if (taken[i]) continue;
    const auto [a, b] = candidates[i];
    const bool free = std::none_of(edges.begin(), edges.end(), [&](const auto& e) {
      return Crosses(pts[a], pts[b], pts[e.first], pts[e.second]);
    });
    if (free) edges.push_back(candidates[i]);
  }
  return edges;
}

}  // namespace

Instance GeneratePlanarInstance(const PlanarInstanceSpec& spec, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  const int n = std::max(2, spec.num_nodes);
  const double side = 1000.0 * std::sqrt(static_cast<double>(n));
  std::vector<Point> pts(static_cast<std::size_t>(n));
  for (Point& p : pts) p = {side * unit(rng), side * unit(rng)};
  Instance inst;
  inst.num_nodes = n;
  for (const auto& [a, b] : PlanarEdges(pts, spec.neighbours, spec.num_arcs / 2)) {
    const double cost = std::max(1.0, std::round(std::hypot(pts[a].x - pts[b].x, pts[a].y - pts[b].y)));
    inst.arcs.push_back({NodeId(a), NodeId(b), cost, kUnlimited});
    inst.arcs.push_back({NodeId(b), NodeId(a), cost, kUnlimited});
  }
  std::vector<std::vector<int>> out(static_cast<std::size_t>(n));
  for (int a = 0; a < inst.num_arcs(); ++a) out[inst.arcs[a].tail.index()].push_back(a);
  // A second routing on costs perturbed by U[1, 3] per arc; capacities are raised to its
  // loads, so it is a feasible flow (a thin cut cannot make the instance infeasible).
  std::vector<double> perturbed(inst.arcs.size());
  for (std::size_t a = 0; a < perturbed.size(); ++a) perturbed[a] = inst.arcs[a].cost * (1.0 + 2.0 * unit(rng));
  std::vector<double> load(inst.arcs.size(), 0.0), alt_load(inst.arcs.size(), 0.0);
  std::vector<double> dist(static_cast<std::size_t>(n));
  std::vector<int> pred(static_cast<std::size_t>(n)), alt_pred(pred), reachable;
  auto shortest_paths = [&](int o, auto cost_of, std::vector<int>& pr) {
    std::fill(dist.begin(), dist.end(), std::numeric_limits<double>::infinity());
    std::fill(pr.begin(), pr.end(), -1);
    using Entry = std::pair<double, int>;
    std::priority_queue<Entry, std::vector<Entry>, std::greater<>> heap;
    dist[o] = 0.0;
    heap.emplace(0.0, o);
    while (!heap.empty()) {
      const auto [d, v] = heap.top();
      heap.pop();
      if (d > dist[v]) continue;
      for (int a : out[v]) {
        const int w = inst.arcs[a].head.value();
        if (d + cost_of(a) < dist[w]) {
          dist[w] = d + cost_of(a);
          pr[w] = a;
          heap.emplace(dist[w], w);
        }
      }
    }
  };
  auto add_load = [&](const std::vector<int>& pr, int d, double amount, std::vector<double>& to) {
    for (int v = d; pr[v] >= 0; v = inst.arcs[pr[v]].tail.value()) to[pr[v]] += amount;
  };
  for (int o = 0; o < n; ++o) {
    const int count = spec.num_commodities / n + (o < spec.num_commodities % n ? 1 : 0);
    shortest_paths(o, [&](int a) { return perturbed[a]; }, alt_pred);
    shortest_paths(o, [&](int a) { return inst.arcs[a].cost; }, pred);
    reachable.clear();
    for (int v = 0; v < n; ++v) {
      if (v != o && pred[v] >= 0) reachable.push_back(v);
    }
    const int take = std::min<int>(count, static_cast<int>(reachable.size()));
    for (int i = 0; i < take; ++i) {  // partial Fisher-Yates: distinct destinations
      std::swap(reachable[i], reachable[i + std::uniform_int_distribution<std::size_t>(
                                                    0, reachable.size() - 1 - i)(rng)]);
      Commodity c;
      c.origin = NodeId(o);
      c.destination = NodeId(reachable[i]);
      c.demand = static_cast<double>(std::uniform_int_distribution<int>(2, 11)(rng));
      add_load(pred, reachable[i], c.demand, load);
      add_load(alt_pred, reachable[i], c.demand, alt_load);
      inst.commodities.push_back(c);
    }
  }
  const double mean_load =
      std::accumulate(load.begin(), load.end(), 0.0) / std::max<std::size_t>(1, load.size());
  const double median_capacity = std::max(1.0, spec.capacity_ratio * mean_load);
  for (std::size_t a = 0; a < inst.arcs.size(); ++a) {
    inst.arcs[a].capacity =
        std::max(std::round(median_capacity * (0.66 + 0.66 * unit(rng))), std::ceil(alt_load[a]));
  }
  return inst;
}

}  // namespace corridor::mcf
