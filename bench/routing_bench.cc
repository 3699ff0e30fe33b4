// Build + solve of the system-optimal routing on generated corridor-like networks,
// by the arc LP (BM_BuildAndSolve) and by column generation (BM_BuildAndSolveCg) side
// by side. Cases grow in physical nodes and OD-commodity pairs; counters give the
// arc LP's column estimate (the kAuto rule's input), the solved LP's size (the
// restricted master's for CG), iterations and the process's peak resident memory so
// far (cases run smallest first; run one case per process with --benchmark_filter for
// an exact per-case peak).
#include <benchmark/benchmark.h>

#include "model/generate.h"
#include "model/network.h"
#include "process_stats.h"
#include "routing/system_optimum.h"

namespace {

void BuildAndSolve(benchmark::State& state, corridor::routing::Method method) {
  corridor::model::GeneratorOptions opt;
  opt.physical_nodes = static_cast<int>(state.range(0));
  opt.od_pairs = static_cast<int>(state.range(1));
  opt.seed = 42;
  const corridor::model::Dataset ds = corridor::model::GenerateCorridorDataset(opt);
  corridor::routing::Options options;
  options.method = method;
  options.ranging_top_n = 0;
  options.check = true;
  double iterations = 0, rows = 0, cols = 0, arcs = 0, gap = 0, estimate = 0;
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
    estimate = static_cast<double>(corridor::routing::LpColumnEstimate(*net));
    benchmark::DoNotOptimize(sol);
  }
  if (!ok) state.SkipWithError("solve not optimal or check failed");
  state.counters["arcs"] = arcs;
  state.counters["lp_col_estimate"] = estimate;
  state.counters["lp_rows"] = rows;
  state.counters["lp_cols"] = cols;
  state.counters["iterations"] = iterations;
  state.counters["gap"] = gap;
  state.counters["peak_rss_MiB"] = corridor::bench::PeakRssMiB();
}

void BM_BuildAndSolve(benchmark::State& state) {
  BuildAndSolve(state, corridor::routing::Method::kLp);
}
void BM_BuildAndSolveCg(benchmark::State& state) {
  BuildAndSolve(state, corridor::routing::Method::kColumnGeneration);
}

void Sizes(benchmark::internal::Benchmark* b) {
  b->ArgNames({"nodes", "pairs"})
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
    ->UseRealTime()
    ->MeasureProcessCPUTime();
}
BENCHMARK(BM_BuildAndSolve)->Apply(Sizes);
BENCHMARK(BM_BuildAndSolveCg)->Apply(Sizes);

}  // namespace

BENCHMARK_MAIN();
