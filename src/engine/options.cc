#include "engine/options.h"

#include <fmt/format.h>

#include <cmath>

namespace corridor::engine {

Status CheckRange(const NumberOption& option, double value) {
  if (!std::isfinite(value) || value < option.min || value > option.max) {
    return InvalidInput(fmt::format("{} must be between {} and {}, got {}", option.key, option.min,
                                    option.max, value));
  }
  return Status::Ok();
}

namespace {

Status FirstError(std::initializer_list<Status> checks) {
  for (const Status& s : checks) {
    if (!s.ok()) return s;
  }
  return Status::Ok();
}

}  // namespace

Status SolveSettings::Validate() const {
  if (method != "auto" && method != "lp" && method != "cg") {
    return InvalidInput("method must be auto, lp or cg, got '" + method + "'");
  }
  return FirstError({CheckRange(kTimeLimit, time_limit_s), CheckRange(kGapTolerance, gap_tolerance),
                     CheckRange(kRanging, ranging)});
}

routing::Options SolveSettings::ToOptions() const {
  routing::Options o;
  o.method = method == "lp"   ? routing::Method::kLp
             : method == "cg" ? routing::Method::kColumnGeneration
                              : routing::Method::kAuto;
  o.time_limit_s = time_limit_s;
  o.check = check;
  o.check_gap_tolerance = gap_tolerance;
  o.ranging_top_n = ranging;
  return o;
}

std::vector<std::pair<std::string, std::string>> SolveSettings::Record() const {
  return {{"method", method},
          {kTimeLimit.key, fmt::format("{}", time_limit_s)},
          {kGapTolerance.key, fmt::format("{}", gap_tolerance)},
          {kRanging.key, std::to_string(ranging)},
          {"check", check ? "on" : "off"}};
}

Status AssignSettings::Validate() const {
  if (equilibrium != "capacitated" && equilibrium != "uncapacitated") {
    return InvalidInput("equilibrium must be capacitated or uncapacitated, got '" + equilibrium +
                        "'");
  }
  return FirstError({CheckRange(kGap, gap), CheckRange(kMaxIterations, max_iterations),
                     CheckRange(kAssignTimeLimit, time_limit_s), CheckRange(kThreads, threads),
                     CheckRange(kPricingRounds, pricing_rounds)});
}

assignment::CorridorOptions AssignSettings::ToOptions() const {
  assignment::CorridorOptions o;
  o.solver.target_relative_gap = gap;
  o.solver.max_iterations = max_iterations;
  o.solver.time_limit_seconds = time_limit_s;
  o.solver.threads = threads;
  o.pricing_rounds = pricing_rounds;
  o.model = equilibrium == "uncapacitated" ? assignment::EquilibriumModel::kUncapacitated
                                           : assignment::EquilibriumModel::kCapacitated;
  return o;
}

std::vector<std::pair<std::string, std::string>> AssignSettings::Record() const {
  return {{"equilibrium", equilibrium},
          {kGap.key, fmt::format("{}", gap)},
          {kMaxIterations.key, std::to_string(max_iterations)},
          {kAssignTimeLimit.key, fmt::format("{}", time_limit_s)},
          {kThreads.key, std::to_string(threads)},
          {kPricingRounds.key, std::to_string(pricing_rounds)}};
}

Status RiskSettings::Validate() const {
  return FirstError({CheckRange(kDraws, static_cast<double>(draws)),
                     CheckRange(kSeed, static_cast<double>(seed)), CheckRange(kRiskThreads, threads),
                     CheckRange(kBatch, static_cast<double>(batch)),
                     CheckRange(kPrecision, precision), CheckRange(kCheckDraws, check_draws),
                     CheckRange(kDrawTimeLimit, draw_time_limit_s)});
}

risk::Options RiskSettings::ToOptions() const {
  risk::Options o;
  o.draws = draws;
  o.seed = static_cast<std::uint64_t>(seed);
  o.threads = threads;
  o.batch = batch;
  o.precision = precision;
  o.draw_time_limit_s = draw_time_limit_s;
  o.warm = !cold;
  return o;
}

std::vector<std::pair<std::string, std::string>> RiskSettings::Record() const {
  return {{kDraws.key, std::to_string(draws)},
          {kSeed.key, std::to_string(seed)},
          {kRiskThreads.key, std::to_string(threads)},
          {kBatch.key, std::to_string(batch)},
          {kPrecision.key, fmt::format("{}", precision)},
          {kCheckDraws.key, std::to_string(check_draws)},
          {kDrawTimeLimit.key, fmt::format("{}", draw_time_limit_s)},
          {"warm_start", cold ? "false" : "true"}};
}

}  // namespace corridor::engine
