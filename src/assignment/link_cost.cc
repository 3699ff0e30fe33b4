#include "assignment/link_cost.h"

#include <cmath>

namespace corridor::assignment {
namespace {

// r^p for r >= 0, exact and fast for the small integer powers of real networks.
double Power(double r, double p) {
  if (p == 4.0) {
    const double r2 = r * r;
    return r2 * r2;
  }
  if (p == 1.0) return r;
  if (p == 2.0) return r * r;
  if (p == 3.0) return r * r * r;
  if (p == 5.0) {
    const double r2 = r * r;
    return r2 * r2 * r;
  }
  return std::pow(r, p);
}

double ConicalBeta(double alpha) { return (2 * alpha - 1) / (2 * alpha - 2); }

double ConicalG(double u, double beta) {
  return 0.5 * (u * std::sqrt(u * u + beta * beta) + beta * beta * std::asinh(u / beta));
}

}  // namespace

double LinkCost::Time(double x) const {
  if (capacity <= 0) return free_flow_time;
  if (model == DelayModel::kBpr) {
    return free_flow_time * (1 + b * Power(x / capacity, power));
  }
  const double beta = ConicalBeta(alpha);
  const double q = 1 - x / capacity;
  return free_flow_time *
         (2 + std::sqrt(alpha * alpha * q * q + beta * beta) - alpha * q - beta);
}

double LinkCost::Derivative(double x) const {
  if (capacity <= 0) return 0.0;
  if (model == DelayModel::kBpr) {
    if (power == 0 || b == 0) return 0.0;
    return free_flow_time * b * power / capacity * Power(x / capacity, power - 1);
  }
  const double beta = ConicalBeta(alpha);
  const double q = 1 - x / capacity;
  return free_flow_time / capacity *
         (alpha - alpha * alpha * q / std::sqrt(alpha * alpha * q * q + beta * beta));
}

double LinkCost::Integral(double x) const {
  if (capacity <= 0) return free_flow_time * x;
  if (model == DelayModel::kBpr) {
    return free_flow_time *
           (x + b * capacity / (power + 1) * Power(x / capacity, power + 1));
  }
  const double beta = ConicalBeta(alpha);
  const double q = 1 - x / capacity;
  return free_flow_time * ((2 - beta - alpha) * x + alpha * x * x / (2 * capacity) +
                           capacity / alpha * (ConicalG(alpha, beta) - ConicalG(alpha * q, beta)));
}

}  // namespace corridor::assignment
