#include "paths/shortest_path.h"

#include <gtest/gtest.h>

#include <random>

namespace corridor::paths {
namespace {

struct RandomGraph {
  Graph graph;
  std::vector<double> cost;
};

RandomGraph MakeRandomGraph(int n, int m, unsigned seed) {
  std::mt19937 rng(seed);
  std::uniform_int_distribution<int> node(0, n - 1);
  std::uniform_real_distribution<double> len(0.0, 10.0);
  std::vector<NodeId> tails, heads;
  std::vector<double> cost;
  for (int i = 0; i < m; ++i) {
    tails.push_back(NodeId(node(rng)));
    heads.push_back(NodeId(node(rng)));
    cost.push_back(i % 7 == 0 ? 0.0 : len(rng));  // some zero-cost links
  }
  return {Graph(n, tails, heads), cost};
}

// Bellman-Ford with the same through-restriction, as an independent reference.
std::vector<double> BellmanFord(const Graph& g, const std::vector<double>& cost, NodeId s,
                                const std::vector<char>& through) {
  std::vector<double> d(g.node_count(), kUnreachable);
  d[s.index()] = 0;
  for (int round = 0; round < g.node_count(); ++round) {
    for (int a = 0; a < g.link_count(); ++a) {
      const NodeId u = g.tail(LinkId(a));
      if (u != s && !through.empty() && !through[u.index()]) continue;
      d[g.head(LinkId(a)).index()] =
          std::min(d[g.head(LinkId(a)).index()], d[u.index()] + cost[a]);
    }
  }
  return d;
}

TEST(Dijkstra, MatchesBellmanFordAndCertifiesTheTree) {
  for (unsigned seed = 1; seed <= 20; ++seed) {
    auto [g, cost] = MakeRandomGraph(40, 160, seed);
    std::vector<char> through(g.node_count(), 1);
    for (int v = 0; v < 5; ++v) through[v] = seed % 2 ? 0 : 1;  // centroid-like nodes
    Dijkstra dijkstra(g);
    ShortestPathTree tree;
    const NodeId s(static_cast<int>(seed % 5));
    dijkstra.Run(s, cost, through, tree);
    const auto ref = BellmanFord(g, cost, s, through);
    for (int v = 0; v < g.node_count(); ++v) {
      EXPECT_DOUBLE_EQ(tree.distance[v], ref[v]) << "seed " << seed << " node " << v;
      const LinkId p = tree.pred[v];
      if (p.valid()) {
        EXPECT_DOUBLE_EQ(tree.distance[v], tree.distance[g.tail(p).index()] + cost[p.index()]);
      }
    }
    for (std::size_t i = 1; i < tree.order.size(); ++i) {
      EXPECT_LE(tree.distance[tree.order[i - 1].index()], tree.distance[tree.order[i].index()]);
    }
  }
}

TEST(Dijkstra, CentroidsAreNotPassedThrough) {
  // 0 -> 1 -> 2 is cheap but 1 is a centroid; the path must take 0 -> 3 -> 2.
  const std::vector<NodeId> tails = {NodeId(0), NodeId(1), NodeId(0), NodeId(3)};
  const std::vector<NodeId> heads = {NodeId(1), NodeId(2), NodeId(3), NodeId(2)};
  const std::vector<double> cost = {1, 1, 5, 5};
  Graph g(4, tails, heads);
  const std::vector<char> through = {0, 0, 1, 1};
  Dijkstra dijkstra(g);
  ShortestPathTree tree;
  dijkstra.Run(NodeId(0), cost, through, tree);
  EXPECT_EQ(tree.distance[2], 10.0);
  EXPECT_EQ(tree.distance[1], 1.0);
  dijkstra.Run(NodeId(1), cost, through, tree);  // a centroid may start a path
  EXPECT_EQ(tree.distance[2], 1.0);
}

}  // namespace
}  // namespace corridor::paths
