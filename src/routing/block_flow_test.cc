#include "routing/block_flow.h"

#include <gtest/gtest.h>

#include "routing/routing_test_util.h"

namespace corridor::routing {
namespace {

using model::Mode;
using namespace corridor::routing::testing;

//   A --ab--> B --bc--> C,  plus cb: C --> B (a way back)
// Demand 30 t A -> B and 70 t A -> C.
model::Network Chain() {
  model::Dataset ds;
  ds.nodes = {MakeNode("A"), MakeNode("B"), MakeNode("C")};
  ds.links = {MakeLink("ab", "A", "B", Mode::kRoad, 1, 1), MakeLink("bc", "B", "C", Mode::kRoad, 1, 1),
              MakeLink("cb", "C", "B", Mode::kRoad, 0, 0)};
  ds.commodities = {MakeCommodity("k", 1, 100)};
  ds.demand = {MakeDemand("k", "A", "B", 30), MakeDemand("k", "A", "C", 70)};
  return Build(ds);
}

ArcId Access(const model::Network& net, std::size_t node) {
  return ArcId(net.out_begin[net.source_of[node].index()]);
}

ArcId Egress(const model::Network& net, std::size_t node) {
  return net.in_arcs[static_cast<std::size_t>(net.in_begin[net.sink_of[node].index()])];
}

TEST(CancelCycles, RemovesACycleAndKeepsConservation) {
  const model::Network net = Chain();
  // 20 t go round B -> C -> B on top of the useful flow.
  BlockFlow b{CommodityId(0), NodeId(0),
              {Access(net, 0), LinkArc(net, "ab"), LinkArc(net, "bc"), LinkArc(net, "cb"),
               Egress(net, 1), Egress(net, 2)},
              {100, 100, 90, 20, 30, 70}};
  CancelCycles(net, b);
  ASSERT_EQ(b.arcs.size(), 5u);
  for (std::size_t i = 0; i < b.arcs.size(); ++i) {
    EXPECT_NE(b.arcs[i], LinkArc(net, "cb"));
    if (b.arcs[i] == LinkArc(net, "bc")) {
      EXPECT_DOUBLE_EQ(b.flow_t[i], 70);
    }
  }
}

TEST(CancelCycles, LeavesAnAcyclicFlowAlone) {
  const model::Network net = Chain();
  BlockFlow b{CommodityId(0), NodeId(0),
              {Access(net, 0), LinkArc(net, "ab"), LinkArc(net, "bc"), Egress(net, 1), Egress(net, 2)},
              {100, 100, 70, 30, 70}};
  const BlockFlow before = b;
  CancelCycles(net, b);
  EXPECT_EQ(b.arcs, before.arcs);
  EXPECT_EQ(b.flow_t, before.flow_t);
}

TEST(DestinationShares, SplitsByWhereTheFlowEnds) {
  const model::Network net = Chain();
  BlockFlow b{CommodityId(0), NodeId(0),
              {Access(net, 0), LinkArc(net, "ab"), LinkArc(net, "bc"), Egress(net, 1), Egress(net, 2)},
              {100, 100, 70, 30, 70}};
  const std::vector<VNodeId> sinks{net.sink_of[1], net.sink_of[2]};
  const std::vector<double> share = DestinationShares(net, b, sinks);
  ASSERT_EQ(share.size(), b.arcs.size() * 2);
  EXPECT_NEAR(share[1 * 2 + 0], 0.3, 1e-12);  // ab
  EXPECT_NEAR(share[1 * 2 + 1], 0.7, 1e-12);
  EXPECT_NEAR(share[2 * 2 + 0], 0.0, 1e-12);  // bc
  EXPECT_NEAR(share[2 * 2 + 1], 1.0, 1e-12);
  EXPECT_NEAR(share[3 * 2 + 0], 1.0, 1e-12);  // egress B
  // Every arc's shares add up to 1: the decomposition is exact.
  for (std::size_t i = 0; i < b.arcs.size(); ++i) EXPECT_NEAR(share[2 * i] + share[2 * i + 1], 1.0, 1e-12);
}

}  // namespace
}  // namespace corridor::routing
