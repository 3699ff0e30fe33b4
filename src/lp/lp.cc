#include "lp/lp.h"

#include <algorithm>
#include <cassert>
#include <cmath>

#include "lp/mip.h"

namespace corridor::lp {

int Model::AddRow(double lower, double upper) {
  row_lower_.push_back(lower);
  row_upper_.push_back(upper);
  return num_rows() - 1;
}

int Model::AddColumn(double cost, double lower, double upper, std::span<const int> rows,
                     std::span<const double> coefficients) {
  assert(rows.size() == coefficients.size());
  col_cost_.push_back(cost);
  col_lower_.push_back(lower);
  col_upper_.push_back(upper);
  col_integer_.push_back(0);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    assert(rows[i] >= 0 && rows[i] < num_rows());
    row_index_.push_back(rows[i]);
    value_.push_back(coefficients[i]);
  }
  col_start_.push_back(static_cast<long>(row_index_.size()));
  return num_cols() - 1;
}

void Model::SetRowBounds(int row, double lower, double upper) {
  assert(row >= 0 && row < num_rows());
  row_lower_[static_cast<std::size_t>(row)] = lower;
  row_upper_[static_cast<std::size_t>(row)] = upper;
}

void Model::SetInteger(int col) {
  assert(col >= 0 && col < num_cols());
  col_integer_[static_cast<std::size_t>(col)] = 1;
}

bool Model::has_integers() const {
  for (char c : col_integer_) {
    if (c != 0) return true;
  }
  return false;
}

void Model::Reserve(std::size_t cols, std::size_t nonzeros) {
  col_cost_.reserve(cols);
  col_lower_.reserve(cols);
  col_upper_.reserve(cols);
  col_start_.reserve(cols + 1);
  col_integer_.reserve(cols);
  row_index_.reserve(nonzeros);
  value_.reserve(nonzeros);
}

const char* SolveStatusName(SolveStatus status) {
  switch (status) {
    case SolveStatus::kOptimal: return "optimal";
    case SolveStatus::kInfeasible: return "infeasible";
    case SolveStatus::kUnbounded: return "unbounded";
    case SolveStatus::kIterationLimit: return "iteration_limit";
    case SolveStatus::kTimeLimit: return "time_limit";
    case SolveStatus::kNumericalFailure: return "numerical_failure";
  }
  return "unknown";
}

const char* MipStatusName(MipStatus status) {
  switch (status) {
    case MipStatus::kOptimal: return "optimal";
    case MipStatus::kTimeLimit: return "time_limit";
    case MipStatus::kStopped: return "stopped";
    case MipStatus::kInfeasible: return "infeasible";
    case MipStatus::kUnbounded: return "unbounded";
    case MipStatus::kNumericalFailure: return "numerical_failure";
  }
  return "unknown";
}

double RelativeGap(double objective, double bound) {
  if (!std::isfinite(objective) || !std::isfinite(bound)) return kInfinity;
  return std::max(0.0, objective - bound) / std::max(1.0, std::fabs(objective));
}

}  // namespace corridor::lp
