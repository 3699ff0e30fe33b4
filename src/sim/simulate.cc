#include "sim/simulate.h"

#include <atomic>
#include <chrono>
#include <cmath>
#include <string>
#include <limits>
#include <mutex>
#include <thread>

#include "core/hash.h"
#include "sim/queue_sim.h"
#include "sim/random.h"
#include "sim/stats.h"

namespace corridor::sim {

std::string_view ServiceDistName(ServiceDist d) {
  switch (d) {
    case ServiceDist::kExponential: return "exponential";
    case ServiceDist::kDeterministic: return "deterministic";
    case ServiceDist::kErlang: return "erlang";
  }
  return "?";
}

std::string_view AeoPolicyName(AeoPolicy p) {
  switch (p) {
    case AeoPolicy::kNone: return "none";
    case AeoPolicy::kPriority: return "priority";
    case AeoPolicy::kDedicated: return "dedicated";
  }
  return "?";
}

std::uint64_t StreamKey(std::uint64_t seed, int replication, std::string_view element,
                        std::string_view kind, int index) {
  Fnv1a64 h;
  const std::string head = std::to_string(seed) + "/" + std::to_string(replication) + "/";
  h.Update(head);
  h.Update(element);
  h.Update("/");
  h.Update(kind);
  h.Update("/" + std::to_string(index));
  return h.value();
}

namespace {

bool Finite(double v) { return std::isfinite(v); }

Status CheckStream(const Element& e, const ArrivalStream& s, double* batches) {
  const std::string where = e.id + " stream '" + s.label + "': ";
  if (!Finite(s.batches_per_hour) || s.batches_per_hour < 0) {
    return InvalidInput(where + "arrival rate must be a finite number >= 0, got " +
                        std::to_string(s.batches_per_hour));
  }
  if (!Finite(s.service_mean_h) || s.service_mean_h <= 0 || !Finite(s.service_mean_aeo_h) ||
      s.service_mean_aeo_h <= 0) {
    return InvalidInput(where + "service time must be a finite number > 0, got " +
                        std::to_string(s.service_mean_h));
  }
  if (!Finite(s.tonnes_per_batch) || s.tonnes_per_batch <= 0) {
    return InvalidInput(where + "batch size must be > 0, got " + std::to_string(s.tonnes_per_batch));
  }
  if (!(s.aeo_share >= 0 && s.aeo_share <= 1)) {
    return InvalidInput(where + "AEO share must be in [0, 1], got " + std::to_string(s.aeo_share));
  }
  *batches += s.batches_per_hour;
  return Status::Ok();
}

Status CheckFactors(const Element& e, const std::vector<double>& f, const char* what, double max) {
  for (std::size_t d = 0; d < f.size(); ++d) {
    if (!(f[d] >= 0 && f[d] <= max)) {
      return InvalidInput(e.id + ": " + what + " of day " + std::to_string(d) + " must be in [0, " +
                          std::to_string(max) + "], got " + std::to_string(f[d]));
    }
  }
  return Status::Ok();
}

}  // namespace

Status CheckModel(const Model& model, const Options& o) {
  if (o.days < 1 || o.days > 3660) return InvalidInput("days must be in [1, 3660], got " + std::to_string(o.days));
  if (!(o.warmup_days >= 0 && o.warmup_days <= 3660)) return InvalidInput("warm-up must be in [0, 3660] days");
  if (o.replications < 1 || o.replications > 1000) return InvalidInput("replications must be in [1, 1000]");
  double max_factor = 1;
  for (const Element& e : model.elements) {
    if (e.servers < 0 || e.servers > 100000) {
      return InvalidInput(e.id + ": servers must be in [0, 100000], got " + std::to_string(e.servers));
    }
    double per_hour = 0;
    for (const ArrivalStream& s : e.streams) {
      if (Status st = CheckStream(e, s, &per_hour); !st.ok()) return st;
    }
    if (Status st = CheckFactors(e, e.capacity_factor, "capacity factor", 1); !st.ok()) return st;
    if (Status st = CheckFactors(e, e.arrival_factor, "arrival factor", 100); !st.ok()) return st;
    for (double f : e.arrival_factor) max_factor = std::max(max_factor, f);
    const double batches = per_hour * max_factor * 24.0 * (o.days + o.warmup_days);
    if (batches > kMaxBatches) {
      return InvalidInput(e.id + ": " + std::to_string(batches) +
                          " batches per replication expected; at most " +
                          std::to_string(kMaxBatches) + " are simulated (larger batches?)");
    }
  }
  return Status::Ok();
}

double OfferedLoad(const Element& e) {
  double work = 0;
  for (const ArrivalStream& s : e.streams) {
    work += s.batches_per_hour *
            ((1 - s.aeo_share) * s.service_mean_h + s.aeo_share * s.service_mean_aeo_h);
  }
  if (e.servers <= 0) return work > 0 ? std::numeric_limits<double>::infinity() : 0.0;
  double mean_factor = 1;
  if (!e.capacity_factor.empty()) {
    mean_factor = 0;
    for (double f : e.capacity_factor) mean_factor += f;
    mean_factor /= static_cast<double>(e.capacity_factor.size());
  }
  if (mean_factor <= 0) return work > 0 ? std::numeric_limits<double>::infinity() : 0.0;
  return work / (e.servers * mean_factor);
}

namespace {

template <typename Get>
Estimate Over(const std::vector<ElementRun>& runs, Get get) {
  std::vector<double> v;
  v.reserve(runs.size());
  for (const ElementRun& r : runs) v.push_back(get(r));
  return Estimate95(v);
}

void DailySeries(const std::vector<ElementRun>& runs, int days, ElementSummary& s) {
  const auto n = static_cast<std::size_t>(days);
  for (auto* v : {&s.day_queue, &s.day_queue_hw, &s.day_queue_max, &s.day_served,
                  &s.day_served_t, &s.day_servers}) {
    v->assign(n, 0.0);
  }
  std::vector<double> q(runs.size());
  for (std::size_t d = 0; d < n; ++d) {
    for (std::size_t r = 0; r < runs.size(); ++r) q[r] = runs[r].day_queue[d];
    const Estimate e = Estimate95(q);
    s.day_queue[d] = e.mean;
    s.day_queue_hw[d] = e.half_width;
    const double inv = 1.0 / static_cast<double>(runs.size());
    for (const ElementRun& r : runs) {
      s.day_queue_max[d] += r.day_queue_max[d] * inv;
      s.day_served[d] += r.day_served[d] * inv;
      s.day_served_t[d] += r.day_served_t[d] * inv;
      s.day_servers[d] += r.day_servers[d] * inv;
    }
  }
}

void Disruptions(const Element& e, const std::vector<ElementRun>& runs, ElementSummary& s) {
  for (std::size_t i = 0; i < e.disruptions.size(); ++i) {
    DisruptionSummary ds;
    ds.disruption = e.disruptions[i];
    ds.backlog_at_end = Over(runs, [&](const ElementRun& r) { return r.backlog_at_end[i]; });
    std::vector<double> cleared;
    for (const ElementRun& r : runs) {
      if (r.days_to_clear[i] >= 0) cleared.push_back(r.days_to_clear[i]);
    }
    ds.cleared = static_cast<int>(cleared.size());
    ds.days_to_clear = Estimate95(cleared);
    s.disruptions.push_back(ds);
  }
}

ElementSummary Summarise(const Element& e, const std::vector<ElementRun>& runs, const Options& o) {
  ElementSummary s;
  s.element = &e;
  const double days = o.days;
  s.arrived_per_day = Over(runs, [&](const ElementRun& r) { return r.arrived / days; });
  s.served_per_day = Over(runs, [&](const ElementRun& r) { return r.served / days; });
  s.served_t_per_day = Over(runs, [&](const ElementRun& r) { return r.served_t / days; });
  s.wait_mean_h = Over(runs, [](const ElementRun& r) { return r.wait_mean_h; });
  s.wait_mean_aeo_h = Over(runs, [](const ElementRun& r) { return r.wait_mean_aeo_h; });
  s.wait_mean_standard_h = Over(runs, [](const ElementRun& r) { return r.wait_mean_standard_h; });
  s.wait_p50_h = Over(runs, [](const ElementRun& r) { return r.wait_p50_h; });
  s.wait_p95_h = Over(runs, [](const ElementRun& r) { return r.wait_p95_h; });
  s.wait_p99_h = Over(runs, [](const ElementRun& r) { return r.wait_p99_h; });
  s.wait_max_h = Over(runs, [](const ElementRun& r) { return r.wait_max_h; });
  s.queue_mean = Over(runs, [](const ElementRun& r) { return r.queue_mean; });
  s.queue_max = Over(runs, [](const ElementRun& r) { return r.queue_max; });
  s.queue_end = Over(runs, [](const ElementRun& r) { return static_cast<double>(r.in_queue_end); });
  s.backlog_t = Over(runs, [](const ElementRun& r) { return r.backlog_t; });
  s.utilisation = Over(runs, [](const ElementRun& r) { return r.utilisation; });
  s.tonnes_delayed = Over(runs, [](const ElementRun& r) { return r.tonnes_delayed; });
  s.tonne_days_delay = Over(runs, [](const ElementRun& r) { return r.tonne_days_delay; });
  s.delay_cost_usd = Over(runs, [](const ElementRun& r) { return r.delay_cost_usd; });
  s.little_l = Over(runs, [](const ElementRun& r) { return r.little_l; });
  s.little_lambda_w = Over(runs, [](const ElementRun& r) { return r.little_lambda_w; });
  s.wait_histogram.assign(kWaitBins, 0);
  for (const ElementRun& r : runs) {
    for (int b = 0; b < kWaitBins; ++b) s.wait_histogram[b] += r.wait_histogram[b];
  }
  DailySeries(runs, o.days, s);
  Disruptions(e, runs, s);
  const double load = OfferedLoad(e);
  s.no_servers = e.servers == 0 && load > 0;
  s.unstable = load >= 1.0 - 1e-6;  // a routing that fills a capacity gives load 1 +- rounding
  return s;
}

}  // namespace

Result<SimResult> Simulate(const Model& model, const Options& options, const Control& control) {
  if (Status s = CheckModel(model, options); !s.ok()) return s;
  const auto start = std::chrono::steady_clock::now();
  SimResult out;
  out.options = options;
  const std::size_t n_el = model.elements.size();
  const auto n_rep = static_cast<std::size_t>(options.replications);
  out.runs.assign(n_el, std::vector<ElementRun>(n_rep));
  const std::size_t tasks = n_el * n_rep;
  std::atomic<std::size_t> next{0}, done{0};
  std::atomic<bool> stopped{false};
  std::mutex progress_mutex;
  auto work = [&] {
    for (std::size_t t = next++; t < tasks; t = next++) {
      if (control.cancelled && control.cancelled()) {
        stopped = true;
        return;
      }
      // Replication-major order: the first replications of every element finish first.
      const std::size_t rep = t / std::max<std::size_t>(1, n_el), el = t % std::max<std::size_t>(1, n_el);
      out.runs[el][rep] = SimulateElement(model.elements[el], options, static_cast<int>(rep));
      const std::size_t d = ++done;
      if (control.on_progress && (d % 16 == 0 || d == tasks)) {
        std::lock_guard<std::mutex> lock(progress_mutex);
        control.on_progress(static_cast<double>(d) / static_cast<double>(tasks));
      }
    }
  };
  const int threads = std::max(1, std::min<int>(options.threads, static_cast<int>(std::max<std::size_t>(1, tasks))));
  if (threads == 1) {
    work();
  } else {
    std::vector<std::thread> pool;
    for (int i = 0; i < threads; ++i) pool.emplace_back(work);
    for (auto& th : pool) th.join();
  }
  if (stopped) return Cancelled("simulation cancelled");
  for (std::size_t el = 0; el < n_el; ++el) {
    out.elements.push_back(Summarise(model.elements[el], out.runs[el], options));
    for (const ElementRun& r : out.runs[el]) out.events += r.events;
  }
  out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return out;
}

}  // namespace corridor::sim
