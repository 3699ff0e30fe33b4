// Background jobs: a fixed pool of solver threads and a bounded queue, so at most
// `workers` runs use the CPU at once and a flood of requests is refused (503), not
// queued without end. Each job has a RunControl through which it is cancelled.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "core/status.h"
#include "engine/engine.h"

namespace corridor::api {

class JobQueue {
 public:
  using Work = std::function<void(const engine::RunControl& control)>;
  using ProgressFn = engine::RunControl::ProgressFn;

  JobQueue(int workers, std::size_t max_queued);
  ~JobQueue();  // Shutdown()
  JobQueue(const JobQueue&) = delete;
  JobQueue& operator=(const JobQueue&) = delete;

  // Queues `work` for run `id`; Unavailable when the queue is full or shut down.
  Status Submit(std::int64_t id, Work work, ProgressFn on_progress);

  enum class CancelResult { kUnknown, kDequeued, kSignalled };
  // A queued job is removed (its work never runs); a running one is asked to stop.
  CancelResult Cancel(std::int64_t id);

  struct Stats {
    int workers = 0;
    int running = 0;
    int queued = 0;
  };
  Stats stats() const;

  // Stops taking jobs, cancels the running ones, waits for them; returns the ids of
  // the queued jobs that never ran.
  std::vector<std::int64_t> Shutdown();

 private:
  struct Job {
    std::int64_t id = 0;
    Work work;
    std::shared_ptr<engine::RunControl> control;
  };
  void Worker();

  const std::size_t max_queued_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::deque<Job> queue_;
  std::map<std::int64_t, std::shared_ptr<engine::RunControl>> running_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace corridor::api
