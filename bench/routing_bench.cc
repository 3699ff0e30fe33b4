// Build + solve of the system-optimal routing on generated corridor-like networks.
// Cases grow in physical nodes and OD-commodity pairs; counters give the LP size,
// iterations and the process's peak resident memory so far (cases run smallest first;
// run one case per process with --benchmark_filter for an exact per-case peak).
#include <benchmark/benchmark.h>
#include <sys/resource.h>

#include "model/generate.h"
#include "model/network.h"
#include "routing/system_optimum.h"

namespace {

double PeakRssMiB() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_maxrss) / 1024.0;
}

void BM_BuildAndSolve(benchmark::State& state) {
  corridor::model::GeneratorOptions opt;
  opt.physical_nodes = static_cast<int>(state.range(0));
  opt.od_pairs = static_cast<int>(state.range(1));
  opt.seed = 42;
  const corridor::model::Dataset ds = corridor::model::GenerateCorridorDataset(opt);
  corridor::routing::Options options;
  options.method = corridor::routing::Method::kLp;
  options.ranging_top_n = 0;
  options.check = true;
  double iterations = 0, rows = 0, cols = 0, arcs = 0, gap = 0;
  bool ok = true;
  for (auto _ : state) {
    auto net = corridor::model::BuildNetwork(ds);
    auto sol = corridor::routing::SolveSystemOptimum(*net, options);
    ok = ok && sol.ok() && sol->status == corridor::routing::SolveStatus::kOptimal &&
         sol->check.passed;
    if (sol.ok()) {
      iterations = sol->iterations;
      rows = sol->lp_rows;
      cols = sol->lp_cols;
      gap = sol->check.relative_gap;
    }
    arcs = static_cast<double>(net->arc_count());
    benchmark::DoNotOptimize(sol);
  }
  if (!ok) state.SkipWithError("solve not optimal or check failed");
  state.counters["arcs"] = arcs;
  state.counters["lp_rows"] = rows;
  state.counters["lp_cols"] = cols;
  state.counters["iterations"] = iterations;
  state.counters["gap"] = gap;
  state.counters["peak_rss_MiB"] = PeakRssMiB();
}

BENCHMARK(BM_BuildAndSolve)
    ->ArgNames({"nodes", "pairs"})
    ->Args({100, 10})
    ->Args({100, 100})
    ->Args({1000, 10})
    ->Args({1000, 100})
    ->Args({1000, 1000})
    ->Args({10000, 10})
    ->Args({10000, 100})
    ->Args({10000, 1000})
    ->Args({10000, 10000})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
