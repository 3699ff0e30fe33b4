// The only file that includes COIN-OR CLP.
#include <ClpSimplex.hpp>
#include <CoinHelperFunctions.hpp>
#include <CoinTime.hpp>

#include <cmath>
#include <vector>

#include "lp/coin_values.h"
#include "lp/lp.h"

namespace corridor::lp {
namespace {

using coin::kMaxCoefficient;
using coin::kMaxFiniteBound;
using coin::ToCoin;

std::vector<CoinBigIndex> ToBigIndex(std::span<const long> v) {
  return std::vector<CoinBigIndex>(v.begin(), v.end());
}

// The last guard against CLP's aborts (lp/coin_values.h), on the loaded model with the
// bounds the caller changed since.
bool SafeBound(double v) {
  return v == COIN_DBL_MAX || v == -COIN_DBL_MAX || std::fabs(v) < kMaxFiniteBound;
}

bool WithinWorkingRange(const ClpSimplex& clp) {
  const int cols = clp.numberColumns();
  const int rows = clp.numberRows();
  const double* cost = clp.getObjCoefficients();
  const double* col_lower = clp.getColLower();
  const double* col_upper = clp.getColUpper();
  for (int j = 0; j < cols; ++j) {
    if (!(std::fabs(cost[j]) < kMaxCoefficient)) return false;
    if (!SafeBound(col_lower[j]) || !SafeBound(col_upper[j])) return false;
  }
  const double* row_lower = clp.getRowLower();
  const double* row_upper = clp.getRowUpper();
  for (int i = 0; i < rows; ++i) {
    if (!SafeBound(row_lower[i]) || !SafeBound(row_upper[i])) return false;
  }
  const CoinPackedMatrix* matrix = clp.matrix();
  const double* elements = matrix->getElements();
  const CoinBigIndex* starts = matrix->getVectorStarts();
  const int* lengths = matrix->getVectorLengths();
  for (int j = 0; j < matrix->getMajorDim(); ++j) {
    for (CoinBigIndex k = starts[j]; k < starts[j] + lengths[j]; ++k) {
      if (!(std::fabs(elements[k]) < kMaxCoefficient)) return false;
    }
  }
  return true;
}

}  // namespace

struct Solver::Impl {
  ClpSimplex clp;
  bool solved_once = false;
  int last_iterations = 0;
};

Solver::Solver() : impl_(std::make_unique<Impl>()) { impl_->clp.setLogLevel(0); }
Solver::~Solver() = default;
Solver::Solver(Solver&&) noexcept = default;
Solver& Solver::operator=(Solver&&) noexcept = default;

void Solver::Load(const Model& m) {
  const auto starts = ToBigIndex(m.col_start());
  impl_->clp.loadProblem(m.num_cols(), m.num_rows(), starts.data(), m.row_index().data(),
                         m.value().data(), ToCoin(m.col_lower()).data(),
                         ToCoin(m.col_upper()).data(), m.col_cost().data(),
                         ToCoin(m.row_lower()).data(), ToCoin(m.row_upper()).data());
  impl_->solved_once = false;
}

SolveStatus Solver::Solve(const SolveOptions& options) {
  ClpSimplex& clp = impl_->clp;
  if (!WithinWorkingRange(clp)) {
    impl_->last_iterations = 0;
    return SolveStatus::kNumericalFailure;
  }
  // CLP's automatic scaling (scaling mode 3, its default, set here so that it stays
  // on) equilibrates rows and columns, so tonnes up to 1e12 and costs up to 1e9 meet
  // the tolerances without the model being written in other units.
  clp.scaling(3);
  clp.setLogLevel(options.log_level);
  clp.setPrimalTolerance(options.primal_tolerance);
  clp.setDualTolerance(options.dual_tolerance);
  clp.setMaximumIterations(options.max_iterations);
  clp.setMaximumSeconds(std::isfinite(options.time_limit_s) ? options.time_limit_s : -1.0);
  switch (options.algorithm) {
    // startFinishOptions 1 | 4: keep the work areas at the end, skip their set-up at the
    // start (the factorization is always made anew from the basis).
    case Algorithm::kDualSimplex: clp.dual(0, options.keep_work_areas ? 5 : 0); break;
    case Algorithm::kPrimalSimplex: clp.primal(); break;
    case Algorithm::kBarrier: clp.barrier(true); break;
  }
  int iterations = clp.numberIterations();
  // The dual simplex can lose its way on wide ranges of right-hand sides (1e11 t of
  // demand beside capacities of 1e6 t, unserved at a penalty: it stops claiming dual
  // infeasibility on a bounded LP). The primal simplex from where it stopped finds the
  // optimum; callers check the answer independently either way.
  if (options.algorithm == Algorithm::kDualSimplex && !clp.isProvenOptimal() &&
      clp.status() != 3) {
    clp.primal(1);
    iterations += clp.numberIterations();
  }
  impl_->solved_once = true;
  impl_->last_iterations = iterations;
  if (clp.isProvenOptimal()) return SolveStatus::kOptimal;
  if (clp.isProvenPrimalInfeasible()) return SolveStatus::kInfeasible;
  if (clp.isProvenDualInfeasible()) return SolveStatus::kUnbounded;
  if (clp.status() == 3) {
    // CLP reports both limits as status 3; the secondary status 9 means "on time".
    return clp.secondaryStatus() == 9 ? SolveStatus::kTimeLimit : SolveStatus::kIterationLimit;
  }
  return SolveStatus::kNumericalFailure;
}

void Solver::SetRowBounds(int row, double lower, double upper) {
  impl_->clp.setRowBounds(row, ToCoin(lower), ToCoin(upper));
}

void Solver::SetColumnBounds(int col, double lower, double upper) {
  impl_->clp.setColumnBounds(col, ToCoin(lower), ToCoin(upper));
}

void Solver::SetColumnCost(int col, double cost) { impl_->clp.setObjectiveCoefficient(col, cost); }

void Solver::AddRows(std::span<const double> lower, std::span<const double> upper,
                     std::span<const long> starts, std::span<const int> cols,
                     std::span<const double> values) {
  const auto s = ToBigIndex(starts);
  impl_->clp.addRows(static_cast<int>(lower.size()), ToCoin(lower).data(), ToCoin(upper).data(),
                     s.data(), cols.data(), values.data());
}

void Solver::AddColumns(std::span<const double> cost, std::span<const double> lower,
                        std::span<const double> upper, std::span<const long> starts,
                        std::span<const int> rows, std::span<const double> values) {
  const auto s = ToBigIndex(starts);
  impl_->clp.addColumns(static_cast<int>(cost.size()), ToCoin(lower).data(), ToCoin(upper).data(),
                        cost.data(), s.data(), rows.data(), values.data());
}

void Solver::DeleteColumns(std::span<const int> cols) {
  impl_->clp.deleteColumns(static_cast<int>(cols.size()), cols.data());
}

std::vector<unsigned char> Solver::Basis() const {
  const unsigned char* status = impl_->clp.statusArray();
  if (!status) return {};
  return {status, status + num_cols() + num_rows()};
}

bool Solver::SetBasis(std::span<const unsigned char> basis) {
  if (basis.size() != static_cast<std::size_t>(num_cols() + num_rows())) return false;
  impl_->clp.copyinStatus(basis.data());
  return true;
}

int Solver::num_rows() const { return impl_->clp.numberRows(); }
int Solver::num_cols() const { return impl_->clp.numberColumns(); }
double Solver::objective() const { return impl_->clp.objectiveValue(); }
int Solver::iterations() const { return impl_->last_iterations; }

std::span<const double> Solver::primal() const {
  return {impl_->clp.primalColumnSolution(), static_cast<std::size_t>(num_cols())};
}
std::span<const double> Solver::row_activity() const {
  return {impl_->clp.primalRowSolution(), static_cast<std::size_t>(num_rows())};
}
std::span<const double> Solver::duals() const {
  return {impl_->clp.dualRowSolution(), static_cast<std::size_t>(num_rows())};
}
std::span<const double> Solver::reduced_costs() const {
  return {impl_->clp.dualColumnSolution(), static_cast<std::size_t>(num_cols())};
}

}  // namespace corridor::lp
