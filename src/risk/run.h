// The Monte Carlo loop: draw, re-solve, record (docs/architecture.md, "Risk").
//
// Draws are solved in chunks of Options::chunk consecutive indices: one solver, loaded
// afresh at the chunk's first draw, solves its draws in index order, each from the
// base basis (a loaded solver re-solves in a fraction of the time of a fresh one, but
// its pivots depend on the draws it solved before). Chunk c goes to rank c mod ranks
// (Partition; one process has rank 0 of 1) and, on that rank, to the next free
// thread, so each outcome depends only on (network, risk model, seed, its chunk):
// the outcomes, and every statistic computed from them in index order, are the same
// bit for bit for any number of threads and ranks. Batches of Options::batch draws
// (rounded up to whole chunks) bound the work between exchanges. After each batch the
// ranks exchange their outcomes (every rank then holds all of them) and the stopping
// rule is checked on the prefix done so far: stop when Options::precision > 0 and the
// standard error of the mean generalised cost is at most precision x the mean.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "core/status.h"
#include "model/network.h"
#include "risk/sample.h"
#include "routing/resolver.h"

namespace corridor::risk {

struct Options {
  std::int64_t draws = 1000;
  std::uint64_t seed = 1;
  int threads = 1;
  bool warm = true;               // from the base basis (false: every draw from scratch)
  double precision = 0.0;         // relative standard error of the mean cost; 0 = off
  std::int64_t batch = 256;       // draws between stopping checks and exchanges
  std::int64_t chunk = 16;        // draws one loaded solver solves in a row
  double draw_time_limit_s = 60;  // per draw
  double binding_price_usd = 1e-6;  // a resource binds in a draw when its price is above
};

struct DrawOutcome {
  std::int64_t index = 0;
  std::uint64_t seed = 0;
  routing::SolveStatus status = routing::SolveStatus::kNumericalFailure;
  double cost_usd = 0.0;            // generalised cost + penalties (the LP optimum)
  double unserved_t = 0.0;          // the study's trade (background commodities excluded)
  double unserved_value_usd = 0.0;  // the study's trade, at each commodity's value per t
  int iterations = 0;
  double seconds = 0.0;
  std::vector<std::int32_t> events;  // that happened
  std::vector<std::int32_t> shocks;
  std::vector<std::int32_t> hit;     // resources whose capacity the draw reduced
  std::vector<std::pair<std::int32_t, double>> prices;  // binding resources: price > tolerance

  bool ok() const { return status == routing::SolveStatus::kOptimal; }
};

// Flat form of outcomes for an exchange between processes (doubles only; integers up
// to 2^53 are exact).
std::vector<double> Serialize(const std::vector<DrawOutcome>& outcomes);
Result<std::vector<DrawOutcome>> Deserialize(const std::vector<double>& flat);

struct Partition {
  int rank = 0;
  int ranks = 1;
  // Given this rank's outcomes of a batch, returns every rank's (any order). Empty =
  // one process.
  std::function<std::vector<DrawOutcome>(std::vector<DrawOutcome>)> exchange;
};

struct Progress {
  std::function<void(std::int64_t done, std::int64_t total)> report;  // after each batch
  std::function<bool()> cancelled;  // checked between draws
};

struct RunOutput {
  std::vector<DrawOutcome> draws;  // in index order: 0 .. n-1
  bool stopped_early = false;      // the precision was reached before Options::draws
  bool cancelled = false;
};

// A draw solved again, cold, by the ordinary solver with its answer checker.
struct CertifiedDraw {
  std::int64_t index = 0;
  bool passed = false;            // the checker passed and both optima agree
  double warm_objective_usd = 0.0;
  double checked_objective_usd = 0.0;
  double relative_gap = 0.0;      // the checker's Lagrangian gap
  std::vector<std::string> failures;
};

// One outcome (the draw's LP optimum) from the resolver for `draw`.
// Draws [first, last) solved in order by one freshly loaded solver (one chunk).
std::vector<DrawOutcome> SolveChunk(const routing::Resolver& resolver, const model::Network& net,
                                    const routing::Change& base, const ResolvedRisk& risk,
                                    const Options& options, std::int64_t first,
                                    std::int64_t last);

// `workspace` (optional) keeps one thread's solver loaded between draws.
DrawOutcome SolveDraw(const routing::Resolver& resolver, const model::Network& net,
                      const routing::Change& base, const Draw& draw, const Options& options,
                      routing::Resolver::Workspace* workspace = nullptr);

Result<RunOutput> RunDraws(const routing::Resolver& resolver, const model::Network& net,
                           const ResolvedRisk& risk, const Options& options,
                           const Partition& partition = {}, const Progress& progress = {});

}  // namespace corridor::risk
