// Simulation speed (bench/README.md, "Simulation"): engine events per second on one
// core on a large M/M/c queue, and the whole China-Russia year (dated epidemic
// scenario, 20 replications) through the engine facade, routing included.
//
//   sim_bench [--events-only] [--days N] [--threads T]
#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <string>

#include "engine/simulate.h"
#include "sim/simulate.h"
#include "sim/stats.h"

namespace {

double CpuSeconds() { return static_cast<double>(std::clock()) / CLOCKS_PER_SEC; }

int LargeMmc(int days) {
  using namespace corridor::sim;
  Model m;
  Element e;
  e.id = "mmc";
  e.servers = 100;
  ArrivalStream s;
  s.label = "poisson";
  s.batches_per_hour = 95;  // rho 0.95
  s.service_mean_h = s.service_mean_aeo_h = 1.0;
  e.streams.push_back(s);
  m.elements.push_back(e);
  Options o;
  o.days = days;
  o.warmup_days = 10;
  o.replications = 1;
  o.threads = 1;
  const double c0 = CpuSeconds();
  auto r = Simulate(m, o);
  const double cpu = CpuSeconds() - c0;
  if (!r.ok()) {
    std::fprintf(stderr, "%s\n", r.status().message().c_str());
    return 1;
  }
  std::printf("M/M/100 rho 0.95, %d days: %llu events, %.3f s wall, %.3f s CPU, %.2f M events/s (CPU)\n", days,
              static_cast<unsigned long long>(r->events), r->seconds, cpu, r->events / cpu / 1e6);
  std::printf("  mean wait %.4f h (Erlang C %.4f h)\n", r->elements[0].wait_mean_h.mean,
              ErlangCWaitH(95, 1, 100));
  return 0;
}

int ChinaRussiaYear(int threads) {
  corridor::engine::SimulateRequest req;
  req.input.dataset_folder = CORRIDOR_SOURCE_DIR "/data/china-russia-2022";
  req.input.scenario_file = CORRIDOR_SOURCE_DIR "/data/china-russia-2022/scenarios/2021-epidemic-dated.toml";
  req.settings.replications = 20;
  req.settings.threads = threads;
  corridor::Diagnostics diags;
  const auto t0 = std::chrono::steady_clock::now();
  auto r = corridor::engine::Simulate(req, diags);
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (!r.ok()) {
    std::fprintf(stderr, "%s\n%s", r.status().message().c_str(), diags.ToString().c_str());
    return 1;
  }
  std::printf("China-Russia 2021-epidemic-dated, 365 days, 20 replications, %d thread(s): %.2f s wall "
              "(routing + simulation), simulation %.2f s, %zu elements, %llu events\n",
              threads, wall, r->sim.seconds, r->sim.elements.size(),
              static_cast<unsigned long long>(r->sim.events));
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  bool events_only = false;
  int days = 3650, threads = 2;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--events-only")) events_only = true;
    else if (!std::strcmp(argv[i], "--days") && i + 1 < argc) days = std::atoi(argv[++i]);
    else if (!std::strcmp(argv[i], "--threads") && i + 1 < argc) threads = std::atoi(argv[++i]);
  }
  if (int rc = LargeMmc(days); rc != 0) return rc;
  return events_only ? 0 : ChinaRussiaYear(threads);
}
