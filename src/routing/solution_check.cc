// CheckSolution: the answer checker of system_optimum.h. It reads only the network and
// the solution (block flows, unserved tonnes, shadow prices, objective) and never the
// LP, so a wrong LP model or a wrong extraction of its answer is caught here.
#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <map>
#include <queue>
#include <sstream>
#include <utility>

#include "routing/system_optimum.h"

namespace corridor::routing {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

// Demand rows of one (commodity, origin).
struct DemandGroup {
  CommodityId commodity;
  NodeId origin;
  std::vector<std::size_t> od;
  double demand_t = 0.0;
  std::vector<std::size_t> blocks;  // indices into Solution::blocks
};

std::string Describe(const model::Network& net, CommodityId k, NodeId o) {
  return "block (" + net.commodities[k.index()].id + ", " + net.nodes[o.index()].id + ")";
}

std::string Number(double v) {
  std::ostringstream out;
  out.precision(9);
  out << v;
  return out.str();
}

// Shortest distances from `from` on arcs commodity k may use, with arc lengths
// `length`, expanding modal vnodes only (centroids are endpoints).
std::vector<double> Dijkstra(const model::Network& net, CommodityId k, VNodeId from,
                             const std::vector<double>& length) {
  std::vector<double> dist(net.vnode_count(), kInf);
  using Entry = std::pair<double, std::int32_t>;
  std::priority_queue<Entry, std::vector<Entry>, std::greater<>> heap;
  dist[from.index()] = 0.0;
  heap.emplace(0.0, from.value());
  while (!heap.empty()) {
    const auto [d, v] = heap.top();
    heap.pop();
    const auto vi = static_cast<std::size_t>(v);
    if (d > dist[vi]) continue;
    if (VNodeId(v) != from && net.vnode_kind[vi] != model::VNodeKind::kModal) continue;
    for (auto a = net.out_begin[vi]; a < net.out_begin[vi + 1]; ++a) {
      const ArcId arc(a);
      if (!net.CommodityMayUse(k, arc)) continue;
      const auto h = net.arc_head[arc.index()].index();
      const double nd = d + length[arc.index()];
      if (nd < dist[h]) {
        dist[h] = nd;
        heap.emplace(nd, static_cast<std::int32_t>(h));
      }
    }
  }
  return dist;
}

class Checker {
 public:
  Checker(const model::Network& net, const Solution& sol, double feasibility_tolerance,
          double gap_tolerance)
      : net_(net), sol_(sol), feas_tol_(feasibility_tolerance), gap_tol_(gap_tolerance) {}

  CheckReport Run() {
    if (sol_.od.size() != net_.demand.size() || sol_.resources.size() != net_.resource_count()) {
      Fail("the solution has " + std::to_string(sol_.od.size()) + " OD and " +
           std::to_string(sol_.resources.size()) + " resource results, the network " +
           std::to_string(net_.demand.size()) + " and " +
           std::to_string(net_.resource_count()));
      return report_;
    }
    GroupDemand();
    CheckUnserved();
    CheckBlocks();
    CheckCapacity();
    CheckObjective();
    CheckBound();
    report_.passed = report_.failures.empty();
    return report_;
  }

 private:
  void Fail(std::string message) { report_.failures.push_back(std::move(message)); }

  void GroupDemand() {
    std::map<std::pair<int, int>, std::size_t> index;
    for (std::size_t i = 0; i < net_.demand.size(); ++i) {
      const model::OdDemand& d = net_.demand[i];
      auto [it, inserted] = index.emplace(std::pair(d.commodity.value(), d.origin.value()),
                                          groups_.size());
      if (inserted) groups_.push_back({d.commodity, d.origin, {}, 0.0, {}});
      groups_[it->second].od.push_back(i);
      groups_[it->second].demand_t += d.tonnes_per_year;
    }
    for (std::size_t b = 0; b < sol_.blocks.size(); ++b) {
      const BlockFlow& block = sol_.blocks[b];
      auto it = index.find({block.commodity.value(), block.origin.value()});
      if (it == index.end()) {
        Fail("a block flow has a (commodity, origin) without demand");
        continue;
      }
      groups_[it->second].blocks.push_back(b);
    }
  }

  void CheckUnserved() {
    for (std::size_t i = 0; i < net_.demand.size(); ++i) {
      const double d = net_.demand[i].tonnes_per_year;
      const double u = sol_.od[i].unserved_t;
      report_.min_flow_t = std::min(report_.min_flow_t, u);
      if (!(u >= -feas_tol_ * std::max(1.0, d)) || !(u <= d * (1.0 + feas_tol_))) {
        Fail("demand row " + std::to_string(i) + ": unserved " + Number(u) +
             " t is outside [0, " + Number(d) + "]");
      }
    }
  }

  // Non-negativity, allowed arcs and conservation per block and vnode; accumulates
  // the arc flows for the capacity and objective checks.
  void CheckBlocks() {
    const std::size_t m = net_.arc_count();
    arc_flow_.assign(m, 0.0);
    flow_cost_ = 0.0;
    std::vector<double> imbalance(net_.vnode_count(), 0.0);
    std::vector<VNodeId> touched;
    auto add = [&](VNodeId v, double amount) {
      if (imbalance[v.index()] == 0.0) touched.push_back(v);
      imbalance[v.index()] += amount;
    };
    for (const DemandGroup& g : groups_) {
      const std::string name = Describe(net_, g.commodity, g.origin);
      std::vector<char> is_block_sink(net_.vnode_count(), 0);
      double served = 0.0;
      for (std::size_t i : g.od) {
        const VNodeId sink = net_.sink_of[net_.demand[i].destination.index()];
        is_block_sink[sink.index()] = 1;
        served += net_.demand[i].tonnes_per_year - sol_.od[i].unserved_t;
        add(sink, net_.demand[i].tonnes_per_year - sol_.od[i].unserved_t);
      }
      const VNodeId source = net_.source_of[g.origin.index()];
      add(source, -served);
      for (std::size_t b : g.blocks) {
        const BlockFlow& block = sol_.blocks[b];
        if (block.arcs.size() != block.flow_t.size()) {
          Fail(name + ": arcs and flows differ in length");
          continue;
        }
        for (std::size_t i = 0; i < block.arcs.size(); ++i) {
          const ArcId a = block.arcs[i];
          const double x = block.flow_t[i];
          if (!a.valid() || a.index() >= m) {
            Fail(name + ": arc id out of range");
            continue;
          }
          report_.min_flow_t = std::min(report_.min_flow_t, x);
          if (!(x >= -feas_tol_ * std::max(1.0, g.demand_t))) {
            Fail(name + ": negative flow " + Number(x) + " t on " + net_.ArcLabel(a));
          }
          if (!net_.CommodityMayUse(g.commodity, a)) {
            Fail(name + ": the commodity may not use " + net_.ArcLabel(a));
          }
          const VNodeId tail = net_.arc_tail[a.index()];
          const VNodeId head = net_.arc_head[a.index()];
          const bool tail_ok = tail == source ||
                               net_.vnode_kind[tail.index()] == model::VNodeKind::kModal;
          const bool head_ok = is_block_sink[head.index()] ||
                               net_.vnode_kind[head.index()] == model::VNodeKind::kModal;
          if (!tail_ok || !head_ok) {
            Fail(name + ": flow passes a centroid of another block on " + net_.ArcLabel(a));
          }
          add(tail, x);
          add(head, -x);
          arc_flow_[a.index()] += x;
          flow_cost_ += net_.GeneralisedCost(g.commodity, a) * x;
        }
      }
      double worst = 0.0;
      VNodeId worst_vnode;
      for (VNodeId v : touched) {
        if (std::abs(imbalance[v.index()]) > worst) {
          worst = std::abs(imbalance[v.index()]);
          worst_vnode = v;
        }
        imbalance[v.index()] = 0.0;
      }
      touched.clear();
      report_.max_conservation_error_t = std::max(report_.max_conservation_error_t, worst);
      if (worst > feas_tol_ * std::max(1.0, g.demand_t)) {
        Fail(name + ": flow is not conserved at " +
             net_.nodes[net_.vnode_node[worst_vnode.index()].index()].id + " (error " +
             Number(worst) + " t)");
      }
    }
  }

  void CheckCapacity() {
    for (std::size_t r = 0; r < net_.resource_count(); ++r) {
      double flow = 0.0;
      for (auto i = net_.resource_begin[r]; i < net_.resource_begin[r + 1]; ++i) {
        flow += arc_flow_[net_.resource_arcs[static_cast<std::size_t>(i)].index()];
      }
      const double cap = net_.resource_capacity_t[r];
      const double excess = flow - cap;
      report_.max_capacity_excess_t = std::max(report_.max_capacity_excess_t, excess);
      if (excess > feas_tol_ * std::max(1.0, cap)) {
        Fail(net_.resource_label[r] + ": flow " + Number(flow) + " t exceeds capacity " +
             Number(cap) + " t");
      }
    }
  }

  void CheckObjective() {
    double penalty = 0.0;
    for (std::size_t i = 0; i < net_.demand.size(); ++i) {
      penalty += net_.commodities[net_.demand[i].commodity.index()].unserved_penalty_usd_per_t *
                 sol_.od[i].unserved_t;
    }
    report_.objective_recomputed_usd = flow_cost_ + penalty;
    const double diff = std::abs(report_.objective_recomputed_usd - sol_.objective_usd);
    if (!(diff <= gap_tol_ * std::max(1.0, std::abs(sol_.objective_usd)))) {
      Fail("the objective " + Number(sol_.objective_usd) + " differs from the one the flows give, " +
           Number(report_.objective_recomputed_usd));
    }
  }

  // L(mu) = sum_kod D_kod min(p_k, dist_{c+mu}(o, d)) - sum_r mu_r cap_r.
  void CheckBound() {
    std::vector<double> arc_mu(net_.arc_count(), 0.0);
    double mu_cap = 0.0;
    for (std::size_t r = 0; r < net_.resource_count(); ++r) {
      double mu = sol_.resources[r].shadow_price_usd_per_t;
      if (!std::isfinite(mu) || mu < 0.0) {
        Fail(net_.resource_label[r] + ": shadow price " + Number(mu) +
             " is not a finite number >= 0");
        mu = 0.0;
      }
      if (mu == 0.0) continue;
      mu_cap += mu * net_.resource_capacity_t[r];
      for (auto i = net_.resource_begin[r]; i < net_.resource_begin[r + 1]; ++i) {
        arc_mu[net_.resource_arcs[static_cast<std::size_t>(i)].index()] += mu;
      }
    }
    double bound = -mu_cap;
    std::vector<double> length(net_.arc_count());
    for (const DemandGroup& g : groups_) {
      for (std::size_t a = 0; a < net_.arc_count(); ++a) {
        length[a] = net_.GeneralisedCost(g.commodity, ArcId(static_cast<int>(a))) + arc_mu[a];
      }
      const std::vector<double> dist =
          Dijkstra(net_, g.commodity, net_.source_of[g.origin.index()], length);
      const double penalty = net_.commodities[g.commodity.index()].unserved_penalty_usd_per_t;
      for (std::size_t i : g.od) {
        const double d = dist[net_.sink_of[net_.demand[i].destination.index()].index()];
        bound += net_.demand[i].tonnes_per_year * std::min(penalty, d);
      }
    }
    report_.lower_bound_usd = bound;
    const double objective = report_.objective_recomputed_usd;
    report_.relative_gap = (objective - bound) / std::max(1.0, std::abs(objective));
    if (report_.relative_gap > gap_tol_) {
      Fail("optimality not proven: the relative gap between the objective " + Number(objective) +
           " and the Lagrangian bound " + Number(bound) + " is " + Number(report_.relative_gap));
    } else if (report_.relative_gap < -gap_tol_) {
      Fail("the Lagrangian bound " + Number(bound) + " exceeds the objective " +
           Number(objective) + ": the flows cannot be feasible");
    }
  }

  const model::Network& net_;
  const Solution& sol_;
  double feas_tol_;
  double gap_tol_;
  CheckReport report_;
  std::vector<DemandGroup> groups_;
  std::vector<double> arc_flow_;
  double flow_cost_ = 0.0;
};

}  // namespace

CheckReport CheckSolution(const model::Network& net, const Solution& solution,
                          double feasibility_tolerance, double gap_tolerance) {
  return Checker(net, solution, feasibility_tolerance, gap_tolerance).Run();
}

}  // namespace corridor::routing
