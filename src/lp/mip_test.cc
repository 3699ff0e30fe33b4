#include "lp/mip.h"

#include <gtest/gtest.h>

#include <array>
#include <chrono>
#include <cmath>
#include <random>

namespace corridor::lp {
namespace {

// Knapsack: max sum v_i x_i s.t. sum w_i x_i <= cap, x binary (as a minimisation).
Model Knapsack(const std::vector<double>& value, const std::vector<double>& weight, double cap) {
  Model m;
  m.AddRow(-kInfinity, cap);
  const std::array<int, 1> row{0};
  for (std::size_t i = 0; i < value.size(); ++i) {
    const int j = m.AddColumn(-value[i], 0, 1, row, std::array<double, 1>{weight[i]});
    m.SetInteger(j);
  }
  return m;
}

double BruteForceKnapsack(const std::vector<double>& value, const std::vector<double>& weight,
                          double cap) {
  double best = 0;
  const std::size_t n = value.size();
  for (unsigned mask = 0; mask < (1u << n); ++mask) {
    double v = 0, w = 0;
    for (std::size_t i = 0; i < n; ++i) {
      if ((mask >> i) & 1u) {
        v += value[i];
        w += weight[i];
      }
    }
    if (w <= cap + 1e-9) best = std::max(best, v);
  }
  return -best;
}

TEST(Mip, KnapsacksEqualEnumeration) {
  std::mt19937 rng(7);
  std::uniform_int_distribution<int> d(1, 40);
  for (int trial = 0; trial < 20; ++trial) {
    std::vector<double> value, weight;
    for (int i = 0; i < 12; ++i) {
      value.push_back(d(rng));
      weight.push_back(d(rng));
    }
    const double cap = 100;
    const MipResult r = SolveMip(Knapsack(value, weight, cap));
    ASSERT_EQ(r.status, MipStatus::kOptimal) << trial;
    EXPECT_NEAR(r.objective, BruteForceKnapsack(value, weight, cap), 1e-6) << trial;
    EXPECT_LE(r.relative_gap, 1e-6);
    EXPECT_LE(r.best_bound, r.objective + 1e-9);
    double w = 0, v = 0;
    for (int i = 0; i < 12; ++i) {
      EXPECT_NEAR(r.x[i], std::round(r.x[i]), 1e-6);
      w += weight[i] * r.x[i];
      v -= value[i] * r.x[i];
    }
    EXPECT_LE(w, cap + 1e-6);
    EXPECT_NEAR(v, r.objective, 1e-6);
  }
}

TEST(Mip, InfeasibleIsAStatus) {
  // x + y >= 3 with binaries x, y.
  Model m;
  m.AddRow(3, kInfinity);
  const std::array<int, 1> row{0};
  for (int i = 0; i < 2; ++i) m.SetInteger(m.AddColumn(1, 0, 1, row, std::array<double, 1>{1}));
  const MipResult r = SolveMip(m);
  EXPECT_EQ(r.status, MipStatus::kInfeasible);
  EXPECT_FALSE(r.has_solution);
}

TEST(Mip, IntegralityMatters) {
  // min -x s.t. 2x <= 3, x integer: x = 1 (the relaxation has 1.5).
  Model m;
  m.AddRow(-kInfinity, 3);
  m.SetInteger(m.AddColumn(-1, 0, kInfinity, std::array<int, 1>{0}, std::array<double, 1>{2}));
  const MipResult r = SolveMip(m);
  ASSERT_EQ(r.status, MipStatus::kOptimal);
  EXPECT_NEAR(r.objective, -1, 1e-9);
  EXPECT_NEAR(r.x[0], 1, 1e-9);
}

// A hard-ish random multi-knapsack that CBC does not close at once.
Model HardModel(int n, int rows) {
  std::mt19937 rng(3);
  std::uniform_int_distribution<int> d(1000, 9999);
  Model m;
  for (int i = 0; i < rows; ++i) m.AddRow(-kInfinity, 2.5e3 * n);
  std::vector<int> idx(static_cast<std::size_t>(rows));
  for (int i = 0; i < rows; ++i) idx[static_cast<std::size_t>(i)] = i;
  for (int j = 0; j < n; ++j) {
    std::vector<double> w(static_cast<std::size_t>(rows));
    for (double& x : w) x = d(rng);
    m.SetInteger(m.AddColumn(-d(rng), 0, 1, idx, w));
  }
  return m;
}

TEST(Mip, TimeLimitHolds) {
  MipOptions o;
  o.time_limit_s = 0.5;
  const auto t0 = std::chrono::steady_clock::now();
  const MipResult r = SolveMip(HardModel(300, 30), o);
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  EXPECT_LT(s, 3.0);
  // 300 binaries under 30 knapsack rows: far from proven in half a second.
  EXPECT_EQ(r.status, MipStatus::kTimeLimit);
  if (r.has_solution) {
    EXPECT_LE(r.best_bound, r.objective + 1e-6);
    EXPECT_GT(r.relative_gap, 0.0);
  }
}

TEST(Mip, ProgressCanStop) {
  MipOptions o;
  int calls = 0;
  o.on_progress = [&](const MipProgress&) { return ++calls < 2; };
  const MipResult r = SolveMip(HardModel(300, 30), o);
  EXPECT_EQ(r.status, MipStatus::kStopped);
  EXPECT_EQ(calls, 2);
}

}  // namespace
}  // namespace corridor::lp
