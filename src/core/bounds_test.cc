#include "core/bounds.h"

#include <cmath>
#include <limits>

#include <gtest/gtest.h>

namespace corridor {
namespace {

TEST(Bounds, CeilingIsReportedByTheSideThatIsCrossed) {
  EXPECT_EQ(BoundViolation(1e300, bounds::kTonnes, "1e300"), "must be <= 1e12, got 1e300");
  EXPECT_EQ(BoundViolation(-5, bounds::kTonnes, "-5"), "must be >= 0, got -5");
  EXPECT_EQ(BoundViolation(1e-300, bounds::kHours), "must be 0 or at least 1e-6, got 1e-300");
  EXPECT_EQ(BoundViolation(0.5, bounds::kTonnes), "must be 0 or at least 1, got 0.5");
  EXPECT_EQ(BoundViolation(0.0, bounds::kValueUsdPerTonne), "must be > 0, got 0");
  EXPECT_EQ(BoundViolation(5e-7, bounds::kValueUsdPerTonne), "must be at least 1e-6, got 5e-7");
  EXPECT_FALSE(BoundViolation(1e12, bounds::kTonnes));
  EXPECT_FALSE(BoundViolation(0.0, bounds::kTonnes));
  EXPECT_FALSE(BoundViolation(bounds::kMinNonzero, bounds::kHours));
}

TEST(Bounds, OneUlpPastEitherEndIsOutside) {
  const double max = *bounds::kTonnes.max;
  EXPECT_TRUE(bounds::kTonnes.Contains(max));
  EXPECT_FALSE(bounds::kTonnes.Contains(std::nextafter(max, 2 * max)));
  const double tiny = bounds::kTonnes.min_nonzero;
  EXPECT_TRUE(bounds::kTonnes.Contains(tiny));
  EXPECT_FALSE(bounds::kTonnes.Contains(std::nextafter(tiny, 0.0)));
  EXPECT_FALSE(bounds::kTonnes.Contains(std::numeric_limits<double>::denorm_min()));
  EXPECT_FALSE(bounds::kTonnes.Contains(std::nan("")));
  EXPECT_FALSE(bounds::kTonnes.Contains(std::numeric_limits<double>::infinity()));
}

TEST(Bounds, IntervalsAreReportedWhole) {
  EXPECT_EQ(BoundViolation(1.5, bounds::kFraction), "must be in [0, 1], got 1.5");
  EXPECT_EQ(BoundViolation(-95, Bounds::Range(-90, 90)), "must be in [-90, 90], got -95");
  EXPECT_EQ(bounds::kHours.Describe(), "must be >= 0 and <= 1e5, and 0 or at least 1e-6 in magnitude");
}

TEST(Bounds, CheckBoundLocatesTheError) {
  Diagnostics d;
  EXPECT_TRUE(CheckBound(d, "demand.csv", 2, "tonnes_per_year", 5.0, bounds::kTonnes));
  EXPECT_FALSE(CheckBound(d, "demand.csv", 2, "tonnes_per_year", 2e12, bounds::kTonnes));
  ASSERT_EQ(d.items().size(), 1u);
  EXPECT_EQ(d.items()[0].ToString(), "demand.csv:2: tonnes_per_year must be <= 1e12, got 2e12");
}

TEST(Bounds, FormatBoundIsShort) {
  EXPECT_EQ(FormatBound(1e12), "1e12");
  EXPECT_EQ(FormatBound(1e-6), "1e-6");
  EXPECT_EQ(FormatBound(0.5), "0.5");
  EXPECT_EQ(FormatBound(-90), "-90");
  EXPECT_EQ(FormatBound(1.5e300), "1.5e300");
}

}  // namespace
}  // namespace corridor
