// Re-solving one system optimum many times after changes of capacities and demand
// (risk draws, what-if sweeps), warm-started from the base optimum's basis.
//
// The arc LP of system_optimum.h is built once for the network. A change sets the
// capacity row bounds (what the solver sees, i.e. net of preloads) and moves demand:
// a demand row's new tonnes shift the supply of its source and sink rows and the
// unserved column's upper bound, so the LP keeps its shape and the base basis stays
// dual feasible; the dual simplex from it needs few pivots. Each Solve loads the
// base model into its own solver, applies the change and (warm) sets the base basis,
// so an outcome depends only on (network, change, warm): the same on any thread, in
// any order, on any MPI rank. A capacity or demand of the network itself is never
// changed. Outcomes carry the LP figures only (no block flows, no checker); a caller
// that needs a certified answer solves the changed network with SolveSystemOptimum.
#pragma once

#include <memory>
#include <vector>

#include "core/status.h"
#include "model/network.h"
#include "routing/system_optimum.h"

namespace corridor::routing {

struct Change {
  std::vector<double> capacity_t;  // per resource: the capacity the solver sees (>= 0)
  std::vector<double> demand_t;    // per Network::demand row (>= 0)
};

struct Outcome {
  SolveStatus status = SolveStatus::kNumericalFailure;
  double objective_usd = 0.0;  // generalised cost + penalties
  double penalty_usd = 0.0;
  std::vector<double> unserved_t;       // per demand row
  std::vector<double> resource_flow_t;  // per resource (0 for resources no block uses)
  std::vector<double> shadow_price;     // per resource, USD per t of yearly capacity
  int iterations = 0;
  double seconds = 0.0;
};

class Resolver {
 public:
  // Builds the arc LP of `net` (which must outlive the Resolver) and solves it; the
  // base outcome's status says whether that worked. InvalidInput as SolveSystemOptimum.
  static Result<Resolver> Create(const model::Network& net, double time_limit_s = 600.0);

  Resolver(Resolver&&) noexcept;
  Resolver& operator=(Resolver&&) noexcept;
  ~Resolver();

  const Outcome& base() const;
  // The network's own capacities and demand (the base change).
  Change BaseChange() const;
  // A solver of one thread's draws kept loaded between them: a warm Solve through it
  // restores the bounds the previous change moved instead of loading the model again.
  class Workspace {
   public:
    Workspace();
    ~Workspace();
    Workspace(Workspace&&) noexcept;
    Workspace& operator=(Workspace&&) noexcept;

   private:
    friend class Resolver;
    struct State;
    std::unique_ptr<State> state_;
  };

  // Solves with `change` applied, from the base basis when `warm`, from scratch
  // otherwise (a fresh solver: `workspace` is then not used). Thread-safe for distinct
  // workspaces (const, no shared mutable state). InvalidInput when the change has the
  // wrong sizes or a negative or non-finite entry (a capacity may be +infinity).
  Result<Outcome> Solve(const Change& change, bool warm, double time_limit_s = 600.0,
                        Workspace* workspace = nullptr) const;

 private:
  struct Impl;
  explicit Resolver(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace corridor::routing
