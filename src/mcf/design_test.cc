// The published optima of the Canad instances (../shared/benchmarks/mcnd/optimal.csv),
// reproduced with a checked solution, and a brute-force check on a small instance.
#include "mcf/design.h"

#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <random>
#include <sstream>

#include "io/mmcf_reader.h"
#include "mcf/arc_lp.h"

namespace corridor::mcf {
namespace {

const std::string kDir = std::string(CORRIDOR_SHARED_DIR) + "/benchmarks/mcnd/";

std::map<std::string, double> PublishedOptima() {
  std::map<std::string, double> out;
  std::ifstream in(kDir + "optimal.csv");
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    const auto comma = line.find(',');
    if (comma != std::string::npos) out[line.substr(0, comma)] = std::stod(line.substr(comma + 1));
  }
  return out;
}

void ExpectPublishedOptimum(const std::string& name) {
  const auto optima = PublishedOptima();
  ASSERT_TRUE(optima.count(name)) << "optimal.csv has no " << name;
  auto inst = io::ReadDowInstance(kDir + name + ".dow");
  ASSERT_TRUE(inst.ok()) << inst.status().ToString();
  DesignOptions o;
  o.time_limit_s = 240;
  auto s = SolveDesign(*inst, o);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  ASSERT_EQ(s->status, lp::MipStatus::kOptimal) << lp::MipStatusName(s->status);
  EXPECT_TRUE(s->check_passed) << (s->check_failures.empty() ? "" : s->check_failures[0]);
  EXPECT_NEAR(s->objective, optima.at(name), 0.5);  // published optima are integers
  EXPECT_LE(s->relative_gap, 1e-6);
  EXPECT_LE(s->lp_bound, s->objective + 1e-6);
  EXPECT_LE(s->best_bound, s->objective + 1e-6);
}

#ifdef CORRIDOR_MCND_SLOW
// About 10-25 s on the 2-core machine: the slow label.
TEST(DesignShared, C33) { ExpectPublishedOptimum("c33"); }
#else
TEST(DesignShared, R01_1) { ExpectPublishedOptimum("r01.1"); }

// Every subset of arcs opened, each solved as a linear multicommodity flow
// (mcf::SolveArcLp) with the closed arcs at capacity 0; the cheapest plus its fixed
// costs is the optimum.
double BruteForce(const DesignInstance& inst) {
  const int A = inst.flow.num_arcs();
  double best = lp::kInfinity;
  for (unsigned mask = 0; mask < (1u << A); ++mask) {
    Instance flow = inst.flow;
    double fixed_cost = 0.0;
    for (int a = 0; a < A; ++a) {
      if ((mask >> a) & 1u) {
        fixed_cost += inst.fixed_cost[static_cast<std::size_t>(a)];
      } else {
        flow.arcs[static_cast<std::size_t>(a)].capacity = 0.0;
      }
    }
    if (fixed_cost >= best) continue;
    auto s = SolveArcLp(flow);
    if (s.ok() && s->status == SolveStatus::kOptimal) best = std::min(best, s->objective + fixed_cost);
  }
  return best;
}

TEST(Design, SmallRandomInstancesEqualEnumeration) {
  std::mt19937 rng(11);
  std::uniform_int_distribution<int> cost(1, 9), cap(5, 20), fixed(10, 60);
  for (int trial = 0; trial < 3; ++trial) {
    DesignInstance inst;
    inst.flow.num_nodes = 4;
    for (int v = 0; v < 4; ++v) {  // a ring both ways keeps every instance feasible
      for (int w : {(v + 1) % 4, (v + 3) % 4}) {
        inst.flow.arcs.push_back({NodeId(v), NodeId(w), double(cost(rng)), double(cap(rng)) * 3});
        inst.fixed_cost.push_back(fixed(rng));
      }
    }
    for (int k = 0; k < 3; ++k) {
      Commodity c;
      c.origin = NodeId(k);
      c.destination = NodeId((k + 2) % 4);
      c.demand = cap(rng);
      inst.flow.commodities.push_back(c);
    }
    auto s = SolveDesign(inst);
    ASSERT_TRUE(s.ok());
    ASSERT_EQ(s->status, lp::MipStatus::kOptimal);
    EXPECT_TRUE(s->check_passed);
    EXPECT_NEAR(s->objective, BruteForce(inst), 1e-6) << trial;
  }
}

TEST(Design, InfeasibleDemandIsAStatus) {
  DesignInstance inst;
  inst.flow.num_nodes = 2;
  inst.flow.arcs.push_back({NodeId(0), NodeId(1), 1.0, 5.0});
  inst.fixed_cost.push_back(1.0);
  Commodity c;
  c.origin = NodeId(0);
  c.destination = NodeId(1);
  c.demand = 10;
  inst.flow.commodities.push_back(c);
  auto s = SolveDesign(inst);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->status, lp::MipStatus::kInfeasible);
}

#endif  // CORRIDOR_MCND_SLOW

}  // namespace
}  // namespace corridor::mcf
