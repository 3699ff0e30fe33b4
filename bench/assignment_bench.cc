// Time to a relative gap on the TNTP benchmarks, bush-based vs link-based, 1
// and 2 threads: wall time ("Time") and CPU time of the whole process ("CPU").
// Counters: iterations, reached gap, peak resident memory of the process so far
// (getrusage, MiB), the resident memory just before the solve (instance loaded)
// and its peak during the solve (VmHWM after a reset), and the congestion of the result: mean V/C and total time
// over free-flow time (assignment_support.h). Figures go to bench/README.md
// ("## Assignment").
#include <benchmark/benchmark.h>

#include <map>
#include <memory>
#include <string>

#include "assignment/equilibrium.h"
#include "assignment/tntp_instance.h"
#include "assignment_support.h"

namespace corridor::assignment {
namespace {

struct Instance {
  const char* name;
  const char* prefix;
  double toll_factor, distance_factor;
};

constexpr Instance kInstances[] = {
    {"SiouxFalls", "SiouxFalls/SiouxFalls", 0, 0},
    {"EasternMassachusetts", "Eastern-Massachusetts/EMA", 0, 0},
    {"BerlinFriedrichshain", "Berlin-Friedrichshain/friedrichshain-center", 0, 0},
    {"Anaheim", "Anaheim/Anaheim", 0, 0},
    {"ChicagoSketch", "Chicago-Sketch/ChicagoSketch", 0.02, 0.04},
};

const TntpInstance& Load(const Instance& inst) {
  static std::map<std::string, std::unique_ptr<TntpInstance>> cache;
  auto& slot = cache[inst.name];
  if (!slot) {
    const std::string dir = std::string(CORRIDOR_SHARED_DIR) + "/benchmarks/tntp/";
    auto loaded = LoadTntpInstance(dir + inst.prefix + "_net.tntp", dir + inst.prefix + "_trips.tntp",
                                   inst.toll_factor, inst.distance_factor);
    if (!loaded.ok()) throw std::runtime_error(loaded.status().ToString());
    slot = std::make_unique<TntpInstance>(std::move(loaded).value());
  }
  return *slot;
}

void Solve(benchmark::State& state, Instance inst, Algorithm algorithm, double gap) {
  const TntpInstance& data = Load(inst);
  const double loaded_rss = bench::CurrentRssMiB();  // before the solve, instance in memory
  const bool reset = bench::ResetPeakRss();
  Options options;
  options.algorithm = algorithm;
  options.target_relative_gap = gap;
  options.threads = static_cast<int>(state.range(0));
  options.max_iterations = 100000;
  options.time_limit_seconds = 120;
  Solution last;
  for (auto _ : state) {
    auto sol = assignment::Solve(data.network, std::span(&data.demand, 1), options);
    if (!sol.ok()) {
      state.SkipWithError(sol.status().ToString().c_str());
      return;
    }
    last = std::move(sol).value();
  }
  state.counters["iterations"] = last.final.iteration;
  state.counters["gap"] = last.final.relative_gap;
  state.counters["converged"] = last.stop_reason == StopReason::kConverged;
  state.counters["peak_rss_MiB"] = bench::PeakRssMiB();
  state.counters["rss_before_solve_MiB"] = loaded_rss;
  // Peak resident memory during this benchmark's solves (instance included).
  state.counters["solve_peak_rss_MiB"] = reset ? bench::HighWaterRssMiB() : 0.0;
  // Congestion of the result: how loaded the network is (bench/README.md).
  const bench::Congestion c = bench::MeasureCongestion(data.network, last);
  state.counters["mean_VC"] = c.mean_vc;
  state.counters["time_over_free_flow"] = c.time_over_free_flow;
}

void RegisterAll() {
  for (const Instance& inst : kInstances) {
    for (double gap : {1e-4, 1e-8, 1e-12}) {
      const std::string g = gap == 1e-4 ? "1e-4" : gap == 1e-8 ? "1e-8" : "1e-12";
      benchmark::RegisterBenchmark(
          (std::string("AlgorithmB/") + inst.name + "/gap:" + g).c_str(),
          [inst, gap](benchmark::State& s) { Solve(s, inst, Algorithm::kAlgorithmB, gap); })
          ->Arg(1)->Arg(2)->ArgName("threads")->Unit(benchmark::kMillisecond)->Iterations(1)
          ->UseRealTime()->MeasureProcessCPUTime();
    }
    // Link-based methods do not reach 1e-8 in reasonable time on these networks.
    for (Algorithm a : {Algorithm::kFrankWolfe, Algorithm::kBiconjugateFrankWolfe}) {
      benchmark::RegisterBenchmark(
          (std::string(AlgorithmName(a)) + "/" + inst.name + "/gap:1e-4").c_str(),
          [inst, a](benchmark::State& s) { Solve(s, inst, a, 1e-4); })
          ->Arg(1)->Arg(2)->ArgName("threads")->Unit(benchmark::kMillisecond)->Iterations(1)
          ->UseRealTime()->MeasureProcessCPUTime();
    }
  }
}

}  // namespace
}  // namespace corridor::assignment

int main(int argc, char** argv) {
  corridor::assignment::RegisterAll();
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
