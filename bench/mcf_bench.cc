// Multicommodity flow: the arc LP and column generation (origin-tree master; the same
// without the Lagrangian start as column_generation_cold; the per-commodity path master
// as column_generation_paths) side by side on every shared grid/planar instance, and
// column generation (both masters) on generated instances of growing size.
// Counters: objective, relative gap, rounds, path columns generated, peak RSS of the
// process so far (getrusage high-water mark: run one benchmark per process, with
// --benchmark_filter, for a per-case figure). Wall time is the reported Time; CPU is
// the process CPU time (pricing threads included).
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdlib>
#include <string>
#include <utility>
#include <vector>

#include "io/mmcf_reader.h"
#include "mcf/arc_lp.h"
#include "mcf/column_generation.h"
#include "mcf/random_instance.h"
#include "process_stats.h"

namespace corridor::mcf {
namespace {

void Report(benchmark::State& state, const Result<Solution>& r) {
  if (!r.ok()) {
    state.SkipWithError(r.status().message().c_str());
    return;
  }
  state.counters["objective"] = r->objective;
  state.counters["gap"] = r->relative_gap;
  state.counters["optimal"] = r->status == SolveStatus::kOptimal ? 1 : 0;
  state.counters["rounds"] = r->stats.rounds;
  state.counters["columns"] = static_cast<double>(r->stats.columns_generated);
  state.counters["cap_rows"] = r->stats.capacity_rows;
  state.counters["lp_iters"] = r->stats.lp_iterations;
  state.counters["rss_MiB"] = bench::PeakRssMiB();
}

// Commodity paths as the method before issue 5 ran them: without smoothing or
// Lagrangian start.
Options CgOptions(MasterForm master, bool lagrangian_start = true) {
  Options options;
  options.master = master;
  if (master == MasterForm::kCommodityPaths) options.smoothing = 0.0;
  if (master == MasterForm::kCommodityPaths || !lagrangian_start) options.lagrangian_start = 0;
  return options;
}

// The arc LP's wall-clock limit: CORRIDOR_ARC_LP_TIME_LIMIT seconds (default 600). A
// run stopped there reports optimal = 0 and gives a lower bound on the ratio to CG.
Options ArcLpOptions() {
  Options options;
  if (const char* limit = std::getenv("CORRIDOR_ARC_LP_TIME_LIMIT")) {
    options.time_limit_s = std::max(1.0, std::atof(limit));
  }
  return options;
}

// Column generation variants of the shared instances.
enum class Variant { kArcLp, kOriginTrees, kOriginTreesCold, kCommodityPaths };

// The arc LP, or column generation with the given master.
void SolveShared(benchmark::State& state, const std::string& path, Variant variant) {
  auto inst = io::ReadGridPlanarInstance(path);
  if (!inst.ok()) {
    state.SkipWithError(inst.status().message().c_str());
    return;
  }
  for (auto _ : state) {
    const MasterForm master = variant == Variant::kCommodityPaths ? MasterForm::kCommodityPaths
                                                                  : MasterForm::kOriginTrees;
    auto r = variant == Variant::kArcLp
                 ? SolveArcLp(*inst, ArcLpOptions())
                 : SolveColumnGeneration(*inst,
                                         CgOptions(master, variant != Variant::kOriginTreesCold));
    Report(state, r);
  }
}

void SolveGenerated(benchmark::State& state, MasterForm master) {
  RandomInstanceSpec spec;
  spec.width = 30;
  spec.height = 30;
  spec.chords = 100;
  spec.num_commodities = static_cast<int>(state.range(0));
  spec.num_origins = 200;
  spec.capacity_scale = 1.0;
  spec.penalty_share = 0.1;
  const Instance inst = GenerateRandomInstance(spec, 42);
  for (auto _ : state) Report(state, SolveColumnGeneration(inst, CgOptions(master)));
}

const bool kRegistered = [] {
  const std::string dir = std::string(CORRIDOR_SHARED_DIR) + "/benchmarks/mmcf/";
  const std::vector<std::string> names = {
      "grid/grid1", "grid/grid2", "grid/grid3", "grid/grid4", "grid/grid5",
      "grid/grid6", "grid/grid7", "grid/grid8", "grid/grid9", "grid/grid10",
      "planar/planar30", "planar/planar50", "planar/planar80", "planar/planar100",
      "planar/planar150", "planar/planar300"};
  for (const std::string& name : names) {
    const std::string base = name.substr(name.find('/') + 1);
    const std::pair<std::string, Variant> variants[] = {
        {"arc_lp", Variant::kArcLp},
        {"column_generation", Variant::kOriginTrees},
        {"column_generation_cold", Variant::kOriginTreesCold},
        {"column_generation_paths", Variant::kCommodityPaths}};
    for (const auto& [label, variant] : variants) {
      benchmark::RegisterBenchmark((label + "/" + base).c_str(), SolveShared, dir + name,
                                   variant)
          ->Iterations(1)
          ->UseRealTime()
          ->MeasureProcessCPUTime()
          ->Unit(benchmark::kMillisecond);
    }
  }
  for (MasterForm master : {MasterForm::kOriginTrees, MasterForm::kCommodityPaths}) {
    const std::string label =
        master == MasterForm::kOriginTrees ? "column_generation" : "column_generation_paths";
    benchmark::RegisterBenchmark((label + "/generated_30x30").c_str(), SolveGenerated, master)
        ->Arg(1'000)->Arg(10'000)->Arg(100'000)
        ->Iterations(1)
        ->UseRealTime()
        ->MeasureProcessCPUTime()
        ->Unit(benchmark::kMillisecond);
  }
  return true;
}();

}  // namespace
}  // namespace corridor::mcf

BENCHMARK_MAIN();
