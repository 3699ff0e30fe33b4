// The shared grid and planar instances (../shared/benchmarks/mmcf) against their
// published optimal values, each answer also passing the independent checker.
// Built twice: the quick instances (label unit) and, with CORRIDOR_MCF_SLOW, the
// large ones (label slow).
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include "io/mmcf_reader.h"
#include "mcf/arc_lp.h"
#include "mcf/column_generation.h"

namespace corridor::mcf {
namespace {

const std::string kDir = std::string(CORRIDOR_SHARED_DIR) + "/benchmarks/mmcf/";

double PublishedOptimum(const std::string& family, const std::string& name) {
  std::ifstream in(kDir + family + "/optimal.csv");
  std::string line;
  while (std::getline(in, line)) {
    const auto comma = line.find(',');
    if (comma != std::string::npos && line.substr(0, comma) == name) return std::stod(line.substr(comma + 1));
  }
  ADD_FAILURE() << "no published optimum for " << name;
  return NAN;
}

struct Case {
  std::string family;
  std::string name;
  bool arc_lp;  // also solve with the (slower) arc LP
};

void PrintTo(const Case& c, std::ostream* os) { *os << c.name; }

class SharedInstanceTest : public ::testing::TestWithParam<Case> {};

void ExpectPublishedOptimum(const Result<Solution>& result, double published) {
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_EQ(result->status, SolveStatus::kOptimal);
  EXPECT_TRUE(result->check.passed);
  EXPECT_LE(std::abs(result->objective - published), 1e-6 * published)
      << "objective " << result->objective << " published " << published;
  EXPECT_LE(result->relative_gap, 1e-6);
  EXPECT_LE(result->lower_bound, published * (1 + 1e-6));
}

TEST_P(SharedInstanceTest, ColumnGenerationReachesPublishedOptimum) {
  const Case& c = GetParam();
  auto inst = io::ReadGridPlanarInstance(kDir + c.family + "/" + c.name);
  ASSERT_TRUE(inst.ok()) << inst.status().ToString();
  ExpectPublishedOptimum(SolveColumnGeneration(*inst, {}), PublishedOptimum(c.family, c.name));
}

TEST_P(SharedInstanceTest, ArcLpReachesPublishedOptimum) {
  const Case& c = GetParam();
  if (!c.arc_lp) GTEST_SKIP() << "the arc LP is too slow here; see bench/README.md";
  auto inst = io::ReadGridPlanarInstance(kDir + c.family + "/" + c.name);
  ASSERT_TRUE(inst.ok()) << inst.status().ToString();
  ExpectPublishedOptimum(SolveArcLp(*inst, {}), PublishedOptimum(c.family, c.name));
}

#ifndef CORRIDOR_MCF_SLOW
INSTANTIATE_TEST_SUITE_P(Quick, SharedInstanceTest,
                         ::testing::Values(Case{"grid", "grid1", true}, Case{"grid", "grid2", true},
                                           Case{"grid", "grid3", true}, Case{"grid", "grid4", true},
                                           Case{"grid", "grid5", true}, Case{"grid", "grid7", false},
                                           Case{"planar", "planar30", true},
                                           Case{"planar", "planar50", true},
                                           Case{"planar", "planar80", true}),
                         [](const auto& info) { return info.param.name; });
#else
INSTANTIATE_TEST_SUITE_P(Slow, SharedInstanceTest,
                         ::testing::Values(Case{"grid", "grid6", true}, Case{"grid", "grid8", false}, Case{"grid", "grid9", false},
                                           Case{"grid", "grid10", false},
                                           Case{"planar", "planar100", true},
                                           Case{"planar", "planar150", false},
                                           Case{"planar", "planar300", false}),
                         [](const auto& info) { return info.param.name; });
#endif

}  // namespace
}  // namespace corridor::mcf
