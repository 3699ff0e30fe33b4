// Key figures of a routing solution: totals, the ranked bottleneck list and the use of
// every crossing. Pure functions of (network, solution); no I/O.
#pragma once

#include <string>
#include <vector>

#include "core/ids.h"
#include "model/names.h"
#include "model/network.h"
#include "routing/system_optimum.h"  // data types only; no link dependency

namespace corridor::analysis {

struct Kpis {
  double generalised_cost_usd = 0.0;  // money + time value + unserved penalty
  double money_usd = 0.0;
  double time_value_usd = 0.0;
  double penalty_usd = 0.0;
  double demand_t = 0.0;
  double served_t = 0.0;
  double unserved_t = 0.0;
  double served_value_usd = 0.0;      // trade value of the served tonnes
  double unserved_value_usd = 0.0;
  double tonne_km = 0.0;
  double avg_transit_time_h = 0.0;    // tonne-weighted over served tonnes; 0 if none
};

// Which demand a figure covers: the study's trade, or the background traffic that
// shares its capacities (commodities flagged background).
enum class Traffic { kStudy, kBackground };

// Totals of one traffic class. The study's cost figures are the solution's totals
// minus those of the background commodities, so without background traffic they are
// the objective's parts exactly.
Kpis ComputeKpis(const model::Network& net, const routing::Solution& sol,
                 Traffic traffic = Traffic::kStudy);
bool HasBackground(const model::Network& net);

// Use of one capacity: what the dataset states (before preloads), the preloads taken
// off, and the routed flow of the study's trade and of the background commodities.
struct ResourceUse {
  double capacity_t = 0.0;     // nominal, per year
  double preload_t = 0.0;      // fixed background (background.csv)
  double study_t = 0.0;        // routed study trade
  double background_t = 0.0;   // routed background commodities
  double flow_t = 0.0;         // study + background + preload
  double utilisation = 0.0;    // flow / capacity (0 when both are 0)
  // The preload as counted in flow_t: at most the capacity it was taken off (an excess
  // is reported by validation, not carried).
  double counted_preload_t() const { return flow_t - study_t - background_t; }
};
std::vector<ResourceUse> ResourceUsage(const model::Network& net, const routing::Solution& sol);

// Routed flow of the background commodities on every arc (all zeros without any).
std::vector<double> BackgroundArcFlow(const model::Network& net, const routing::Solution& sol);

// A binding (or closed) capacity, ranked by what one more unit is worth.
struct Bottleneck {
  ResourceId resource;
  std::string label;       // "crossing ZAB_MZL_RAIL"
  std::string name;        // display name, "Zabaikalsk–Manzhouli (rail)" (model/names.h)
  model::ResourceKind kind;
  std::string element_id;  // the link, crossing or transfer id
  double capacity_t = 0.0;   // nominal (before preloads)
  double flow_t = 0.0;       // study + background + preload
  double background_t = 0.0; // routed background + preload (part of flow_t)
  double utilisation = 0.0;
  double shadow_price_usd_per_t = 0.0;
  // What +1 Mt/year of capacity saves per year. The dual price is the value of the last
  // tonne of capacity; where another capacity binds right behind this one (a degenerate
  // optimum) adding capacity saves less, so when the resource was ranged the saving
  // measured by re-solving is used instead (saving_from_resolve says which).
  double saving_usd_per_mt = 0.0;
  // Scarcity rent: price x the capacity left to routed freight, USD/year; to first order
  // what 10 % more capacity would save, times ten. It compares capacities of any size
  // (a 50 kt lane and a 144 Mt trunk) on the same scale, and orders the list.
  double rent_usd = 0.0;
  bool saving_from_resolve = false;
  bool ranged = false;
  double price_holds_for_t = 0.0;
  double resolved_saving_usd_per_t = 0.0;
};

// Resources with a positive shadow price, largest scarcity rent first (then by
// saving_usd_per_mt, price and label). Closed capacities (0 left) rent nothing and come
// after the binding ones, by what reopening them is worth.
std::vector<Bottleneck> RankBottlenecks(const model::Network& net, const routing::Solution& sol,
                                        double min_price_usd_per_t = 1e-9);

struct CrossingUse {
  CrossingId crossing;
  std::string id;
  std::string name;  // display name (model/names.h)
  std::string node;
  double flow_t = 0.0;            // all traffic: study + background + preload
  double background_t = 0.0;      // routed background + preload (part of flow_t)
  double capacity_t = 0.0;        // +inf when unlimited; nominal (before preloads)
  double utilisation = 0.0;       // 0 when unlimited
  double shadow_price_usd_per_t = 0.0;
  double open_fraction = 1.0;
};

// Every crossing, busiest first.
std::vector<CrossingUse> CrossingUsage(const model::Network& net, const routing::Solution& sol);

std::string ElementId(const model::Network& net, model::ResourceKind kind, std::int32_t element);
// The display name of a resource's element: a link's or crossing's name (model/names.h),
// "transfer at Zabaikalsk (rail 1520 mm → rail 1435 mm)", a defined resource's name.
std::string ElementName(const model::Network& net, const model::DisplayNames& names,
                        model::ResourceKind kind, std::int32_t element);

}  // namespace corridor::analysis
