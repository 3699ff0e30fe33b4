#include "assignment/problem.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <mutex>
#include <string>
#include <thread>

namespace corridor::assignment::internal {
namespace {

// Tasks per chunk of an all-or-nothing pass: fixed, so that the summation
// order does not depend on the number of threads.
constexpr int kChunkSize = 8;

struct Chunk {
  int cls = 0;
  int begin = 0;  // task range
  int end = 0;
};

std::vector<Chunk> MakeChunks(const Problem& problem) {
  std::vector<Chunk> chunks;
  const int n = static_cast<int>(problem.tasks.size());
  for (int i = 0; i < n;) {
    const int cls = problem.tasks[i].cls;
    int j = i;
    while (j < n && j - i < kChunkSize && problem.tasks[j].cls == cls) ++j;
    chunks.push_back({cls, i, j});
    i = j;
  }
  return chunks;
}

}  // namespace

double Now() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

double SecondsSince(double start_time) { return Now() - start_time; }

WorkerPool::WorkerPool(int threads) {
  for (int w = 1; w < threads; ++w) helpers_.emplace_back([this, w] { HelperLoop(w); });
}

WorkerPool::~WorkerPool() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  for (auto& t : helpers_) t.join();
}

void WorkerPool::Work(int worker) {
  for (int i = next_++; i < count_; i = next_++) (*job_)(i, worker);
}

void WorkerPool::HelperLoop(int worker) {
  long seen = 0;
  for (;;) {
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [&] { return stop_ || generation_ != seen; });
      if (stop_) return;
      seen = generation_;
    }
    Work(worker);
    std::lock_guard lock(mutex_);
    if (--busy_ == 0) done_.notify_one();
  }
}

void WorkerPool::Run(int count, const std::function<void(int, int)>& fn) {
  if (helpers_.empty() || count <= 1) {
    for (int i = 0; i < count; ++i) fn(i, 0);
    return;
  }
  {
    std::lock_guard lock(mutex_);
    job_ = &fn;
    count_ = count;
    next_ = 0;
    busy_ = static_cast<int>(helpers_.size());
    ++generation_;
  }
  wake_.notify_all();
  Work(0);
  std::unique_lock lock(mutex_);
  done_.wait(lock, [&] { return busy_ == 0; });
}

std::string NoPathMessage(int cls, NodeId origin, NodeId destination, double demand) {
  return "class " + std::to_string(cls) + ": no path from node " + std::to_string(origin.value()) +
         " to node " + std::to_string(destination.value()) + " for demand " +
         std::to_string(demand);
}

void Problem::ClassCost(int k, std::span<const double> time, std::span<double> out) const {
  const ClassData& c = classes[k];
  for (std::size_t a = 0; a < out.size(); ++a) out[a] = c.vot * time[a] + c.fixed[a];
}

Result<double> AllOrNothing(const Problem& problem, std::span<const double> time,
                            std::vector<std::vector<double>>* class_flow) {
  const int m = problem.link_count();
  const int n = problem.network->node_count();
  const int class_count = static_cast<int>(problem.classes.size());
  std::vector<std::vector<double>> cost(class_count, std::vector<double>(m));
  for (int k = 0; k < class_count; ++k) problem.ClassCost(k, time, cost[k]);

  const std::vector<Chunk> chunks = MakeChunks(problem);
  std::vector<double> chunk_sum(chunks.size(), 0.0);
  std::vector<std::vector<double>> chunk_flow(class_flow ? chunks.size() : 0);
  const int workers = problem.threads();
  std::vector<paths::Dijkstra> dijkstra(workers, paths::Dijkstra(problem.network->graph()));
  std::vector<paths::ShortestPathTree> trees(workers);
  std::vector<std::vector<double>> node_flow(workers, std::vector<double>(n, 0.0));
  std::mutex error_mutex;
  Diagnostics errors;

  problem.ParallelFor(static_cast<int>(chunks.size()), [&](int c, int w) {
    const Chunk& chunk = chunks[c];
    const ClassData& cls = problem.classes[chunk.cls];
    if (class_flow) chunk_flow[c].assign(m, 0.0);
    paths::ShortestPathTree& tree = trees[w];
    std::vector<double>& demand_at = node_flow[w];
    const paths::Graph& g = problem.network->graph();
    double sum = 0.0;
    for (int t = chunk.begin; t < chunk.end; ++t) {
      const Origin& origin = cls.origins[problem.tasks[t].origin];
      dijkstra[w].Run(origin.node, cost[chunk.cls], problem.network->through_allowed(), tree);
      for (const auto& [dest, demand] : origin.destinations) {
        const double u = tree.distance[dest.index()];
        if (!std::isfinite(u)) {
          std::lock_guard lock(error_mutex);
          errors.Error("", 0, "", NoPathMessage(chunk.cls, origin.node, dest, demand));
          continue;
        }
        sum += demand * u;
        demand_at[dest.index()] += demand;
      }
      for (auto it = tree.order.rbegin(); it != tree.order.rend(); ++it) {
        const NodeId v = *it;
        const double f = demand_at[v.index()];
        demand_at[v.index()] = 0.0;
        const LinkId p = tree.pred[v.index()];
        if (f == 0.0 || !p.valid()) continue;
        if (class_flow) chunk_flow[c][p.index()] += f;
        demand_at[g.tail(p).index()] += f;
      }
    }
    chunk_sum[c] = sum / cls.vot;
  });
  if (errors.has_errors()) return errors.ToStatus("demand");

  double total = 0.0;
  for (double s : chunk_sum) total += s;
  if (class_flow) {
    class_flow->assign(class_count, std::vector<double>(m, 0.0));
    for (std::size_t c = 0; c < chunks.size(); ++c) {
      auto& out = (*class_flow)[chunks[c].cls];
      for (int a = 0; a < m; ++a) out[a] += chunk_flow[c][a];
    }
  }
  return total;
}

void AggregateFlows(const Problem& problem, const std::vector<std::vector<double>>& class_flow,
                    std::vector<double>& total_flow, std::vector<double>& time) {
  const int m = problem.link_count();
  total_flow.assign(m, 0.0);
  time.resize(m);
  for (std::size_t k = 0; k < class_flow.size(); ++k) {
    const double w = problem.classes[k].weight;
    for (int a = 0; a < m; ++a) total_flow[a] += w * class_flow[k][a];
  }
  for (int a = 0; a < m; ++a) {
    time[a] = problem.network->link(LinkId(a)).cost.Time(total_flow[a]);
  }
  if (const SidePenalty* side = problem.side) {
    std::vector<double> load;
    side->Loads(total_flow, load);
    for (int r = 0; r < side->size(); ++r) {
      const double extra = side->Extra(r, load[r]);
      if (extra == 0.0) continue;
      for (int i = side->begin[r]; i < side->begin[r + 1]; ++i) time[side->links[i]] += extra;
    }
  }
}

void SidePenalty::Loads(std::span<const double> link_flow, std::vector<double>& load) const {
  load.assign(capacity.size(), 0.0);
  for (int r = 0; r < size(); ++r) {
    for (int i = begin[r]; i < begin[r + 1]; ++i) load[r] += link_flow[links[i]];
  }
}

IterationStats Measure(const Problem& problem, const std::vector<std::vector<double>>& class_flow,
                       std::span<const double> total_flow, std::span<const double> time,
                       double shortest_cost_sum) {
  IterationStats s;
  const int m = problem.link_count();
  for (int a = 0; a < m; ++a) {
    s.beckmann += problem.network->link(LinkId(a)).cost.Integral(total_flow[a]);
  }
  if (const SidePenalty* side = problem.side) {
    std::vector<double> load;
    side->Loads(total_flow, load);
    for (int r = 0; r < side->size(); ++r) s.beckmann += side->Integral(r, load[r]);
  }
  for (std::size_t k = 0; k < class_flow.size(); ++k) {
    const ClassData& c = problem.classes[k];
    for (int a = 0; a < m; ++a) {
      const double x = class_flow[k][a];
      if (x == 0.0) continue;
      const double extra = c.fixed[a] / c.vot;  // finite wherever x > 0
      s.total_time += x * time[a];
      s.total_cost += x * (time[a] + extra);
      s.beckmann += c.weight * extra * x;
    }
  }
  const double excess = s.total_cost - shortest_cost_sum;
  s.relative_gap = s.total_cost > 0 ? excess / s.total_cost : 0.0;
  s.average_excess_cost = problem.routed_demand > 0 ? excess / problem.routed_demand : 0.0;
  return s;
}

bool ShouldStop(const Options& options, const IterationStats& stats, Progress& progress) {
  progress.log.push_back(stats);
  // The callback sees every iteration, the last one too; a reached gap or limit
  // is the stop reason even when it also asks to stop.
  const bool go_on = !options.on_iteration || options.on_iteration(stats);
  if (stats.relative_gap <= options.target_relative_gap) {
    progress.stop_reason = StopReason::kConverged;
    return true;
  }
  if (stats.iteration >= options.max_iterations) {
    progress.stop_reason = StopReason::kIterationLimit;
    return true;
  }
  if (stats.seconds >= options.time_limit_seconds) {
    progress.stop_reason = StopReason::kTimeLimit;
    return true;
  }
  if (!go_on) {
    progress.stop_reason = StopReason::kCancelled;
    return true;
  }
  return false;
}

}  // namespace corridor::assignment::internal
