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
