// A generated large assignment instance: a side x side grid of two-way BPR
// road links (every 4th row and column a faster, higher-capacity arterial)
// with `zones` centroids, each joined both ways to one grid node, and a full
// OD matrix between the zones (zones * (zones - 1) pairs, demand decaying with
// distance). Defaults: side 98 and 1,000 zones give 40,024 links and 999,000
// OD pairs. Solves with Algorithm B and prints the gap log as it goes, the time
// to each gap decade, wall and CPU time, the peak resident memory (getrusage)
// and the congestion of the result (V/C of the street links, total travel time
// over free-flow travel time).
//
//   assignment_grid [--side N] [--zones Z] [--scale F] [--gap G] [--threads T] [--seconds S]
//
// --scale multiplies every demand. The default 0.5 gives a congestion between
// that of the public Chicago-Sketch and SiouxFalls networks at equilibrium
// (total time / free-flow time 1.12 and 2.19; bench/README.md); --scale 1, the
// earlier default, is a stress case beyond both (ratio 3.7, mean V/C 1.6). A
// smaller grid with fewer zones is less congested at equal scale (e.g.
// --side 50 --zones 250 --scale 3 is about as congested as SiouxFalls).
// --seconds is Solve's wall-clock limit (default 3600); on reaching it the gap
// reached so far is reported. Exit status 0 when the gap was reached, 3 when
// the solve stopped before (time or iteration limit), 2 on bad options, 1 when
// Solve rejects the instance.
//
// Figures go to bench/README.md ("## Assignment"). Deterministic: the instance
// comes from a fixed integer hash, not a library random engine.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <string>
#include <vector>

#include "assignment/equilibrium.h"
#include "assignment_support.h"

namespace corridor::assignment {
namespace {

// splitmix64: a fixed, portable hash of (seed, index) to [0, 1).
double Unit(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  x ^= x >> 31;
  return static_cast<double>(x >> 11) * 0x1.0p-53;
}

struct Grid {
  Network network;
  DemandClass demand;
};

Grid Generate(int side, int zones, double scale) {
  const int grid_nodes = side * side;
  const int n = zones + grid_nodes;  // centroids first, as in TNTP files
  std::vector<NetworkLink> links;
  std::uint64_t draw = 0;
  const auto add = [&](int u, int v, double length, double speed, double capacity) {
    NetworkLink l;
    l.from = NodeId(u);
    l.to = NodeId(v);
    l.length = length;
    l.cost.free_flow_time = 60.0 * length / speed;  // minutes
    l.cost.capacity = capacity;
    l.cost.b = 0.15;
    l.cost.power = 4;
    links.push_back(l);
  };
  const auto node = [&](int r, int c) { return zones + r * side + c; };
  for (int r = 0; r < side; ++r) {
    for (int c = 0; c < side; ++c) {
      const auto street = [&](int r2, int c2, bool arterial) {
        const double length = 0.8 + 0.4 * Unit(++draw);  // km
        const double speed = arterial ? 70.0 : 40.0 + 20.0 * Unit(++draw);
        const double capacity = (arterial ? 1800.0 : 600.0) * (0.8 + 0.4 * Unit(++draw));
        add(node(r, c), node(r2, c2), length, speed, capacity);
        add(node(r2, c2), node(r, c), length, speed, capacity);
      };
      if (c + 1 < side) street(r, c + 1, r % 4 == 0);
      if (r + 1 < side) street(r + 1, c, c % 4 == 0);
    }
  }
  // Zones spread over the grid: zone z sits at grid node floor(z * grid / zones).
  std::vector<int> row(zones), col(zones);
  for (int z = 0; z < zones; ++z) {
    const int g = static_cast<int>(static_cast<long long>(z) * grid_nodes / zones);
    row[z] = g / side;
    col[z] = g % side;
    add(z, node(row[z], col[z]), 0.5, 30.0, 0.0);  // uncongested connectors
    add(node(row[z], col[z]), z, 0.5, 30.0, 0.0);
  }
  std::vector<char> through(n, 1);
  for (int z = 0; z < zones; ++z) through[z] = 0;
  auto network = Network::Build(n, std::move(links), std::move(through));
  if (!network.ok()) {
    std::fprintf(stderr, "%s\n", network.status().ToString().c_str());
    std::exit(1);
  }
  DemandClass demand;
  demand.name = "cars";
  demand.od.reserve(static_cast<std::size_t>(zones) * (zones - 1));
  for (int o = 0; o < zones; ++o) {
    for (int d = 0; d < zones; ++d) {
      if (o == d) continue;
      const double km = std::abs(row[o] - row[d]) + std::abs(col[o] - col[d]);
      const double trips = scale * 10.0 * Unit(++draw) * std::exp(-km / 40.0);
      demand.od.push_back({NodeId(o), NodeId(d), trips});
    }
  }
  return {std::move(*network), std::move(demand)};
}

}  // namespace
}  // namespace corridor::assignment

int main(int argc, char** argv) {
  using namespace corridor::assignment;
  using corridor::bench::CpuSeconds;
  using corridor::bench::PeakRssMiB;
  int side = 98, zones = 1000, threads = 1;
  double gap = 1e-8, seconds = 3600, scale = 0.5;
  if (argc % 2 == 0) {
    std::fprintf(stderr, "option %s needs a value\n", argv[argc - 1]);
    return 2;
  }
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--side") side = std::atoi(argv[i + 1]);
    else if (flag == "--zones") zones = std::atoi(argv[i + 1]);
    else if (flag == "--scale") scale = std::atof(argv[i + 1]);
    else if (flag == "--gap") gap = std::atof(argv[i + 1]);
    else if (flag == "--threads") threads = std::atoi(argv[i + 1]);
    else if (flag == "--seconds") seconds = std::atof(argv[i + 1]);
    else {
      std::fprintf(stderr, "unknown option %s\n", argv[i]);
      return 2;
    }
  }
  if (side < 2 || zones < 2 || zones > side * side || !(scale > 0.0)) {
    std::fprintf(stderr, "need side >= 2, 2 <= zones <= side^2 and scale > 0\n");
    return 2;
  }
  const double cpu0 = CpuSeconds();
  const Grid grid = Generate(side, zones, scale);
  std::printf("instance: %d nodes, %d links, %zu OD pairs; generated in %.2f s CPU, peak RSS %.0f MiB\n",
              grid.network.node_count(), grid.network.link_count(), grid.demand.od.size(),
              CpuSeconds() - cpu0, PeakRssMiB());
  Options options;
  options.target_relative_gap = gap;
  options.threads = threads;
  options.max_iterations = 10000;
  options.time_limit_seconds = seconds;
  const double cpu1 = CpuSeconds();
  // The log is printed as the solve goes (a long run shows its progress).
  double next_decade = 1e-1;
  options.on_iteration = [&](const IterationStats& s) {
    std::printf("iteration %3d  gap %.3e  wall %8.2f s  CPU %8.2f s\n", s.iteration,
                s.relative_gap, s.seconds, CpuSeconds() - cpu1);
    while (s.relative_gap <= next_decade && next_decade >= gap * 0.99) {
      std::printf("  reached 1e%+d at %.2f s wall\n",
                  static_cast<int>(std::lround(std::log10(next_decade))), s.seconds);
      next_decade /= 10;
    }
    std::fflush(stdout);
    return true;
  };
  auto sol = Solve(grid.network, std::span(&grid.demand, 1), options);
  const double cpu = CpuSeconds() - cpu1;
  if (!sol.ok()) {
    std::fprintf(stderr, "%s\n", sol.status().ToString().c_str());
    return 1;
  }
  const corridor::bench::Congestion c = corridor::bench::MeasureCongestion(grid.network, *sol);
  std::printf("street links: mean V/C %.2f, median %.2f, 90th percentile %.2f, max %.2f, "
              "%.0f%% over capacity; total time / free-flow time %.2f\n",
              c.mean_vc, c.median_vc, c.p90_vc, c.max_vc, 100.0 * c.share_over_capacity,
              c.time_over_free_flow);
  std::printf("threads %d: %s after %d iterations, gap %.3e, wall %.2f s, CPU %.2f s, "
              "peak RSS %.0f MiB, Beckmann %.10g\n",
              threads, sol->stop_reason == StopReason::kConverged ? "converged" : "stopped",
              sol->final.iteration, sol->final.relative_gap, sol->final.seconds, cpu, PeakRssMiB(),
              sol->final.beckmann);
  return sol->stop_reason == StopReason::kConverged ? 0 : 3;
}
