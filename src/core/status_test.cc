#include "core/status.h"

#include <gtest/gtest.h>

#include "core/hash.h"
#include "core/ids.h"

namespace corridor {
namespace {

TEST(Status, OkAndError) {
  EXPECT_TRUE(Status::Ok().ok());
  Status s = InvalidInput("links.csv:3: bad");
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kInvalidInput);
  EXPECT_EQ(s.ToString(), "invalid_input: links.csv:3: bad");
}

TEST(Result, HoldsValueOrStatus) {
  Result<int> good = 7;
  ASSERT_TRUE(good.ok());
  EXPECT_EQ(*good, 7);
  Result<int> bad = NotFound("x");
  EXPECT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), StatusCode::kNotFound);
}

TEST(Diagnostics, CollectsAllAndFormatsLocation) {
  Diagnostics d;
  d.Error("links.csv", 14, "capacity_t_per_year", "must be >= 0, got -5");
  d.Warning("demand.csv", 2, "", "origin and destination are the same");
  d.Error("nodes.csv", 0, "", "table is empty");
  EXPECT_EQ(d.error_count(), 2);
  EXPECT_EQ(d.warning_count(), 1);
  EXPECT_EQ(d.items()[0].ToString(), "links.csv:14: capacity_t_per_year must be >= 0, got -5");
  EXPECT_EQ(d.items()[2].ToString(), "nodes.csv: table is empty");
  Status s = d.ToStatus("dataset");
  EXPECT_EQ(s.code(), StatusCode::kInvalidInput);
  EXPECT_NE(s.message().find("links.csv:14"), std::string::npos);
  EXPECT_NE(s.message().find("nodes.csv"), std::string::npos);
}

TEST(StrongId, DefaultIsInvalidAndOrders) {
  NodeId none;
  EXPECT_FALSE(none.valid());
  EXPECT_LT(NodeId(1), NodeId(2));
  EXPECT_EQ(NodeId(3).index(), 3u);
}

TEST(Fnv1a64, KnownVectors) {
  // Published FNV-1a 64 test vectors.
  Fnv1a64 empty;
  EXPECT_EQ(empty.Hex(), "cbf29ce484222325");
  Fnv1a64 a;
  a.Update("a");
  EXPECT_EQ(a.Hex(), "af63dc4c8601ec8c");
}

}  // namespace
}  // namespace corridor
