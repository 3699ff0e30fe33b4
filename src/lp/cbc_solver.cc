// The only file that includes COIN-OR CBC.
#include <CbcEventHandler.hpp>
#include <CbcModel.hpp>
#include <CbcSolver.hpp>
#include <CoinMessageHandler.hpp>
#include <OsiClpSolverInterface.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <memory>
#include <string>
#include <vector>

#include "lp/coin_values.h"
#include "lp/mip.h"

namespace corridor::lp {
namespace {

using Clock = std::chrono::steady_clock;

// CLP under CBC aborts past its working range (lp/coin_values.h): such a model is a
// numerical failure instead.
using coin::kMaxCoefficient;
using coin::kMaxFiniteBound;
using coin::ToCoin;
constexpr double kProgressIntervalS = 0.2;
constexpr double kNoSolution = 1e49;  // CBC reports 1e50 when it has no incumbent

bool SafeBound(double v) { return std::isinf(v) || std::fabs(v) < kMaxFiniteBound; }

bool WithinWorkingRange(const Model& m) {
  for (int j = 0; j < m.num_cols(); ++j) {
    if (!(std::fabs(m.col_cost()[j]) < kMaxCoefficient)) return false;
    if (!SafeBound(m.col_lower()[j]) || !SafeBound(m.col_upper()[j])) return false;
  }
  for (int i = 0; i < m.num_rows(); ++i) {
    if (!SafeBound(m.row_lower()[i]) || !SafeBound(m.row_upper()[i])) return false;
  }
  return std::all_of(m.value().begin(), m.value().end(),
                     [](double v) { return std::fabs(v) < kMaxCoefficient; });
}

// Shared by the handler CBC clones into its working copies of the model.
struct SearchState {
  Clock::time_point start;
  Clock::time_point deadline;
  const std::function<bool(const MipProgress&)>* on_progress = nullptr;
  double last_report_s = -1.0;
  bool timed_out = false;
  bool cancelled = false;
};

class StopHandler : public CbcEventHandler {
 public:
  explicit StopHandler(std::shared_ptr<SearchState> state) : state_(std::move(state)) {}
  StopHandler(const StopHandler& other) = default;
  CbcEventHandler* clone() const override { return new StopHandler(*this); }

  CbcAction event(CbcEvent which) override {
    if (which != node && which != solution && which != heuristicSolution &&
        which != treeStatus) {
      return noAction;
    }
    if (state_->cancelled || state_->timed_out) return stop;  // until CBC honours it
    const auto now = Clock::now();
    if (now >= state_->deadline) {
      state_->timed_out = true;
      return stop;
    }
    const double seconds = std::chrono::duration<double>(now - state_->start).count();
    // Sub-searches of CBC's heuristics (a model with a parent) have their own incumbent
    // and bound: only the main search reports progress.
    if (model_ == nullptr || model_->parentModel() != nullptr) return noAction;
    if (state_->on_progress == nullptr || !*state_->on_progress ||
        seconds - state_->last_report_s < kProgressIntervalS) {
      return noAction;
    }
    state_->last_report_s = seconds;
    MipProgress p;
    p.seconds = seconds;
    const double obj = model_->getObjValue();
    if (model_->bestSolution() != nullptr && obj < kNoSolution) p.objective = obj;
    p.best_bound = model_->getBestPossibleObjValue();
    p.nodes = model_->getNodeCount();
    if (!(*state_->on_progress)(p)) {
      state_->cancelled = true;
      return stop;
    }
    return noAction;
  }

 private:
  std::shared_ptr<SearchState> state_;
};

int NoCallback(CbcModel*, int) { return 0; }

// CBC's standard solver (CbcMain1) with the given limits, silent, one thread.
void RunCbc(CbcModel& model, double time_limit_s, double gap, const MipOptions& options) {
  const int log_level = options.log_level;
  CbcSolverUsefulData data;
  data.noPrinting_ = log_level == 0;
  data.useSignalHandler_ = false;
  CbcMain0(model, data);
  const std::string seconds = std::to_string(std::min(time_limit_s, 1e8));
  const std::string ratio = std::to_string(gap);
  const std::string log = std::to_string(log_level);
  std::vector<const char*> argv = {"corridor", "-log", log.c_str(), "-slog", log.c_str(),
                                   "-timeMode", "elapsed", "-sec", seconds.c_str(), "-ratio",
                                   ratio.c_str()};
  if (!options.preprocess) argv.insert(argv.end(), {"-preprocess", "off"});
  if (!options.heuristics) argv.insert(argv.end(), {"-heuristics", "off"});
  argv.insert(argv.end(), {"-solve", "-quit"});
  CbcMain1(static_cast<int>(argv.size()), argv.data(), model, NoCallback, data);
}

}  // namespace

MipResult SolveMip(const Model& m, const MipOptions& options) {
  MipResult result;
  const auto start = Clock::now();
  auto elapsed = [&] { return std::chrono::duration<double>(Clock::now() - start).count(); };
  if (!WithinWorkingRange(m) || !(options.time_limit_s > 0.0) ||
      !(options.relative_gap >= 0.0)) {
    return result;
  }
  OsiClpSolverInterface solver;
  solver.messageHandler()->setLogLevel(options.log_level);
  const std::vector<CoinBigIndex> starts(m.col_start().begin(), m.col_start().end());
  solver.loadProblem(m.num_cols(), m.num_rows(), starts.data(), m.row_index().data(),
                     m.value().data(), ToCoin(m.col_lower()).data(), ToCoin(m.col_upper()).data(),
                     m.col_cost().data(), ToCoin(m.row_lower()).data(),
                     ToCoin(m.row_upper()).data());
  for (int j = 0; j < m.num_cols(); ++j) {
    if (m.is_integer(j)) solver.setInteger(j);
  }
  CbcModel model(solver);
  model.setLogLevel(options.log_level);
  auto state = std::make_shared<SearchState>();
  state->start = start;
  const double limit = std::min(options.time_limit_s, 1e8);
  state->deadline = start + std::chrono::duration_cast<Clock::duration>(
                                std::chrono::duration<double>(limit));
  state->on_progress = &options.on_progress;
  StopHandler handler(state);
  model.passInEventHandler(&handler);
  RunCbc(model, limit, options.relative_gap, options);

  result.seconds = elapsed();
  result.nodes = model.getNodeCount();
  const double* best = model.bestSolution();
  const double obj = model.getObjValue();
  if (best != nullptr && obj < kNoSolution) {
    result.has_solution = true;
    result.objective = obj;
    result.x.assign(best, best + m.num_cols());
  }
  result.best_bound = model.getBestPossibleObjValue();
  if (result.has_solution) {
    result.best_bound = std::min(result.best_bound, result.objective);
    result.relative_gap = RelativeGap(result.objective, result.best_bound);
  }
  if (state->cancelled) {
    result.status = MipStatus::kStopped;
  } else if (state->timed_out || model.isSecondsLimitReached()) {
    result.status = MipStatus::kTimeLimit;
  } else if (model.isProvenInfeasible() && !result.has_solution) {
    result.status = MipStatus::kInfeasible;
  } else if (model.isContinuousUnbounded()) {
    result.status = MipStatus::kUnbounded;
  } else if (result.has_solution && result.relative_gap <= options.relative_gap) {
    result.status = MipStatus::kOptimal;
  } else if (model.status() == 0 && !result.has_solution) {
    result.status = MipStatus::kInfeasible;
  } else {
    result.status = result.has_solution ? MipStatus::kTimeLimit : MipStatus::kNumericalFailure;
  }
  return result;
}

}  // namespace corridor::lp
