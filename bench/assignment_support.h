// What the assignment benchmarks share: the congestion of an equilibrium, so that
// a generated instance can be compared with the public ones (bench/README.md,
// "Generated large instance").
#pragma once

#include <algorithm>
#include <vector>

#include "assignment/equilibrium.h"
#include "assignment/network.h"
#include "process_stats.h"

namespace corridor::bench {

// Over the links with a capacity and a positive free-flow time (which leaves out
// connectors: the grid's have no capacity, TNTP's mostly a zero free-flow time):
// volume / capacity; over all links: total travel time divided by the travel
// time of the same flows at free-flow times.
struct Congestion {
  double mean_vc = 0.0, median_vc = 0.0, p90_vc = 0.0, max_vc = 0.0;
  double share_over_capacity = 0.0;  // of those links, 0..1
  double time_over_free_flow = 0.0;
};

inline Congestion MeasureCongestion(const assignment::Network& network,
                                    const assignment::Solution& solution) {
  Congestion c;
  std::vector<double> vc;
  double time = 0.0, free_time = 0.0;
  for (int a = 0; a < network.link_count(); ++a) {
    const assignment::LinkCost& cost = network.link(LinkId(a)).cost;
    const double x = solution.link_flow[a];
    time += x * solution.link_time[a];
    free_time += x * cost.free_flow_time;
    if (cost.capacity > 0 && cost.free_flow_time > 0) vc.push_back(x / cost.capacity);
  }
  if (free_time > 0) c.time_over_free_flow = time / free_time;
  if (vc.empty()) return c;
  std::sort(vc.begin(), vc.end());
  double sum = 0.0, over = 0.0;
  for (double r : vc) {
    sum += r;
    over += r > 1.0 ? 1.0 : 0.0;
  }
  const std::size_t n = vc.size();
  c.mean_vc = sum / n;
  c.median_vc = vc[n / 2];
  c.p90_vc = vc[n * 9 / 10];
  c.max_vc = vc.back();
  c.share_over_capacity = over / n;
  return c;
}

}  // namespace corridor::bench
