#include "lp/lp.h"

#include <gtest/gtest.h>

#include <array>
#include <cmath>

namespace corridor::lp {
namespace {

// min -x - 2y  s.t.  x + y <= 4,  x + 3y <= 6,  x, y >= 0.
// Optimum x = 3, y = 1, objective -5 (non-degenerate); duals of both rows are -0.5.
Model SmallModel() {
  Model m;
  m.AddRow(-kInfinity, 4);
  m.AddRow(-kInfinity, 6);
  const std::array<int, 2> rows{0, 1};
  m.AddColumn(-1, 0, kInfinity, rows, std::array<double, 2>{1, 1});
  m.AddColumn(-2, 0, kInfinity, rows, std::array<double, 2>{1, 3});
  return m;
}

// Checks the optimality certificate instead of trusting the solver:
// primal feasibility, dual sign for <= rows, reduced costs c - A'y, and
// equal primal and dual objectives.
void ExpectCertificate(const Model& m, const Solver& s) {
  const auto x = s.primal();
  const auto y = s.duals();
  double primal_obj = 0;
  std::vector<double> activity(static_cast<std::size_t>(m.num_rows()), 0.0);
  std::vector<double> reduced(m.col_cost().begin(), m.col_cost().end());
  for (int j = 0; j < m.num_cols(); ++j) {
    primal_obj += m.col_cost()[j] * x[j];
    for (long k = m.col_start()[j]; k < m.col_start()[j + 1]; ++k) {
      activity[static_cast<std::size_t>(m.row_index()[k])] += m.value()[k] * x[j];
      reduced[static_cast<std::size_t>(j)] -= m.value()[k] * y[m.row_index()[k]];
    }
  }
  double dual_obj = 0;
  for (int i = 0; i < m.num_rows(); ++i) {
    EXPECT_LE(activity[i], m.row_upper()[i] + 1e-9);
    EXPECT_GE(activity[i], m.row_lower()[i] - 1e-9);
    // A negative dual needs an active upper bound, a positive one an active lower bound.
    if (y[i] < -1e-9) {
      EXPECT_NEAR(activity[i], m.row_upper()[i], 1e-9);
      dual_obj += y[i] * m.row_upper()[i];
    } else if (y[i] > 1e-9) {
      EXPECT_NEAR(activity[i], m.row_lower()[i], 1e-9);
      dual_obj += y[i] * m.row_lower()[i];
    }
  }
  for (int j = 0; j < m.num_cols(); ++j) {
    // A column at its upper bound may have a negative reduced cost; it contributes u*d.
    if (reduced[j] < -1e-9) {
      EXPECT_NEAR(x[j], m.col_upper()[j], 1e-9);
      dual_obj += reduced[j] * m.col_upper()[j];
    } else {
      EXPECT_GE(reduced[j], -1e-9);
    }
    EXPECT_NEAR(reduced[j], s.reduced_costs()[j], 1e-9);
  }
  EXPECT_NEAR(primal_obj, s.objective(), 1e-9);
  EXPECT_NEAR(primal_obj, dual_obj, 1e-9);
}

TEST(LpSolver, SolvesSmallModelWithCertificate) {
  Model m = SmallModel();
  Solver s;
  s.Load(m);
  ASSERT_EQ(s.Solve(), SolveStatus::kOptimal);
  EXPECT_NEAR(s.objective(), -5.0, 1e-9);
  EXPECT_NEAR(s.primal()[0], 3.0, 1e-9);
  EXPECT_NEAR(s.primal()[1], 1.0, 1e-9);
  ExpectCertificate(m, s);
}

TEST(LpSolver, DualPredictsChangeAfterBoundChangeAndWarmStarts) {
  Model m = SmallModel();
  Solver s;
  s.Load(m);
  ASSERT_EQ(s.Solve(), SolveStatus::kOptimal);
  const double before = s.objective();
  const double dual = s.duals()[1];
  s.SetRowBounds(1, -kInfinity, 6.5);
  ASSERT_EQ(s.Solve(), SolveStatus::kOptimal);
  EXPECT_NEAR(s.objective() - before, dual * 0.5, 1e-9);
  EXPECT_LE(s.iterations(), 3);
}

TEST(LpSolver, ReportsInfeasibleAndUnbounded) {
  Model infeasible;
  infeasible.AddRow(5, kInfinity);
  infeasible.AddColumn(1, 0, 1, std::array<int, 1>{0}, std::array<double, 1>{1});
  Solver s1;
  s1.Load(infeasible);
  EXPECT_EQ(s1.Solve(), SolveStatus::kInfeasible);

  Model unbounded;
  unbounded.AddRow(-kInfinity, kInfinity);
  unbounded.AddColumn(-1, 0, kInfinity, std::array<int, 1>{0}, std::array<double, 1>{1});
  Solver s2;
  s2.Load(unbounded);
  EXPECT_EQ(s2.Solve(), SolveStatus::kUnbounded);
}

TEST(LpSolver, AddsRowsAndColumnsThenResolves) {
  Model m = SmallModel();
  Solver s;
  s.Load(m);
  ASSERT_EQ(s.Solve(), SolveStatus::kOptimal);
  // Add y <= 0.5 as a row: optimum becomes x = 3.5, y = 0.5, objective -4.5.
  const std::array<long, 2> starts{0, 1};
  s.AddRows(std::array<double, 1>{-kInfinity}, std::array<double, 1>{0.5}, starts,
            std::array<int, 1>{1}, std::array<double, 1>{1});
  ASSERT_EQ(s.Solve(), SolveStatus::kOptimal);
  EXPECT_NEAR(s.objective(), -4.5, 1e-9);
  // Add a column z with cost -3 in row 0: it is the best use of row 0's room.
  s.AddColumns(std::array<double, 1>{-3}, std::array<double, 1>{0}, std::array<double, 1>{kInfinity},
               starts, std::array<int, 1>{0}, std::array<double, 1>{1});
  ASSERT_EQ(s.Solve(), SolveStatus::kOptimal);
  // z = 4, x = y = 0: objective -12.
  EXPECT_NEAR(s.objective(), -12.0, 1e-9);
  EXPECT_EQ(s.num_cols(), 3);
  s.DeleteColumns(std::array<int, 1>{2});
  ASSERT_EQ(s.Solve(), SolveStatus::kOptimal);
  EXPECT_NEAR(s.objective(), -4.5, 1e-9);
}

TEST(LpSolver, IterationLimitIsAnAnswerNotACrash) {
  // A transportation-like LP that needs more than one iteration.
  Model m;
  const int n = 8;
  for (int i = 0; i < n; ++i) m.AddRow(1, 1);
  for (int j = 0; j < n; ++j) m.AddRow(-kInfinity, 1);
  for (int i = 0; i < n; ++i) {
    for (int j = 0; j < n; ++j) {
      m.AddColumn(static_cast<double>((i * 7 + j * 3) % 11), 0, kInfinity,
                  std::array<int, 2>{i, n + j}, std::array<double, 2>{1, 1});
    }
  }
  Solver s;
  s.Load(m);
  SolveOptions opt;
  opt.max_iterations = 1;
  const SolveStatus st = s.Solve(opt);
  EXPECT_TRUE(st == SolveStatus::kIterationLimit || st == SolveStatus::kOptimal);
  SolveOptions full;
  EXPECT_EQ(s.Solve(full), SolveStatus::kOptimal);
  ExpectCertificate(m, s);
}

// The values that made CLP assert (a bound of 1e300, an objective coefficient of
// 1e250) are a numerical failure, an answer, not an abort of the process.
TEST(LpSolver, ValuesPastClpsWorkingRangeAreANumericalFailureNotAnAbort) {
  Model huge_bound;
  huge_bound.AddRow(1e300, kInfinity);
  huge_bound.AddColumn(1, 0, kInfinity, std::array<int, 1>{0}, std::array<double, 1>{1});
  Solver s1;
  s1.Load(huge_bound);
  EXPECT_EQ(s1.Solve(), SolveStatus::kNumericalFailure);

  Model huge_cost;
  huge_cost.AddRow(1, kInfinity);
  huge_cost.AddColumn(1e250, 0, kInfinity, std::array<int, 1>{0}, std::array<double, 1>{1});
  Solver s2;
  s2.Load(huge_cost);
  EXPECT_EQ(s2.Solve(), SolveStatus::kNumericalFailure);
  // Brought back into range, the same solver answers.
  s2.SetColumnCost(0, 1e9);
  ASSERT_EQ(s2.Solve(), SolveStatus::kOptimal);
  EXPECT_NEAR(s2.objective(), 1e9, 1e-6 * 1e9);
}

}  // namespace
}  // namespace corridor::lp
