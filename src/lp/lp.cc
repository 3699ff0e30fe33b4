#include "lp/lp.h"

#include <cassert>

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
  for (std::size_t i = 0; i < rows.size(); ++i) {
    assert(rows[i] >= 0 && rows[i] < num_rows());
    row_index_.push_back(rows[i]);
    value_.push_back(coefficients[i]);
  }
  col_start_.push_back(static_cast<long>(row_index_.size()));
  return num_cols() - 1;
}

void Model::Reserve(std::size_t cols, std::size_t nonzeros) {
  col_cost_.reserve(cols);
  col_lower_.reserve(cols);
  col_upper_.reserve(cols);
  col_start_.reserve(cols + 1);
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

}  // namespace corridor::lp
