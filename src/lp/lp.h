// A solver-neutral linear program and a re-solvable solver handle.
//
// Problem:   minimise  c'x   subject to  row_lower <= A x <= row_upper,
//                                        col_lower <=   x <= col_upper.
// Infinite bounds are +/- kInfinity. A is stored column-wise (CSC).
//
// Only lp/clp_solver.cc includes COIN-OR CLP headers; everything else talks to this
// interface. A Solver keeps its factorisation between calls, so changing a bound or
// a cost, or adding rows or columns, and solving again warm-starts from the last
// basis (typically a few iterations after a small change).
//
// Duals follow the usual sign convention for minimisation: for a row with an active
// upper bound (a binding <= capacity) the dual is <= 0; increasing that bound by one
// unit changes the optimum by the dual (within the range the basis stays optimal).
#pragma once

#include <limits>
#include <memory>
#include <span>
#include <string>
#include <vector>

namespace corridor::lp {

inline constexpr double kInfinity = std::numeric_limits<double>::infinity();

// Column-wise model builder.
class Model {
 public:
  int AddRow(double lower, double upper);
  void SetRowBounds(int row, double lower, double upper);
  // Adds a column with its nonzeros (row indices must already exist).
  int AddColumn(double cost, double lower, double upper, std::span<const int> rows,
                std::span<const double> coefficients);

  // Marks a column integer (for lp::SolveMip; lp::Solver ignores it and solves the
  // LP relaxation).
  void SetInteger(int col);
  bool is_integer(int col) const { return col_integer_[static_cast<std::size_t>(col)] != 0; }
  bool has_integers() const;

  int num_rows() const { return static_cast<int>(row_lower_.size()); }
  int num_cols() const { return static_cast<int>(col_cost_.size()); }
  std::size_t num_nonzeros() const { return row_index_.size(); }

  const std::vector<double>& row_lower() const { return row_lower_; }
  const std::vector<double>& row_upper() const { return row_upper_; }
  const std::vector<double>& col_cost() const { return col_cost_; }
  const std::vector<double>& col_lower() const { return col_lower_; }
  const std::vector<double>& col_upper() const { return col_upper_; }
  const std::vector<long>& col_start() const { return col_start_; }  // size num_cols()+1
  const std::vector<int>& row_index() const { return row_index_; }
  const std::vector<double>& value() const { return value_; }

  void Reserve(std::size_t cols, std::size_t nonzeros);

 private:
  std::vector<double> row_lower_, row_upper_;
  std::vector<double> col_cost_, col_lower_, col_upper_;
  std::vector<long> col_start_{0};
  std::vector<int> row_index_;
  std::vector<double> value_;
  std::vector<char> col_integer_;
};

enum class Algorithm { kDualSimplex, kPrimalSimplex, kBarrier };

enum class SolveStatus {
  kOptimal,           // proven optimal within tolerances
  kInfeasible,        // proven primal infeasible
  kUnbounded,         // proven dual infeasible
  kIterationLimit,    // stopped at max_iterations
  kTimeLimit,         // stopped at time_limit_s
  kNumericalFailure,  // the solver gave up without a proof
};
const char* SolveStatusName(SolveStatus status);

struct SolveOptions {
  Algorithm algorithm = Algorithm::kDualSimplex;
  double time_limit_s = kInfinity;
  int max_iterations = std::numeric_limits<int>::max();
  double primal_tolerance = 1e-7;
  double dual_tolerance = 1e-7;
  int log_level = 0;  // 0 = silent; >0 lets the solver print to stdout
  // Keep the solver's work areas between solves of one model whose bounds change (many
  // short re-solves: they then skip most of their set-up). Dual simplex only. The
  // pivots of a solve then depend on the solves before it (pricing weights, bounds
  // the algorithm adapted), not only on the model, bounds and basis.
  bool keep_work_areas = false;
};

class Solver {
 public:
  Solver();
  ~Solver();
  Solver(const Solver&) = delete;
  Solver& operator=(const Solver&) = delete;
  Solver(Solver&&) noexcept;
  Solver& operator=(Solver&&) noexcept;

  void Load(const Model& model);
  // Solves (warm-starting from the previous basis when there is one).
  SolveStatus Solve(const SolveOptions& options = {});

  void SetRowBounds(int row, double lower, double upper);
  void SetColumnBounds(int col, double lower, double upper);
  void SetColumnCost(int col, double cost);
  // Appends rows given row-wise: row r has entries [starts[r], starts[r+1]).
  void AddRows(std::span<const double> lower, std::span<const double> upper,
               std::span<const long> starts, std::span<const int> cols,
               std::span<const double> values);
  // Appends columns given column-wise.
  void AddColumns(std::span<const double> cost, std::span<const double> lower,
                  std::span<const double> upper, std::span<const long> starts,
                  std::span<const int> rows, std::span<const double> values);
  void DeleteColumns(std::span<const int> cols);

  // The current basis: one status per column, then one per row (the solver's own
  // codes, meaningful only to SetBasis on a model of the same shape). A solver that
  // is given a basis and then solved starts from it: after changing bounds only (a
  // capacity, a demand), the dual simplex needs a few pivots instead of thousands,
  // and the same model, bounds and basis always give the same answer.
  std::vector<unsigned char> Basis() const;
  // False (and nothing changed) when the size is not num_cols() + num_rows().
  bool SetBasis(std::span<const unsigned char> basis);

  int num_rows() const;
  int num_cols() const;
  double objective() const;
  int iterations() const;  // of the last Solve
  std::span<const double> primal() const;         // x
  std::span<const double> row_activity() const;   // A x
  std::span<const double> duals() const;          // row duals y
  std::span<const double> reduced_costs() const;  // c - A'y

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace corridor::lp
