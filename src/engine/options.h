// The settings a user gives a solve or an assignment, one table for every front end:
// the CLI's flags (--help and docs/cli.md) and the HTTP API's "options" object
// (docs/http_api.md) take their names, defaults and ranges from here, so the two
// cannot drift apart, and both record the same option list in the run record.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "assignment/corridor.h"
#include "core/status.h"
#include "risk/run.h"
#include "routing/system_optimum.h"

namespace corridor::engine {

struct NumberOption {
  const char* flag;  // CLI flag
  const char* key;   // API option name and run-record name
  const char* unit;
  double default_value;
  double min;
  double max;
  const char* help;
};

inline constexpr NumberOption kTimeLimit{"--time-limit", "time_limit_s", "s", 600, 0.001, 86400,
                                         "wall-clock limit of the solve"};
inline constexpr NumberOption kRanging{
    "--ranging", "ranging", "resources", 10, 0, 1000,
    "binding capacities whose price range is found by re-solving"};
inline constexpr NumberOption kGapTolerance{"--gap-tolerance", "gap_tolerance", "relative", 1e-7,
                                            1e-12, 1e-2,
                                            "largest proven optimality gap accepted as optimal"};

inline constexpr NumberOption kGap{"--gap", "gap", "relative", 1e-7, 1e-14, 1,
                                   "stop the equilibrium when its relative gap is at most this"};
inline constexpr NumberOption kMaxIterations{"--max-iterations", "max_iterations", "iterations",
                                             10000, 0, 1e7, "limit of equilibrium iterations"};
inline constexpr NumberOption kAssignTimeLimit{"--time-limit", "time_limit_s", "s", 600, 0.001,
                                               86400, "wall-clock limit of each equilibrium solve"};
inline constexpr NumberOption kThreads{
    "--threads", "threads", "threads", 1, 1, 256,
    "threads of the equilibrium's shortest paths and bush updates"};
inline constexpr NumberOption kPricingRounds{
    "--pricing-rounds", "pricing_rounds", "rounds", 8, 0, 1000,
    "marginal-cost pricing rounds towards the congested system optimum (0 = none)"};

// Risk runs (corridor risk, POST /v1/risk-runs).
inline constexpr NumberOption kDraws{"--draws", "draws", "draws", 1000, 1, 1e7,
                                     "joint disruptions drawn and re-solved"};
inline constexpr NumberOption kSeed{"--seed", "seed", "seed", 1, 0, 9007199254740991.0,
                                    "seed of the draws (draw i is seeded by seed and i)"};
inline constexpr NumberOption kRiskThreads{"--threads", "threads", "threads", 1, 1, 256,
                                           "threads solving draws at once"};
inline constexpr NumberOption kBatch{"--batch", "batch", "draws", 256, 1, 1e6,
                                     "draws between stopping checks and MPI exchanges (rounded up to whole chunks of 16)"};
inline constexpr NumberOption kPrecision{
    "--precision", "precision", "relative", 0, 0, 1,
    "stop early when the mean cost's standard error is at most this share of it (0 = off)"};
inline constexpr NumberOption kCheckDraws{
    "--check-draws", "check_draws", "draws", 2, 0, 1000,
    "costliest draws re-solved from scratch and certified by the answer checker"};
inline constexpr NumberOption kDrawTimeLimit{"--draw-time-limit", "draw_time_limit_s", "s", 60,
                                             0.001, 86400, "wall-clock limit of each draw's solve"};

// InvalidInput "<key> must be between <min> and <max>, got <value>" (or not a number).
Status CheckRange(const NumberOption& option, double value);

// A routing solve as the user asked for it.
struct SolveSettings {
  std::string method = "auto";  // auto, lp or cg
  double time_limit_s = kTimeLimit.default_value;
  double gap_tolerance = kGapTolerance.default_value;
  int ranging = static_cast<int>(kRanging.default_value);
  bool check = true;

  Status Validate() const;  // method name and every range
  routing::Options ToOptions() const;
  std::vector<std::pair<std::string, std::string>> Record() const;
};

// An equilibrium assignment as the user asked for it.
struct AssignSettings {
  // "capacitated" (side-constrained: capacities hold, saturated ones queue) or
  // "uncapacitated" (conical delays only, for comparison).
  std::string equilibrium = "capacitated";
  double gap = kGap.default_value;
  int max_iterations = static_cast<int>(kMaxIterations.default_value);
  double time_limit_s = kAssignTimeLimit.default_value;
  int threads = static_cast<int>(kThreads.default_value);
  int pricing_rounds = static_cast<int>(kPricingRounds.default_value);

  Status Validate() const;
  assignment::CorridorOptions ToOptions() const;
  std::vector<std::pair<std::string, std::string>> Record() const;
};

// A risk run as the user asked for it.
struct RiskSettings {
  std::int64_t draws = static_cast<std::int64_t>(kDraws.default_value);
  std::int64_t seed = static_cast<std::int64_t>(kSeed.default_value);
  int threads = static_cast<int>(kRiskThreads.default_value);
  std::int64_t batch = static_cast<std::int64_t>(kBatch.default_value);
  double precision = kPrecision.default_value;
  int check_draws = static_cast<int>(kCheckDraws.default_value);
  double draw_time_limit_s = kDrawTimeLimit.default_value;
  bool cold = false;  // every draw from scratch instead of from the base basis

  Status Validate() const;  // every range
  risk::Options ToOptions() const;
  std::vector<std::pair<std::string, std::string>> Record() const;
};

}  // namespace corridor::engine
