// Algorithm B (Dial 2006) with the bush update of Nie (2010); see equilibrium.h
// for the method. Invariants of a bush:
//  - `order` lists the nodes the origin reaches (under the class's open links),
//    origin first, in a topological order of the bush's links;
//  - `links` holds the bush's links grouped by head in that order (CSR: the
//    links into order[i] are links[begin[i] .. begin[i+1])), each with the
//    position of its tail, so a label pass streams through one array;
//  - every reached node but the origin has at least one bush link in;
//  - flows are non-negative and conserve the origin's demand at every node.
#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <string>

#include "assignment/problem.h"

namespace corridor::assignment::internal {
namespace {
constexpr double kInf = std::numeric_limits<double>::infinity();
// Flows below this fraction of the origin's demand are rounding residue.
constexpr double kNegligibleFlow = 1e-13;
// Gauss-Seidel sweeps of flow shifting over all bushes per bush update. Bushes
// of different origins share links, and one sweep only partly undoes the
// disturbance each bush's shift causes the others; repeating the cheap sweeps
// (one label pass per bush) before the costlier update converges in far fewer
// updates (Chicago-Sketch to 1e-12: 185 updates with 1 sweep, 13 with 10).
constexpr int kSweeps = 10;
// Relative to a side constraint's capacity: loads this close to the kink of its
// penalty count as at the kink.
constexpr double kKinkTolerance = 1e-12;

struct BushLink {
  int link = 0;
  int tail = 0;  // position of the tail in the bush's order
  double flow = 0.0;
};

struct Bush {
  std::vector<NodeId> order;
  std::vector<int> begin;  // order.size() + 1 offsets into links
  std::vector<BushLink> links;
};

}  // namespace

struct Bushes {
  std::vector<Bush> bush;              // per task
  std::vector<double> origin_demand;   // per task
};

void BushesDeleter::operator()(Bushes* bushes) const { delete bushes; }

namespace {

// Per-worker scratch of a bush update, sized for the network and reused.
struct Workspace {
  std::vector<int> pos;       // node -> position in the bush's order, -1 if unreached
  std::vector<char> in_bush;  // link flags, all 0 between uses
  std::vector<double> shortest, longest;
  std::vector<int> shortest_pred;  // entry index, -1 at the origin
  std::vector<int> rank, new_pos, count;
  std::vector<BushLink> kept, next;
  std::vector<std::pair<double, int>> heap;  // (label, position)
  paths::Dijkstra dijkstra;
  paths::ShortestPathTree tree;

  explicit Workspace(const paths::Graph& g)
      : pos(g.node_count(), -1), in_bush(g.link_count(), 0), dijkstra(g) {}
};

class AlgorithmB {
 public:
  AlgorithmB(const Problem& problem, const Options& options, double start_time,
             Progress& progress)
      : p_(problem),
        g_(problem.network->graph()),
        options_(options),
        start_time_(start_time),
        progress_(progress) {}

  Status Run(BushStore* warm);

 private:
  Status Initialise(std::vector<Workspace>& workspaces);
  // Returns sum_od d_od u_od / vot (time units) at the given class costs, then
  // updates the bush's links and order (bush flows are unchanged but for
  // rounding residue).
  double UpdateBush(int task, std::span<const double> cost, Workspace& ws);
  // One label pass and the flow shifts it calls for.
  void Equilibrate(int task, double threshold);
  void Shift(int task, int node_pos);
  void RefreshLink(int a);
  // Along a shift of delta (class units; weight w) the load of side constraint
  // r changes by -c_r w delta, c_r = its links on the long minus on the short
  // segment. Returns the penalty's second derivative on the piece ahead,
  // sum over constraints active ahead of rho_r c_r^2, and sets `limit` to the
  // delta at which the first constraint changes activity (the kink of its
  // max(0, .)), so that each Newton step stays on one smooth piece.
  double SideSlope(int t, double weight, double& limit);
  // Adds `weighted` to X_a and to the loads of a's side constraints.
  void MoveFlow(int a, double weighted);
  void RefreshMoved(const std::vector<int>& segment_a, const std::vector<int>& segment_b);
  void CollectFlows();
  double ClassCost(int k, int a) const {
    return p_.classes[k].vot * time_[a] + p_.classes[k].fixed[a];
  }
  const Origin& OriginOf(int t) const {
    return p_.classes[p_.tasks[t].cls].origins[p_.tasks[t].origin];
  }

  const Problem& p_;
  const paths::Graph& g_;
  const Options& options_;
  double start_time_;
  Progress& progress_;
  Bushes state_;
  std::vector<Bush>& bushes_ = state_.bush;
  std::vector<double>& origin_demand_ = state_.origin_demand;
  std::vector<double> load_;           // S_r of the side constraints (if any)
  std::vector<int> touched_;           // side constraints whose load a shift changed
  std::vector<char> touched_mark_;
  std::vector<int> coefficient_;       // per side constraint: long minus short segment links in it
  std::vector<double> derivative_;     // t'_a(X_a), kept in step with time_
  std::vector<double> time_;           // live link times during equilibration
  std::vector<double> flow_;           // live X_a
  // Labels of the bush being equilibrated, by position.
  std::vector<double> shortest_, longest_;
  std::vector<int> shortest_pred_, longest_pred_;
  std::vector<int> short_segment_, long_segment_;  // entry indices
};

Status AlgorithmB::Initialise(std::vector<Workspace>& workspaces) {
  const int m = p_.link_count();
  const int class_count = static_cast<int>(p_.classes.size());
  std::vector<double> zero_time(m);
  for (int a = 0; a < m; ++a) zero_time[a] = p_.network->link(LinkId(a)).cost.Time(0.0);
  std::vector<std::vector<double>> cost(class_count, std::vector<double>(m));
  for (int k = 0; k < class_count; ++k) p_.ClassCost(k, zero_time, cost[k]);
  bushes_.resize(p_.tasks.size());
  origin_demand_.assign(p_.tasks.size(), 0.0);
  std::vector<std::string> errors(p_.tasks.size());
  // Each bush starts as the free-flow shortest-path tree carrying all-or-nothing flows.
  p_.ParallelFor(static_cast<int>(p_.tasks.size()), [&](int t, int w) {
    const Origin& origin = OriginOf(t);
    Workspace& ws = workspaces[w];
    paths::ShortestPathTree& tree = ws.tree;
    ws.dijkstra.Run(origin.node, cost[p_.tasks[t].cls], p_.network->through_allowed(), tree);
    Bush& bush = bushes_[t];
    bush.order = tree.order;
    const int size = static_cast<int>(bush.order.size());
    for (int i = 0; i < size; ++i) ws.pos[bush.order[i].index()] = i;
    std::vector<double>& at = ws.shortest;  // demand ending at each position
    at.assign(size, 0.0);
    for (const auto& [dest, demand] : origin.destinations) {
      const int i = ws.pos[dest.index()];
      if (i < 0) {
        errors[t] += NoPathMessage(p_.tasks[t].cls, origin.node, dest, demand) + "\n";
        continue;
      }
      at[i] += demand;
      origin_demand_[t] += demand;
    }
    bush.begin.resize(size + 1);
    bush.links.resize(std::max(0, size - 1));
    bush.begin[0] = 0;
    for (int i = size - 1; i >= 1; --i) {  // tree link into order[i] is entry i - 1
      const LinkId pred = tree.pred[bush.order[i].index()];
      const int tail = ws.pos[g_.tail(pred).index()];
      bush.links[i - 1] = {pred.value(), tail, at[i]};
      at[tail] += at[i];
      bush.begin[i] = i - 1;
    }
    bush.begin[size] = size - 1;
    for (NodeId v : bush.order) ws.pos[v.index()] = -1;
  });
  Diagnostics diag;
  for (const std::string& e : errors) {
    for (std::size_t at = 0; at < e.size();) {
      const std::size_t end = e.find('\n', at);
      diag.Error("", 0, "", e.substr(at, end - at));
      at = end + 1;
    }
  }
  if (diag.has_errors()) return diag.ToStatus("demand");
  CollectFlows();
  return Status::Ok();
}

void AlgorithmB::CollectFlows() {
  const int m = p_.link_count();
  progress_.class_flow.assign(p_.classes.size(), std::vector<double>(m, 0.0));
  for (std::size_t t = 0; t < bushes_.size(); ++t) {
    auto& out = progress_.class_flow[p_.tasks[t].cls];
    for (const BushLink& b : bushes_[t].links) out[b.link] += b.flow;
  }
  AggregateFlows(p_, progress_.class_flow, progress_.total_flow, progress_.time);
  flow_ = progress_.total_flow;
  time_ = progress_.time;
  derivative_.resize(m);
  for (int a = 0; a < m; ++a) {
    derivative_[a] = p_.network->link(LinkId(a)).cost.Derivative(flow_[a]);
  }
  if (const SidePenalty* side = p_.side) {
    side->Loads(flow_, load_);
    touched_mark_.assign(side->size(), 0);
    coefficient_.assign(side->size(), 0);
  }
}

double AlgorithmB::UpdateBush(int t, std::span<const double> cost, Workspace& ws) {
  Bush& bush = bushes_[t];
  const Origin& origin = OriginOf(t);
  const int size = static_cast<int>(bush.order.size());
  const auto through = p_.network->through_allowed();
  for (int i = 0; i < size; ++i) ws.pos[bush.order[i].index()] = i;
  for (const BushLink& b : bush.links) ws.in_bush[b.link] = 1;
  const auto may_leave = [&](int i) {
    return i == 0 || through.empty() || through[bush.order[i].index()];
  };

  // 1. Shortest labels over the bush. They are upper bounds of the network's
  //    shortest distances, reached by paths; a label-correcting repair from
  //    the heads of the links that shorten them makes them exact (Bellman's
  //    conditions hold on every link afterwards). Near equilibrium the bush
  //    holds the shortest paths and the repair touches no or few nodes.
  std::vector<double>& dist = ws.shortest;
  dist.resize(size);
  ws.shortest_pred.resize(size);
  dist[0] = 0.0;
  ws.shortest_pred[0] = -1;
  for (int i = 1; i < size; ++i) {
    double best = kInf;
    int best_pred = -1;
    for (int e = bush.begin[i]; e < bush.begin[i + 1]; ++e) {
      const double s = dist[bush.links[e].tail] + cost[bush.links[e].link];
      if (s < best) {
        best = s;
        best_pred = e;
      }
    }
    dist[i] = best;
    ws.shortest_pred[i] = best_pred;
  }
  // The bush labels are kept in `longest` for step 2; `dist` becomes exact.
  ws.longest = dist;
  const auto later = [](const std::pair<double, int>& a, const std::pair<double, int>& b) {
    return a.first > b.first || (a.first == b.first && a.second > b.second);
  };
  ws.heap.clear();
  const auto relax_out = [&](int i) {
    if (!may_leave(i)) return;
    for (LinkId a : g_.OutLinks(bush.order[i])) {
      const int j = ws.pos[g_.head(a).index()];
      const double d = dist[i] + cost[a.index()];
      if (j > 0 && d < dist[j]) {
        dist[j] = d;
        ws.heap.emplace_back(d, j);
        std::push_heap(ws.heap.begin(), ws.heap.end(), later);
      }
    }
  };
  for (int i = 0; i < size; ++i) relax_out(i);
  while (!ws.heap.empty()) {
    std::pop_heap(ws.heap.begin(), ws.heap.end(), later);
    const auto [d, i] = ws.heap.back();
    ws.heap.pop_back();
    if (d <= dist[i]) relax_out(i);
  }
  double shortest_sum = 0.0;
  for (const auto& [dest, demand] : origin.destinations) {
    shortest_sum += demand * dist[ws.pos[dest.index()]];
  }

  // 2. Drop unused links other than the bush's shortest-path tree. Flows below
  //    the rounding residue are cleared first so that they cannot pin a link.
  const double negligible = kNegligibleFlow * origin_demand_[t];
  ws.kept.clear();
  for (int i = 1; i < size; ++i) {
    for (int e = bush.begin[i]; e < bush.begin[i + 1]; ++e) {
      BushLink b = bush.links[e];
      if (b.flow <= negligible) b.flow = 0.0;
      if (b.flow > 0.0 || e == ws.shortest_pred[i]) {
        ws.kept.push_back(b);
      } else {
        ws.in_bush[b.link] = 0;
      }
    }
  }
  // Longest labels over the remaining links (kept is grouped by head position).
  std::vector<double>& longest = ws.longest;
  longest[0] = 0.0;
  for (std::size_t e = 0; e < ws.kept.size();) {
    const NodeId head = g_.head(LinkId(ws.kept[e].link));
    const int i = ws.pos[head.index()];
    double worst = -kInf;
    for (; e < ws.kept.size() && g_.head(LinkId(ws.kept[e].link)) == head; ++e) {
      worst = std::max(worst, longest[ws.kept[e].tail] + cost[ws.kept[e].link]);
    }
    longest[i] = worst;
  }

  // 3. New order: by longest label, ties by old position. It is topological for
  //    the remaining links (longest[j] >= longest[i] + c_ij >= longest[i]) and
  //    for every link (i, j) with longest[i] + c_ij < longest[j]: such links
  //    shorten a path with respect to the longest labels and are added.
  ws.rank.resize(size);
  std::iota(ws.rank.begin(), ws.rank.end(), 0);
  std::stable_sort(ws.rank.begin() + 1, ws.rank.end(),
                   [&](int a, int b) { return longest[a] < longest[b]; });
  ws.new_pos.resize(size);
  for (int r = 0; r < size; ++r) ws.new_pos[ws.rank[r]] = r;
  for (int i = 0; i < size; ++i) {
    if (!may_leave(i)) continue;
    for (LinkId a : g_.OutLinks(bush.order[i])) {
      if (ws.in_bush[a.index()]) continue;
      const int j = ws.pos[g_.head(a).index()];
      if (j > 0 && longest[i] + cost[a.index()] < longest[j]) {
        ws.kept.push_back({a.value(), i, 0.0});
      }
    }
  }

  // 4. Rebuild the CSR in the new order (counting sort by head position; stable).
  const auto head_pos = [&](const BushLink& b) {
    return ws.new_pos[ws.pos[g_.head(LinkId(b.link)).index()]];
  };
  ws.count.assign(size + 1, 0);
  for (BushLink& b : ws.kept) {
    b.tail = ws.new_pos[b.tail];
    ++ws.count[head_pos(b) + 1];
  }
  for (int i = 0; i < size; ++i) ws.count[i + 1] += ws.count[i];
  bush.begin = ws.count;
  ws.next.resize(ws.kept.size());
  for (const BushLink& b : ws.kept) ws.next[ws.count[head_pos(b)]++] = b;
  bush.links.swap(ws.next);
  for (const BushLink& b : bush.links) ws.in_bush[b.link] = 0;
  for (NodeId v : bush.order) ws.pos[v.index()] = -1;
  for (int i = 0; i < size; ++i) ws.rank[i] = bush.order[ws.rank[i]].value();
  for (int i = 0; i < size; ++i) bush.order[i] = NodeId(ws.rank[i]);
  return shortest_sum / p_.classes[p_.tasks[t].cls].vot;
}

void AlgorithmB::RefreshLink(int a) {
  const LinkCost& cost = p_.network->link(LinkId(a)).cost;
  const double x = std::max(0.0, flow_[a]);
  time_[a] = cost.Time(x);
  derivative_[a] = cost.Derivative(x);
  if (const SidePenalty* side = p_.side) {
    for (int i = side->link_begin[a]; i < side->link_begin[a + 1]; ++i) {
      const int r = side->link_constraints[i];
      time_[a] += side->Extra(r, load_[r]);
    }
  }
}

double AlgorithmB::SideSlope(int t, double weight, double& limit) {
  const SidePenalty& side = *p_.side;
  const Bush& bush = bushes_[t];
  const auto count = [&](const std::vector<int>& segment, int sign) {
    for (int e : segment) {
      const int a = bush.links[e].link;
      for (int i = side.link_begin[a]; i < side.link_begin[a + 1]; ++i) {
        const int r = side.link_constraints[i];
        if (!touched_mark_[r]) {
          touched_mark_[r] = 1;
          touched_.push_back(r);
        }
        coefficient_[r] += sign;
      }
    }
  };
  count(long_segment_, 1);
  count(short_segment_, -1);
  double slope = 0.0;
  limit = kInf;
  for (int r : touched_) {
    const double c = coefficient_[r];
    coefficient_[r] = 0;
    touched_mark_[r] = 0;
    if (c == 0.0) continue;
    // The kink is at load b; within eps of it the piece ahead decides.
    const double b = side.capacity[r] - side.multiplier[r] / side.rho[r];
    const double eps = kKinkTolerance * side.capacity[r];
    const double s0 = load_[r];
    const bool rising = c < 0.0;
    const bool active_ahead = rising ? s0 >= b - eps : s0 > b + eps;
    if (active_ahead) slope += side.rho[r] * c * c;
    const double distance = rising ? b - s0 : s0 - b;  // load change to the kink
    if (distance > eps) limit = std::min(limit, distance / (std::abs(c) * weight));
  }
  touched_.clear();
  return slope;
}

void AlgorithmB::MoveFlow(int a, double weighted) {
  flow_[a] += weighted;
  const SidePenalty* side = p_.side;
  if (!side) return;
  for (int i = side->link_begin[a]; i < side->link_begin[a + 1]; ++i) {
    const int r = side->link_constraints[i];
    load_[r] += weighted;
    if (!touched_mark_[r]) {
      touched_mark_[r] = 1;
      touched_.push_back(r);
    }
  }
}

// Times of the shifted links and of every link sharing a side constraint with them.
void AlgorithmB::RefreshMoved(const std::vector<int>& segment_a, const std::vector<int>& segment_b) {
  for (int a : segment_a) RefreshLink(a);
  for (int a : segment_b) RefreshLink(a);
  if (!p_.side) return;
  for (int r : touched_) {
    for (int i = p_.side->begin[r]; i < p_.side->begin[r + 1]; ++i) RefreshLink(p_.side->links[i]);
    touched_mark_[r] = 0;
  }
  touched_.clear();
}

void AlgorithmB::Shift(int t, int node) {
  Bush& bush = bushes_[t];
  const int k = p_.tasks[t].cls;
  short_segment_.clear();
  long_segment_.clear();
  // Walk both paths back to their last common node, always stepping the one
  // that is later in topological order.
  int s = node, l = node;
  do {
    if (s >= l) {
      const int e = shortest_pred_[s];
      short_segment_.push_back(e);
      s = bush.links[e].tail;
    } else {
      const int e = longest_pred_[l];
      if (e < 0) return;  // no used path into l (flow rounding); nothing to move
      long_segment_.push_back(e);
      l = bush.links[e].tail;
    }
  } while (s != l || long_segment_.empty());

  const ClassData& cls = p_.classes[k];
  double short_cost = 0.0, long_cost = 0.0, slope = 0.0;
  double movable = kInf;
  for (int e : short_segment_) {
    const int a = bush.links[e].link;
    short_cost += ClassCost(k, a);
    slope += derivative_[a];
  }
  for (int e : long_segment_) {
    const int a = bush.links[e].link;
    long_cost += ClassCost(k, a);
    slope += derivative_[a];
    movable = std::min(movable, bush.links[e].flow);
  }
  const double diff = long_cost - short_cost;
  if (!(diff > 0.0) || !(movable > 0.0)) return;
  // Newton step on the class cost difference: d(c_long - c_short)/d delta.
  double kink = kInf;
  if (p_.side) slope += SideSlope(t, cls.weight, kink);
  slope *= cls.vot * cls.weight;
  const double delta =
      std::min(kink, slope > 0.0 ? std::min(movable, diff / slope) : movable);
  const double weighted = cls.weight * delta;
  for (int& e : long_segment_) {
    BushLink& b = bush.links[e];
    b.flow -= delta;  // exactly 0 on the link that bounds delta = movable
    MoveFlow(b.link, -weighted);
    e = b.link;
  }
  for (int& e : short_segment_) {
    BushLink& b = bush.links[e];
    b.flow += delta;
    MoveFlow(b.link, weighted);
    e = b.link;
  }
  RefreshMoved(long_segment_, short_segment_);
}

void AlgorithmB::Equilibrate(int t, double threshold) {
  const Bush& bush = bushes_[t];
  const ClassData& cls = p_.classes[p_.tasks[t].cls];
  const int size = static_cast<int>(bush.order.size());
  // Shortest labels over all bush links, longest over used ones (-inf where
  // no used link enters).
  shortest_.resize(size);
  longest_.resize(size);
  shortest_pred_.resize(size);
  longest_pred_.resize(size);
  shortest_[0] = longest_[0] = 0.0;
  shortest_pred_[0] = longest_pred_[0] = -1;
  for (int i = 1; i < size; ++i) {
    double best = kInf, worst = -kInf;
    int best_pred = -1, worst_pred = -1;
    for (int e = bush.begin[i]; e < bush.begin[i + 1]; ++e) {
      const BushLink& b = bush.links[e];
      const double c = cls.vot * time_[b.link] + cls.fixed[b.link];
      const double s = shortest_[b.tail] + c;
      if (s < best) {
        best = s;
        best_pred = e;
      }
      const double l = b.flow > 0.0 ? longest_[b.tail] + c : -kInf;
      if (l > worst) {
        worst = l;
        worst_pred = e;
      }
    }
    shortest_[i] = best;
    longest_[i] = worst;
    shortest_pred_[i] = best_pred;
    longest_pred_[i] = worst_pred;
  }
  for (int i = size - 1; i >= 1; --i) {
    if (longest_[i] - shortest_[i] > threshold && longest_pred_[i] != shortest_pred_[i]) {
      Shift(t, i);
    }
  }
}

Status AlgorithmB::Run(BushStore* warm) {
  std::vector<Workspace> workspaces(p_.threads(), Workspace(g_));
  if (warm && *warm) {
    state_ = std::move(**warm);
    CollectFlows();
  } else if (Status s = Initialise(workspaces); !s.ok()) {
    return s;
  }
  const auto keep = [&] {
    if (warm) {
      if (!*warm) warm->reset(new Bushes);
      **warm = std::move(state_);
    }
    return Status::Ok();
  };
  const int m = p_.link_count();
  const int class_count = static_cast<int>(p_.classes.size());
  std::vector<std::vector<double>> cost(class_count, std::vector<double>(m));
  std::vector<double> task_shortest(bushes_.size());
  const int bush_count = static_cast<int>(bushes_.size());
  for (int iteration = 0;; ++iteration) {
    // Bush updates at the costs of the collected flows also give the exact
    // shortest-path costs of the gap; they do not change the collected flows.
    for (int k = 0; k < class_count; ++k) p_.ClassCost(k, time_, cost[k]);
    p_.ParallelFor(bush_count, [&](int t, int w) {
      task_shortest[t] = UpdateBush(t, cost[p_.tasks[t].cls], workspaces[w]);
    });
    double shortest = 0.0;
    for (double s : task_shortest) shortest += s;
    IterationStats stats =
        Measure(p_, progress_.class_flow, progress_.total_flow, progress_.time, shortest);
    stats.iteration = iteration;
    stats.seconds = SecondsSince(start_time_);
    if (ShouldStop(options_, stats, progress_)) return keep();

    // Flow is shifted at nodes whose longest used path exceeds the shortest by
    // more than a fraction of the current average excess cost (in time units,
    // so in class units it scales with the class's value of time).
    const double threshold = 0.001 * std::max(0.0, stats.average_excess_cost);
    for (int sweep = 0; sweep < kSweeps; ++sweep) {
      for (int t = 0; t < bush_count; ++t) {
        Equilibrate(t, threshold * p_.classes[p_.tasks[t].cls].vot);
      }
    }
    CollectFlows();
  }
}

}  // namespace

Status RunAlgorithmB(const Problem& problem, const Options& options, double start_time,
                     Progress& progress, BushStore* warm) {
  return AlgorithmB(problem, options, start_time, progress).Run(warm);
}

}  // namespace corridor::assignment::internal
