#include "sim/stats.h"

#include <cmath>
#include <limits>

namespace corridor::sim {

double StudentT975(int df) {
  static constexpr double kTable[] = {
      12.7062, 4.3027, 3.1824, 2.7764, 2.5706, 2.4469, 2.3646, 2.3060, 2.2622, 2.2281,
      2.2010,  2.1788, 2.1604, 2.1448, 2.1314, 2.1199, 2.1098, 2.1009, 2.0930, 2.0860,
      2.0796,  2.0739, 2.0687, 2.0639, 2.0595, 2.0555, 2.0518, 2.0484, 2.0452, 2.0423};
  if (df < 1) return std::numeric_limits<double>::quiet_NaN();
  if (df <= 30) return kTable[df - 1];
  const double z = 1.959963984540054;
  const double n = df;
  const double z3 = z * z * z, z5 = z3 * z * z, z7 = z5 * z * z;
  return z + (z3 + z) / (4 * n) + (5 * z5 + 16 * z3 + 3 * z) / (96 * n * n) +
         (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * n * n * n);
}

Estimate Estimate95(const std::vector<double>& values) {
  Estimate e;
  if (values.empty()) return e;
  double sum = 0;
  for (double v : values) sum += v;
  const double n = static_cast<double>(values.size());
  e.mean = sum / n;
  if (values.size() < 2) return e;
  double ss = 0;
  for (double v : values) ss += (v - e.mean) * (v - e.mean);
  const double sd = std::sqrt(ss / (n - 1));
  e.half_width = StudentT975(static_cast<int>(values.size()) - 1) * sd / std::sqrt(n);
  return e;
}

double ErlangCProbWait(double lambda, double mu, int c) {
  if (c <= 0 || lambda >= c * mu) return 1.0;
  const double a = lambda / mu;
  const double rho = a / c;
  // Sum a^k/k! for k < c and the term a^c/c!, scaled to avoid overflow.
  double term = 1.0, sum = 0.0;
  for (int k = 0; k < c; ++k) {
    sum += term;
    term *= a / (k + 1);
  }
  const double last = term / (1.0 - rho);
  return last / (sum + last);
}

double ErlangCWaitH(double lambda, double mu, int c) {
  if (c <= 0 || lambda >= c * mu) return std::numeric_limits<double>::infinity();
  return ErlangCProbWait(lambda, mu, c) / (c * mu - lambda);
}

double PollaczekKhinchineWaitH(double lambda, double s_mean, double s_var) {
  const double rho = lambda * s_mean;
  if (rho >= 1) return std::numeric_limits<double>::infinity();
  return lambda * (s_var + s_mean * s_mean) / (2.0 * (1.0 - rho));
}

}  // namespace corridor::sim
