// Internal to the assignment module: the validated problem shared by the
// algorithms, deterministic parallel loops, all-or-nothing loading and the
// measures of a flow (equilibrium.h defines them).
#pragma once

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "assignment/equilibrium.h"
#include "paths/shortest_path.h"

namespace corridor::assignment::internal {

struct Origin {
  NodeId node;
  std::vector<std::pair<NodeId, double>> destinations;  // demand > 0, destination != node
};

struct ClassData {
  double vot = 1.0;
  double weight = 1.0;
  std::vector<double> fixed;  // c_ka - vot * t_a: class units, +inf when not allowed
  std::vector<Origin> origins;
};

// A (class, origin) pair: the unit of parallel work and, in Algorithm B, of a bush.
struct Task {
  int cls = 0;
  int origin = 0;  // index into ClassData::origins
};

// A persistent pool of `threads - 1` helper threads plus the caller, started
// once per Solve. Run(count, fn) calls fn(index, worker) for index in [0, count)
// with worker in [0, threads) and returns when all calls are done. Indices are
// handed out dynamically, so fn must write only to per-index (not per-worker)
// results for the outcome to be thread-count free. Not reentrant.
class WorkerPool {
 public:
  explicit WorkerPool(int threads);
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  int threads() const { return static_cast<int>(helpers_.size()) + 1; }
  void Run(int count, const std::function<void(int index, int worker)>& fn);

 private:
  void Work(int worker);
  void HelperLoop(int worker);

  std::vector<std::thread> helpers_;
  std::mutex mutex_;
  std::condition_variable wake_, done_;
  const std::function<void(int, int)>* job_ = nullptr;
  int count_ = 0;
  std::atomic<int> next_{0};
  long generation_ = 0;  // bumped per Run; helpers wait for a new one
  int busy_ = 0;         // helpers still working on the current generation
  bool stop_ = false;
};

// Side constraints S_r = sum_{a in r} X_a <= c_r handled by an augmented
// Lagrangian (capacitated.h): each link's time gains
//   q_a(X) = sum_{r ni a} max(0, mu_r + rho_r (S_r - c_r)),
// the gradient in X_a of (1 / 2 rho_r) (max(0, mu_r + rho_r g_r)^2 - mu_r^2),
// which is added to the Beckmann objective. Set by the caller between solves.
struct SidePenalty {
  std::vector<int> begin;  // CSR: links of constraint r are links[begin[r] .. begin[r+1])
  std::vector<int> links;
  std::vector<int> link_begin;  // CSR: constraints of link a
  std::vector<int> link_constraints;
  std::vector<double> capacity;    // c_r > 0
  std::vector<double> multiplier;  // mu_r >= 0, time units
  std::vector<double> rho;         // rho_r > 0, time units per unit of flow

  int size() const { return static_cast<int>(capacity.size()); }
  double Extra(int r, double load) const {
    return std::max(0.0, multiplier[r] + rho[r] * (load - capacity[r]));
  }
  bool Active(int r, double load) const { return multiplier[r] + rho[r] * (load - capacity[r]) > 0; }
  // The penalty's contribution to the objective at load S_r.
  double Integral(int r, double load) const {
    const double e = Extra(r, load);
    return (e * e - multiplier[r] * multiplier[r]) / (2.0 * rho[r]);
  }
  void Loads(std::span<const double> link_flow, std::vector<double>& load) const;
};

struct Problem {
  const Network* network = nullptr;
  const SidePenalty* side = nullptr;  // optional
  std::vector<ClassData> classes;
  std::vector<Task> tasks;
  double routed_demand = 0.0;
  std::unique_ptr<WorkerPool> pool;  // never null once prepared

  int threads() const { return pool->threads(); }
  void ParallelFor(int count, const std::function<void(int index, int worker)>& fn) const {
    pool->Run(count, fn);
  }

  int link_count() const { return network->link_count(); }
  // out[a] = vot_k * time[a] + fixed_ka.
  void ClassCost(int k, std::span<const double> time, std::span<double> out) const;
};

// Validates the input and groups the demand by (class, origin); starts the pool.
Result<Problem> Prepare(const Network& network, std::span<const DemandClass> classes,
                        const Options& options);

// Shortest paths of every task under the given link times. Returns
// sum_k sum_od d_kod u_kod / vot_k; when `class_flow` is not null, it receives
// the all-or-nothing class link flows. NotFound-free: InvalidInput when a
// positive demand cannot reach its destination.
Result<double> AllOrNothing(const Problem& problem, std::span<const double> time,
                            std::vector<std::vector<double>>* class_flow);

// "class k: no path from node o to node d for demand x" (0-based node ids).
std::string NoPathMessage(int cls, NodeId origin, NodeId destination, double demand);

// X_a and t_a(X_a) from class flows (fixed summation order).
void AggregateFlows(const Problem& problem, const std::vector<std::vector<double>>& class_flow,
                    std::vector<double>& total_flow, std::vector<double>& time);

// Measures of a flow given sum_k sum_od d u / vot_k at its link times.
IterationStats Measure(const Problem& problem, const std::vector<std::vector<double>>& class_flow,
                       std::span<const double> total_flow, std::span<const double> time,
                       double shortest_cost_sum);

// What the algorithms share with Solve: the flow they return and their log.
struct Progress {
  std::vector<std::vector<double>> class_flow;
  std::vector<double> total_flow;
  std::vector<double> time;
  std::vector<IterationStats> log;
  StopReason stop_reason = StopReason::kIterationLimit;
};

// Shared stopping rule; records `stats` in the log.
bool ShouldStop(const Options& options, const IterationStats& stats, Progress& progress);

// Algorithm B's bushes, kept between solves of one Problem whose costs change
// (the capacitated equilibrium's outer loop) to warm-start the next solve.
struct Bushes;
struct BushesDeleter {
  void operator()(Bushes* bushes) const;
};
using BushStore = std::unique_ptr<Bushes, BushesDeleter>;

// With `warm` non-null, starts from *warm's bushes when it holds some and
// leaves the final bushes in it.
Status RunAlgorithmB(const Problem& problem, const Options& options, double start_time,
                     Progress& progress, BushStore* warm = nullptr);
Status RunLinkBased(const Problem& problem, const Options& options, double start_time,
                    Progress& progress);

double SecondsSince(double start_time);
double Now();

}  // namespace corridor::assignment::internal
