// Drawing joint disruptions from a risk model, matched to one network.
//
// Every random number of draw i comes from a stream of its own per event and per
// demand shock, seeded by (seed, i, the event's id) through SplitMix64: a draw can be
// reproduced alone from its index, the draws do not depend on how they are split over
// threads or MPI ranks, and adding an event leaves the draws of the others as they were.
//
// Annual capacity. An event that happens with duration d days and capacity fraction f
// takes (1 - f) min(d, 365) / 365 of the year's capacity off every resource it hits;
// the losses of several events on one resource add up (they are taken not to overlap)
// and the resource keeps max(0, 1 - sum) of its stated capacity. The background
// preloads stay: the solver sees max(0, nominal x kept - preload).
#pragma once

#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

#include "core/status.h"
#include "model/network.h"
#include "risk/risk_model.h"
#include "routing/resolver.h"

namespace corridor::risk {

// SplitMix64 (Steele, Lea & Flood 2014): 64-bit state, one multiply-xorshift output.
class Rng {
 public:
  explicit Rng(std::uint64_t seed) : state_(seed) {}
  std::uint64_t Next();
  double Uniform();  // in [0, 1), 53 random bits

 private:
  std::uint64_t state_;
};

// The seed of one stream of draw `index`.
std::uint64_t StreamSeed(std::uint64_t seed, std::int64_t index, std::string_view stream);
double Sample(const Distribution& d, Rng& rng);

struct ResolvedEvent {
  int parent = -1;  // index into events
  double probability = 0.0;
  double capacity_fraction = 0.0;
  std::vector<std::int32_t> resources;  // hit, sorted, unique
  std::optional<Distribution> duration_days;
};

struct ResolvedShock {
  int parent = -1;
  double probability = 0.0;
  std::vector<std::int32_t> demand_rows;  // Network::demand indices
  Distribution factor;
};

struct ResolvedRisk {
  const RiskModel* model = nullptr;
  std::vector<ResolvedEvent> events;  // parallel to model->events
  std::vector<ResolvedShock> shocks;  // parallel to model->shocks
};

// Matches the model's elements to the network's resources and its commodities to the
// demand rows. Located errors: an unknown element, group member or commodity, and an
// element without a finite capacity (a disruption cannot reduce it).
Result<ResolvedRisk> Resolve(const RiskModel& model, const model::Network& net,
                             Diagnostics& diags);

struct Draw {
  std::int64_t index = 0;
  std::uint64_t seed = 0;                 // StreamSeed(seed, index, "")
  std::vector<std::int32_t> events;        // that happened, in model order
  std::vector<double> duration_days;       // parallel to events
  std::vector<std::int32_t> shocks;        // that happened
  std::vector<std::pair<std::int32_t, double>> capacity_kept;  // resource -> share kept
  std::vector<std::pair<std::int32_t, double>> demand_factor;  // demand row -> factor
};

Draw SampleDraw(const ResolvedRisk& risk, std::uint64_t seed, std::int64_t index);

// The solver's capacities and demand for a draw, from the network's base ones.
routing::Change ToChange(const Draw& draw, const model::Network& net, routing::Change base);

}  // namespace corridor::risk
