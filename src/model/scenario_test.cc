#include "model/scenario.h"

#include <gtest/gtest.h>

namespace corridor::model {
namespace {
TEST(ChangeType, NamesRoundTrip) {
  for (int i = 0; i <= static_cast<int>(ChangeType::kScaleDemand); ++i) {
    const auto t = static_cast<ChangeType>(i);
    EXPECT_EQ(ParseChangeType(ChangeTypeName(t)), t);
  }
  EXPECT_FALSE(ParseChangeType("close_bridge"));
}
}  // namespace
}  // namespace corridor::model
