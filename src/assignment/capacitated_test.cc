#include "assignment/capacitated.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <random>
#include <vector>

#include "assignment/capacity_check.h"
#include "assignment/test_support.h"
#include "lp/lp.h"
#include "paths/shortest_path.h"

namespace corridor::assignment {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

NetworkLink Linear(int from, int to, double t0, double slope) {
  NetworkLink l;
  l.from = NodeId(from);
  l.to = NodeId(to);
  l.cost.free_flow_time = t0;
  l.cost.b = slope > 0 ? 1.0 : 0.0;
  l.cost.power = 1.0;
  l.cost.capacity = slope > 0 ? t0 / slope : 0.0;  // t = t0 + slope * x
  return l;
}

Network Build(int n, std::vector<NetworkLink> links) {
  auto net = Network::Build(n, std::move(links), {});
  EXPECT_TRUE(net.ok()) << net.status().ToString();
  return std::move(net).value();
}

DemandClass OneOd(int o, int d, double demand, double vot = 1.0) {
  DemandClass c;
  c.name = "c";
  c.value_of_time = vot;
  c.od.push_back({NodeId(o), NodeId(d), demand});
  return c;
}

CapacityCertificate Certify(const Network& net, const std::vector<DemandClass>& classes,
                            const std::vector<SideConstraint>& caps,
                            const CapacitatedOptions& options, const CapacitatedSolution& sol) {
  return CheckCapacitated(net, classes, caps, options.unserved_penalty, sol,
                          options.capacity_tolerance, options.solver.target_relative_gap);
}

std::string Failures(const CapacityCertificate& c) {
  std::string s;
  for (const auto& f : c.failures) s += f + "\n";
  return s;
}

// Two parallel routes, t_A = 1 + 0.1 x (capacity 12), t_B = 2 + 0.2 x, demand 20.
// Uncapacitated, A would carry 16.7; at capacity the queue on A is the cost
// difference t_B(8) - t_A(12) = 3.6 - 2.2 = 1.4.
TEST(Capacitated, TwoRoutesQueueIsTheCostDifferenceAtCapacity) {
  const Network net = Build(2, {Linear(0, 1, 1.0, 0.1), Linear(0, 1, 2.0, 0.2)});
  const std::vector<DemandClass> classes{OneOd(0, 1, 20.0, 3.0)};
  const std::vector<SideConstraint> caps{{"A", {LinkId(0)}, 12.0}};
  CapacitatedOptions options;
  options.solver.target_relative_gap = 1e-10;
  auto sol = SolveCapacitated(net, classes, caps, options);
  ASSERT_TRUE(sol.ok()) << sol.status().ToString();
  EXPECT_EQ(sol->stop_reason, StopReason::kConverged);
  EXPECT_NEAR(sol->solution.link_flow[0], 12.0, 12e-6);
  EXPECT_NEAR(sol->queue_delay[0], 1.4, 1e-5);
  // Each class pays the queue at its own value of time.
  EXPECT_NEAR(sol->solution.class_link_cost[0][0], 3.0 * (2.2 + 1.4), 1e-4);
  const auto cert = Certify(net, classes, caps, options, *sol);
  EXPECT_TRUE(cert.passed) << Failures(cert);
}

TEST(Capacitated, SlackCapacityHasNoQueueAndMatchesTheUncapacitatedEquilibrium) {
  const Network net = Build(2, {Linear(0, 1, 1.0, 0.1), Linear(0, 1, 2.0, 0.2)});
  const std::vector<DemandClass> classes{OneOd(0, 1, 20.0)};
  const std::vector<SideConstraint> caps{{"A", {LinkId(0)}, 30.0}};
  auto sol = SolveCapacitated(net, classes, caps, {});
  ASSERT_TRUE(sol.ok());
  EXPECT_EQ(sol->queue_delay[0], 0.0);
  auto ue = Solve(net, classes, {});
  ASSERT_TRUE(ue.ok());
  EXPECT_NEAR(sol->solution.link_flow[0], ue->link_flow[0], 1e-6);
  EXPECT_TRUE(Certify(net, classes, caps, {}, *sol).passed);
}

// Braess (TNTP example): paths 1-3-2, 1-4-2 and 1-3-4-2 with demand 6; the UE
// puts 2 on the middle link 3-4. Capped at 1, the outer paths carry 2.5 each
// and cost 87.5, the middle path 81 before its queue: the queue is 6.5.
TEST(Capacitated, BraessWithACappedMiddleLink) {
  const auto inst = testing_support::LoadBenchmark("Braess-Example/Braess", 0, 0);
  const std::vector<DemandClass> classes{inst.demand};
  int middle = -1;
  for (int a = 0; a < inst.network.link_count(); ++a) {
    const auto& l = inst.network.link(LinkId(a));
    if (inst.original_node_ids[l.from.index()] == 3 && inst.original_node_ids[l.to.index()] == 4) middle = a;
  }
  ASSERT_GE(middle, 0);
  const std::vector<SideConstraint> caps{{"3-4", {LinkId(middle)}, 1.0}};
  CapacitatedOptions options;
  options.solver.target_relative_gap = 1e-10;
  auto sol = SolveCapacitated(inst.network, classes, caps, options);
  ASSERT_TRUE(sol.ok()) << sol.status().ToString();
  EXPECT_NEAR(sol->solution.link_flow[middle], 1.0, 1e-6);
  EXPECT_NEAR(sol->queue_delay[0], 6.5, 1e-4);
  const auto cert = Certify(inst.network, classes, caps, options, *sol);
  EXPECT_TRUE(cert.passed) << Failures(cert);
}

TEST(Capacitated, ClosedOnlyRouteLeavesDemandUnservedAtItsPenalty) {
  const Network net = Build(3, {Linear(0, 1, 1.0, 0.1), Linear(1, 2, 1.0, 0.0)});
  const std::vector<DemandClass> classes{OneOd(0, 2, 5.0, 2.0)};
  const std::vector<SideConstraint> caps{{"closed", {LinkId(1)}, 0.0}};
  CapacitatedOptions options;
  options.unserved_penalty = {100.0};
  auto sol = SolveCapacitated(net, classes, caps, options);
  ASSERT_TRUE(sol.ok()) << sol.status().ToString();
  EXPECT_EQ(sol->stop_reason, StopReason::kConverged);
  ASSERT_EQ(sol->unserved.size(), 1u);
  EXPECT_DOUBLE_EQ(sol->unserved[0].demand, 5.0);
  EXPECT_DOUBLE_EQ(sol->unserved_cost, 5.0 * 100.0 / 2.0);
  EXPECT_TRUE(Certify(net, classes, caps, options, *sol).passed);

  auto strict = SolveCapacitated(net, classes, caps, {});  // no penalty: an error naming the pair
  ASSERT_FALSE(strict.ok());
  EXPECT_NE(strict.status().message().find("no path from node 0 to node 2"), std::string::npos)
      << strict.status().ToString();
}

// Demand above the capacity of its only route: with a penalty the surplus is
// unserved and the queue equals penalty minus route cost; without one the solve
// stops at a limit and the certificate reports the violation.
TEST(Capacitated, DemandAboveCapacity) {
  const Network net = Build(2, {Linear(0, 1, 1.0, 0.0)});
  const std::vector<DemandClass> classes{OneOd(0, 1, 10.0)};
  const std::vector<SideConstraint> caps{{"only", {LinkId(0)}, 4.0}};
  CapacitatedOptions options;
  options.unserved_penalty = {7.0};
  auto sol = SolveCapacitated(net, classes, caps, options);
  ASSERT_TRUE(sol.ok());
  EXPECT_NEAR(sol->solution.link_flow[0], 4.0, 4e-6);
  EXPECT_NEAR(sol->queue_delay[0], 6.0, 1e-5);
  EXPECT_TRUE(Certify(net, classes, caps, options, *sol).passed);

  CapacitatedOptions strict;
  strict.max_outer_iterations = 20;
  auto stuck = SolveCapacitated(net, classes, caps, strict);
  ASSERT_TRUE(stuck.ok());
  EXPECT_NE(stuck->stop_reason, StopReason::kConverged);
  EXPECT_EQ(stuck->outer_iterations, 20);
  const auto cert = Certify(net, classes, caps, strict, *stuck);
  EXPECT_FALSE(cert.passed);
  EXPECT_GT(cert.max_violation, 0.1);
}

TEST(Capacitated, RejectsBadOptionsAndConstraints) {
  const Network net = Build(2, {Linear(0, 1, 1.0, 0.1)});
  const std::vector<DemandClass> classes{OneOd(0, 1, 1.0)};
  CapacitatedOptions options;
  options.capacity_tolerance = 0.0;
  options.max_outer_iterations = 0;
  options.solver.algorithm = Algorithm::kFrankWolfe;
  options.unserved_penalty = {1.0, 2.0};
  const std::vector<SideConstraint> caps{{"x", {LinkId(0), LinkId(0), LinkId(5)}, -1.0}};
  auto sol = SolveCapacitated(net, classes, caps, options);
  ASSERT_FALSE(sol.ok());
  const std::string msg = sol.status().ToString();
  for (const char* part : {"capacity_tolerance", "max_outer_iterations", "algorithm-b",
                           "unserved_penalty", "listed twice", "out of range", ">= 0"}) {
    EXPECT_NE(msg.find(part), std::string::npos) << part << " in " << msg;
  }
}

TEST(Capacitated, TimeAndIterationLimitsAlwaysApply) {
  const auto inst = testing_support::LoadBenchmark("SiouxFalls/SiouxFalls", 0, 0);
  std::vector<SideConstraint> caps;
  for (int a = 0; a < inst.network.link_count(); a += 7) {
    caps.push_back({"", {LinkId(a)}, 0.5 * inst.network.link(LinkId(a)).cost.capacity});
  }
  CapacitatedOptions options;
  options.solver.max_iterations = 3;
  auto sol = SolveCapacitated(inst.network, {&inst.demand, 1}, caps, options);
  ASSERT_TRUE(sol.ok());
  EXPECT_EQ(sol->stop_reason, StopReason::kIterationLimit);
  EXPECT_LE(sol->inner_iterations, 3);
  options.solver.max_iterations = 100000;
  options.solver.time_limit_seconds = 1e-3;
  sol = SolveCapacitated(inst.network, {&inst.demand, 1}, caps, options);
  ASSERT_TRUE(sol.ok());
  EXPECT_EQ(sol->stop_reason, StopReason::kTimeLimit);
}

// Independent check: one class, constant link costs. The capacitated UE is then
// the LP  min sum c x + p e  s.t. conservation per OD, capacities; its cost
// must equal the LP optimum and its queues (times the value of time) must be
// optimal LP duals: the Lagrangian dual value at them equals the optimum.
struct RandomCase {
  Network network;
  DemandClass demand;
  std::vector<SideConstraint> caps;
  double penalty = 0.0;
};

RandomCase MakeRandomCase(unsigned seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> cost(1.0, 10.0);
  const int n = 7;
  std::vector<NetworkLink> links;
  for (int i = 0; i + 1 < n; ++i) links.push_back(Linear(i, i + 1, cost(rng), 0.0));
  std::uniform_int_distribution<int> node(0, n - 1);
  for (int e = 0; e < 14; ++e) {
    const int a = node(rng), b = node(rng);
    if (a != b) links.push_back(Linear(a, b, cost(rng), 0.0));
  }
  RandomCase c{Build(n, links), {}, {}, 60.0};
  c.demand.name = "freight";
  c.demand.value_of_time = 2.5;
  for (int od = 0; od < 4; ++od) {
    const int o = node(rng), d = node(rng);
    if (o != d) c.demand.od.push_back({NodeId(o), NodeId(d), 1.0 + od});
  }
  std::uniform_real_distribution<double> cap(0.5, 4.0);
  for (int a = 0; a < c.network.link_count(); a += 2) c.caps.push_back({"", {LinkId(a)}, cap(rng)});
  return c;
}

struct LpAnswer {
  double objective = 0.0;
  std::vector<double> capacity_dual;  // >= 0, USD per unit
};

LpAnswer SolveLp(const RandomCase& c) {
  const Network& net = c.network;
  const int n = net.node_count(), m = net.link_count();
  const auto& od = c.demand.od;
  lp::Model model;
  std::vector<int> cap_row;
  for (const auto& cap : c.caps) cap_row.push_back(model.AddRow(-lp::kInfinity, cap.capacity));
  for (std::size_t q = 0; q < od.size(); ++q) {
    std::vector<int> node_row(n);
    for (int v = 0; v < n; ++v) {
      const double rhs = v == od[q].origin.value() ? od[q].demand
                         : v == od[q].destination.value() ? -od[q].demand : 0.0;
      node_row[v] = model.AddRow(rhs, rhs);
    }
    for (int a = 0; a < m; ++a) {
      const auto& l = net.link(LinkId(a));
      std::vector<int> rows{node_row[l.from.index()], node_row[l.to.index()]};
      std::vector<double> values{1.0, -1.0};
      for (std::size_t r = 0; r < c.caps.size(); ++r) {
        if (c.caps[r].links[0].value() == a) {
          rows.push_back(cap_row[r]);
          values.push_back(1.0);
        }
      }
      model.AddColumn(c.demand.value_of_time * l.cost.free_flow_time, 0, lp::kInfinity, rows, values);
    }
    const int rows[] = {node_row[od[q].origin.index()], node_row[od[q].destination.index()]};
    const double values[] = {1.0, -1.0};
    model.AddColumn(c.penalty, 0, lp::kInfinity, rows, values);  // unserved
  }
  lp::Solver solver;
  solver.Load(model);
  EXPECT_EQ(solver.Solve(), lp::SolveStatus::kOptimal);
  LpAnswer answer{solver.objective(), {}};
  for (int r : cap_row) answer.capacity_dual.push_back(std::abs(solver.duals()[r]));
  return answer;
}

// sum_od d min(shortest under c + vot mu, p) - sum_r vot mu_r cap_r: the LP's dual value at mu.
double DualValue(const RandomCase& c, const std::vector<double>& price_per_link,
                 const std::vector<double>& capacity_price) {
  paths::Dijkstra dijkstra(c.network.graph());
  paths::ShortestPathTree tree;
  std::vector<double> cost(c.network.link_count());
  for (int a = 0; a < c.network.link_count(); ++a) {
    cost[a] = c.demand.value_of_time * c.network.link(LinkId(a)).cost.free_flow_time + price_per_link[a];
  }
  double value = 0.0;
  for (const auto& od : c.demand.od) {
    dijkstra.Run(od.origin, cost, {}, tree);
    value += od.demand * std::min(tree.distance[od.destination.index()], c.penalty);
  }
  for (std::size_t r = 0; r < c.caps.size(); ++r) value -= capacity_price[r] * c.caps[r].capacity;
  return value;
}

TEST(Capacitated, RandomConstantCostNetworksMatchTheLp) {
  int queues = 0, unserved = 0;
  for (unsigned seed = 1; seed <= 12; ++seed) {
    SCOPED_TRACE(seed);
    const RandomCase c = MakeRandomCase(seed);
    const std::vector<DemandClass> classes{c.demand};
    CapacitatedOptions options;
    options.unserved_penalty = {c.penalty};
    options.solver.target_relative_gap = 1e-10;
    auto sol = SolveCapacitated(c.network, classes, c.caps, options);
    ASSERT_TRUE(sol.ok()) << sol.status().ToString();
    const auto cert = Certify(c.network, classes, c.caps, options, *sol);
    EXPECT_TRUE(cert.passed) << Failures(cert);
    const LpAnswer lp = SolveLp(c);
    double cost = sol->unserved_cost * c.demand.value_of_time;
    for (int a = 0; a < c.network.link_count(); ++a) {
      cost += sol->solution.link_flow[a] * c.demand.value_of_time *
              c.network.link(LinkId(a)).cost.free_flow_time;
    }
    EXPECT_NEAR(cost, lp.objective, 1e-6 * lp.objective);
    std::vector<double> price(c.caps.size()), per_link(c.network.link_count(), 0.0);
    std::vector<double> lp_per_link(c.network.link_count(), 0.0);
    for (std::size_t r = 0; r < c.caps.size(); ++r) {
      price[r] = c.demand.value_of_time * sol->queue_delay[r];
      per_link[c.caps[r].links[0].index()] += price[r];
      lp_per_link[c.caps[r].links[0].index()] += lp.capacity_dual[r];
    }
    // Both price vectors are optimal duals of the same LP.
    EXPECT_NEAR(DualValue(c, per_link, price), lp.objective, 1e-5 * lp.objective);
    EXPECT_NEAR(DualValue(c, lp_per_link, lp.capacity_dual), lp.objective, 1e-6 * lp.objective);
    for (double q : sol->queue_delay) queues += q > 0.0;
    unserved += !sol->unserved.empty();
  }
  // The instances are tight enough to exercise queues and unserved demand.
  EXPECT_GT(queues, 12);
  EXPECT_GT(unserved, 0);
}

TEST(Capacitated, CallbackSeesIterationsNumberedOverAllOuterIterationsAndCanCancel) {
  const auto inst = testing_support::LoadBenchmark("SiouxFalls/SiouxFalls", 0, 0);
  std::vector<SideConstraint> caps;
  for (int a = 0; a < inst.network.link_count(); a += 9) {
    caps.push_back({"", {LinkId(a)}, 0.7 * inst.network.link(LinkId(a)).cost.capacity});
  }
  std::vector<int> seen;
  CapacitatedOptions options;
  options.solver.on_iteration = [&](const IterationStats& s) {
    seen.push_back(s.iteration);
    return true;
  };
  auto sol = SolveCapacitated(inst.network, {&inst.demand, 1}, caps, options);
  ASSERT_TRUE(sol.ok());
  ASSERT_GT(sol->outer_iterations, 1);
  EXPECT_TRUE(std::is_sorted(seen.begin(), seen.end()));
  EXPECT_EQ(seen.back(), sol->inner_iterations);
  options.solver.on_iteration = [](const IterationStats& s) { return s.iteration < 2; };
  sol = SolveCapacitated(inst.network, {&inst.demand, 1}, caps, options);
  ASSERT_TRUE(sol.ok());
  EXPECT_EQ(sol->stop_reason, StopReason::kCancelled);
  EXPECT_LE(sol->inner_iterations, 2);
}

TEST(Capacitated, TwoClassesShareTheQueueInHours) {
  const Network net = Build(2, {Linear(0, 1, 1.0, 0.1), Linear(0, 1, 2.0, 0.2)});
  std::vector<DemandClass> classes{OneOd(0, 1, 10.0, 1.0), OneOd(0, 1, 10.0, 4.0)};
  const std::vector<SideConstraint> caps{{"A", {LinkId(0)}, 12.0}};
  CapacitatedOptions options;
  options.solver.target_relative_gap = 1e-10;
  auto sol = SolveCapacitated(net, classes, caps, options);
  ASSERT_TRUE(sol.ok());
  EXPECT_NEAR(sol->solution.link_flow[0], 12.0, 1e-5);
  // Both classes use both routes, so each is indifferent in hours: the queue is
  // the same 1.4 h as with one class, worth 1.4 and 5.6 in money.
  EXPECT_NEAR(sol->queue_delay[0], 1.4, 1e-5);
  EXPECT_TRUE(Certify(net, classes, caps, options, *sol).passed);
}

}  // namespace
}  // namespace corridor::assignment
