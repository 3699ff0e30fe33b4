// The corridor's virtual network (model/network.h) as a congested, multi-class
// assignment problem: where does freight go when every shipper picks its own
// cheapest route (user equilibrium, UE), and what does that cost against the
// system optimum (SO)?
//
// Conversion (one assignment link per arc, same index; one node per vnode):
//   * source and sink centroids may start or end paths but are never passed
//     (through_allowed = 0), so paths are access, modal arcs, egress;
//   * classes = commodities, flow weight 1 (a tonne is a tonne), demand t/year;
//     value of time vot_k = the commodity's VOT in USD/(t h), floored at
//     kMinValueOfTime because the solver needs vot_k > 0;
//   * delay: t_a(X) in hours with free-flow time t0_a = time_a + dmin_a, where
//     dmin_a = min(dwell_standard_a, dwell_aeo_a). Uncapacitated arcs keep t0_a
//     whatever the flow. An arc in some resource of capacity cap_a > 0 gets a
//     conical delay (Spiess 1990, alpha = kConicalAlpha): t(cap) = 2 t0, and past
//     capacity the delay keeps growing linearly (a queue) instead of the LP's hard
//     bound. An arc in several resources uses the smallest capacity;
//   * per-class fixed cost (the solver's link fee, USD/t):
//       fee_ka = money_a + vot_k * (dwell_ka - dmin_a) + charge_a
//     with dwell_ka the AEO-weighted dwell (model::Network::DwellHours) and
//     charge_a an optional congestion charge (below), so that
//       c_ka(X) = vot_k t_a(X) + fee_ka = GeneralisedCost(k, a) + vot_k (t_a(X) - t0_a) + charge_a;
//   * allowed links: the commodity's modes (CommodityMayUse);
//   * closed resources (capacity 0): their arcs are removed for every class
//     (not allowed), since a conical delay with capacity 0 would mean "no
//     congestion" rather than "closed".
//
// Shared capacities. The assignment Network has one delay per link and its
// flow; a resource over several arcs (a crossing's gate arcs from both sides, a
// two-way transfer) is therefore modelled by a delay on each arc with the
// joint capacity as that arc's capacity. This under-states congestion when a
// crossing's flow is split over several gate arcs (each sees only its part);
// a shared-flow delay would need the solver to sum flows over arc sets. The
// capacitated model's side constraints are joint (summed over the resource's
// arcs), so its capacities and queues are exact whatever the split.
//
// Two equilibrium models (CorridorOptions::model):
//   * kCapacitated (default): the side-constrained equilibrium of capacitated.h.
//     Every resource of the network with a finite capacity (whatever its kind:
//     crossings, links, transfers, any resource model::Network defines) is a
//     side constraint S_r <= cap_r over its arcs, as in the routing LP; the
//     conical delays stay as congestion below capacity, and the multiplier
//     mu_r of a saturated resource is its queue in hours, which commodity k
//     pays at VOT_k (queue cost per tonne = VOT_k mu_r). Demand may stay home
//     at its commodity's unserved penalty (USD/t, as in the LP), so it is never
//     forced through a full crossing. The answer carries the certificate of
//     capacity_check.h.
//   * kUncapacitated: the plain UE with conical delays only; over-used
//     capacities show as delays (utilisation > 100%), kept for comparison.
// In both, a demand row with no open, allowed path (checked by a search from
// its source that never passes a centroid) is unserved "no route" and left out
// of the assignment.
//
// Measures of an assignment (EvaluateCorridor), all with the congested times
// and without charges:
//   generalised cost = sum_k sum_a x_ka (money_a + VOT_k h_ka) + sum p_k unserved_k,
//   h_ka = t_a(X_a) + dwell_ka - dmin_a + q_a (hours a tonne of k spends on a),
//   q_a = sum of the queues mu_r of a's resources (0 when none is passed), and
//   unserved tonnes (no route or left at the penalty) at their penalty p_k;
//   average time = sum x_ka h_ka / served tonnes; tonne-km = sum x_ka km_a.
//
// Marginal-cost (congestion) charge, USD/t, the toll that internalises the
// delay a tonne imposes on everyone else on the arc:
//   m_a = t'_a(X_a) * sum_k VOT_k x_ka  =  X_a t'_a(X_a) * vbar_a,
// vbar_a the flow-weighted average value of time on a. In the capacitated
// model a saturated resource adds the toll that would replace its queue,
//   sum_{r ni a} vbar_r mu_r,   vbar_r = sum_{a in r} sum_k VOT_k x_ka / S_r
// (exact for one commodity; for several, a money toll rations by willingness
// to pay where a queue rations by value of time). A crossing's charge is the
// flow-weighted average of the arc charges over its gate arcs.
//
// Congested system optimum. The SO of the same problem minimises the
// generalised cost above; its optimality conditions are a UE whose links carry
// charges equal to their marginal-cost charges at that flow. It is approached by
// marginal-cost pricing with averaged charges (method of successive averages):
//   tau^0 = 0;  x^r = UE(tau^r);  tau^{r+1} = tau^r + (m(x^r) - tau^r) / (r + 1),
// keeping the x^r of least generalised cost. In the capacitated model UE is the
// capacitated equilibrium, m includes the queue-replacing toll, and x^r is
// costed without its queues (a planner allots the capacity instead of letting
// freight wait). Each x^r is feasible (all demand served or unserved at its
// penalty, capacities kept in the capacitated model), so its cost is an upper
// bound on the congested SO cost, and
//   price of anarchy >= cost(UE) / cost(best x^r)
// (reported as a lower bound; with exact convergence of the pricing it is the
// price of anarchy itself).
#pragma once

#include <span>
#include <string>
#include <vector>

#include "assignment/capacitated.h"
#include "assignment/capacity_check.h"
#include "assignment/equilibrium.h"
#include "assignment/network.h"
#include "core/status.h"
#include "model/network.h"

namespace corridor::assignment {

inline constexpr double kConicalAlpha = 4.0;
inline constexpr double kMinValueOfTime = 1e-6;  // USD/(t h)

struct CorridorProblem {
  Network network;                   // link a = arc a
  std::vector<DemandClass> classes;  // class k = commodity k; fees without charges
  std::vector<double> min_dwell_h;   // dmin_a, per arc
  std::vector<char> demand_served;   // per model::Network::demand row: 1 if routable
  // Per model::Network resource (same index): its arcs and capacity; a resource
  // without a finite capacity has no arcs here.
  std::vector<SideConstraint> capacities;
  std::vector<double> unserved_penalty_usd;  // per class (commodity), USD/t
};

// Fails (InvalidInput) only when the network data is rejected by Network::Build
// (negative times or capacities).
Result<CorridorProblem> BuildCorridorProblem(const model::Network& net);

struct CorridorMeasures {
  double generalised_cost_usd = 0.0;
  double money_usd = 0.0;
  double time_value_usd = 0.0;
  double demand_t = 0.0;
  double served_t = 0.0;
  double unserved_t = 0.0;           // no route + at the penalty
  double unserved_no_route_t = 0.0;
  double unserved_at_penalty_t = 0.0;
  double penalty_usd = 0.0;           // unserved tonnes at their penalty
  double queue_value_usd = 0.0;       // part of time_value_usd spent in queues
  double avg_time_h = 0.0;  // NaN when nothing is served
  double tonne_km = 0.0;
};

// `queue_h` is empty (no queues) or one queue mu_r per resource; `unserved`
// lists demand left at the penalty (assignment node ids: source and sink vnodes).
CorridorMeasures EvaluateCorridor(const model::Network& net, const CorridorProblem& problem,
                                  const Solution& solution, std::span<const double> queue_h = {},
                                  std::span<const UnservedDemand> unserved = {});

// m_a per arc (USD/t), see above; with `queue_h` (one per resource) including
// the queue-replacing toll.
std::vector<double> MarginalCharges(const model::Network& net, const CorridorProblem& problem,
                                    const Solution& solution, std::span<const double> queue_h = {});

// The classes with `charge_usd_per_t[a]` added to every class's fee on arc a.
std::vector<DemandClass> ChargedClasses(const CorridorProblem& problem,
                                        std::span<const double> charge_usd_per_t);

struct CrossingLoad {
  CrossingId crossing;
  double flow_t = 0.0;
  double capacity_t = 0.0;
  double utilisation = 0.0;       // flow / capacity; > 1 only in the uncapacitated model
  double delay_h = 0.0;           // congestion delay: flow-weighted t_a(X) - t0_a over the gate arcs
  double queue_h = 0.0;           // capacitated model: mu_r, the queue that rations the crossing
  // Per commodity: VOT_k * queue_h; NaN for commodities that may not use the crossing.
  std::vector<double> queue_cost_usd_per_t;
  double marginal_charge_usd_per_t = 0.0;
};

enum class EquilibriumModel { kCapacitated, kUncapacitated };
const char* EquilibriumModelName(EquilibriumModel model);  // "capacitated", "uncapacitated"

struct CorridorOptions {
  Options solver;          // of every UE solve
  int pricing_rounds = 8;  // >= 0; 0 skips the congested SO
  EquilibriumModel model = EquilibriumModel::kCapacitated;
  double capacity_tolerance = 1e-6;  // relative, of the capacitated model and its certificate
  int max_outer_iterations = 100;
};

// Resources with a positive queue at the capacitated UE (every kind).
struct QueueRow {
  int resource = 0;  // model::Network resource index
  double flow_t = 0.0;
  double capacity_t = 0.0;
  double queue_h = 0.0;
};

struct CorridorEquilibrium {
  EquilibriumModel model = EquilibriumModel::kCapacitated;
  Solution ue;  // ue.stop_reason is the outer loop's in the capacitated model
  CorridorMeasures ue_measures;
  // Capacitated model only (empty or zero otherwise).
  std::vector<double> queue_h;         // mu_r per resource
  std::vector<QueueRow> queues;        // resources with mu_r > 0, longest queue first
  std::vector<UnservedDemand> unserved_at_penalty;
  CapacityCertificate certificate;     // checked independently of the solver
  int outer_iterations = 0;
  int inner_iterations = 0;            // Algorithm B iterations over all outer iterations
  double relative_gap = 0.0;           // including queues and penalties
  double max_violation = 0.0;          // relative
  std::vector<double> marginal_charge_usd_per_t;  // m(UE), per arc
  std::vector<CrossingLoad> crossings;            // every capacitated, open crossing
  // Congested SO by marginal-cost pricing; so_log[r] = generalised cost of x^r
  // (so_log[0] is the UE). so_* describe the best x^r.
  std::vector<double> so_log_usd;
  Solution so;
  CorridorMeasures so_measures;
  double price_of_anarchy_lower_bound = 1.0;
};

// Errors: those of Solve (bad options).
Result<CorridorEquilibrium> SolveCorridorEquilibrium(const model::Network& net,
                                                     const CorridorProblem& problem,
                                                     const CorridorOptions& options);

}  // namespace corridor::assignment
