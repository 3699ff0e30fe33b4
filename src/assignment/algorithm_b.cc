// Algorithm B (Dial 2006); see equilibrium.h for the method and its invariants:
//  - a bush's links form an acyclic graph in which every reached node keeps
//    its in-bush shortest-path link, and `order` is a topological order of it;
//  - bush flows are non-negative and conserve the origin's demand at every node.
#include <algorithm>
#include <cmath>
#include <limits>

#include "assignment/problem.h"

namespace corridor::assignment::internal {
namespace {
constexpr double kInf = std::numeric_limits<double>::infinity();
// Flows below this fraction of the origin's demand are rounding residue.
constexpr double kNegligibleFlow = 1e-13;

struct Bush {
  std::vector<double> flow;   // this origin's class flow per link
  std::vector<char> in;       // link belongs to the bush
  std::vector<NodeId> order;  // topological order of the bush (all nodes)
};

// Shortest and longest bush paths from the origin, in topological order.
struct Labels {
  std::vector<double> shortest, longest;
  std::vector<LinkId> shortest_pred, longest_pred;
  std::vector<int> pos;  // position in the bush's order
  // Scratch space of a bush update.
  std::vector<int> against_order, scratch;
  std::vector<NodeId> new_order;

  explicit Labels(int n)
      : shortest(n), longest(n), shortest_pred(n), longest_pred(n), pos(n) {}

  // `longest` runs over used links (flow > 0) when used_only, else over all
  // bush links. cost(a) gives the class cost of link a.
  template <typename CostFn>
  void Compute(const paths::Graph& g, const Bush& bush, NodeId origin, bool used_only,
               const CostFn& cost) {
    for (std::size_t i = 0; i < bush.order.size(); ++i) {
      const NodeId v = bush.order[i];
      pos[v.index()] = static_cast<int>(i);
      double best = kInf, worst = -kInf;
      LinkId best_pred, worst_pred;
      if (v == origin) {
        best = worst = 0.0;
      } else {
        for (LinkId a : g.InLinks(v)) {
          if (!bush.in[a.index()]) continue;
          const NodeId u = g.tail(a);
          const double c = cost(a.index());
          if (shortest[u.index()] + c < best) {
            best = shortest[u.index()] + c;
            best_pred = a;
          }
          if ((!used_only || bush.flow[a.index()] > 0) && longest[u.index()] + c > worst) {
            worst = longest[u.index()] + c;
            worst_pred = a;
          }
        }
      }
      shortest[v.index()] = best;
      longest[v.index()] = worst;
      shortest_pred[v.index()] = best_pred;
      longest_pred[v.index()] = worst_pred;
    }
  }
};

class AlgorithmB {
 public:
  AlgorithmB(const Problem& problem, const Options& options, double start_time,
             Progress& progress)
      : p_(problem),
        g_(problem.network->graph()),
        options_(options),
        start_time_(start_time),
        progress_(progress),
        labels_(g_.node_count()) {}

  Status Run();

 private:
  Status Initialise();
  void UpdateBush(int task, std::span<const double> cost, Labels& labels);
  void Equilibrate(int task, double threshold);
  void Shift(int task, NodeId node);
  void RefreshLink(int a);
  void CollectFlows();
  double ClassCost(int k, int a) const { return p_.classes[k].vot * time_[a] + p_.classes[k].fixed[a]; }

  const Problem& p_;
  const paths::Graph& g_;
  const Options& options_;
  double start_time_;
  Progress& progress_;
  std::vector<Bush> bushes_;
  std::vector<double> origin_demand_;  // per bush
  std::vector<double> derivative_;  // t'_a(X_a), kept in step with time_
  std::vector<double> time_;        // live link times during equilibration
  std::vector<double> flow_;        // live X_a
  Labels labels_;
  std::vector<LinkId> short_segment_, long_segment_;
};

Status AlgorithmB::Initialise() {
  const int n = g_.node_count();
  const int m = p_.link_count();
  const int class_count = static_cast<int>(p_.classes.size());
  std::vector<double> zero_time(m);
  for (int a = 0; a < m; ++a) zero_time[a] = p_.network->link(LinkId(a)).cost.Time(0.0);
  // Validates reachability with located messages before building bushes.
  auto reachable = AllOrNothing(p_, zero_time, nullptr);
  if (!reachable.ok()) return reachable.status();

  std::vector<std::vector<double>> cost(class_count, std::vector<double>(m));
  for (int k = 0; k < class_count; ++k) p_.ClassCost(k, zero_time, cost[k]);
  bushes_.resize(p_.tasks.size());
  origin_demand_.assign(p_.tasks.size(), 0.0);
  for (std::size_t t = 0; t < p_.tasks.size(); ++t) {
    const Origin& origin = p_.classes[p_.tasks[t].cls].origins[p_.tasks[t].origin];
    for (const auto& [dest, demand] : origin.destinations) origin_demand_[t] += demand;
  }
  const int workers = std::max(1, p_.threads);
  std::vector<paths::Dijkstra> dijkstra(workers, paths::Dijkstra(g_));
  std::vector<paths::ShortestPathTree> trees(workers);
  std::vector<std::vector<double>> node_flow(workers, std::vector<double>(n, 0.0));
  ParallelFor(static_cast<int>(p_.tasks.size()), workers, [&](int t, int w) {
    const Task& task = p_.tasks[t];
    const Origin& origin = p_.classes[task.cls].origins[task.origin];
    paths::ShortestPathTree& tree = trees[w];
    dijkstra[w].Run(origin.node, cost[task.cls], p_.network->through_allowed(), tree);
    Bush& bush = bushes_[t];
    bush.flow.assign(m, 0.0);
    bush.in.assign(m, 0);
    std::vector<char> reached(n, 0);
    bush.order = tree.order;
    for (NodeId v : tree.order) {
      reached[v.index()] = 1;
      if (tree.pred[v.index()].valid()) bush.in[tree.pred[v.index()].index()] = 1;
    }
    for (int v = 0; v < n; ++v) {
      if (!reached[v]) bush.order.push_back(NodeId(v));
    }
    std::vector<double>& at = node_flow[w];
    for (const auto& [dest, demand] : origin.destinations) at[dest.index()] += demand;
    for (auto it = tree.order.rbegin(); it != tree.order.rend(); ++it) {
      const double f = at[it->index()];
      at[it->index()] = 0.0;
      const LinkId pred = tree.pred[it->index()];
      if (f == 0.0 || !pred.valid()) continue;
      bush.flow[pred.index()] += f;
      at[g_.tail(pred).index()] += f;
    }
  });
  CollectFlows();
  return Status::Ok();
}

void AlgorithmB::CollectFlows() {
  const int m = p_.link_count();
  progress_.class_flow.assign(p_.classes.size(), std::vector<double>(m, 0.0));
  for (std::size_t t = 0; t < bushes_.size(); ++t) {
    auto& out = progress_.class_flow[p_.tasks[t].cls];
    const auto& flow = bushes_[t].flow;
    for (int a = 0; a < m; ++a) out[a] += flow[a];
  }
  AggregateFlows(p_, progress_.class_flow, progress_.total_flow, progress_.time);
  flow_ = progress_.total_flow;
  time_ = progress_.time;
  derivative_.resize(m);
  for (int a = 0; a < m; ++a) {
    derivative_[a] = p_.network->link(LinkId(a)).cost.Derivative(flow_[a]);
  }
}

void AlgorithmB::UpdateBush(int t, std::span<const double> cost, Labels& labels) {
  Bush& bush = bushes_[t];
  const NodeId origin = p_.classes[p_.tasks[t].cls].origins[p_.tasks[t].origin].node;
  labels.Compute(g_, bush, origin, /*used_only=*/false, [&](int a) { return cost[a]; });
  // Rounding in flow shifts can leave flows of order 1e-16 * demand on links
  // whose tail receives nothing; they are cleared so that they cannot pin a
  // link (and a cycle-closing alternative) in the bush.
  const double negligible = kNegligibleFlow * origin_demand_[t];
  const int m = p_.link_count();
  for (int a = 0; a < m; ++a) {
    if (!bush.in[a] || bush.flow[a] > negligible) continue;
    bush.flow[a] = 0.0;
    if (labels.shortest_pred[g_.head(LinkId(a)).index()] != LinkId(a)) bush.in[a] = 0;
  }
  // Sorting by (longest label, old position) gives a topological order of the
  // bush; links added along it cannot close a cycle.
  std::stable_sort(bush.order.begin(), bush.order.end(), [&](NodeId u, NodeId v) {
    return labels.longest[u.index()] < labels.longest[v.index()];
  });
  for (std::size_t i = 0; i < bush.order.size(); ++i) {
    labels.pos[bush.order[i].index()] = static_cast<int>(i);
  }
  // Links that shorten a path and follow that order are added at once. Links
  // that shorten the shortest bush path against it are added only when they
  // leave the bush acyclic, which holds once the bush is at equilibrium.
  const auto through = p_.network->through_allowed();
  std::vector<int>& against = labels.against_order;
  against.clear();
  for (int a = 0; a < m; ++a) {
    if (bush.in[a]) continue;
    const NodeId i = g_.tail(LinkId(a));
    const NodeId j = g_.head(LinkId(a));
    if (j == origin || !std::isfinite(labels.shortest[i.index()])) continue;
    if (i != origin && !through.empty() && !through[i.index()]) continue;
    const double c = cost[a];
    const bool shortens = labels.shortest[i.index()] + c < labels.shortest[j.index()];
    if (labels.pos[i.index()] < labels.pos[j.index()]) {
      if (shortens || labels.longest[i.index()] + c < labels.longest[j.index()]) bush.in[a] = 1;
    } else if (shortens) {
      against.push_back(a);
    }
  }
  if (against.empty()) return;
  for (int a : against) bush.in[a] = 1;
  if (!paths::TopologicalOrder(g_, bush.in, labels.new_order, labels.scratch)) {
    for (int a : against) bush.in[a] = 0;
    return;
  }
  std::swap(bush.order, labels.new_order);
}

void AlgorithmB::RefreshLink(int a) {
  const LinkCost& cost = p_.network->link(LinkId(a)).cost;
  const double x = std::max(0.0, flow_[a]);
  time_[a] = cost.Time(x);
  derivative_[a] = cost.Derivative(x);
}

void AlgorithmB::Shift(int t, NodeId node) {
  Bush& bush = bushes_[t];
  const int k = p_.tasks[t].cls;
  short_segment_.clear();
  long_segment_.clear();
  // Walk both paths back to their last common node, always stepping the one
  // that is later in topological order.
  NodeId s = node, l = node;
  do {
    if (labels_.pos[s.index()] >= labels_.pos[l.index()]) {
      const LinkId a = labels_.shortest_pred[s.index()];
      short_segment_.push_back(a);
      s = g_.tail(a);
    } else {
      const LinkId a = labels_.longest_pred[l.index()];
      if (!a.valid()) return;  // no used path into l (flow rounding); nothing to move
      long_segment_.push_back(a);
      l = g_.tail(a);
    }
  } while (s != l || long_segment_.empty());

  const ClassData& cls = p_.classes[k];
  double short_cost = 0.0, long_cost = 0.0, slope = 0.0;
  double movable = kInf;
  for (LinkId a : short_segment_) {
    short_cost += ClassCost(k, a.index());
    slope += derivative_[a.index()];
  }
  for (LinkId a : long_segment_) {
    long_cost += ClassCost(k, a.index());
    slope += derivative_[a.index()];
    movable = std::min(movable, bush.flow[a.index()]);
  }
  const double diff = long_cost - short_cost;
  if (!(diff > 0.0) || !(movable > 0.0)) return;
  slope *= cls.vot * cls.weight;
  const double delta = slope > 0.0 ? std::min(movable, diff / slope) : movable;
  const double weighted = cls.weight * delta;
  for (LinkId a : long_segment_) {
    bush.flow[a.index()] -= delta;  // exactly 0 on the link that bounds delta = movable
    flow_[a.index()] -= weighted;
    RefreshLink(a.index());
  }
  for (LinkId a : short_segment_) {
    bush.flow[a.index()] += delta;
    flow_[a.index()] += weighted;
    RefreshLink(a.index());
  }
}

void AlgorithmB::Equilibrate(int t, double threshold) {
  constexpr int kMaxPasses = 4;
  const Bush& bush = bushes_[t];
  const int k = p_.tasks[t].cls;
  const NodeId origin = p_.classes[k].origins[p_.tasks[t].origin].node;
  for (int pass = 0; pass < kMaxPasses; ++pass) {
    labels_.Compute(g_, bush, origin, /*used_only=*/true,
                    [&](int a) { return ClassCost(k, a); });
    bool shifted = false;
    for (auto it = bush.order.rbegin(); it != bush.order.rend(); ++it) {
      const NodeId v = *it;
      const double longest = labels_.longest[v.index()];
      if (v == origin || longest == -kInf) continue;
      if (longest - labels_.shortest[v.index()] <= threshold ||
          labels_.longest_pred[v.index()] == labels_.shortest_pred[v.index()]) {
        continue;
      }
      Shift(t, v);
      shifted = true;
    }
    if (!shifted) break;
  }
}

Status AlgorithmB::Run() {
  if (Status s = Initialise(); !s.ok()) return s;
  const int m = p_.link_count();
  const int class_count = static_cast<int>(p_.classes.size());
  const int workers = std::max(1, p_.threads);
  std::vector<Labels> worker_labels(workers, Labels(g_.node_count()));
  std::vector<std::vector<double>> cost(class_count, std::vector<double>(m));
  for (int iteration = 0;; ++iteration) {
    auto shortest = AllOrNothing(p_, progress_.time, nullptr);
    if (!shortest.ok()) return shortest.status();
    IterationStats stats =
        Measure(p_, progress_.class_flow, progress_.total_flow, progress_.time, *shortest);
    stats.iteration = iteration;
    stats.seconds = SecondsSince(start_time_);
    if (ShouldStop(options_, stats, progress_)) return Status::Ok();

    // Bushes are equilibrated until no node's longest used path exceeds its
    // shortest by more than a fraction of the current average excess cost.
    const double threshold = 0.001 * std::max(0.0, stats.average_excess_cost);
    for (int k = 0; k < class_count; ++k) p_.ClassCost(k, time_, cost[k]);
    ParallelFor(static_cast<int>(bushes_.size()), workers, [&](int t, int w) {
      UpdateBush(t, cost[p_.tasks[t].cls], worker_labels[w]);
    });
    for (std::size_t t = 0; t < bushes_.size(); ++t) Equilibrate(static_cast<int>(t), threshold);
    CollectFlows();
  }
}

}  // namespace

Status RunAlgorithmB(const Problem& problem, const Options& options, double start_time,
                     Progress& progress) {
  return AlgorithmB(problem, options, start_time, progress).Run();
}

}  // namespace corridor::assignment::internal
