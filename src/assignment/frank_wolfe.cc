// Link-based baselines: Frank-Wolfe and its conjugate and bi-conjugate
// variants (equilibrium.h). Flows are combinations of all-or-nothing targets;
// the conjugate variants combine the new target with the previous one (two).
#include <algorithm>
#include <array>
#include <cmath>

#include "assignment/problem.h"

namespace corridor::assignment::internal {
namespace {

using ClassFlows = std::vector<std::vector<double>>;

// Keeps a target inside the feasible set's interior of combinations, so the
// newest all-or-nothing solution always has some weight (as in the paper).
constexpr double kMinNewWeight = 1e-6;

double Dot(std::span<const double> h, std::span<const double> u, std::span<const double> v) {
  double s = 0.0;
  for (std::size_t a = 0; a < u.size(); ++a) s += h[a] * u[a] * v[a];
  return s;
}

std::vector<double> Aggregate(const Problem& p, const ClassFlows& flows) {
  std::vector<double> out(p.link_count(), 0.0);
  for (std::size_t k = 0; k < flows.size(); ++k) {
    for (int a = 0; a < p.link_count(); ++a) out[a] += p.classes[k].weight * flows[k][a];
  }
  return out;
}

std::vector<double> Minus(std::span<const double> u, std::span<const double> v) {
  std::vector<double> out(u.size());
  for (std::size_t a = 0; a < u.size(); ++a) out[a] = u[a] - v[a];
  return out;
}

// Weights of the targets {y, s1[, s2]} whose combination minus x is
// H-conjugate to the previous directions d1[, d2]; empty when not convex.
std::vector<double> ConjugateWeights(std::span<const double> h,
                                     const std::vector<std::vector<double>>& e,
                                     const std::vector<std::vector<double>>& d) {
  if (e.size() == 2) {
    const double num = Dot(h, e[0], d[0]);
    const double den = num - Dot(h, e[1], d[0]);
    if (den == 0.0) return {};
    const double beta1 = std::clamp(num / den, 0.0, 1.0 - kMinNewWeight);
    return {1.0 - beta1, beta1};
  }
  // Solve [e_i H d_1; e_i H d_2; 1] beta = [0; 0; 1] by Cramer's rule.
  std::array<std::array<double, 3>, 3> a{};
  for (int i = 0; i < 3; ++i) {
    a[0][i] = Dot(h, e[i], d[0]);
    a[1][i] = Dot(h, e[i], d[1]);
    a[2][i] = 1.0;
  }
  const auto det = [](const std::array<std::array<double, 3>, 3>& m) {
    return m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1]) -
           m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0]) +
           m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
  };
  const double full = det(a);
  if (full == 0.0 || !std::isfinite(full)) return {};
  std::vector<double> beta(3);
  for (int i = 0; i < 3; ++i) {
    auto b = a;
    b[0][i] = 0.0;
    b[1][i] = 0.0;
    b[2][i] = 1.0;
    beta[i] = det(b) / full;
  }
  if (beta[0] < kMinNewWeight || beta[1] < 0.0 || beta[2] < 0.0) return {};
  return beta;
}

}  // namespace

Status RunLinkBased(const Problem& p, const Options& options, double start_time,
                    Progress& progress) {
  const int m = p.link_count();
  const int class_count = static_cast<int>(p.classes.size());
  std::vector<double> zero_time(m);
  for (int a = 0; a < m; ++a) zero_time[a] = p.network->link(LinkId(a)).cost.Time(0.0);
  if (auto r = AllOrNothing(p, zero_time, &progress.class_flow); !r.ok()) return r.status();
  AggregateFlows(p, progress.class_flow, progress.total_flow, progress.time);
  ClassFlows& x = progress.class_flow;
  const int history = options.algorithm == Algorithm::kFrankWolfe            ? 0
                      : options.algorithm == Algorithm::kConjugateFrankWolfe ? 1
                                                                             : 2;
  std::vector<ClassFlows> targets;                // previous targets, newest first
  std::vector<std::vector<double>> directions;    // previous aggregated directions
  std::vector<double> derivative(m);
  ClassFlows y;
  for (int iteration = 0;; ++iteration) {
    auto shortest = AllOrNothing(p, progress.time, &y);
    if (!shortest.ok()) return shortest.status();
    IterationStats stats = Measure(p, x, progress.total_flow, progress.time, *shortest);
    stats.iteration = iteration;
    stats.seconds = SecondsSince(start_time);
    if (ShouldStop(options, stats, progress)) return Status::Ok();

    // Target s = sum_i beta_i P_i over P = {y, previous targets}.
    for (int a = 0; a < m; ++a) {
      derivative[a] = p.network->link(LinkId(a)).cost.Derivative(progress.total_flow[a]);
    }
    std::vector<const ClassFlows*> points = {&y};
    for (const auto& t : targets) points.push_back(&t);
    std::vector<double> beta = {1.0};
    while (points.size() > 1) {
      std::vector<std::vector<double>> e;
      for (const ClassFlows* pt : points) e.push_back(Minus(Aggregate(p, *pt), progress.total_flow));
      beta = ConjugateWeights(derivative, e, directions);
      if (!beta.empty()) break;
      points.pop_back();
      beta = {1.0};
    }
    ClassFlows s(class_count, std::vector<double>(m, 0.0));
    for (std::size_t i = 0; i < points.size(); ++i) {
      for (int k = 0; k < class_count; ++k) {
        for (int a = 0; a < m; ++a) s[k][a] += beta[i] * (*points[i])[k][a];
      }
    }

    // Exact line search on F along d = s - x: F'(lambda) = sum_a t_a(X + lambda dX) dX_a
    // + sum_k sum_a w_k (c~_ka - t_a) d_ka, increasing in lambda.
    const std::vector<double> dflow = Minus(Aggregate(p, s), progress.total_flow);
    double fixed_slope = 0.0;
    for (int k = 0; k < class_count; ++k) {
      const ClassData& c = p.classes[k];
      for (int a = 0; a < m; ++a) {
        const double d = s[k][a] - x[k][a];
        if (d != 0.0) fixed_slope += c.weight * c.fixed[a] / c.vot * d;
      }
    }
    const auto slope = [&](double lambda) {
      double v = fixed_slope;
      for (int a = 0; a < m; ++a) {
        if (dflow[a] == 0.0) continue;
        const double flow = std::max(0.0, progress.total_flow[a] + lambda * dflow[a]);
        v += p.network->link(LinkId(a)).cost.Time(flow) * dflow[a];
      }
      return v;
    };
    double lo = 0.0, hi = 1.0;
    if (slope(1.0) <= 0.0) {
      lo = 1.0;
    } else {
      for (int step = 0; step < 60 && hi - lo > 1e-16; ++step) {
        const double mid = 0.5 * (lo + hi);
        (slope(mid) > 0.0 ? hi : lo) = mid;
      }
    }
    const double lambda = lo;
    for (int k = 0; k < class_count; ++k) {
      for (int a = 0; a < m; ++a) x[k][a] += lambda * (s[k][a] - x[k][a]);
    }
    AggregateFlows(p, x, progress.total_flow, progress.time);

    // A full step lands on the target: conjugacy restarts from plain FW.
    if (history == 0 || lambda >= 1.0) {
      targets.clear();
      directions.clear();
      continue;
    }
    targets.insert(targets.begin(), std::move(s));
    directions.insert(directions.begin(), dflow);
    if (static_cast<int>(targets.size()) > history) {
      targets.pop_back();
      directions.pop_back();
    }
  }
}

}  // namespace corridor::assignment::internal
