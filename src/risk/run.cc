#include "risk/run.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <thread>

namespace corridor::risk {
namespace {

// Sum of (value) over the study's trade (background commodities left out).
void Unserved(const model::Network& net, const routing::Outcome& out, DrawOutcome& d) {
  for (std::size_t i = 0; i < net.demand.size(); ++i) {
    const model::Commodity& k = net.commodities[net.demand[i].commodity.index()];
    if (k.background) continue;
    d.unserved_t += out.unserved_t[i];
    d.unserved_value_usd += out.unserved_t[i] * k.value_usd_per_t;
  }
}

double RelativeStandardError(const std::vector<DrawOutcome>& draws) {
  double n = 0.0, mean = 0.0, m2 = 0.0;
  for (const DrawOutcome& d : draws) {
    if (!d.ok()) continue;
    n += 1.0;
    const double delta = d.cost_usd - mean;
    mean += delta / n;
    m2 += delta * (d.cost_usd - mean);
  }
  if (n < 2.0 || mean == 0.0) return INFINITY;
  return std::sqrt(m2 / (n - 1.0) / n) / std::fabs(mean);
}

// This rank's chunks of [first, last) on `threads` threads; outcomes in index order.
std::vector<DrawOutcome> SolveBatch(const routing::Resolver& resolver, const model::Network& net,
                                    const routing::Change& base, const ResolvedRisk& risk,
                                    const Options& options, const Partition& part,
                                    std::int64_t first, std::int64_t last,
                                    const Progress& progress, bool& cancelled) {
  std::vector<std::int64_t> mine;  // first draws of this rank's chunks
  for (std::int64_t c = first; c < last; c += options.chunk) {
    if ((c / options.chunk) % part.ranks == part.rank) mine.push_back(c);
  }
  std::vector<std::vector<DrawOutcome>> out(mine.size());
  std::atomic<std::size_t> next{0};
  std::atomic<bool> stop{false};
  auto work = [&] {
    for (std::size_t j = next++; j < mine.size(); j = next++) {
      if (progress.cancelled && progress.cancelled()) stop = true;
      if (stop) return;
      out[j] = SolveChunk(resolver, net, base, risk, options, mine[j],
                          std::min(last, mine[j] + options.chunk));
    }
  };
  const int threads = std::max(1, std::min<int>(options.threads, static_cast<int>(mine.size())));
  std::vector<std::thread> pool;
  for (int t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  for (std::thread& t : pool) t.join();
  cancelled = stop;
  std::vector<DrawOutcome> flat;
  for (auto& chunk : out) {
    for (DrawOutcome& d : chunk) flat.push_back(std::move(d));
  }
  return flat;
}

}  // namespace

std::vector<DrawOutcome> SolveChunk(const routing::Resolver& resolver, const model::Network& net,
                                    const routing::Change& base, const ResolvedRisk& risk,
                                    const Options& options, std::int64_t first,
                                    std::int64_t last) {
  routing::Resolver::Workspace workspace;
  std::vector<DrawOutcome> out;
  for (std::int64_t i = first; i < last; ++i) {
    out.push_back(SolveDraw(resolver, net, base, SampleDraw(risk, options.seed, i), options,
                            &workspace));
  }
  return out;
}

DrawOutcome SolveDraw(const routing::Resolver& resolver, const model::Network& net,
                      const routing::Change& base, const Draw& draw, const Options& options,
                      routing::Resolver::Workspace* workspace) {
  DrawOutcome d;
  d.index = draw.index;
  d.seed = draw.seed;
  d.events = draw.events;
  d.shocks = draw.shocks;
  for (const auto& [r, kept] : draw.capacity_kept) {
    if (kept < 1.0) d.hit.push_back(r);
  }
  auto solved = resolver.Solve(ToChange(draw, net, base), options.warm, options.draw_time_limit_s,
                               workspace);
  if (!solved.ok()) return d;  // a change the resolver refuses: recorded as failed
  d.status = solved->status;
  d.iterations = solved->iterations;
  d.seconds = solved->seconds;
  if (!d.ok()) return d;
  d.cost_usd = solved->objective_usd;
  Unserved(net, *solved, d);
  for (std::size_t r = 0; r < solved->shadow_price.size(); ++r) {
    if (solved->shadow_price[r] > options.binding_price_usd) {
      d.prices.emplace_back(static_cast<std::int32_t>(r), solved->shadow_price[r]);
    }
  }
  return d;
}

std::vector<double> Serialize(const std::vector<DrawOutcome>& outcomes) {
  std::vector<double> f;
  auto list = [&f](const std::vector<std::int32_t>& v) {
    f.push_back(static_cast<double>(v.size()));
    for (std::int32_t x : v) f.push_back(x);
  };
  f.push_back(static_cast<double>(outcomes.size()));
  for (const DrawOutcome& d : outcomes) {
    f.push_back(static_cast<double>(d.index));
    // The 64-bit seed as two exact 32-bit halves.
    f.push_back(static_cast<double>(d.seed >> 32));
    f.push_back(static_cast<double>(d.seed & 0xffffffffULL));
    f.push_back(static_cast<double>(static_cast<int>(d.status)));
    f.insert(f.end(), {d.cost_usd, d.unserved_t, d.unserved_value_usd,
                       static_cast<double>(d.iterations), d.seconds});
    list(d.events);
    list(d.shocks);
    list(d.hit);
    f.push_back(static_cast<double>(d.prices.size()));
    for (const auto& [r, p] : d.prices) f.insert(f.end(), {static_cast<double>(r), p});
  }
  return f;
}

Result<std::vector<DrawOutcome>> Deserialize(const std::vector<double>& flat) {
  std::size_t at = 0;
  bool bad = false;
  auto take = [&]() -> double {
    if (at >= flat.size()) {
      bad = true;
      return 0.0;
    }
    return flat[at++];
  };
  auto count = [&]() -> std::size_t {
    const double n = take();
    if (!(n >= 0.0) || n > static_cast<double>(flat.size())) {
      bad = true;
      return 0;
    }
    return static_cast<std::size_t>(n);
  };
  auto list = [&](std::vector<std::int32_t>& v) {
    for (std::size_t n = count(); n > 0 && !bad; --n) v.push_back(static_cast<std::int32_t>(take()));
  };
  std::vector<DrawOutcome> out;
  for (std::size_t n = count(); n > 0 && !bad; --n) {
    DrawOutcome d;
    d.index = static_cast<std::int64_t>(take());
    const auto hi = static_cast<std::uint64_t>(take());
    d.seed = (hi << 32) | static_cast<std::uint64_t>(take());
    d.status = static_cast<routing::SolveStatus>(static_cast<int>(take()));
    d.cost_usd = take(), d.unserved_t = take(), d.unserved_value_usd = take();
    d.iterations = static_cast<int>(take());
    d.seconds = take();
    list(d.events), list(d.shocks), list(d.hit);
    for (std::size_t m = count(); m > 0 && !bad; --m) {
      const auto r = static_cast<std::int32_t>(take());
      d.prices.emplace_back(r, take());
    }
    out.push_back(std::move(d));
  }
  if (bad || at != flat.size()) return Internal("risk: a malformed exchange of draw outcomes");
  return out;
}

Result<RunOutput> RunDraws(const routing::Resolver& resolver, const model::Network& net,
                           const ResolvedRisk& risk, const Options& options,
                           const Partition& partition, const Progress& progress) {
  if (options.draws < 1) return InvalidInput("risk: --draws must be at least 1");
  if (options.batch < 1 || options.chunk < 1 || options.threads < 1 || partition.ranks < 1 ||
      partition.rank < 0 || partition.rank >= partition.ranks) {
    return InvalidInput("risk: batch, chunk, threads and ranks must be at least 1");
  }
  // Whole chunks per batch, so a chunk never spans an exchange.
  const std::int64_t batch = (options.batch + options.chunk - 1) / options.chunk * options.chunk;
  if (resolver.base().status != routing::SolveStatus::kOptimal) {
    return Status(StatusCode::kSolverFailure,
                  std::string("risk: the base system optimum stopped with status ") +
                         routing::SolveStatusName(resolver.base().status));
  }
  const routing::Change base = resolver.BaseChange();
  RunOutput run;
  for (std::int64_t first = 0; first < options.draws;) {
    const std::int64_t last = std::min(options.draws, first + batch);
    bool cancelled = false;
    std::vector<DrawOutcome> batch =
        SolveBatch(resolver, net, base, risk, options, partition, first, last, progress, cancelled);
    if (partition.exchange) batch = partition.exchange(std::move(batch));
    std::sort(batch.begin(), batch.end(),
              [](const DrawOutcome& a, const DrawOutcome& b) { return a.index < b.index; });
    if (cancelled) {
      run.cancelled = true;
      return run;
    }
    if (static_cast<std::int64_t>(batch.size()) != last - first) {
      return Internal("risk: a batch came back with " + std::to_string(batch.size()) +
                      " of its " + std::to_string(last - first) + " draws");
    }
    for (DrawOutcome& d : batch) run.draws.push_back(std::move(d));
    first = last;
    if (progress.report) progress.report(first, options.draws);
    if (options.precision > 0.0 && first < options.draws &&
        RelativeStandardError(run.draws) <= options.precision) {
      run.stopped_early = true;
      break;
    }
  }
  return run;
}

}  // namespace corridor::risk
