// The capacitated equilibrium (assignment/capacitated.h) against the
// uncapacitated solve of the same network, in the same run.
//
// Generated side-constrained instance: the TNTP network is first solved
// without side constraints to the gap; the `share` (default 10 %) of links
// with the largest volume/capacity ratio (among links with a TNTP capacity, a
// positive free-flow time, no zone centroid at either end and a detour from
// its tail to its head without it, so that tightening cannot cut a zone off) then get a side constraint of `tighten`
// (default 0.9) times their equilibrium volume, so each of them would be over
// its capacity at the old equilibrium. Demand is elastic at a penalty of 20 x
// the mean OD time of that equilibrium (reported: how much stays home). The
// capacitated solve runs to the same gap
// with the 1e-6 capacity tolerance, and its answer is certified by
// capacity_check.h. Prints the uncapacitated time and iterations, the outer
// and total Algorithm B iterations and time of the capacitated solve, their
// ratio, how many constraints bind (queue > 0) and the certificate.
//
//   capacitated_bench NET TRIPS [--gap G] [--share S] [--tighten F] [--seconds T]
//
// Exit status 0 when both solves converged and the certificate passed, 3 when
// one stopped short (limit), 4 when the certificate failed, 2 on bad
// arguments, 1 when an input is rejected. Figures: bench/README.md
// ("## Capacitated equilibrium").
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <numeric>
#include <string>
#include <vector>

#include "assignment/capacitated.h"
#include "assignment/capacity_check.h"
#include "assignment/tntp_instance.h"
#include "paths/graph.h"

namespace corridor::assignment {
namespace {

struct Args {
  std::string net, trips;
  double gap = 1e-8, share = 0.1, tighten = 0.9, seconds = 3600;
};

bool Parse(int argc, char** argv, Args& args) {
  std::vector<std::string> positional;
  for (int i = 1; i < argc; ++i) {
    const auto value = [&](double& out) {
      if (i + 1 >= argc) return false;
      out = std::atof(argv[++i]);
      return true;
    };
    bool ok = true;
    if (!std::strcmp(argv[i], "--gap")) ok = value(args.gap);
    else if (!std::strcmp(argv[i], "--share")) ok = value(args.share);
    else if (!std::strcmp(argv[i], "--tighten")) ok = value(args.tighten);
    else if (!std::strcmp(argv[i], "--seconds")) ok = value(args.seconds);
    else positional.push_back(argv[i]);
    if (!ok) return false;
  }
  if (positional.size() != 2 || !(args.gap > 0) || !(args.share > 0 && args.share <= 1) ||
      !(args.tighten > 0 && args.tighten < 1) || !(args.seconds > 0)) {
    return false;
  }
  args.net = positional[0];
  args.trips = positional[1];
  return true;
}

// Whether the head of link a stays reachable from its tail without a (if not,
// flow on a may have no way round, and tightening it could make the instance
// infeasible).
bool HasDetour(const Network& net, int a) {
  const paths::Graph& g = net.graph();
  const NodeId from = net.link(LinkId(a)).from, to = net.link(LinkId(a)).to;
  std::vector<char> seen(net.node_count(), 0);
  std::vector<NodeId> stack{from};
  seen[from.index()] = 1;
  while (!stack.empty()) {
    const NodeId v = stack.back();
    stack.pop_back();
    if (v == to) return true;
    for (LinkId b : g.OutLinks(v)) {
      const NodeId h = g.head(b);
      if (b.value() == a || seen[h.index()]) continue;
      seen[h.index()] = 1;
      stack.push_back(h);
    }
  }
  return false;
}

std::vector<SideConstraint> Tighten(const Network& net, const Solution& ue, const Args& args) {
  std::vector<int> candidates;
  const auto through = net.through_allowed();
  const auto zone = [&](NodeId v) { return !through.empty() && !through[v.index()]; };
  for (int a = 0; a < net.link_count(); ++a) {
    const NetworkLink& l = net.link(LinkId(a));
    if (l.cost.capacity > 0 && l.cost.free_flow_time > 0 && ue.link_flow[a] > 0 &&
        !zone(l.from) && !zone(l.to) && HasDetour(net, a)) {
      candidates.push_back(a);
    }
  }
  const auto vc = [&](int a) { return ue.link_flow[a] / net.link(LinkId(a)).cost.capacity; };
  std::stable_sort(candidates.begin(), candidates.end(),
                   [&](int a, int b) { return vc(a) > vc(b); });
  const auto count = static_cast<std::size_t>(args.share * net.link_count() + 0.5);
  candidates.resize(std::min(count, candidates.size()));
  std::vector<SideConstraint> caps;
  for (int a : candidates) {
    caps.push_back({"link " + std::to_string(a + 1), {LinkId(a)}, args.tighten * ue.link_flow[a]});
  }
  return caps;
}

int Run(const Args& args) {
  auto inst = LoadTntpInstance(args.net, args.trips, 0.0, 0.0);
  if (!inst.ok()) {
    std::fprintf(stderr, "%s\n", inst.status().ToString().c_str());
    return 1;
  }
  Options options;
  options.target_relative_gap = args.gap;
  options.max_iterations = 100000;
  options.time_limit_seconds = args.seconds;
  auto ue = Solve(inst->network, {&inst->demand, 1}, options);
  if (!ue.ok()) return 1;
  const std::vector<SideConstraint> caps = Tighten(inst->network, *ue, args);
  CapacitatedOptions copts;
  copts.solver = options;
  // Elastic demand: a cut made only of tightened links (several parallel links
  // into one area) can leave demand no way through; it stays home at a penalty
  // of 20 x the mean OD time at the uncapacitated equilibrium.
  double demand = 0.0;
  for (const auto& od : inst->demand.od) demand += od.origin == od.destination ? 0.0 : od.demand;
  copts.unserved_penalty = {20.0 * ue->final.total_cost / std::max(demand, 1e-300)};
  auto cs = SolveCapacitated(inst->network, {&inst->demand, 1}, caps, copts);
  if (!cs.ok()) {
    std::fprintf(stderr, "%s\n", cs.status().ToString().c_str());
    return 1;
  }
  const auto cert = CheckCapacitated(inst->network, {&inst->demand, 1}, caps, copts.unserved_penalty, *cs,
                                     copts.capacity_tolerance, args.gap);
  std::printf("outer  inner-its  gap        violation  complementarity  max-beta  seconds\n");
  for (const auto& o : cs->log) {
    std::printf("%5d  %9d  %.2e   %.2e   %.2e         %8g  %.3f\n", o.outer, o.inner_iterations,
                o.relative_gap, o.max_violation, o.max_complementarity, o.beta, o.seconds);
  }
  const auto binding = std::count_if(cs->queue_delay.begin(), cs->queue_delay.end(),
                                     [](double q) { return q > 0; });
  std::printf("links %d, side constraints %zu (%.0f%% of links, %.2f x UE volume), binding %ld\n",
              inst->network.link_count(), caps.size(), 100.0 * caps.size() / inst->network.link_count(),
              args.tighten, static_cast<long>(binding));
  std::printf("uncapacitated: %s, %d iterations, gap %.2e, %.3f s\n",
              ue->stop_reason == StopReason::kConverged ? "converged" : "limit", ue->final.iteration,
              ue->final.relative_gap, ue->final.seconds);
  std::printf("capacitated:   %s, %d outer / %d Algorithm B iterations, gap %.2e, "
              "violation %.1e, %.3f s\n",
              cs->stop_reason == StopReason::kConverged ? "converged" : "limit",
              cs->outer_iterations, cs->inner_iterations, cs->relative_gap, cs->max_violation,
              cs->solution.final.seconds);
  double unserved = 0.0;
  for (const auto& u : cs->unserved) unserved += u.demand;
  std::printf("unserved at the penalty: %.4g of %.4g (%.2g %%)\n", unserved, demand,
              100.0 * unserved / std::max(demand, 1e-300));
  std::printf("time ratio capacitated / uncapacitated: %.2f\n",
              cs->solution.final.seconds / std::max(1e-9, ue->final.seconds));
  std::printf("certificate: %s (violation %.1e, complementarity %.1e, gap %.2e)\n",
              cert.passed ? "passed" : "FAILED", cert.max_violation, cert.max_complementarity,
              cert.relative_gap);
  for (std::size_t i = 0; i < cert.failures.size() && i < 10; ++i) {
    std::printf("  %s\n", cert.failures[i].c_str());
  }
  if (ue->stop_reason != StopReason::kConverged || cs->stop_reason != StopReason::kConverged) {
    return 3;
  }
  return cert.passed ? 0 : 4;
}

}  // namespace
}  // namespace corridor::assignment

int main(int argc, char** argv) {
  corridor::assignment::Args args;
  if (!corridor::assignment::Parse(argc, argv, args)) {
    std::fprintf(stderr,
                 "usage: capacitated_bench NET TRIPS [--gap G] [--share S] [--tighten F] "
                 "[--seconds T]\n");
    return 2;
  }
  return corridor::assignment::Run(args);
}
