#include "io/mmcf_reader.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <string>

namespace corridor::io {
namespace {

constexpr char kGrid[] =
    "3\n"
    "3\n"
    "1\n"
    "1 2 10 5\n"
    "2 3 10 5\n"
    "1 3 30 100\n"
    "1 3 7\n";

TEST(GridPlanarReaderTest, ReadsInstance) {
  auto inst = ParseGridPlanarInstance(kGrid, "tiny");
  ASSERT_TRUE(inst.ok()) << inst.status().ToString();
  EXPECT_EQ(inst->num_nodes, 3);
  ASSERT_EQ(inst->num_arcs(), 3);
  EXPECT_EQ(inst->arcs[1].tail, mcf::NodeId(1));
  EXPECT_EQ(inst->arcs[1].head, mcf::NodeId(2));
  EXPECT_EQ(inst->arcs[2].cost, 30.0);
  EXPECT_EQ(inst->arcs[2].capacity, 100.0);
  ASSERT_EQ(inst->num_commodities(), 1);
  EXPECT_EQ(inst->commodities[0].destination, mcf::NodeId(2));
  EXPECT_EQ(inst->commodities[0].demand, 7.0);
  EXPECT_FALSE(inst->commodities[0].unserved_penalty.has_value());
  EXPECT_TRUE(inst->Validate().ok());
}

std::string ErrorOf(const Result<mcf::Instance>& r) {
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidInput);
  return r.status().message();
}

TEST(GridPlanarReaderTest, LocatesMalformedNumber) {
  std::string text = kGrid;
  text.replace(text.find("2 3 10 5"), 8, "2 3 1x 5");
  const std::string message = ErrorOf(ParseGridPlanarInstance(text, "tiny"));
  EXPECT_NE(message.find("tiny:5"), std::string::npos) << message;
  EXPECT_NE(message.find("cost"), std::string::npos) << message;
  EXPECT_NE(message.find("1x"), std::string::npos) << message;
}

TEST(GridPlanarReaderTest, LocatesNodeOutOfRangeAndNegativeDemand) {
  std::string text = kGrid;
  text.replace(text.find("1 3 30 100"), 10, "1 4 30 100");
  text.replace(text.find("1 3 7"), 5, "1 3 -7");
  const std::string message = ErrorOf(ParseGridPlanarInstance(text, "tiny"));
  EXPECT_NE(message.find("tiny:6"), std::string::npos) << message;
  EXPECT_NE(message.find("to"), std::string::npos) << message;
  EXPECT_NE(message.find("tiny:7"), std::string::npos) << message;
  EXPECT_NE(message.find("demand"), std::string::npos) << message;
}

TEST(GridPlanarReaderTest, ReportsTruncationAndTrailingData) {
  EXPECT_NE(ErrorOf(ParseGridPlanarInstance("3\n3\n1\n1 2 10 5\n", "cut")).find("end of file"),
            std::string::npos);
  EXPECT_NE(ErrorOf(ParseGridPlanarInstance(std::string(kGrid) + "9\n", "long")).find("long:8"),
            std::string::npos);
}

TEST(GridPlanarReaderTest, MissingFileIsNotFound) {
  auto r = ReadGridPlanarInstance("/nonexistent/grid0");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kNotFound);
}

TEST(GridPlanarReaderTest, ReadsSharedInstance) {
  auto inst = ReadGridPlanarInstance(std::string(CORRIDOR_SHARED_DIR) + "/benchmarks/mmcf/planar/planar30");
  ASSERT_TRUE(inst.ok()) << inst.status().ToString();
  EXPECT_EQ(inst->num_nodes, 30);
  EXPECT_EQ(inst->num_arcs(), 150);
  EXPECT_EQ(inst->num_commodities(), 92);
}

// Two commodities on nodes 1..3. Commodity 1: 1 -> 3 (4 units), its arcs 1->2 and 2->3
// with 2->3 in bundle 1 (capacity 3) together with commodity 2's record 2->3.
// Commodity 2: sources 1 and 2 (2 units each), sink 3 (4 units).
MnetgenFiles SmallMnetgen() {
  MnetgenFiles f;
  f.nod = "2 3 5 1\n";
  f.arc =
      "1 1 2 1 1.0 -1 0\n"
      "2 2 3 1 1.0 -1 1\n"
      "3 1 2 2 2.0 10 0\n"
      "4 2 3 2 2.0 -1 1\n"
      "5 1 3 2 9.0 -1 0\n";
  f.sup =
      "1 1 4\n"
      "3 1 -4\n"
      "1 2 2\n"
      "2 2 2\n"
      "3 2 -4\n";
  f.mut = "1 3\n";
  return f;
}

TEST(MnetgenReaderTest, MapsBundlesClassesAndSuperSources) {
  auto inst = ParseMnetgenInstance(SmallMnetgen());
  ASSERT_TRUE(inst.ok()) << inst.status().ToString();
  EXPECT_TRUE(inst->Validate().ok());
  EXPECT_EQ(inst->num_classes(), 2);
  // 3 nodes + 1 bundle node + 1 super source; 1 bundle arc + 5 records + 2 source arcs.
  EXPECT_EQ(inst->num_nodes, 5);
  EXPECT_EQ(inst->num_arcs(), 8);
  ASSERT_EQ(inst->num_commodities(), 2);
  EXPECT_EQ(inst->commodities[0].class_id, mcf::ClassId(0));
  EXPECT_EQ(inst->commodities[1].origin, mcf::NodeId(4));  // the super source
  EXPECT_EQ(inst->arcs[0].capacity, 3.0);                  // the bundle arc
  EXPECT_TRUE(inst->ArcAllowed(mcf::ClassId(0), mcf::ArcId(0)));
  EXPECT_TRUE(inst->ArcAllowed(mcf::ClassId(1), mcf::ArcId(0)));
  EXPECT_FALSE(inst->ArcAllowed(mcf::ClassId(0), mcf::ArcId(3)));  // commodity 2's record
  EXPECT_EQ(inst->ArcCost(mcf::ClassId(1), mcf::ArcId(3)), 2.0);
}

TEST(MnetgenReaderTest, LocatesErrors) {
  MnetgenFiles f = SmallMnetgen();
  f.arc_name = "x.arc";
  f.sup_name = "x.sup";
  f.arc.replace(f.arc.find("3 1 2 2 2.0"), 11, "3 1 2 7 2.0");  // commodity 7 of 2
  f.sup.replace(f.sup.find("3 2 -4"), 6, "3 2 -5");               // does not balance
  const std::string message = ErrorOf(ParseMnetgenInstance(f));
  EXPECT_NE(message.find("x.arc:3"), std::string::npos) << message;
  EXPECT_NE(message.find("commodity"), std::string::npos) << message;
  EXPECT_NE(message.find("x.sup"), std::string::npos) << message;
  EXPECT_NE(message.find("balance"), std::string::npos) << message;
}

TEST(MnetgenReaderTest, RejectsBundleWithDifferentEnds) {
  MnetgenFiles f = SmallMnetgen();
  f.arc.replace(f.arc.find("5 1 3 2 9.0 -1 0"), 16, "5 1 3 2 9.0 -1 1");
  const std::string message = ErrorOf(ParseMnetgenInstance(f));
  EXPECT_NE(message.find("arc:5"), std::string::npos) << message;
  EXPECT_NE(message.find("different end nodes"), std::string::npos) << message;
}

TEST(MnetgenReaderTest, ReadsFourFiles) {
  const std::string base = ::testing::TempDir() + "mnetgen_small";
  const MnetgenFiles f = SmallMnetgen();
  const std::pair<const char*, const std::string*> files[] = {
      {".nod", &f.nod}, {".arc", &f.arc}, {".sup", &f.sup}, {".mut", &f.mut}};
  for (const auto& [ext, text] : files) std::ofstream(base + ext) << *text;
  auto inst = ReadMnetgenInstance(base);
  ASSERT_TRUE(inst.ok()) << inst.status().ToString();
  EXPECT_EQ(inst->num_commodities(), 2);
  std::remove((base + ".mut").c_str());
  auto missing = ReadMnetgenInstance(base);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace corridor::io
