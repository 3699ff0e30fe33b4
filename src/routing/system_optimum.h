// System-optimal routing: capacitated multicommodity min-cost flow on the virtual
// network, with unserved demand at a penalty, solved exactly.
//
// Problem. Commodities k, origins o, destinations d, demand D_kod (t/year). For every
// block b = (k, o) a flow x_b >= 0 on the arcs commodity k may use, plus unserved
// tonnes u_kod >= 0:
//   minimise   sum_b sum_a c_ka x_ba  +  sum_kod p_k u_kod
//   subject to flow conservation of block b: D_kod - u_kod leaves source(o) and
//              arrives at sink(d) for every d;
//              sum_{a in r} sum_b x_ba <= cap_r   for every resource r (link direction,
//              crossing, transfer),
// where c_ka = money_a + VOT_k * (time_a + dwell_ka) (model::Network::GeneralisedCost)
// and p_k is the commodity's unserved penalty. The origin-aggregated formulation keeps
// one flow variable per (block, arc) instead of one per (OD, arc); arcs that cannot lie
// on a path from o to any of its destinations are pruned per block.
//
// Duals. mu_r >= 0 is the shadow price of resource r in USD per tonne of yearly
// capacity: one more tonne/year of capacity lowers the optimum by mu_r, as long as the
// basis stays optimal (the "range", found by warm re-solves).
//
// LP. Per block, one equality row per virtual node the block's pruned arcs touch
// (out-flow minus in-flow = supply), where u_kod acts as a direct arc source(o) ->
// sink(d) of cost p_k, so the LP is always feasible and bounded. One <= row per
// resource whose arcs appear in some block; a resource of capacity 0 keeps its row so
// its price says what reopening it is worth. Pruning keeps the arcs commodity k may use
// that lie on some path source(o) -> sink(d) for a destination d of the block, with
// centroids as endpoints only (forward search from source(o), backward from the sinks).
// Size: rows = sum_b |vnodes_b| + |R|, columns = sum_b |arcs_b| + |demand|. Solved by
// dual simplex (CLP through lp::Solver), which is far faster than barrier here.
//
// Reported flows. Entries below 1e-9 x (largest demand) are dropped and negative noise
// clamped to 0. Any cycle left in a block's flow (it can only cost 0 at the optimum) is
// cancelled, so every block flow is acyclic. Per-OD figures (money, time value,
// tonne-km, average time) come from an exact decomposition of the acyclic block flow:
// flow leaving a node is split among the destinations in the proportions of its
// out-arcs, i.e. share_v(d) = sum_{a=(v,w)} x_a share_w(d) / out_v, share_sink(d) = 1,
// and arc a carries x_a share_head(a)(d) for d. This is one valid path decomposition;
// another optimal routing may split an origin's costs differently among its
// destinations, but the block totals are the same. Cost O(|arcs_b| |D_b|) per block.
//
// Ranging (for the ranging_top_n resources with the highest mu_r > 0), by warm
// re-solves of the same LP, restoring the capacity after each:
//   resolved_saving_usd_per_t = (obj(cap) - obj(cap + delta)) / delta, delta = 1% of
//     cap (1 t when cap is 0);
//   price_holds_for_t = largest extra capacity D with obj(cap + D) = obj(cap) - mu_r D
//     (within 1e-9 relative), found by doubling from delta and then bisection to 1% of
//     D, but never beyond ranging_limit_t = max(10 cap, total demand); a result equal
//     to ranging_limit_t means "at least that much". Since obj is convex and piecewise
//     linear in cap, the equality holds on an interval [0, D*]; D* = 0 when mu_r is
//     not the right derivative (degenerate optimum). About 20 warm solves a resource.
//
// Certificate (CheckSolution, independent of the LP): primal feasibility of the block
// flows, the objective recomputed from flows, and the Lagrangian lower bound
//   L(mu) = sum_kod D_kod min(p_k, dist_{c+mu}(o, d)) - sum_r mu_r cap_r
// with shortest paths on costs c_ka + sum_{r ni a} mu_r. L(mu) <= optimum for any
// mu >= 0, so (objective - L)/objective is a proven optimality gap. At an LP optimum
// with its duals the gap is 0 up to rounding (Lagrangian duality of an LP is exact).
// Cost: one Dijkstra per block, O(sum_b (E log V)).
//
// Column generation (Method::kColumnGeneration). The same problem handed to
// mcf::SolveColumnGeneration (mcf/column_generation.h): vnodes are its nodes, network
// arcs its arcs (no per-arc capacity), each commodity k a class with costs c_ka and
// the arcs k may use, each demand row a commodity source(o) -> sink(d) with demand
// D_kod and penalty p_k, each resource an mcf resource over the same arcs (a path
// counts once per arc of the resource it uses). Sources have out-arcs only and sinks
// in-arcs only, so centroids are path endpoints by construction, as in the LP. Path
// flows are summed into block flows and go through the same post-processing as the LP
// answer (cycle cancelling, OD decomposition, resource figures), and resource shadow
// prices are the multipliers of the best Lagrangian bound: the master's duals when the
// run ends at the master's LP optimum, otherwise a (possibly smoothed) point whose
// bound is within the gap tolerance of the optimum, so where the LP dual is unique
// they agree with the LP's up to that tolerance (tests). Not ranged: every resource keeps
// ranged = false and NaN ranging fields (re-solving the master would need its
// columns to stay valid under each capacity change). lp_rows, lp_cols and iterations
// describe the final restricted master.
//
// Method::kAuto picks column generation when the arc LP would have at least
// Options::cg_min_lp_columns flow columns (sum over blocks of pruned arcs, counted
// before any LP is built), the LP otherwise; see SelectMethod. The default threshold
// comes from bench/routing_bench.cc (bench/README.md, "System-optimal routing").
//
// Limits: costs, times and penalties must be finite and >= 0 (checked, InvalidInput
// otherwise).
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "core/ids.h"
#include "core/status.h"
#include "model/network.h"

namespace corridor::routing {

enum class SolveStatus { kOptimal, kTimeLimit, kIterationLimit, kNumericalFailure };
const char* SolveStatusName(SolveStatus status);

enum class Method { kAuto, kLp, kColumnGeneration };
const char* MethodName(Method method);

struct Options {
  Method method = Method::kAuto;
  double time_limit_s = 600.0;
  bool check = true;                 // run CheckSolution on the answer
  double check_gap_tolerance = 1e-7; // relative duality gap accepted as optimal
  double feasibility_tolerance = 1e-6;  // relative, on conservation and capacity
  int ranging_top_n = 10;            // binding resources whose price range is found (LP only)
  long cg_min_lp_columns = 100'000;  // kAuto: column generation from this LP size on
  // Called before each ranging re-solve (done of total) and once when ranging ends
  // (done == total); returning false stops ranging there (the resources not yet
  // ranged stay unranged and Solution::ranging_stopped is set).
  std::function<bool(int done, int total)> on_ranging;
};

// Flow of one block (commodity, origin) on the arcs it uses (flow > 0 only).
struct BlockFlow {
  CommodityId commodity;
  NodeId origin;
  std::vector<ArcId> arcs;
  std::vector<double> flow_t;
};

struct OdResult {              // parallel to Network::demand
  double served_t = 0.0;
  double unserved_t = 0.0;
  double money_usd = 0.0;       // of the served tonnes
  double time_value_usd = 0.0;  // VOT x hours of the served tonnes
  double avg_time_h = 0.0;      // door-to-door, tonne-weighted; NaN if nothing served
  double tonne_km = 0.0;
};

struct ResourceResult {        // parallel to the Network's resources
  double flow_t = 0.0;
  double capacity_t = 0.0;
  double utilisation = 0.0;    // flow / capacity (0 when capacity is 0 and flow 0)
  double shadow_price_usd_per_t = 0.0;  // mu_r >= 0
  // For the ranged resources: extra capacity (t/year) over which mu_r stays the
  // marginal saving, and the saving measured by re-solving with +1% of capacity
  // (or +1 t when capacity is 0). NaN when not ranged.
  double price_holds_for_t = 0.0;
  double resolved_saving_usd_per_t = 0.0;
  double ranging_limit_t = 0.0;  // largest extra capacity tried; NaN when not ranged
  bool ranged = false;
};

struct CheckReport {
  bool passed = false;
  double max_conservation_error_t = 0.0;
  double max_capacity_excess_t = 0.0;
  double min_flow_t = 0.0;
  double objective_recomputed_usd = 0.0;
  double lower_bound_usd = 0.0;   // Lagrangian bound L(mu)
  double relative_gap = 0.0;      // (objective - bound) / max(1, |objective|)
  std::vector<std::string> failures;  // human-readable, empty when passed
};

// Flows, OD and resource results and the check are filled only when status is
// kOptimal; otherwise check.failures says why there is nothing to check.
struct Solution {
  SolveStatus status = SolveStatus::kNumericalFailure;
  Method method = Method::kLp;  // the method used (never kAuto)
  int iterations = 0;
  double seconds = 0.0;
  int lp_rows = 0;
  int lp_cols = 0;

  double objective_usd = 0.0;   // generalised cost + penalties
  double money_usd = 0.0;
  double time_value_usd = 0.0;
  double penalty_usd = 0.0;

  std::vector<double> arc_flow_t;              // total per arc
  std::vector<double> commodity_arc_flow_t;    // [k * arc_count + a]
  std::vector<BlockFlow> blocks;
  std::vector<OdResult> od;
  std::vector<ResourceResult> resources;
  CheckReport check;
  bool ranging_stopped = false;  // Options::on_ranging asked to stop
};

// Flow columns the arc LP of `net` would have: sum over blocks (commodity, origin) of
// the arcs pruning keeps. O(blocks x arcs) time, no LP built.
std::size_t LpColumnEstimate(const model::Network& net);

// The method kAuto resolves to for an arc LP with `lp_columns` flow columns; any other
// options.method is returned as is.
Method SelectMethod(std::size_t lp_columns, const Options& options);

// Solves the system optimum. Returns an error Status only when the call itself is
// wrong (an empty network, bad options, negative costs);
// solver outcomes are in Solution::status. When options.check is set the answer is
// checked and the report stored in Solution::check; a failed check does not turn
// into an error Status here: callers must look at check.passed (the CLI maps it to
// StatusCode::kCheckFailed). The time limit covers the solve and the ranging; ranging
// stops when it runs out.
Result<Solution> SolveSystemOptimum(const model::Network& net, const Options& options = {});

// The independent answer checker described above. Uses only the network, the block
// flows, the unserved tonnes and the shadow prices of `solution`.
CheckReport CheckSolution(const model::Network& net, const Solution& solution,
                          double feasibility_tolerance, double gap_tolerance);

}  // namespace corridor::routing
