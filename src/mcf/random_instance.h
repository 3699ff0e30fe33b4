// Seeded random instances for differential tests and growth benchmarks.
//
// A width x height grid with arcs both ways between neighbours (plus a few random
// chords), costs uniform in [1, 100], commodities between random nodes with origins
// drawn from a limited set (so blocks serve several commodities). Capacities are
// capacity_scale x (total demand / sqrt(nodes)) x U[0.5, 1.5]; a share of arcs is
// uncapacitated. With num_resources > 0, each resource joins the in-arcs of a random
// node (like a border crossing's gate arcs) with a capacity drawn as the arcs'. The
// same spec and seed always give the same instance.
#pragma once

#include <cstdint>

#include "mcf/instance.h"

namespace corridor::mcf {

struct RandomInstanceSpec {
  int width = 4;
  int height = 4;
  int chords = 4;                     // extra random arcs
  int num_commodities = 10;
  int num_origins = 4;                // distinct origins to draw from
  int num_classes = 1;                // > 1: own costs and ~80% of arcs allowed per class
  double capacity_scale = 1.0;        // smaller: tighter, possibly infeasible
  double uncapacitated_share = 0.2;
  double penalty_share = 0.0;         // share of commodities with an unserved penalty
  double penalty = 500.0;             // per unit
  int num_resources = 0;
};

Instance GenerateRandomInstance(const RandomInstanceSpec& spec, std::uint64_t seed);

}  // namespace corridor::mcf
