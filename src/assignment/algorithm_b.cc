// Algorithm B (Dial 2006) with the bush update of Nie (2010); see equilibrium.h
// for the method. Invariants of a bush:
//  - the nodes the origin reaches (under the class's open links) have
//    positions, the origin first, in a topological order of the bush's links;
//  - `links` holds the bush's links grouped by head position (CSR: the links
//    into position i are links[begin[i] .. begin[i+1])), each with the
//    position of its tail, so a label pass streams through one array;
//  - every reached node but the origin has at least one bush link in, so the
//    node at position i > 0 is the head of links[begin[i]] (no node list is
//    stored);
//  - flows are non-negative and conserve the origin's demand at every node.
#include <algorithm>
#include <bit>
#include <cstdint>
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
// updates (Chicago-Sketch to 1e-12: 185 updates with 1 sweep, 13 with 10). A
// bush whose pass finds nothing to shift sits out the remaining sweeps of the
// iteration. Up to kExtraSweeps more run while at most 80 % of the bushes are
// still active: on Chicago-Sketch (~75 % active) they save bush updates (8
// instead of 13 to 1e-12); on the generated grid, where every bush stays active,
// 20 full sweeps cost more than they gain (bench/README.md).
constexpr int kSweeps = 10;
constexpr int kExtraSweeps = 10;
// Element moves an insertion sort of a bush's order may make, per node, before
// a full sort takes over.
constexpr long kInsertionBudget = 8;
// Relative to a side constraint's capacity: loads this close to the kink of its
// penalty count as at the kink.
constexpr double kKinkTolerance = 1e-12;

struct BushLink {
  int link = 0;
  int tail = 0;  // position of the tail in the bush's topological order
  double flow = 0.0;
};

struct Bush {
  std::vector<int> begin;  // one offset into links per position, and the end
  std::vector<BushLink> links;
  // Bit set over positions of the nodes a label pass of the sweeps must
  // visit: those with two or more links in (the only ones where flow can be
  // shifted) and, transitively, the tails of the links into them. The set is
  // closed under predecessors, so it is visited in order; on near-tree bushes
  // it is a fraction of the bush. Fixed between bush updates (shifts add no
  // links). One bit per position: 1/32 of the bush's offsets.
  std::vector<std::uint64_t> pass;
};

// The live link state flow is shifted against: X_a, t_a(X_a), t'_a(X_a), the
// class costs vot_k t_a + fixed_ka (kept in step with the times, so a label
// pass reads one array) and the side-constraint loads; plus the label buffers
// of the bush being equilibrated.
struct Lane {
  std::vector<double> flow, time, derivative;
  std::vector<std::vector<double>> cost;  // per class
  std::vector<double> load;               // S_r of the side constraints (if any)
  std::vector<int> touched;               // side constraints whose load a shift changed
  std::vector<char> touched_mark;
  std::vector<int> coefficient;  // per side constraint: long minus short segment links in it
  std::vector<double> shortest, longest;  // labels by position
  std::vector<int> shortest_pred, longest_pred;
  std::vector<int> short_segment, long_segment;  // entry indices, then link ids
};

}  // namespace

struct Bushes {
  std::vector<Bush> bush;              // per task
  std::vector<double> origin_demand;   // per task
};

void BushesDeleter::operator()(Bushes* bushes) const { delete bushes; }

namespace {

// An out-link of a node with its head, so that a scan of a node's out-links
// reads one array.
struct OutArc {
  int link = 0;
  int head = 0;
};

// Per-worker scratch of a bush update, sized for the network and reused.
struct Workspace {
  std::vector<int> pos;       // node -> position in the bush's order, -1 if unreached
  std::vector<int> node;      // position -> node
  std::vector<char> in_bush;  // link flags, all 0 between uses
  std::vector<double> shortest, longest;
  std::vector<int> new_pos, count;
  std::vector<BushLink> kept;
  std::vector<int> kept_head;                  // head position of each kept entry
  std::vector<std::pair<double, int>> sorted;  // (longest label, old position)
  std::vector<std::pair<double, int>> heap;  // (label, position)
  paths::Dijkstra dijkstra;
  paths::ShortestPathTree tree;

  explicit Workspace(const paths::Graph& g)
      : pos(g.node_count(), -1), in_bush(g.link_count(), 0), dijkstra(g) {}
};

// Sorts v[from ..] ascending: insertion sort while the elements moved stay
// within `budget` (near-sorted input costs O(size + moves)), std::sort after.
void SortNearlySorted(std::vector<std::pair<double, int>>& v, int from, long budget) {
  const int size = static_cast<int>(v.size());
  for (int i = from + 1; i < size; ++i) {
    const std::pair<double, int> x = v[i];
    int j = i;
    for (; j > from && x < v[j - 1]; --j) v[j] = v[j - 1];
    v[j] = x;
    budget -= i - j;
    if (budget < 0) {
      std::sort(v.begin() + from, v.end());
      return;
    }
  }
}

// Calls visit(i) for the positions in `bits`, ascending.
template <class Visit>
void ForEachAscending(const std::vector<std::uint64_t>& bits, Visit&& visit) {
  for (std::size_t w = 0; w < bits.size(); ++w) {
    for (std::uint64_t m = bits[w]; m != 0; m &= m - 1) {
      visit(static_cast<int>(64 * w) + std::countr_zero(m));
    }
  }
}

// Calls visit(i) for the positions in `bits`, descending.
template <class Visit>
void ForEachDescending(const std::vector<std::uint64_t>& bits, Visit&& visit) {
  for (std::size_t w = bits.size(); w-- > 0;) {
    for (std::uint64_t m = bits[w]; m != 0;) {
      const int b = 63 - std::countl_zero(m);
      m &= ~(std::uint64_t{1} << b);
      visit(static_cast<int>(64 * w) + b);
    }
  }
}

// Sets bush.pass from the bush's CSR; `need` is scratch.
void MarkPass(Bush& bush, std::vector<int>& need) {
  const int size = static_cast<int>(bush.begin.size()) - 1;
  need.assign(size, 0);
  for (int i = size - 1; i >= 1; --i) {
    if (bush.begin[i + 1] - bush.begin[i] >= 2) need[i] = 1;
    if (!need[i]) continue;
    for (int e = bush.begin[i]; e < bush.begin[i + 1]; ++e) need[bush.links[e].tail] = 1;
  }
  bush.pass.assign((size + 63) / 64, 0);
  for (int i = 1; i < size; ++i) {
    bush.pass[i >> 6] |= static_cast<std::uint64_t>(need[i] != 0) << (i & 63);
  }
}

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
  // One label pass and the flow shifts it calls for, against `lane`.
  // Returns the number of nodes at which flow was shifted.
  int Equilibrate(int task, double threshold, Lane& lane);
  void Shift(int task, int node_pos, Lane& lane);
  void RefreshLink(int a, Lane& lane) const;
  // Along a shift of delta (class units; weight w) the load of side constraint
  // r changes by -c_r w delta, c_r = its links on the long minus on the short
  // segment. Returns the penalty's second derivative on the piece ahead,
  // sum over constraints active ahead of rho_r c_r^2, and sets `limit` to the
  // delta at which the first constraint changes activity (the kink of its
  // max(0, .)), so that each Newton step stays on one smooth piece.
  double SideSlope(int t, double weight, double& limit, Lane& lane) const;
  // Adds `weighted` to X_a and to the loads of a's side constraints.
  void MoveFlow(int a, double weighted, Lane& lane) const;
  void RefreshMoved(Lane& lane) const;
  void CollectFlows();
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
  Lane base_;  // live link state: of the collected flows, then as shifted
  std::vector<int> out_begin_;  // node -> first of its arcs in out_arcs_
  std::vector<OutArc> out_arcs_;
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
    const std::vector<NodeId>& order = tree.order;
    const int size = static_cast<int>(order.size());
    for (int i = 0; i < size; ++i) ws.pos[order[i].index()] = i;
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
    // Headroom for the links the first update adds (a fifth more on average
    // on Chicago-Sketch, many bushes more), so that it rarely reallocates and
    // fragments the heap (process peak there: ~21,400 KiB with 20 %, 17,200
    // with 25 %, 16,800 with 30 %, 17,500 with 40 %; bench/README.md).
    bush.links.reserve(std::max(0, size - 1) * 13 / 10 + 16);
    bush.links.resize(std::max(0, size - 1));
    bush.begin[0] = 0;
    for (int i = size - 1; i >= 1; --i) {  // tree link into order[i] is entry i - 1
      const LinkId pred = tree.pred[order[i].index()];
      const int tail = ws.pos[g_.tail(pred).index()];
      bush.links[i - 1] = {pred.value(), tail, at[i]};
      at[tail] += at[i];
      bush.begin[i] = i - 1;
    }
    bush.begin[size] = size - 1;
    for (NodeId v : order) ws.pos[v.index()] = -1;
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
  base_.flow = progress_.total_flow;
  base_.time = progress_.time;
  base_.derivative.resize(m);
  for (int a = 0; a < m; ++a) {
    base_.derivative[a] = p_.network->link(LinkId(a)).cost.Derivative(base_.flow[a]);
  }
  base_.cost.resize(p_.classes.size());
  for (std::size_t k = 0; k < p_.classes.size(); ++k) {
    base_.cost[k].resize(m);
    p_.ClassCost(static_cast<int>(k), base_.time, base_.cost[k]);
  }
  if (const SidePenalty* side = p_.side) {
    side->Loads(base_.flow, base_.load);
    base_.touched_mark.assign(side->size(), 0);
    base_.coefficient.assign(side->size(), 0);
  }
}

double AlgorithmB::UpdateBush(int t, std::span<const double> cost_span, Workspace& ws) {
  Bush& bush = bushes_[t];
  const Origin& origin = OriginOf(t);
  const int size = static_cast<int>(bush.begin.size()) - 1;
  const auto through = p_.network->through_allowed();
  int* pos = ws.pos.data();
  char* in_bush = ws.in_bush.data();
  const double* cost = cost_span.data();
  ws.node.resize(size);
  int* node = ws.node.data();
  node[0] = origin.node.value();
  for (int i = 1; i < size; ++i) node[i] = g_.head(LinkId(bush.links[bush.begin[i]].link)).value();
  for (int i = 0; i < size; ++i) pos[node[i]] = i;
  for (const BushLink& b : bush.links) in_bush[b.link] = 1;
  const auto may_leave = [&](int i) { return i == 0 || through.empty() || through[node[i]]; };

  // 1. Shortest labels over the bush: upper bounds of the network's shortest
  //    distances, reached by paths (made exact in step 2). In the same pass
  //    (the CSR is in topological order, so tails come before heads), unused
  //    links other than the bush's shortest-path tree are dropped (flows
  //    below the rounding residue are cleared first so that they cannot pin a
  //    link), and the longest labels are taken over the remaining links.
  ws.shortest.resize(size);
  ws.longest.resize(size);
  double* dist = ws.shortest.data();
  double* longest = ws.longest.data();
  const BushLink* links = bush.links.data();
  const int* begin = bush.begin.data();
  const double negligible = kNegligibleFlow * origin_demand_[t];
  dist[0] = 0.0;
  longest[0] = 0.0;
  ws.kept.clear();
  ws.kept_head.clear();
  for (int i = 1; i < size; ++i) {
    double best = kInf;
    int best_pred = -1;
    for (int e = begin[i]; e < begin[i + 1]; ++e) {
      const double s = dist[links[e].tail] + cost[links[e].link];
      if (s < best) {
        best = s;
        best_pred = e;
      }
    }
    dist[i] = best;
    double worst = -kInf;
    for (int e = begin[i]; e < begin[i + 1]; ++e) {
      BushLink b = links[e];
      if (b.flow <= negligible) b.flow = 0.0;
      if (b.flow > 0.0 || e == best_pred) {
        worst = std::max(worst, longest[b.tail] + cost[b.link]);
        ws.kept.push_back(b);
        ws.kept_head.push_back(i);
      } else {
        in_bush[b.link] = 0;
      }
    }
    longest[i] = worst;
  }

  // 2. One scan of the out-links of every reached node, in order, serves two
  //    ends. (a) The shortest labels are repaired into exact network distances
  //    by a label-correcting pass in the bush's order, finished from a heap of
  //    the nodes whose label fell after their scan (Bellman's conditions then
  //    hold on every link, and each label is the least of the rounded sums
  //    along the paths to it, whatever the order of the corrections); near
  //    equilibrium the bush holds the shortest paths
  //    and the repair touches no or few nodes. (b) Every link (i, j) with
  //    longest[i] + c_ij < longest[j] is added: it shortens a path with
  //    respect to the longest labels, and ordering by them (step 3) is
  //    topological for the remaining links (longest[j] >= longest[i] + c_ij)
  //    and for the added ones.
  const auto later = [](const std::pair<double, int>& a, const std::pair<double, int>& b) {
    return a.first > b.first || (a.first == b.first && a.second > b.second);
  };
  const OutArc* arcs = out_arcs_.data();
  const int* arc_begin = out_begin_.data();
  ws.heap.clear();
  for (int i = 0; i < size; ++i) {
    if (!may_leave(i)) continue;
    const int v = node[i];
    const double di = dist[i], li = longest[i];
    for (int x = arc_begin[v]; x < arc_begin[v + 1]; ++x) {
      const int j = pos[arcs[x].head];
      if (j <= 0) continue;
      const int a = arcs[x].link;
      const double c = cost[a];
      const double d = di + c;
      if (d < dist[j]) {
        dist[j] = d;
        // A node later in the order is scanned with its new label anyway;
        // only one already scanned needs the heap.
        if (j < i) {
          ws.heap.emplace_back(d, j);
          std::push_heap(ws.heap.begin(), ws.heap.end(), later);
        }
      }
      // The label test first: it rarely holds (and is well predicted), the
      // flag often does.
      if (li + c < longest[j] && !in_bush[a]) {
        ws.kept.push_back({a, i, 0.0});
        ws.kept_head.push_back(j);
      }
    }
  }
  while (!ws.heap.empty()) {
    std::pop_heap(ws.heap.begin(), ws.heap.end(), later);
    const auto [d, i] = ws.heap.back();
    ws.heap.pop_back();
    if (d > dist[i] || !may_leave(i)) continue;
    const int v = node[i];
    for (int x = arc_begin[v]; x < arc_begin[v + 1]; ++x) {
      const int j = pos[arcs[x].head];
      const double dj = dist[i] + cost[arcs[x].link];
      if (j > 0 && dj < dist[j]) {
        dist[j] = dj;
        ws.heap.emplace_back(dj, j);
        std::push_heap(ws.heap.begin(), ws.heap.end(), later);
      }
    }
  }
  double shortest_sum = 0.0;
  for (const auto& [dest, demand] : origin.destinations) {
    shortest_sum += demand * dist[ws.pos[dest.index()]];
  }

  // 3. New order: by longest label, ties by old position, the origin first.
  //    The old order was by the labels before the shifts, so it is mostly still
  //    sorted: insertion sort, falling back to a full sort past a move budget.
  ws.sorted.resize(size);
  for (int i = 0; i < size; ++i) ws.sorted[i] = {longest[i], i};
  SortNearlySorted(ws.sorted, 1, kInsertionBudget * static_cast<long>(size));
  ws.new_pos.resize(size);
  for (int r = 0; r < size; ++r) ws.new_pos[ws.sorted[r].second] = r;

  // 4. Rebuild the CSR in the new order (counting sort by head position;
  //    stable), in the bush's own buffers (the old links are no longer read).
  const int kept = static_cast<int>(ws.kept.size());
  ws.count.assign(size + 1, 0);
  for (int e = 0; e < kept; ++e) {
    ws.kept[e].tail = ws.new_pos[ws.kept[e].tail];
    ws.kept_head[e] = ws.new_pos[ws.kept_head[e]];
    ++ws.count[ws.kept_head[e] + 1];
  }
  for (int i = 0; i < size; ++i) ws.count[i + 1] += ws.count[i];
  bush.begin.assign(ws.count.begin(), ws.count.end());
  // Storage stays proportional to the bush: grown with a little headroom
  // (without copying the old links), shrunk when the bush has shrunk much.
  const std::size_t want = static_cast<std::size_t>(kept);
  if (want > bush.links.capacity() || bush.links.capacity() > want + want / 4 + 16) {
    std::vector<BushLink>().swap(bush.links);
    bush.links.reserve(want + want / 8 + 4);
  }
  bush.links.resize(kept);
  for (int e = 0; e < kept; ++e) bush.links[ws.count[ws.kept_head[e]]++] = ws.kept[e];
  for (const BushLink& b : bush.links) in_bush[b.link] = 0;
  for (int i = 0; i < size; ++i) pos[node[i]] = -1;
  MarkPass(bush, ws.count);
  return shortest_sum / p_.classes[p_.tasks[t].cls].vot;
}

void AlgorithmB::RefreshLink(int a, Lane& lane) const {
  const LinkCost& cost = p_.network->link(LinkId(a)).cost;
  const double x = std::max(0.0, lane.flow[a]);
  double time = cost.Time(x);
  lane.derivative[a] = cost.Derivative(x);
  if (const SidePenalty* side = p_.side) {
    for (int i = side->link_begin[a]; i < side->link_begin[a + 1]; ++i) {
      const int r = side->link_constraints[i];
      time += side->Extra(r, lane.load[r]);
    }
  }
  lane.time[a] = time;
  for (std::size_t k = 0; k < lane.cost.size(); ++k) {
    lane.cost[k][a] = p_.classes[k].vot * time + p_.classes[k].fixed[a];
  }
}

double AlgorithmB::SideSlope(int t, double weight, double& limit, Lane& lane) const {
  const SidePenalty& side = *p_.side;
  const Bush& bush = bushes_[t];
  const auto count = [&](const std::vector<int>& segment, int sign) {
    for (int e : segment) {
      const int a = bush.links[e].link;
      for (int i = side.link_begin[a]; i < side.link_begin[a + 1]; ++i) {
        const int r = side.link_constraints[i];
        if (!lane.touched_mark[r]) {
          lane.touched_mark[r] = 1;
          lane.touched.push_back(r);
        }
        lane.coefficient[r] += sign;
      }
    }
  };
  count(lane.long_segment, 1);
  count(lane.short_segment, -1);
  double slope = 0.0;
  limit = kInf;
  for (int r : lane.touched) {
    const double c = lane.coefficient[r];
    lane.coefficient[r] = 0;
    lane.touched_mark[r] = 0;
    if (c == 0.0) continue;
    // The kink is at load b; within eps of it the piece ahead decides.
    const double b = side.capacity[r] - side.multiplier[r] / side.rho[r];
    const double eps = kKinkTolerance * side.capacity[r];
    const double s0 = lane.load[r];
    const bool rising = c < 0.0;
    const bool active_ahead = rising ? s0 >= b - eps : s0 > b + eps;
    if (active_ahead) slope += side.rho[r] * c * c;
    const double distance = rising ? b - s0 : s0 - b;  // load change to the kink
    if (distance > eps) limit = std::min(limit, distance / (std::abs(c) * weight));
  }
  lane.touched.clear();
  return slope;
}

void AlgorithmB::MoveFlow(int a, double weighted, Lane& lane) const {
  lane.flow[a] += weighted;
  const SidePenalty* side = p_.side;
  if (!side) return;
  for (int i = side->link_begin[a]; i < side->link_begin[a + 1]; ++i) {
    const int r = side->link_constraints[i];
    lane.load[r] += weighted;
    if (!lane.touched_mark[r]) {
      lane.touched_mark[r] = 1;
      lane.touched.push_back(r);
    }
  }
}

// Times of the shifted links (the segments, now link ids) and of every link
// sharing a side constraint with them.
void AlgorithmB::RefreshMoved(Lane& lane) const {
  for (int a : lane.long_segment) RefreshLink(a, lane);
  for (int a : lane.short_segment) RefreshLink(a, lane);
  if (!p_.side) return;
  for (int r : lane.touched) {
    for (int i = p_.side->begin[r]; i < p_.side->begin[r + 1]; ++i) {
      RefreshLink(p_.side->links[i], lane);
    }
    lane.touched_mark[r] = 0;
  }
  lane.touched.clear();
}

void AlgorithmB::Shift(int t, int node, Lane& lane) {
  Bush& bush = bushes_[t];
  const int k = p_.tasks[t].cls;
  std::vector<int>& short_segment = lane.short_segment;
  std::vector<int>& long_segment = lane.long_segment;
  short_segment.clear();
  long_segment.clear();
  // Walk both paths back to their last common node, always stepping the one
  // that is later in topological order.
  int s = node, l = node;
  do {
    if (s >= l) {
      const int e = lane.shortest_pred[s];
      short_segment.push_back(e);
      s = bush.links[e].tail;
    } else {
      const int e = lane.longest_pred[l];
      if (e < 0) return;  // no used path into l (flow rounding); nothing to move
      long_segment.push_back(e);
      l = bush.links[e].tail;
    }
  } while (s != l || long_segment.empty());

  const ClassData& cls = p_.classes[k];
  const std::vector<double>& cost = lane.cost[k];
  double short_cost = 0.0, long_cost = 0.0, slope = 0.0;
  double movable = kInf;
  for (int e : short_segment) {
    const int a = bush.links[e].link;
    short_cost += cost[a];
    slope += lane.derivative[a];
  }
  for (int e : long_segment) {
    const int a = bush.links[e].link;
    long_cost += cost[a];
    slope += lane.derivative[a];
    movable = std::min(movable, bush.links[e].flow);
  }
  const double diff = long_cost - short_cost;
  if (!(diff > 0.0) || !(movable > 0.0)) return;
  // Newton step on the class cost difference: d(c_long - c_short)/d delta.
  double kink = kInf;
  if (p_.side) slope += SideSlope(t, cls.weight, kink, lane);
  slope *= cls.vot * cls.weight;
  const double delta =
      std::min(kink, slope > 0.0 ? std::min(movable, diff / slope) : movable);
  const double weighted = cls.weight * delta;
  for (int& e : long_segment) {
    BushLink& b = bush.links[e];
    b.flow -= delta;  // exactly 0 on the link that bounds delta = movable
    MoveFlow(b.link, -weighted, lane);
    e = b.link;
  }
  for (int& e : short_segment) {
    BushLink& b = bush.links[e];
    b.flow += delta;
    MoveFlow(b.link, weighted, lane);
    e = b.link;
  }
  RefreshMoved(lane);
}

int AlgorithmB::Equilibrate(int t, double threshold, Lane& lane) {
  const Bush& bush = bushes_[t];
  const double* cost = lane.cost[p_.tasks[t].cls].data();
  const int size = static_cast<int>(bush.begin.size()) - 1;
  // Shortest labels over all bush links, longest over used ones (-inf where
  // no used link enters).
  lane.shortest.resize(size);
  lane.longest.resize(size);
  lane.shortest_pred.resize(size);
  lane.longest_pred.resize(size);
  double* shortest = lane.shortest.data();
  double* longest = lane.longest.data();
  int* shortest_pred = lane.shortest_pred.data();
  int* longest_pred = lane.longest_pred.data();
  const BushLink* links = bush.links.data();
  const int* begin = bush.begin.data();
  shortest[0] = longest[0] = 0.0;
  shortest_pred[0] = longest_pred[0] = -1;
  ForEachAscending(bush.pass, [&](const int i) {
    double best = kInf, worst = -kInf;
    int best_pred = -1, worst_pred = -1;
    for (int e = begin[i]; e < begin[i + 1]; ++e) {
      const BushLink& b = links[e];
      const double c = cost[b.link];
      const double s = shortest[b.tail] + c;
      if (s < best) {
        best = s;
        best_pred = e;
      }
      const double l = b.flow > 0.0 ? longest[b.tail] + c : -kInf;
      if (l > worst) {
        worst = l;
        worst_pred = e;
      }
    }
    shortest[i] = best;
    longest[i] = worst;
    shortest_pred[i] = best_pred;
    longest_pred[i] = worst_pred;
  });
  int shifted = 0;
  ForEachDescending(bush.pass, [&](const int i) {
    if (longest[i] - shortest[i] > threshold && longest_pred[i] != shortest_pred[i]) {
      Shift(t, i, lane);
      ++shifted;
    }
  });
  return shifted;
}

Status AlgorithmB::Run(BushStore* warm) {
  std::vector<Workspace> workspaces(p_.threads(), Workspace(g_));
  out_begin_.assign(1, 0);
  for (int v = 0; v < g_.node_count(); ++v) {
    for (LinkId a : g_.OutLinks(NodeId(v))) out_arcs_.push_back({a.value(), g_.head(a).value()});
    out_begin_.push_back(static_cast<int>(out_arcs_.size()));
  }
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
  std::vector<double> task_shortest(bushes_.size());
  std::vector<char> active;
  const int bush_count = static_cast<int>(bushes_.size());
  for (int iteration = 0;; ++iteration) {
    // Bush updates at the costs of the collected flows also give the exact
    // shortest-path costs of the gap; they do not change the collected flows.
    p_.ParallelFor(bush_count, [&](int t, int w) {
      task_shortest[t] = UpdateBush(t, base_.cost[p_.tasks[t].cls], workspaces[w]);
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
    // A bush with nothing above the threshold sits out the rest of the
    // iteration's sweeps (the other bushes' shifts rarely push it back over);
    // extra sweeps only while few bushes are active (kExtraSweeps).
    active.assign(bush_count, 1);
    int active_count = bush_count;
    for (int sweep = 0; sweep < kSweeps + kExtraSweeps; ++sweep) {
      if (sweep >= kSweeps && 5 * active_count > 4 * bush_count) break;
      for (int t = 0; t < bush_count; ++t) {
        if (!active[t]) continue;
        const int n = Equilibrate(t, threshold * p_.classes[p_.tasks[t].cls].vot, base_);
        if (n == 0) {
          active[t] = 0;
          --active_count;
        }
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
