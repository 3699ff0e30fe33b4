// Link delay functions of congested assignment.
//
// Notation: x >= 0 is the link's total (weighted) flow, c its capacity, t0 its
// free-flow time. Every function is continuous, non-decreasing and convex in x,
// finite for every finite x (also past capacity), which the equilibrium
// algorithms rely on (the Beckmann objective is then convex).
//
// BPR (Bureau of Public Roads), per-link b >= 0 and power p >= 0:
//   t(x)  = t0 * (1 + b * (x/c)^p)
//   t'(x) = t0 * b * p / c * (x/c)^(p-1)              (0 when p == 0)
//   T(x)  = integral_0^x t = t0 * (x + b * c / (p+1) * (x/c)^(p+1))
//   p == 0 gives the constant t0 * (1 + b). For 0 < p < 1 the function is not
//   convex; Network::Build rejects it.
//
// Conical (Spiess 1990), steepness alpha > 1, beta = (2 alpha - 1) / (2 alpha - 2),
// r = x/c, q = 1 - r:
//   t(x)  = t0 * (2 + sqrt(alpha^2 q^2 + beta^2) - alpha q - beta)
//   t'(x) = t0 / c * (alpha - alpha^2 q / sqrt(alpha^2 q^2 + beta^2))
//   T(x)  = t0 * ((2 - beta - alpha) x + alpha x^2 / (2c) + c/alpha (G(alpha) - G(alpha q)))
//           with G(u) = (u sqrt(u^2 + beta^2) + beta^2 asinh(u / beta)) / 2.
//   t(0) = t0, t(c) = 2 t0, and far past capacity t grows with slope 2 t0 alpha / c:
//   a hard bottleneck whose delay stays finite and convex, unlike BPR with large p.
//
// Capacity 0 (or less) means "no congestion term": t = t0 whatever the flow.
// This is how TNTP files mark uncongested connectors.
//
// Cost: O(1) per evaluation; small integer powers avoid std::pow.
#pragma once

namespace corridor::assignment {

enum class DelayModel { kBpr, kConical };

struct LinkCost {
  DelayModel model = DelayModel::kBpr;
  double free_flow_time = 0.0;
  double capacity = 0.0;
  double b = 0.15;      // BPR
  double power = 4.0;   // BPR
  double alpha = 4.0;   // conical steepness

  double Time(double flow) const;
  double Derivative(double flow) const;
  double Integral(double flow) const;  // integral of Time from 0 to flow
};

}  // namespace corridor::assignment
