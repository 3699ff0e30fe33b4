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
// a shared-flow delay would need the solver to sum flows over arc sets.
//
// Unserved demand. The UE has no unserved option: a demand row with no open,
// allowed path (checked by a search from its source that never passes a
// centroid) is reported as unserved and left out; everything else is assigned,
// and over-used capacities show up as queues (utilisation > 100%).
//
// Measures of an assignment (EvaluateCorridor), all with the congested times
// and without charges:
//   generalised cost = sum_k sum_a x_ka (money_a + VOT_k h_ka),
//   h_ka = t_a(X_a) + dwell_ka - dmin_a (hours a tonne of k spends on a);
//   average time = sum x_ka h_ka / served tonnes; tonne-km = sum x_ka km_a.
//
// Marginal-cost (congestion) charge, USD/t, the toll that internalises the
// delay a tonne imposes on everyone else on the arc:
//   m_a = t'_a(X_a) * sum_k VOT_k x_ka  =  X_a t'_a(X_a) * vbar_a,
// vbar_a the flow-weighted average value of time on a. A crossing's charge is
// the flow-weighted average of m_a over its gate arcs.
//
// Congested system optimum. The SO of the same problem minimises the
// generalised cost above; its optimality conditions are a UE whose links carry
// charges equal to their marginal-cost charges at that flow. It is approached by
// marginal-cost pricing with averaged charges (method of successive averages):
//   tau^0 = 0;  x^r = UE(tau^r);  tau^{r+1} = tau^r + (m(x^r) - tau^r) / (r + 1),
// keeping the x^r of least generalised cost. Each x^r serves all the demand, so
// its cost is an upper bound on the congested SO cost, and
//   price of anarchy >= cost(UE) / cost(best x^r)
// (reported as a lower bound; with exact convergence of the pricing it is the
// price of anarchy itself).
#pragma once

#include <span>
#include <string>
#include <vector>

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
  double unserved_t = 0.0;
  double avg_time_h = 0.0;  // NaN when nothing is served
  double tonne_km = 0.0;
};

CorridorMeasures EvaluateCorridor(const model::Network& net, const CorridorProblem& problem,
                                  const Solution& solution);

// m_a per arc (USD/t), see above.
std::vector<double> MarginalCharges(const model::Network& net, const CorridorProblem& problem,
                                    const Solution& solution);

// The classes with `charge_usd_per_t[a]` added to every class's fee on arc a.
std::vector<DemandClass> ChargedClasses(const CorridorProblem& problem,
                                        std::span<const double> charge_usd_per_t);

struct CrossingLoad {
  CrossingId crossing;
  double flow_t = 0.0;
  double capacity_t = 0.0;
  double utilisation = 0.0;       // flow / capacity; > 1 is a queue
  double queue_delay_h = 0.0;     // flow-weighted t_a(X) - t0_a over the gate arcs
  double marginal_charge_usd_per_t = 0.0;
};

struct CorridorOptions {
  Options solver;          // of every UE solve
  int pricing_rounds = 8;  // >= 0; 0 skips the congested SO
};

struct CorridorEquilibrium {
  Solution ue;
  CorridorMeasures ue_measures;
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
