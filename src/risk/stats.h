// Statistics of a risk run, computed from the draws in index order (so the same for
// any split over threads and ranks).
//
// Quantiles are of the empirical distribution: q_p = x_(ceil(p n)) (the smallest value
// with at least p n draws at or below it), with a distribution-free 95 % interval from
// the order statistics of ranks n p -/+ 1.96 sqrt(n p (1 - p)). VaR_95 = q_0.95;
// CVaR_95 is the Rockafellar-Uryasev estimate VaR + sum (x - VaR)+ / (n (1 - 0.95)),
// the mean of the worst 5 %, and its standard error the standard deviation of the
// terms VaR + (x - VaR)+ / 0.05 over sqrt(n). The mean's standard error is s / sqrt(n).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "model/network.h"
#include "risk/run.h"

namespace corridor::risk {

struct Summary {
  std::int64_t n = 0;
  double mean = 0.0, sd = 0.0, se_mean = 0.0;
  double min = 0.0, max = 0.0;
  double p5 = 0.0, p50 = 0.0, p95 = 0.0, p99 = 0.0;
  double p95_low = 0.0, p95_high = 0.0;  // 95 % interval of p95 (= VaR_95)
  double cvar95 = 0.0, se_cvar95 = 0.0;
};
Summary Summarise(std::vector<double> values);

// How one resource behaves over the draws.
struct ElementRisk {
  std::int32_t resource = 0;
  std::int64_t hits = 0;          // draws that reduced its capacity
  double p_hit = 0.0;
  double p_binds = 0.0;           // share of draws with a price above the tolerance
  double mean_price_usd = 0.0;    // expected shadow price (0 where it does not bind)
  double unserved_value_when_hit_usd = 0.0;      // mean over the draws that hit it
  double unserved_value_when_not_hit_usd = 0.0;  // mean over the others
  double cost_when_hit_usd = 0.0;       // mean generalised cost of the draws that hit it
  double cost_when_not_hit_usd = 0.0;   // of the others
};
// Every resource that some draw hit or found binding, ordered by expected unserved
// trade when hit, then (among those hit) by the excess cost of the draws that hit it
// over the others, then by p_binds and by expected price.
std::vector<ElementRisk> Criticality(const std::vector<DrawOutcome>& draws,
                                     std::size_t resource_count);

struct EventFrequency {
  std::int64_t happened = 0;
  double frequency = 0.0;           // happened / draws
  double marginal_probability = 0.0;  // product of the probabilities up its parents
};
std::vector<EventFrequency> EventFrequencies(const std::vector<DrawOutcome>& draws,
                                             const RiskModel& model);

struct RiskSummary {
  std::int64_t draws = 0, failed = 0;
  std::vector<std::int64_t> failed_indices;
  Summary cost, unserved_t, unserved_value;  // of the solved draws
  std::vector<ElementRisk> elements;
  std::vector<EventFrequency> events;
  double mean_iterations = 0.0, mean_seconds = 0.0;
};
RiskSummary Summarise(const std::vector<DrawOutcome>& draws, const RiskModel& model,
                      std::size_t resource_count);

// A measure's effect, draw by draw on the same draws (common random numbers): the
// paired difference measure - reference of cost and unserved trade value.
struct MeasureEffect {
  double delta_mean_cost_usd = 0.0, se_delta_cost_usd = 0.0;
  double delta_mean_unserved_value_usd = 0.0, se_delta_unserved_value_usd = 0.0;
  double delta_cvar95_unserved_value_usd = 0.0;
  double delta_cvar95_cost_usd = 0.0;
  std::int64_t paired = 0;  // draws solved in both
};
MeasureEffect CompareMeasure(const std::vector<DrawOutcome>& reference,
                             const std::vector<DrawOutcome>& measure);

}  // namespace corridor::risk
