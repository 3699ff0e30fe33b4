// What the two COIN-OR backends (clp_solver.cc, cbc_solver.cc) share: infinite bounds
// as COIN_DBL_MAX, and the working range past which CLP (alone or under CBC) aborts the
// process on an assertion (finite bounds of 1e100 or more, objective coefficients of
// 1e25 or more), so that a model outside it is a numerical failure instead. The readers'
// bounds (core/bounds.h) keep every model far below these; this is the last guard.
// Internal to lp/: only those two files include it.
#pragma once

#include <CoinFinite.hpp>

#include <span>
#include <vector>

#include "lp/lp.h"

namespace corridor::lp::coin {

inline constexpr double kMaxCoefficient = 1e20;
inline constexpr double kMaxFiniteBound = 1e30;

inline double ToCoin(double v) {
  if (v == kInfinity) return COIN_DBL_MAX;
  if (v == -kInfinity) return -COIN_DBL_MAX;
  return v;
}

inline std::vector<double> ToCoin(std::span<const double> v) {
  std::vector<double> out(v.size());
  for (std::size_t i = 0; i < v.size(); ++i) out[i] = ToCoin(v[i]);
  return out;
}

}  // namespace corridor::lp::coin
