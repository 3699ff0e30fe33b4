#include "assignment/capacity_check.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <map>
#include <utility>

#include "paths/shortest_path.h"

namespace corridor::assignment {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kConservationTolerance = 1e-9;
constexpr double kGapRounding = 1e-13;

std::string Format(const char* fmt, double a, double b = 0.0) {
  char buf[160];
  std::snprintf(buf, sizeof buf, fmt, a, b);
  return buf;
}

using OdMap = std::map<std::pair<int, int>, double>;  // (origin, destination) -> amount

struct ClassView {
  std::vector<char> allowed;  // per link
  std::vector<double> cost;   // c~_ka(X) + queues, time units
  OdMap demand, unserved;
  double penalty = kInf;      // p~_k, time units
};

class Checker {
 public:
  Checker(const Network& net, std::span<const DemandClass> classes,
          std::span<const SideConstraint> constraints, std::span<const double> penalty,
          const CapacitatedSolution& answer, double tol)
      : net_(net), classes_(classes), constraints_(constraints), penalty_(penalty),
        answer_(answer), tol_(tol) {}

  CapacityCertificate Run(double target_gap) {
    cert_.tolerance = tol_;
    cert_.target_gap = target_gap;
    if (!Shapes()) return Finish();
    Loads();
    Capacities();
    for (std::size_t k = 0; k < classes_.size(); ++k) views_.push_back(View(k));
    Flows();
    Gap();
    if (cert_.relative_gap > target_gap * 1.01 + kGapRounding) {
      Fail(Format("relative gap %.3g above the target %.3g", cert_.relative_gap, target_gap));
    }
    return Finish();
  }

 private:
  void Fail(std::string message) { cert_.failures.push_back(std::move(message)); }
  CapacityCertificate Finish() {
    cert_.passed = cert_.failures.empty();
    return cert_;
  }

  bool Shapes() {
    const std::size_t m = net_.link_count();
    bool ok = answer_.solution.class_link_flow.size() == classes_.size() &&
              answer_.queue_delay.size() == constraints_.size();
    for (const auto& x : answer_.solution.class_link_flow) ok = ok && x.size() == m;
    if (!ok) Fail("answer sizes do not match the input");
    return ok;
  }

  void Loads() {
    const int m = net_.link_count();
    flow_.assign(m, 0.0);
    for (std::size_t k = 0; k < classes_.size(); ++k) {
      for (int a = 0; a < m; ++a) {
        flow_[a] += classes_[k].flow_weight * answer_.solution.class_link_flow[k][a];
      }
    }
    queue_.assign(m, 0.0);
    closed_.assign(m, 0);
  }

  void Capacities() {
    cert_.min_queue_delay = kInf;
    for (std::size_t r = 0; r < constraints_.size(); ++r) {
      const SideConstraint& c = constraints_[r];
      double load = 0.0;
      for (LinkId a : c.links) load += flow_[a.index()];
      const double mu = answer_.queue_delay[r];
      cert_.min_queue_delay = std::min(cert_.min_queue_delay, mu);
      if (!(mu >= 0.0) || !std::isfinite(mu)) Fail("capacity " + c.name + ": queue delay not >= 0");
      if (c.capacity <= 0.0) {
        for (LinkId a : c.links) closed_[a.index()] = 1;
        if (load > 0.0) Fail("capacity " + c.name + ": flow on a closed capacity");
        continue;
      }
      for (LinkId a : c.links) queue_[a.index()] += mu;
      const double violation = std::max(0.0, load - c.capacity) / c.capacity;
      cert_.max_violation = std::max(cert_.max_violation, violation);
      if (violation > tol_) {
        Fail("capacity " + c.name + Format(": flow %.9g above capacity %.9g", load, c.capacity));
      }
      if (mu > 0.0) {
        const double slack = std::abs(load - c.capacity) / c.capacity;
        cert_.max_complementarity = std::max(cert_.max_complementarity, slack);
        if (slack > tol_) {
          Fail("capacity " + c.name + Format(": queue %.6g on an unsaturated capacity (use %.9g)",
                                             mu, load / c.capacity));
        }
      }
    }
    if (constraints_.empty()) cert_.min_queue_delay = 0.0;
  }

  ClassView View(std::size_t k) {
    const DemandClass& dc = classes_[k];
    const int m = net_.link_count();
    ClassView v;
    if (k < penalty_.size() && std::isfinite(penalty_[k])) v.penalty = penalty_[k] / dc.value_of_time;
    v.allowed.resize(m);
    v.cost.resize(m);
    for (int a = 0; a < m; ++a) {
      const NetworkLink& l = net_.link(LinkId(a));
      v.allowed[a] = !closed_[a] && (dc.link_allowed.empty() || dc.link_allowed[a]);
      const double money = dc.toll_factor * l.toll + dc.distance_factor * l.length +
                           (dc.link_fee.empty() ? 0.0 : dc.link_fee[a]);
      v.cost[a] = v.allowed[a] ? l.cost.Time(flow_[a]) + money / dc.value_of_time + queue_[a] : kInf;
    }
    for (const OdDemand& od : dc.od) {
      if (od.origin != od.destination && od.demand > 0.0) {
        v.demand[{od.origin.value(), od.destination.value()}] += od.demand;
      }
    }
    return v;
  }

  void Flows() {
    for (const UnservedDemand& u : answer_.unserved) {
      if (u.cls < 0 || u.cls >= static_cast<int>(classes_.size()) || !(u.demand >= 0.0)) {
        Fail("unserved entry out of range");
        continue;
      }
      if (!std::isfinite(views_[u.cls].penalty)) Fail("unserved demand of a class without penalty");
      views_[u.cls].unserved[{u.origin.value(), u.destination.value()}] += u.demand;
    }
    for (std::size_t k = 0; k < classes_.size(); ++k) Conservation(k);
  }

  void Conservation(std::size_t k) {
    const ClassView& v = views_[k];
    const std::vector<double>& x = answer_.solution.class_link_flow[k];
    std::vector<double> balance(net_.node_count(), 0.0);  // outflow - inflow - net supply
    double scale = 0.0;
    for (const auto& [od, d] : v.demand) {
      const auto it = v.unserved.find(od);
      const double e = it == v.unserved.end() ? 0.0 : it->second;
      if (e > d * (1 + 1e-12)) Fail(classes_[k].name + ": more unserved than demand");
      balance[od.first] -= d - e;
      balance[od.second] += d - e;
      scale += d;
    }
    for (int a = 0; a < net_.link_count(); ++a) {
      if (x[a] == 0.0) continue;
      if (!(x[a] > 0.0)) Fail(classes_[k].name + ": negative flow");
      if (!v.allowed[a]) Fail(classes_[k].name + ": flow on a closed or forbidden link");
      const NetworkLink& l = net_.link(LinkId(a));
      balance[l.from.index()] += x[a];
      balance[l.to.index()] -= x[a];
    }
    double worst = 0.0;
    for (double b : balance) worst = std::max(worst, std::abs(b));
    const double relative = scale > 0.0 ? worst / scale : worst;
    cert_.max_conservation_error = std::max(cert_.max_conservation_error, relative);
    if (relative > kConservationTolerance) {
      Fail(classes_[k].name + Format(": flow not conserved (relative error %.3g)", relative));
    }
  }

  void Gap() {
    paths::Dijkstra dijkstra(net_.graph());
    paths::ShortestPathTree tree;
    double total = 0.0, shortest = 0.0;
    for (std::size_t k = 0; k < classes_.size(); ++k) {
      const ClassView& v = views_[k];
      const std::vector<double>& x = answer_.solution.class_link_flow[k];
      for (int a = 0; a < net_.link_count(); ++a) {
        if (x[a] > 0.0) total += x[a] * v.cost[a];
      }
      for (const auto& [od, e] : v.unserved) total += e * v.penalty;
      int origin = -1;
      for (const auto& [od, d] : v.demand) {
        if (od.first != origin) {
          origin = od.first;
          dijkstra.Run(NodeId(origin), v.cost, net_.through_allowed(), tree);
        }
        shortest += d * std::min(tree.distance[od.second], v.penalty);
      }
    }
    cert_.relative_gap = total > 0.0 ? (total - shortest) / total : 0.0;
    if (!std::isfinite(cert_.relative_gap)) Fail("demand with neither a path nor a penalty");
  }

  const Network& net_;
  std::span<const DemandClass> classes_;
  std::span<const SideConstraint> constraints_;
  std::span<const double> penalty_;
  const CapacitatedSolution& answer_;
  double tol_;
  CapacityCertificate cert_;
  std::vector<double> flow_, queue_;
  std::vector<char> closed_;
  std::vector<ClassView> views_;
};

}  // namespace

CapacityCertificate CheckCapacitated(const Network& network, std::span<const DemandClass> classes,
                                     std::span<const SideConstraint> constraints,
                                     std::span<const double> unserved_penalty,
                                     const CapacitatedSolution& answer, double tolerance,
                                     double target_gap) {
  return Checker(network, classes, constraints, unserved_penalty, answer, tolerance).Run(target_gap);
}

}  // namespace corridor::assignment
