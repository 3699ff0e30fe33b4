#include "assignment/link_cost.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

namespace corridor::assignment {
namespace {

double Simpson(const LinkCost& c, double x) {
  const int n = 2000;
  const double h = x / n;
  double s = c.Time(0) + c.Time(x);
  for (int i = 1; i < n; ++i) s += (i % 2 ? 4 : 2) * c.Time(i * h);
  return s * h / 3;
}

// Derivative and integral agree with the function; the function is convex and
// non-decreasing on [0, 3 * capacity].
void CheckConsistent(const LinkCost& c) {
  const double top = 3 * std::max(1.0, c.capacity);
  double last_slope = -1;
  for (double x = 0.0; x <= top; x += top / 50) {
    const double h = 1e-6 * std::max(1.0, x);
    const double numeric = (c.Time(x + h) - c.Time(std::max(0.0, x - h))) / (x + h - std::max(0.0, x - h));
    EXPECT_NEAR(c.Derivative(x), numeric, 1e-5 * std::max(1.0, std::abs(numeric))) << x;
    EXPECT_NEAR(c.Integral(x), Simpson(c, x), 1e-8 * std::max(1.0, c.Integral(x))) << x;
    EXPECT_GE(c.Derivative(x), -1e-12);
    EXPECT_GE(c.Derivative(x), last_slope - 1e-9);
    EXPECT_TRUE(std::isfinite(c.Time(x)));
    last_slope = c.Derivative(x);
  }
}

TEST(LinkCost, BprValuesAndDerivatives) {
  LinkCost c{DelayModel::kBpr, 6.0, 25900.2, 0.15, 4.0, 4.0};
  EXPECT_DOUBLE_EQ(c.Time(0), 6.0);
  EXPECT_DOUBLE_EQ(c.Time(25900.2), 6.0 * 1.15);
  CheckConsistent(c);
  for (double power : {1.0, 2.0, 2.5, 3.0, 5.0, 6.0}) {
    c.power = power;
    CheckConsistent(c);
  }
}

TEST(LinkCost, BprPowerZeroAndCapacityZeroAreConstant) {
  const LinkCost power0{DelayModel::kBpr, 2.0, 100.0, 0.5, 0.0, 4.0};
  EXPECT_DOUBLE_EQ(power0.Time(0), 3.0);
  EXPECT_DOUBLE_EQ(power0.Time(1e6), 3.0);
  EXPECT_EQ(power0.Derivative(0), 0.0);
  EXPECT_DOUBLE_EQ(power0.Integral(10), 30.0);
  const LinkCost capacity0{DelayModel::kBpr, 2.0, 0.0, 0.15, 4.0, 4.0};
  EXPECT_DOUBLE_EQ(capacity0.Time(50), 2.0);
  EXPECT_EQ(capacity0.Derivative(50), 0.0);
  EXPECT_DOUBLE_EQ(capacity0.Integral(10), 20.0);
}

TEST(LinkCost, ConicalIsFiniteAndConvexPastCapacity) {
  for (double alpha : {1.5, 4.0, 10.0}) {
    const LinkCost c{DelayModel::kConical, 2.0, 1000.0, 0.0, 0.0, alpha};
    EXPECT_NEAR(c.Time(0), 2.0, 1e-12);
    EXPECT_NEAR(c.Time(1000), 4.0, 1e-12);
    // Far past capacity the slope tends to 2 * t0 * alpha / c.
    EXPECT_NEAR(c.Derivative(1e7), 2 * 2.0 * alpha / 1000, 1e-6);
    CheckConsistent(c);
  }
}

}  // namespace
}  // namespace corridor::assignment
