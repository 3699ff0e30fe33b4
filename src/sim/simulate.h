// Replications of a model, on threads, and their summary with 95 % intervals.
#pragma once

#include <functional>

#include "core/status.h"
#include "sim/model.h"

namespace corridor::sim {

// Progress (fraction done) and cancellation; both optional.
struct Control {
  std::function<void(double)> on_progress;
  std::function<bool()> cancelled;  // polled between (element, replication) tasks
};

// Checks the model and options: rates and service times finite and >= 0, servers
// >= 0, factors in [0, 1], at most kMaxBatches expected arrivals per replication.
Status CheckModel(const Model& model, const Options& options);
inline constexpr double kMaxBatches = 5e7;

// Runs options.replications replications of every element. The (element,
// replication) tasks are independent and written to their own slot, so the result is
// identical for any options.threads. Cancelled when control.cancel is set.
Result<SimResult> Simulate(const Model& model, const Options& options, const Control& control = {});

// Offered load of an element: arrivals x mean service / servers (at full capacity).
double OfferedLoad(const Element& element);

}  // namespace corridor::sim
