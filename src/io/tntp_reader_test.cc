#include "io/tntp_reader.h"

#include <gtest/gtest.h>

#include <cmath>
#include <string>

namespace corridor::io {
namespace {

const std::string kTntp = std::string(CORRIDOR_SHARED_DIR) + "/benchmarks/tntp/";

TEST(TntpNetwork, QuirksOfHeadersSeparatorsAndNumbers) {
  const std::string text =
      "<NUMBER OF ZONES>\t2\r\n"
      "<NUMBER OF NODES> 3\t\t\r\n"
      "<FIRST THRU NODE>\t3 ~ centroids 1 and 2\r\n"
      "<NUMBER OF LINKS> 3\r\n"
      "<SCENARIO> whatever\r\n"
      "<END OF METADATA>\r\n"
      "\r\n"
      "~\tinit_node\tterm_node\tcapacity\tlength\tfree_flow_time\tb\tpower\tspeed\ttoll\tlink_type\t;\r\n"
      "\t1\t2147483646\t0\t1\t2.5\t0.15\t0\t\t0\t1\t;\r\n"
      "\t2147483646\t2\t100\t1\t0.00000000000000000000E+00\t0.15\t4\t0\t3.5\t1;\r\n"
      "  2 1 50 2 1E+01 1 2 0 0 1   ~ trailing comment, no semicolon\r\n";
  auto net = ParseTntpNetwork(text, "q_net.tntp");
  ASSERT_TRUE(net.ok()) << net.status().ToString();
  EXPECT_EQ(net->zone_count, 2);
  EXPECT_EQ(net->first_thru_node, 3);
  ASSERT_EQ(net->links.size(), 3u);
  ASSERT_EQ(net->original_node_ids.size(), 3u);
  const NodeId big = net->FindNode(2147483646);
  ASSERT_TRUE(big.valid());
  EXPECT_EQ(big.value(), 2);  // dense ids follow the sorted original ids
  EXPECT_EQ(net->links[0].to, big);
  EXPECT_EQ(net->links[0].capacity, 0.0);
  EXPECT_EQ(net->links[0].power, 0.0);
  EXPECT_EQ(net->links[0].speed, 0.0);  // empty field keeps its column
  EXPECT_EQ(net->links[0].toll, 0.0);
  EXPECT_EQ(net->links[1].free_flow_time, 0.0);
  EXPECT_EQ(net->links[1].toll, 3.5);
  EXPECT_EQ(net->links[2].free_flow_time, 10.0);
  EXPECT_EQ(net->links[2].line, 11);
  EXPECT_TRUE(net->IsCentroidOnly(net->FindNode(1)));
  EXPECT_FALSE(net->IsCentroidOnly(big));
  EXPECT_FALSE(net->FindNode(7).valid());
}

TEST(TntpNetwork, ColumnsFollowTheHeaderComment) {
  const std::string text =
      "<NUMBER OF LINKS> 1\n<END OF METADATA>\n"
      "~ term_node init_node free_flow_time capacity b power ;\n"
      "5 4 3.0 100 0.15 4 ;\n";
  auto net = ParseTntpNetwork(text, "c_net.tntp");
  ASSERT_TRUE(net.ok()) << net.status().ToString();
  ASSERT_EQ(net->links.size(), 1u);
  EXPECT_EQ(net->original_node_ids[net->links[0].from.index()], 4);
  EXPECT_EQ(net->original_node_ids[net->links[0].to.index()], 5);
  EXPECT_EQ(net->links[0].free_flow_time, 3.0);
  EXPECT_EQ(net->links[0].capacity, 100.0);
}

TEST(TntpNetwork, MalformedFieldsAreLocated) {
  const std::string text =
      "<NUMBER OF LINKS> 2\n<END OF METADATA>\n"
      "\t1\t2\tabc\t1\t1\t0.15\t4\t0\t0\t1\t;\n"
      "\t1\tx\t10\t1\t-1\t0.15\t4\t0\t0\t1\t;\n"
      "\t1\t2\t10\t1\n";
  auto net = ParseTntpNetwork(text, "bad_net.tntp");
  ASSERT_FALSE(net.ok());
  const std::string& msg = net.status().message();
  EXPECT_NE(msg.find("bad_net.tntp:3: capacity \"abc\" is not a number"), std::string::npos) << msg;
  EXPECT_NE(msg.find("bad_net.tntp:4: term_node \"x\" is not an integer node id"),
            std::string::npos) << msg;
  EXPECT_NE(msg.find("bad_net.tntp:4: free_flow_time must be >= 0, got -1"), std::string::npos)
      << msg;
  EXPECT_NE(msg.find("bad_net.tntp:5: b is missing"), std::string::npos) << msg;
}

TEST(TntpNetwork, LinkCountMustMatchTheMetadata) {
  auto net = ParseTntpNetwork("<NUMBER OF LINKS> 2\n<END OF METADATA>\n1 2 1 1 1 0.15 4;\n", "n");
  ASSERT_FALSE(net.ok());
  EXPECT_NE(net.status().message().find("n:1: <NUMBER OF LINKS> declares 2 links"),
            std::string::npos);
}

TEST(TntpTrips, GluedSemicolonsMissingOriginsAndIntrazonal) {
  const std::string text =
      "<NUMBER OF ZONES> 3\r\n<TOTAL OD FLOW> 16.0\r\n<END OF METADATA>\r\n\r\n"
      "~ comment line\r\n"
      "Origin \t1\r\n"
      "    1 :      5.0;     2 :     6.0;3:1E+00\r\n"
      "Origin 2\r\n"
      "Origin 3\r\n"
      "1\t:\t4.0 ; 2 :\r\n 0.00000000000000000000E+00 ;\r\n";
  auto trips = ParseTntpTrips(text, "t_trips.tntp");
  ASSERT_TRUE(trips.ok()) << trips.status().ToString();
  ASSERT_EQ(trips->trips.size(), 5u);
  EXPECT_EQ(trips->trips[0].origin, 1);
  EXPECT_EQ(trips->trips[0].destination, 1);  // intrazonal, kept for the caller to drop
  EXPECT_EQ(trips->trips[2].destination, 3);
  EXPECT_EQ(trips->trips[2].demand, 1.0);
  EXPECT_EQ(trips->trips[3].origin, 3);
  EXPECT_EQ(trips->trips[4].demand, 0.0);
  EXPECT_EQ(trips->trips[4].line, 10);
  EXPECT_EQ(trips->warnings.warning_count(), 0);
}

TEST(TntpTrips, MalformedPairsAreLocated) {
  auto bad_value = ParseTntpTrips("Origin 1\n 2 : x;\n", "t");
  ASSERT_FALSE(bad_value.ok());
  EXPECT_NE(bad_value.status().message().find("t:2: demand \"x\" is not a number"),
            std::string::npos);
  auto no_origin = ParseTntpTrips("2 : 1.0;\n", "t");
  ASSERT_FALSE(no_origin.ok());
  EXPECT_NE(no_origin.status().message().find("t:1: destination demand given before"),
            std::string::npos);
  auto no_colon = ParseTntpTrips("Origin 1\n2 1.0\n", "t");
  ASSERT_FALSE(no_colon.ok());
  EXPECT_NE(no_colon.status().message().find("t:2: destination expected"), std::string::npos);
}

TEST(TntpTrips, DeclaredTotalIsCheckedAsAWarning) {
  auto trips = ParseTntpTrips("<TOTAL OD FLOW> 10\n<END OF METADATA>\nOrigin 1\n2 : 3;\n", "t");
  ASSERT_TRUE(trips.ok());
  EXPECT_EQ(trips->warnings.warning_count(), 1);
}

TEST(TntpFiles, BenchmarkInstancesParse) {
  struct Case {
    const char* net;
    const char* trips;
    std::size_t links;
    int zones;
  };
  for (const Case& c : {Case{"Braess-Example/Braess_net.tntp", "Braess-Example/Braess_trips.tntp", 5, 2},
                        Case{"SiouxFalls/SiouxFalls_net.tntp", "SiouxFalls/SiouxFalls_trips.tntp", 76, 24},
                        Case{"Anaheim/Anaheim_net.tntp", "Anaheim/Anaheim_trips.tntp", 914, 38},
                        Case{"Eastern-Massachusetts/EMA_net.tntp", "Eastern-Massachusetts/EMA_trips.tntp", 258, 74},
                        Case{"Berlin-Friedrichshain/friedrichshain-center_net.tntp",
                             "Berlin-Friedrichshain/friedrichshain-center_trips.tntp", 523, 23},
                        Case{"Chicago-Sketch/ChicagoSketch_net.tntp",
                             "Chicago-Sketch/ChicagoSketch_trips.tntp", 2950, 387}}) {
    auto net = ReadTntpNetwork(kTntp + c.net);
    ASSERT_TRUE(net.ok()) << net.status().ToString();
    EXPECT_EQ(net->links.size(), c.links) << c.net;
    EXPECT_EQ(net->zone_count, c.zones) << c.net;
    auto trips = ReadTntpTrips(kTntp + c.trips);
    ASSERT_TRUE(trips.ok()) << trips.status().ToString();
    EXPECT_EQ(trips->warnings.warning_count(), 0) << trips->warnings.ToString();
    for (const auto& t : trips->trips) {
      EXPECT_TRUE(net->FindNode(t.origin).valid()) << c.trips << ":" << t.line;
      EXPECT_TRUE(net->FindNode(t.destination).valid()) << c.trips << ":" << t.line;
    }
  }
}

// The Cost column of a flow file is the BPR time at Volume plus the generalised
// cost constants, which checks the network columns end to end.
TEST(TntpFiles, FlowFileCostsMatchTheNetworkColumns) {
  struct Case {
    const char* net;
    const char* flow;
    double toll_factor, distance_factor;
  };
  for (const Case& c : {Case{"SiouxFalls/SiouxFalls_net.tntp", "SiouxFalls/SiouxFalls_flow.tntp", 0, 0},
                        Case{"Anaheim/Anaheim_net.tntp", "Anaheim/Anaheim_flow.tntp", 0, 0},
                        Case{"Chicago-Sketch/ChicagoSketch_net.tntp",
                             "Chicago-Sketch/ChicagoSketch_flow.tntp", 0.02, 0.04}}) {
    auto net = ReadTntpNetwork(kTntp + c.net);
    auto flow = ReadTntpFlow(kTntp + c.flow);
    ASSERT_TRUE(net.ok() && flow.ok()) << flow.status().ToString();
    ASSERT_EQ(flow->size(), net->links.size());
    for (std::size_t i = 0; i < flow->size(); ++i) {
      const TntpFlowRow& row = (*flow)[i];
      const TntpLink& link = net->links[i];
      ASSERT_EQ(net->original_node_ids[link.from.index()], row.from);
      ASSERT_EQ(net->original_node_ids[link.to.index()], row.to);
      const double time = link.free_flow_time *
                          (1 + link.b * std::pow(row.volume / link.capacity, link.power));
      const double cost = time + c.toll_factor * link.toll + c.distance_factor * link.length;
      EXPECT_NEAR(cost, row.cost, 1e-9 * std::max(1.0, row.cost)) << c.flow << " row " << i;
    }
  }
}

TEST(TntpFiles, MissingFileIsNotFound) {
  auto net = ReadTntpNetwork(kTntp + "nope_net.tntp");
  ASSERT_FALSE(net.ok());
  EXPECT_EQ(net.status().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace corridor::io
