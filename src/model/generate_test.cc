#include "model/generate.h"

#include <gtest/gtest.h>

#include "model/network.h"

namespace corridor::model {
namespace {

TEST(GenerateCorridorDataset, IsDeterministicAndBuilds) {
  GeneratorOptions opt;
  opt.physical_nodes = 200;
  opt.od_pairs = 30;
  const Dataset a = GenerateCorridorDataset(opt);
  const Dataset b = GenerateCorridorDataset(opt);
  ASSERT_EQ(a.demand.size(), 30u);
  for (std::size_t i = 0; i < a.demand.size(); ++i) {
    EXPECT_EQ(a.demand[i].origin_node, b.demand[i].origin_node);
    EXPECT_EQ(a.demand[i].tonnes_per_year, b.demand[i].tonnes_per_year);
  }
  EXPECT_NEAR(static_cast<double>(a.nodes.size()), 200.0, 40.0);
  auto net = BuildNetwork(a);
  ASSERT_TRUE(net.ok()) << net.status().ToString();
  // Every demand row is routable for its commodity (the grid is connected by its modes).
  std::vector<char> mark;
  for (const OdDemand& d : net->demand) {
    ReachableFrom(*net, d.commodity, net->source_of[d.origin.index()], mark);
    EXPECT_TRUE(mark[net->sink_of[d.destination.index()].index()]);
  }
}

}  // namespace
}  // namespace corridor::model
