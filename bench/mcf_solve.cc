// Column generation on one grid/planar-format instance file, one line of figures:
//   mcf_solve FILE [--threads N] [--time-limit S] [--gap G] [--start STEPS]
//             [--start-columns STEPS] [--drop ROUNDS] [--start-rows 0|1]
//             [--first-barrier COLUMNS] [--log]
// (the Options fields of mcf/solution.h of the same names; --start-rows and
// --first-barrier, i.e. first_master_barrier_columns, need the commit that added them)
// status, objective, proven relative gap, wall and process CPU seconds, rounds,
// columns, capacity rows, simplex iterations, pricing and master seconds, peak RSS.
// Exit code 0 when optimal, 3 otherwise, 1 on a read or solve error, 2 on usage.
// Only the public mcf/io API, so that the same file builds against older commits
// (bench/README.md, "Column generation at continental scale").
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "io/mmcf_reader.h"
#include "mcf/column_generation.h"
#include "process_stats.h"

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: mcf_solve FILE [--threads N] [--time-limit S] [--gap G] [--log]\n");
    return 2;
  }
  corridor::mcf::Options options;
  for (int i = 2; i < argc; ++i) {
    const bool has_value = i + 1 < argc;
    if (!std::strcmp(argv[i], "--threads") && has_value) options.threads = std::atoi(argv[++i]);
    else if (!std::strcmp(argv[i], "--time-limit") && has_value) options.time_limit_s = std::atof(argv[++i]);
    else if (!std::strcmp(argv[i], "--gap") && has_value) options.gap_tolerance = std::atof(argv[++i]);
    else if (!std::strcmp(argv[i], "--start") && has_value) options.lagrangian_start = std::atoi(argv[++i]);
    else if (!std::strcmp(argv[i], "--start-columns") && has_value) options.lagrangian_start_columns = std::atoi(argv[++i]);
    else if (!std::strcmp(argv[i], "--drop") && has_value) options.drop_inactive_after = std::atoi(argv[++i]);
    else if (!std::strcmp(argv[i], "--start-rows") && has_value) options.start_rows = std::atoi(argv[++i]) != 0;
    else if (!std::strcmp(argv[i], "--first-barrier") && has_value) options.first_master_barrier_columns = std::atoi(argv[++i]);
    else if (!std::strcmp(argv[i], "--log")) options.log_level = 1;
    else {
      std::fprintf(stderr, "mcf_solve: unknown argument %s\n", argv[i]);
      return 2;
    }
  }
  const auto t0 = std::chrono::steady_clock::now();
  auto inst = corridor::io::ReadGridPlanarInstance(argv[1]);
  if (!inst.ok()) {
    std::fprintf(stderr, "%s\n", inst.status().message().c_str());
    return 1;
  }
  const double read_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  const double cpu0 = corridor::bench::CpuSeconds();
  const auto r = corridor::mcf::SolveColumnGeneration(*inst, options);
  if (!r.ok()) {
    std::fprintf(stderr, "%s\n", r.status().message().c_str());
    return 1;
  }
  const auto& s = r->stats;
  std::printf("%s threads %d status %s objective %.12g gap %.3g wall %.2f cpu %.2f read %.2f "
              "rounds %d columns %ld cap_rows %d lp_iters %d pricing %.2f master %.2f rss_MiB %.0f\n",
              argv[1], options.threads, corridor::mcf::SolveStatusName(r->status), r->objective,
              r->relative_gap, s.seconds, corridor::bench::CpuSeconds() - cpu0, read_s, s.rounds,
              s.columns_generated, s.capacity_rows, s.lp_iterations, s.pricing_seconds,
              s.master_seconds, corridor::bench::PeakRssMiB());
  return r->status == corridor::mcf::SolveStatus::kOptimal ? 0 : 3;
}
