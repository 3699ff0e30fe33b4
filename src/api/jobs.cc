#include "api/jobs.h"

#include <algorithm>

namespace corridor::api {

JobQueue::JobQueue(int workers, std::size_t max_queued) : max_queued_(max_queued) {
  for (int i = 0; i < std::max(workers, 1); ++i) threads_.emplace_back([this] { Worker(); });
}

JobQueue::~JobQueue() { Shutdown(); }

Status JobQueue::Submit(std::int64_t id, Work work, ProgressFn on_progress) {
  std::lock_guard lock(mu_);
  if (stopping_) return Unavailable("the server is stopping");
  if (queue_.size() >= max_queued_) {
    return Unavailable("run queue full (" + std::to_string(max_queued_) + " queued); retry later");
  }
  queue_.push_back({id, std::move(work), std::make_shared<engine::RunControl>(std::move(on_progress))});
  cv_.notify_one();
  return Status::Ok();
}

JobQueue::CancelResult JobQueue::Cancel(std::int64_t id) {
  std::lock_guard lock(mu_);
  const auto queued = std::find_if(queue_.begin(), queue_.end(),
                                   [id](const Job& j) { return j.id == id; });
  if (queued != queue_.end()) {
    queue_.erase(queued);
    return CancelResult::kDequeued;
  }
  if (const auto it = running_.find(id); it != running_.end()) {
    it->second->Cancel();
    return CancelResult::kSignalled;
  }
  return CancelResult::kUnknown;
}

JobQueue::Stats JobQueue::stats() const {
  std::lock_guard lock(mu_);
  return {static_cast<int>(threads_.size()), static_cast<int>(running_.size()),
          static_cast<int>(queue_.size())};
}

std::vector<std::int64_t> JobQueue::Shutdown() {
  std::vector<std::int64_t> never_ran;
  {
    std::lock_guard lock(mu_);
    if (stopping_ && threads_.empty()) return never_ran;
    stopping_ = true;
    for (const Job& j : queue_) never_ran.push_back(j.id);
    queue_.clear();
    for (auto& [id, control] : running_) control->Cancel();
  }
  cv_.notify_all();
  for (auto& t : threads_) {
    if (t.joinable()) t.join();
  }
  std::lock_guard lock(mu_);
  threads_.clear();
  return never_ran;
}

void JobQueue::Worker() {
  for (;;) {
    Job job;
    {
      std::unique_lock lock(mu_);
      cv_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (stopping_) return;
      job = std::move(queue_.front());
      queue_.pop_front();
      running_[job.id] = job.control;
    }
    job.work(*job.control);
    std::lock_guard lock(mu_);
    running_.erase(job.id);
  }
}

}  // namespace corridor::api
