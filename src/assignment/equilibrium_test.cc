#include "assignment/equilibrium.h"

#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <random>
#include <string>

#include "assignment/test_support.h"

namespace corridor::assignment {
namespace {

using testing_support::CheckConservation;
using testing_support::IndependentGap;
using testing_support::LoadBenchmark;

TEST(AlgorithmB, BraessReachesTheReferenceObjective) {
  const auto inst = LoadBenchmark("Braess-Example/Braess", 0, 0);
  auto sol = Solve(inst.network, std::span(&inst.demand, 1), Options{});
  ASSERT_TRUE(sol.ok()) << sol.status().ToString();
  EXPECT_EQ(sol->stop_reason, StopReason::kConverged);
  EXPECT_LE(sol->final.relative_gap, 1e-12);
  EXPECT_NEAR(sol->final.beckmann, 386.00000008, 1e-10 * 386.00000008);
  EXPECT_NEAR(sol->final.total_time, 552.000000018, 1e-9 * 552);
  EXPECT_LE(IndependentGap(inst.network, inst.demand, *sol), 1e-12);
}

TEST(AlgorithmB, SiouxFallsMatchesReferenceObjectiveAndFlows) {
  const auto inst = LoadBenchmark("SiouxFalls/SiouxFalls", 0, 0);
  auto sol = Solve(inst.network, std::span(&inst.demand, 1), Options{});
  ASSERT_TRUE(sol.ok()) << sol.status().ToString();
  EXPECT_EQ(sol->stop_reason, StopReason::kConverged);
  EXPECT_LE(sol->final.relative_gap, 1e-12);
  EXPECT_NEAR(sol->final.beckmann, 4231335.287107441, 1e-10 * 4231335.287107441);
  EXPECT_NEAR(sol->final.total_time, 7480225.344921119, 1e-9 * 7480225.344921119);
  testing_support::ExpectFlowsMatchBestKnown("SiouxFalls/SiouxFalls_flow.tntp", inst, *sol, 1e-6);
  EXPECT_LE(IndependentGap(inst.network, inst.demand, *sol), 1e-12);
  CheckConservation(inst.network, inst.demand, sol->class_link_flow[0], 1e-9);
}

TEST(AlgorithmB, AnaheimMatchesReferenceObjectiveAndFlows) {
  const auto inst = LoadBenchmark("Anaheim/Anaheim", 0, 0);
  auto sol = Solve(inst.network, std::span(&inst.demand, 1), Options{});
  ASSERT_TRUE(sol.ok()) << sol.status().ToString();
  EXPECT_LE(sol->final.relative_gap, 1e-12);
  EXPECT_NEAR(sol->final.beckmann, 1286032.1710960327, 1e-9 * 1286032.1710960327);
  testing_support::ExpectFlowsMatchBestKnown("Anaheim/Anaheim_flow.tntp", inst, *sol, 1e-6);
  CheckConservation(inst.network, inst.demand, sol->class_link_flow[0], 1e-9);
}

TEST(AlgorithmB, LogIsMonotoneEnoughAndMeasuresAreConsistent) {
  const auto inst = LoadBenchmark("SiouxFalls/SiouxFalls", 0, 0);
  Options options;
  options.target_relative_gap = 1e-8;
  auto sol = Solve(inst.network, std::span(&inst.demand, 1), options);
  ASSERT_TRUE(sol.ok());
  ASSERT_GE(sol->log.size(), 2u);
  EXPECT_EQ(sol->log.front().iteration, 0);
  EXPECT_LE(sol->log.back().relative_gap, 1e-8);
  EXPECT_LT(sol->log.back().beckmann, sol->log.front().beckmann);
  for (const auto& s : sol->log) {
    EXPECT_NEAR(s.average_excess_cost * 360600.0, s.relative_gap * s.total_cost,
                1e-9 * s.total_cost);
  }
  options.max_iterations = 3;
  options.target_relative_gap = 0;
  auto capped = Solve(inst.network, std::span(&inst.demand, 1), options);
  ASSERT_TRUE(capped.ok());
  EXPECT_EQ(capped->stop_reason, StopReason::kIterationLimit);
  EXPECT_EQ(capped->log.size(), 4u);
}

TEST(AlgorithmB, ResultsDoNotDependOnTheThreadCount) {
  const auto inst = LoadBenchmark("SiouxFalls/SiouxFalls", 0, 0);
  for (Algorithm algorithm : {Algorithm::kAlgorithmB, Algorithm::kBiconjugateFrankWolfe}) {
    Options options;
    options.algorithm = algorithm;
    options.max_iterations = 30;
    auto one = Solve(inst.network, std::span(&inst.demand, 1), options);
    options.threads = 2;
    auto two = Solve(inst.network, std::span(&inst.demand, 1), options);
    ASSERT_TRUE(one.ok() && two.ok());
    EXPECT_EQ(one->link_flow, two->link_flow) << AlgorithmName(algorithm);
    EXPECT_EQ(one->final.relative_gap, two->final.relative_gap);
  }
}

// Frank-Wolfe's gap decreases roughly like 1/k: after many iterations it is
// still far from tight, and the conjugate variants do better at equal work.
TEST(LinkBased, FrankWolfeIsSublinearAndConjugateVariantsAreFaster) {
  const auto inst = LoadBenchmark("SiouxFalls/SiouxFalls", 0, 0);
  Options options;
  options.max_iterations = 200;
  options.target_relative_gap = 0;
  std::vector<double> final_gap;
  for (Algorithm algorithm : {Algorithm::kFrankWolfe, Algorithm::kConjugateFrankWolfe,
                              Algorithm::kBiconjugateFrankWolfe}) {
    options.algorithm = algorithm;
    auto sol = Solve(inst.network, std::span(&inst.demand, 1), options);
    ASSERT_TRUE(sol.ok());
    EXPECT_EQ(sol->stop_reason, StopReason::kIterationLimit);
    for (std::size_t i = 1; i < sol->log.size(); ++i) {
      EXPECT_LE(sol->log[i].beckmann, sol->log[i - 1].beckmann * (1 + 1e-12))
          << AlgorithmName(algorithm) << " iteration " << i;
    }
    EXPECT_NEAR(sol->final.beckmann, 4231335.287107441, 1e-3 * 4231335.287107441);
    final_gap.push_back(sol->final.relative_gap);
    CheckConservation(inst.network, inst.demand, sol->class_link_flow[0], 1e-6);
  }
  EXPECT_GT(final_gap[0], 1e-6);  // FW: sublinear, far from 1e-6 after 200 iterations
  // Gap after 20 iterations vs after 200: a linear method would gain ~10 orders.
  EXPECT_LT(final_gap[1], final_gap[0]);
  EXPECT_LT(final_gap[2], final_gap[0]);
}

// A random strongly connected network with random BPR and conical links.
struct RandomCase {
  Network network;
  DemandClass demand;
};

RandomCase MakeRandomCase(unsigned seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  const int n = 30;
  std::vector<NetworkLink> links;
  const auto add = [&](int u, int v) {
    NetworkLink l;
    l.from = NodeId(u);
    l.to = NodeId(v);
    l.cost.model = unit(rng) < 0.2 ? DelayModel::kConical : DelayModel::kBpr;
    l.cost.free_flow_time = 1 + 9 * unit(rng);
    l.cost.capacity = unit(rng) < 0.05 ? 0.0 : 50 + 200 * unit(rng);
    l.cost.b = 0.15 + unit(rng);
    l.cost.power = unit(rng) < 0.1 ? 0.0 : std::floor(1 + 4 * unit(rng));
    l.cost.alpha = 1.5 + 5 * unit(rng);
    l.length = unit(rng);
    links.push_back(l);
  };
  const int zones = 4;
  const auto ring = [&](int i) { return zones + (i % (n - zones)); };
  for (int i = 0; i < n - zones; ++i) {  // a ring both ways keeps it strongly connected
    add(ring(i), ring(i + 1));
    add(ring(i + 1), ring(i));
  }
  for (int z = 0; z < zones; ++z) {  // each zone connects to two ring nodes
    for (int i : {5 * z, 5 * z + 11}) {
      add(z, ring(i));
      add(ring(i), z);
    }
  }
  for (int i = 0; i < 3 * n; ++i) {
    const int u = static_cast<int>(unit(rng) * n), v = static_cast<int>(unit(rng) * n);
    if (u != v) add(u, v);
  }
  std::vector<char> through(n, 1);
  for (int v = 0; v < zones; ++v) through[v] = 0;  // centroids
  auto network = Network::Build(n, std::move(links), std::move(through));
  EXPECT_TRUE(network.ok()) << network.status().ToString();
  DemandClass demand;
  demand.distance_factor = 0.5;
  for (int o = 0; o < 8; ++o) {
    for (int d = 0; d < 8; ++d) {
      demand.od.push_back({NodeId(o), NodeId(d), o == d ? 99.0 : 100 * unit(rng)});
    }
  }
  return {std::move(*network), std::move(demand)};
}

TEST(Certificates, RandomNetworksReachEquilibrium) {
  for (unsigned seed = 1; seed <= 10; ++seed) {
    RandomCase c = MakeRandomCase(seed);
    auto sol = Solve(c.network, std::span(&c.demand, 1), Options{});
    ASSERT_TRUE(sol.ok()) << sol.status().ToString();
    EXPECT_EQ(sol->stop_reason, StopReason::kConverged) << "seed " << seed;
    EXPECT_LE(sol->final.relative_gap, 1e-12) << "seed " << seed;
    EXPECT_LE(IndependentGap(c.network, c.demand, *sol), 1e-11) << "seed " << seed;
    CheckConservation(c.network, c.demand, sol->class_link_flow[0], 1e-9);
    // Centroids 0..3 are never passed through: their outflow is their own demand.
    for (int v = 0; v < 4; ++v) {
      double out = 0.0, own = 0.0;
      for (LinkId a : c.network.graph().OutLinks(NodeId(v))) out += sol->link_flow[a.index()];
      for (const auto& od : c.demand.od) {
        if (od.origin == NodeId(v) && od.destination != od.origin) own += od.demand;
      }
      EXPECT_NEAR(out, own, 1e-9 * std::max(1.0, own)) << "seed " << seed << " centroid " << v;
    }
    // The link-based method approaches the same objective from above.
    Options fw;
    fw.algorithm = Algorithm::kBiconjugateFrankWolfe;
    fw.max_iterations = 300;
    auto bfw = Solve(c.network, std::span(&c.demand, 1), fw);
    ASSERT_TRUE(bfw.ok());
    EXPECT_GE(bfw->final.beckmann, sol->final.beckmann * (1 - 1e-12));
    EXPECT_NEAR(bfw->final.beckmann, sol->final.beckmann, 1e-4 * sol->final.beckmann);
  }
}

TEST(Callback, SeesEveryIterationAndCanCancel) {
  const auto inst = LoadBenchmark("SiouxFalls/SiouxFalls", 0, 0);
  for (Algorithm algorithm : {Algorithm::kAlgorithmB, Algorithm::kFrankWolfe}) {
    SCOPED_TRACE(AlgorithmName(algorithm));
    Options options;
    options.algorithm = algorithm;
    options.target_relative_gap = algorithm == Algorithm::kAlgorithmB ? 1e-10 : 1e-3;
    options.max_iterations = 100000;
    std::vector<IterationStats> seen;
    options.on_iteration = [&](const IterationStats& s) {
      seen.push_back(s);
      return true;
    };
    auto sol = Solve(inst.network, std::span(&inst.demand, 1), options);
    ASSERT_TRUE(sol.ok()) << sol.status().ToString();
    EXPECT_EQ(sol->stop_reason, StopReason::kConverged);
    // One call per logged iteration, the converged last one included.
    ASSERT_EQ(seen.size(), sol->log.size());
    for (std::size_t i = 0; i < seen.size(); ++i) {
      EXPECT_EQ(seen[i].iteration, static_cast<int>(i));
      EXPECT_EQ(seen[i].relative_gap, sol->log[i].relative_gap);
    }
    EXPECT_EQ(seen.back().iteration, sol->final.iteration);

    // Returning false stops after that iteration, as cancelled.
    seen.clear();
    options.on_iteration = [&](const IterationStats& s) {
      seen.push_back(s);
      return s.iteration < 2;
    };
    auto cancelled = Solve(inst.network, std::span(&inst.demand, 1), options);
    ASSERT_TRUE(cancelled.ok());
    EXPECT_EQ(cancelled->stop_reason, StopReason::kCancelled);
    EXPECT_EQ(cancelled->final.iteration, 2);
    EXPECT_EQ(seen.size(), 3u);
  }
}

TEST(Inputs, MalformedRequestsAreRejectedWithReasons) {
  RandomCase c = MakeRandomCase(3);
  DemandClass bad = c.demand;
  bad.value_of_time = 0;
  bad.link_fee = {1.0};
  bad.od.push_back({NodeId(0), NodeId(99), 1.0});
  auto sol = Solve(c.network, std::span(&bad, 1), Options{});
  ASSERT_FALSE(sol.ok());
  EXPECT_EQ(sol.status().code(), StatusCode::kInvalidInput);
  EXPECT_NE(sol.status().message().find("value_of_time must be > 0"), std::string::npos);
  EXPECT_NE(sol.status().message().find("link_fee needs one value per link"), std::string::npos);
  EXPECT_NE(sol.status().message().find("(0, 99) is out of range"), std::string::npos);

  // Demand that cannot be routed: node 1 is a dead end.
  std::vector<NetworkLink> links(1);
  links[0].from = NodeId(0);
  links[0].to = NodeId(1);
  links[0].cost.free_flow_time = 1;
  auto net = Network::Build(2, links, {});
  ASSERT_TRUE(net.ok());
  DemandClass stuck;
  stuck.od = {{NodeId(1), NodeId(0), 5.0}};
  auto none = Solve(*net, std::span(&stuck, 1), Options{});
  ASSERT_FALSE(none.ok());
  EXPECT_NE(none.status().message().find("no path from node 1 to node 0"), std::string::npos);

  links[0].cost.power = 0.5;
  links[0].cost.b = 1;
  auto concave = Network::Build(2, links, {});
  ASSERT_FALSE(concave.ok());
  EXPECT_NE(concave.status().message().find("power must be 0 or >= 1"), std::string::npos);
}

}  // namespace
}  // namespace corridor::assignment
