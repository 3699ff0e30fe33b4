// One element through one replication: the event loop of a multi-server queue.
#pragma once

#include "sim/model.h"

namespace corridor::sim {

// Simulates `element` for the warm-up and the period of `options`, drawing from the
// streams of (options.seed, replication, element.id). Never loops forever: the clock
// stops at the horizon whatever the queue holds.
ElementRun SimulateElement(const Element& element, const Options& options, int replication);

}  // namespace corridor::sim
