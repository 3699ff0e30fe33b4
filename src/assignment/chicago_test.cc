// Chicago-Sketch (2,950 links, 93,135 OD pairs): slow in debug builds.
#include <gtest/gtest.h>

#include "assignment/test_support.h"

namespace corridor::assignment {
namespace {

TEST(AlgorithmB, ChicagoSketchMatchesReferenceObjectiveAndFlows) {
  const auto inst = testing_support::LoadBenchmark("Chicago-Sketch/ChicagoSketch", 0.02, 0.04);
  Options options;
  options.threads = 2;
  auto sol = Solve(inst.network, std::span(&inst.demand, 1), options);
  ASSERT_TRUE(sol.ok()) << sol.status().ToString();
  EXPECT_EQ(sol->stop_reason, StopReason::kConverged);
  EXPECT_LE(sol->final.relative_gap, 1e-12);
  EXPECT_NEAR(sol->final.beckmann, 17313018.73874776, 1e-9 * 17313018.73874776);
  EXPECT_NEAR(sol->final.total_time, 18371027.719672658, 1e-9 * 18371027.719672658);
  testing_support::ExpectFlowsMatchBestKnown("Chicago-Sketch/ChicagoSketch_flow.tntp", inst,
                                             *sol, 1e-6);
  EXPECT_LE(testing_support::IndependentGap(inst.network, inst.demand, *sol), 1e-12);
  testing_support::CheckConservation(inst.network, inst.demand, sol->class_link_flow[0], 1e-9);
}

}  // namespace
}  // namespace corridor::assignment
