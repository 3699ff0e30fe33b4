#include "io/wkt.h"

#include <gtest/gtest.h>

namespace corridor::io {
namespace {

TEST(Wkt, ReadsPointsInOrder) {
  std::string error;
  const auto p = ParseWktLineString("linestring( 131.9 43.1,129.2  34.7 , -169.4 65.95)", &error);
  ASSERT_TRUE(p) << error;
  ASSERT_EQ(p->size(), 3u);
  EXPECT_DOUBLE_EQ((*p)[0].lon, 131.9);
  EXPECT_DOUBLE_EQ((*p)[0].lat, 43.1);
  EXPECT_DOUBLE_EQ((*p)[2].lon, -169.4);
  EXPECT_DOUBLE_EQ((*p)[2].lat, 65.95);
}

TEST(Wkt, EmptyIsNoShape) {
  std::string error;
  const auto p = ParseWktLineString("LINESTRING EMPTY", &error);
  ASSERT_TRUE(p) << error;
  EXPECT_TRUE(p->empty());
}

TEST(Wkt, FormatsWhatItReads) {
  std::string error;
  const auto p = ParseWktLineString("LINESTRING (30 10, 10.5 -30, 40 40)", &error);
  ASSERT_TRUE(p) << error;
  EXPECT_EQ(FormatWktLineString(*p), "LINESTRING (30 10, 10.5 -30, 40 40)");
}

TEST(Wkt, ExtraOrdinatesAreDroppedOnlyWhenAsked) {
  std::string error;
  EXPECT_FALSE(ParseWktLineString("LINESTRING Z (1 2 3, 4 5 6)", &error));
  const auto z = ParseWktLineString("linestring z(1 2 3,4 5 6)", &error, ExtraOrdinates::kDrop);
  ASSERT_TRUE(z) << error;
  EXPECT_EQ(FormatWktLineString(*z), "LINESTRING (1 2, 4 5)");
  const auto zm = ParseWktLineString("LINESTRING ZM (1 2 3 4, 5 6 7 8)", &error,
                                     ExtraOrdinates::kDrop);
  ASSERT_TRUE(zm) << error;
  EXPECT_EQ(FormatWktLineString(*zm), "LINESTRING (1 2, 5 6)");
  EXPECT_FALSE(ParseWktLineString("LINESTRING Z (1 2, 4 5)", &error, ExtraOrdinates::kDrop));
  EXPECT_NE(error.find("point 1: expected three numbers"), std::string::npos) << error;
  EXPECT_FALSE(ParseWktLineString("LINESTRING Q (1 2, 4 5)", &error, ExtraOrdinates::kDrop));
  EXPECT_NE(error.find("LINESTRING Q is not supported"), std::string::npos) << error;
}

TEST(Wkt, BadTextSaysWhatIsWrong) {
  const std::pair<const char*, const char*> cases[] = {
      {"POINT (1 2)", "must be a WKT LINESTRING"},
      {"LINESTRING Z (1 2 3, 4 5 6)", "LINESTRING Z is not supported"},
      {"LINESTRING 1 2, 3 4", "expected '(' after LINESTRING"},
      {"LINESTRING (1 2, 3)", "point 2: expected two numbers"},
      {"LINESTRING (1 2; 3 4)", "point 1: expected ',' or ')'"},
      {"LINESTRING (181 2, 3 4)", "point 1: longitude 181 out of [-180, 180]"},
      {"LINESTRING (1 2, 3 -91)", "point 2: latitude -91 out of [-90, 90]"},
      {"LINESTRING (1 2)", "at least two points"},
      {"LINESTRING (1 2, 3 4) x", "unexpected text after ')'"},
      {"LINESTRING (1 2, nan 4)", "point 2: expected two numbers"},
  };
  for (const auto& [text, expected] : cases) {
    std::string error;
    EXPECT_FALSE(ParseWktLineString(text, &error)) << text;
    EXPECT_NE(error.find(expected), std::string::npos) << text << " -> " << error;
  }
}

}  // namespace
}  // namespace corridor::io
