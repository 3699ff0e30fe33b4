// Internal to the assignment module: the validated problem shared by the
// algorithms, deterministic parallel loops, all-or-nothing loading and the
// measures of a flow (equilibrium.h defines them).
#pragma once

#include <functional>
#include <span>
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

// Runs fn(index, worker) for index in [0, count) on `threads` threads (worker in
// [0, threads)). Indices are handed out dynamically, so fn must write only to
// per-index (not per-worker) results for the outcome to be thread-count free.
void ParallelFor(int count, int threads, const std::function<void(int index, int worker)>& fn);

struct Problem {
  const Network* network = nullptr;
  std::vector<ClassData> classes;
  std::vector<Task> tasks;
  double routed_demand = 0.0;
  int threads = 1;

  int link_count() const { return network->link_count(); }
  // out[a] = vot_k * time[a] + fixed_ka.
  void ClassCost(int k, std::span<const double> time, std::span<double> out) const;
};

// Shortest paths of every task under the given link times. Returns
// sum_k sum_od d_kod u_kod / vot_k; when `class_flow` is not null, it receives
// the all-or-nothing class link flows. NotFound-free: InvalidInput when a
// positive demand cannot reach its destination.
Result<double> AllOrNothing(const Problem& problem, std::span<const double> time,
                            std::vector<std::vector<double>>* class_flow);

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

Status RunAlgorithmB(const Problem& problem, const Options& options, double start_time,
                     Progress& progress);
Status RunLinkBased(const Problem& problem, const Options& options, double start_time,
                    Progress& progress);

double SecondsSince(double start_time);
double Now();

}  // namespace corridor::assignment::internal
