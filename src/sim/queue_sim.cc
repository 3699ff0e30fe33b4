#include "sim/queue_sim.h"

#include <algorithm>
#include <cmath>
#include <deque>

#include "sim/event_queue.h"
#include "sim/random.h"

namespace corridor::sim {
namespace {

enum EventKind : std::uint32_t { kArrival, kWake, kDeparture, kDay };

struct Batch {
  double arrival_h;
  float tonnes;
  std::uint32_t stream;
  bool aeo;
};

struct InService {
  float tonnes = 0;
  bool dedicated = false;
};

class ElementSim {
 public:
  ElementSim(const Element& e, const Options& o, int replication)
      : e_(e), o_(o), svc_(StreamKey(o.seed, replication, e.id, "service", 0)),
        warm_days_(static_cast<int>(std::max(0.0, std::ceil(o.warmup_days)))),
        t0_(24.0 * warm_days_), t_end_(t0_ + 24.0 * o.days) {
    for (std::size_t s = 0; s < e.streams.size(); ++s) {
      arrivals_.emplace_back(StreamKey(o.seed, replication, e.id, "arrivals", static_cast<int>(s)));
    }
    const auto days = static_cast<std::size_t>(o.days);
    for (auto* v : {&run_.day_queue, &run_.day_queue_max, &run_.day_served, &run_.day_served_t,
                    &run_.day_servers}) {
      v->assign(days, 0.0f);
    }
    run_.wait_histogram.assign(kWaitBins, 0);
    double expected = 0;
    for (const ArrivalStream& st : e.streams) expected += st.batches_per_hour * 24.0 * o.days;
    waits_.reserve(static_cast<std::size_t>(std::min(expected * 1.1 + 16, 1e8)));
    run_.backlog_at_end.assign(e.disruptions.size(), 0.0);
    run_.days_to_clear.assign(e.disruptions.size(), -1.0);
    queue_before_.assign(e.disruptions.size(), 0);
    tracking_.assign(e.disruptions.size(), false);
  }

  ElementRun Run() {
    events_.Push(0.0, kDay, 0);
    for (std::uint32_t s = 0; s < e_.streams.size(); ++s) {
      if (e_.streams[s].batches_per_hour > 0) ScheduleArrival(s, 0.0);
    }
    while (!events_.empty()) {
      const Event ev = events_.Pop();
      Advance(ev.time_h);
      ++run_.events;
      if (ev.kind == kDay) {
        if (!OnDay(ev.index, ev.time_h)) break;
      } else if (ev.kind == kArrival) {
        OnArrival(ev.index, ev.time_h);
      } else if (ev.kind == kWake) {
        ScheduleArrival(ev.index, ev.time_h);
      } else {
        OnDeparture(ev.index, ev.time_h);
      }
    }
    Finish();
    return std::move(run_);
  }

 private:
  std::size_t QueueLength() const { return q_std_.size() + q_aeo_.size(); }
  bool Measuring() const { return measuring_; }

  double Factor(const std::vector<double>& f, int global_day) const {
    const int d = global_day - warm_days_;
    if (d < 0 || d >= static_cast<int>(f.size())) return 1.0;
    return f[static_cast<std::size_t>(d)];
  }

  void Advance(double t) {
    if (measuring_ && t > last_t_) {
      const double dt = t - last_t_;
      queue_area_ += static_cast<double>(QueueLength()) * dt;
      busy_area_ += static_cast<double>(busy_general_ + busy_dedicated_) * dt;
      avail_area_ += static_cast<double>(active_general_ + active_dedicated_) * dt;
    }
    last_t_ = std::max(last_t_, t);
  }

  double Rate(std::uint32_t s, double t) const {
    const int g = static_cast<int>(t / 24.0);
    return e_.streams[s].batches_per_hour * Factor(e_.arrival_factor, g);
  }

  // Next arrival of stream s after t; a rate that changes at the next midnight is
  // handled by waking up there and drawing again (exact for Poisson streams).
  void ScheduleArrival(std::uint32_t s, double t) {
    const double next_midnight = 24.0 * (std::floor(t / 24.0) + 1.0);
    const double rate = Rate(s, t);
    if (next_midnight >= t_end_ + 24.0) return;
    if (rate <= 0) {
      events_.Push(next_midnight, kWake, s);
      return;
    }
    const double at = t + arrivals_[s].Exponential(1.0 / rate);
    if (at >= next_midnight) {
      events_.Push(next_midnight, kWake, s);
    } else {
      events_.Push(at, kArrival, s);
    }
  }

  void OnArrival(std::uint32_t s, double t) {
    const ArrivalStream& st = e_.streams[s];
    const bool aeo = st.aeo_share > 0 && arrivals_[s].Uniform01() <= st.aeo_share;
    const Batch b{t, static_cast<float>(st.tonnes_per_batch), s, aeo};
    if (measuring_) {
      ++run_.arrived;
      run_.arrived_t += st.tonnes_per_batch;
    }
    if (aeo && e_.aeo != AeoPolicy::kNone) {
      q_aeo_.push_back(b);
    } else {
      q_std_.push_back(b);
    }
    NoteQueue();
    TryStart(t);
    ScheduleArrival(s, t);
  }

  void NoteQueue() {
    day_max_ = std::max(day_max_, QueueLength());
    if (measuring_) run_.queue_max = std::max(run_.queue_max, static_cast<double>(QueueLength()));
  }

  // Which queue the next free server of the pool takes from (nullptr = none).
  std::deque<Batch>* Pick(bool dedicated) {
    if (dedicated) return q_aeo_.empty() ? nullptr : &q_aeo_;
    if (q_aeo_.empty()) return q_std_.empty() ? nullptr : &q_std_;
    if (q_std_.empty() || e_.aeo == AeoPolicy::kPriority) return &q_aeo_;
    return q_aeo_.front().arrival_h <= q_std_.front().arrival_h ? &q_aeo_ : &q_std_;
  }

  void TryStart(double t) {
    while (busy_dedicated_ < active_dedicated_) {
      std::deque<Batch>* q = Pick(true);
      if (!q) break;
      Start(*q, true, t);
    }
    while (busy_general_ < active_general_) {
      std::deque<Batch>* q = Pick(false);
      if (!q) break;
      Start(*q, false, t);
    }
  }

  double ServiceTime(const Batch& b) {
    const ArrivalStream& st = e_.streams[b.stream];
    const double mean = b.aeo ? st.service_mean_aeo_h : st.service_mean_h;
    switch (e_.service) {
      case ServiceDist::kDeterministic: return mean;
      case ServiceDist::kErlang: return svc_.Erlang(std::max(1, e_.erlang_k), mean);
      case ServiceDist::kExponential: break;
    }
    return svc_.Exponential(mean);
  }

  void RecordWait(const Batch& b, double wait) {
    waits_.push_back(static_cast<float>(wait));
    wait_sum_ += wait;
    class_sum_[b.aeo] += wait;
    class_n_[b.aeo] += 1;
    int bin = 0;  // most waits are short: a scan from the first bin beats a binary search
    while (bin + 1 < kWaitBins && wait >= kWaitBinEdges[bin + 1]) ++bin;
    ++run_.wait_histogram[static_cast<std::size_t>(bin)];
    RecordDelay(b, wait);
  }

  void RecordDelay(const Batch& b, double wait) {
    const ArrivalStream& st = e_.streams[b.stream];
    if (wait > o_.delay_threshold_h) run_.tonnes_delayed += b.tonnes;
    run_.tonne_days_delay += b.tonnes * wait / 24.0;
    run_.delay_cost_usd += b.tonnes * wait * st.value_of_time_usd_per_t_h;
    little_wait_sum_ += wait;
  }

  void Start(std::deque<Batch>& q, bool dedicated, double t) {
    const Batch b = q.front();
    q.pop_front();
    if (measuring_ && b.arrival_h >= t0_) RecordWait(b, t - b.arrival_h);
    std::uint32_t slot;
    if (free_slots_.empty()) {
      slot = static_cast<std::uint32_t>(slots_.size());
      slots_.emplace_back();
    } else {
      slot = free_slots_.back();
      free_slots_.pop_back();
    }
    slots_[slot] = {b.tonnes, dedicated};
    (dedicated ? busy_dedicated_ : busy_general_) += 1;
    events_.Push(t + ServiceTime(b), kDeparture, slot);
    CheckCleared(t);
  }

  void OnDeparture(std::uint32_t slot, double t) {
    const InService s = slots_[slot];
    free_slots_.push_back(slot);
    (s.dedicated ? busy_dedicated_ : busy_general_) -= 1;
    if (measuring_) {
      ++run_.served;
      run_.served_t += s.tonnes;
      day_served_ += 1;
      day_served_t_ += s.tonnes;
    }
    TryStart(t);
  }

  void SetCapacity(int g) {
    const double f = std::clamp(Factor(e_.capacity_factor, g), 0.0, 1.0);
    const int total = static_cast<int>(std::lround(e_.servers * f));
    const int dedicated = e_.aeo == AeoPolicy::kDedicated
                              ? static_cast<int>(std::lround(e_.dedicated_servers * f))
                              : 0;
    active_dedicated_ = std::min(dedicated, total);
    active_general_ = total - active_dedicated_;
  }

  // Day boundary g (time 24 g): closes day g - 1, opens day g. False at the horizon.
  bool OnDay(std::uint32_t g_index, double t) {
    const int g = static_cast<int>(g_index);
    const int d_closed = g - warm_days_ - 1;
    if (d_closed >= 0) CloseDay(static_cast<std::size_t>(d_closed));
    if (g == warm_days_) StartMeasuring(t);
    if (t >= t_end_) return false;
    SetCapacity(g);
    const int d = g - warm_days_;
    if (d >= 0) {
      run_.day_servers[static_cast<std::size_t>(d)] =
          static_cast<float>(active_general_ + active_dedicated_);
      OpenDisruptions(d, t);
    }
    TryStart(t);
    events_.Push(t + 24.0, kDay, g_index + 1);
    return true;
  }

  void CloseDay(std::size_t d) {
    run_.day_queue[d] = static_cast<float>(QueueLength());
    run_.day_queue_max[d] = static_cast<float>(day_max_);
    run_.day_served[d] = static_cast<float>(day_served_);
    run_.day_served_t[d] = static_cast<float>(day_served_t_);
    day_max_ = QueueLength();
    day_served_ = 0;
    day_served_t_ = 0;
  }

  void StartMeasuring(double t) {
    measuring_ = true;
    last_t_ = t;
    run_.in_system_at_start =
        static_cast<std::int64_t>(QueueLength()) + busy_general_ + busy_dedicated_;
    day_max_ = QueueLength();
  }

  void OpenDisruptions(int d, double t) {
    for (std::size_t i = 0; i < e_.disruptions.size(); ++i) {
      const Disruption& x = e_.disruptions[i];
      if (d == x.from_day) queue_before_[i] = QueueLength();
      if (d == x.to_day) {
        run_.backlog_at_end[i] = static_cast<double>(QueueLength());
        tracking_[i] = true;
      }
    }
    CheckCleared(t);
  }

  void CheckCleared(double t) {
    for (std::size_t i = 0; i < tracking_.size(); ++i) {
      if (!tracking_[i] || QueueLength() > queue_before_[i]) continue;
      tracking_[i] = false;
      run_.days_to_clear[i] = (t - t0_ - 24.0 * e_.disruptions[i].to_day) / 24.0;
    }
  }

  void Finish() {
    const double horizon = t_end_ - t0_;
    run_.in_queue_end = static_cast<std::int64_t>(QueueLength());
    run_.in_service_end = busy_general_ + busy_dedicated_;
    for (const auto* q : {&q_std_, &q_aeo_}) {
      for (const Batch& b : *q) {
        run_.backlog_t += b.tonnes;
        if (b.arrival_h >= t0_) RecordDelay(b, t_end_ - b.arrival_h);
      }
    }
    for (std::size_t i = 0; i < e_.disruptions.size(); ++i) {
      if (e_.disruptions[i].to_day >= o_.days) run_.backlog_at_end[i] = static_cast<double>(QueueLength());
    }
    run_.queue_mean = horizon > 0 ? queue_area_ / horizon : 0.0;
    run_.utilisation = avail_area_ > 0 ? busy_area_ / avail_area_ : 0.0;
    run_.little_l = run_.queue_mean;
    run_.little_lambda_w = horizon > 0 ? little_wait_sum_ / horizon : 0.0;
    Percentiles();
  }

  void Percentiles() {
    if (waits_.empty()) return;
    run_.wait_mean_h = wait_sum_ / static_cast<double>(waits_.size());
    if (class_n_[1] > 0) run_.wait_mean_aeo_h = class_sum_[1] / class_n_[1];
    if (class_n_[0] > 0) run_.wait_mean_standard_h = class_sum_[0] / class_n_[0];
    // Each quantile's selection works on the part above the previous one.
    auto from = waits_.begin();
    auto at = [&](double p) {
      const auto k = static_cast<std::ptrdiff_t>(
          std::min<double>(static_cast<double>(waits_.size() - 1),
                           std::floor(p * static_cast<double>(waits_.size()))));
      std::nth_element(from, waits_.begin() + k, waits_.end());
      from = waits_.begin() + k;
      return static_cast<double>(*from);
    };
    run_.wait_p50_h = at(0.50);
    run_.wait_p95_h = at(0.95);
    run_.wait_p99_h = at(0.99);
    run_.wait_max_h = *std::max_element(from, waits_.end());
  }

  const Element& e_;
  const Options& o_;
  std::vector<Stream> arrivals_;
  Stream svc_;
  const int warm_days_;
  const double t0_, t_end_;
  EventQueue events_;
  std::deque<Batch> q_std_, q_aeo_;
  std::vector<InService> slots_;
  std::vector<std::uint32_t> free_slots_;
  int busy_general_ = 0, busy_dedicated_ = 0, active_general_ = 0, active_dedicated_ = 0;
  bool measuring_ = false;
  double last_t_ = 0, queue_area_ = 0, busy_area_ = 0, avail_area_ = 0;
  double wait_sum_ = 0, little_wait_sum_ = 0;
  double class_sum_[2] = {0, 0}, class_n_[2] = {0, 0};
  std::size_t day_max_ = 0;
  double day_served_ = 0, day_served_t_ = 0;
  std::vector<float> waits_;
  std::vector<std::size_t> queue_before_;
  std::vector<bool> tracking_;
  ElementRun run_;
};

}  // namespace

ElementRun SimulateElement(const Element& element, const Options& options, int replication) {
  return ElementSim(element, options, replication).Run();
}

}  // namespace corridor::sim
