// The ranges of every number Corridor reads (dataset tables, dataset.toml, scenarios and
// the values their factors produce, TNTP and mmcf files), in one place.
//
// Why bounds at all: the LP and equilibrium solvers work in double precision with
// absolute tolerances near 1e-7 to 1e-9 and assert on values past their working range
// (CLP aborts on bounds >= 1e100 and objective coefficients >= 1e25). Every number is
// therefore held to a ceiling that keeps the models' coefficients well inside that
// range, and to a floor on nonzero magnitudes (subnormals, 1e-300) that the tolerances
// could not tell from zero. The figures and their reasons are in docs/file_formats.md
// ("Bounds"); a reader of a new table uses these constants, not literals, so one edit
// here moves every reader, the docs table and the fuzz target's edge values together.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/status.h"

namespace corridor {

// A closed range [min, max] (the minimum may be exclusive), with nonzero magnitudes
// below `min_nonzero` refused. NaN is never contained.
struct Bounds {
  std::optional<double> min;
  bool min_exclusive = false;
  std::optional<double> max;
  double min_nonzero = 0.0;
  // True for a range that is part of a field's meaning ([0, 1], [-90, 90]): a value
  // out of it is reported with the whole interval. False for a safety ceiling, which
  // is reported by the side that is crossed ("must be <= 1e12").
  bool interval = false;

  static constexpr Bounds Any() { return {}; }
  static constexpr Bounds NonNegative() { return {0.0, false, std::nullopt}; }
  static constexpr Bounds Positive() { return {0.0, true, std::nullopt}; }
  static constexpr Bounds Fraction() { return {0.0, false, 1.0, 0.0, true}; }
  static constexpr Bounds Range(double lo, double hi) { return {lo, false, hi, 0.0, true}; }
  // [0, max] (or (0, max] when `positive`), nonzero magnitudes at least `min_nonzero`.
  static constexpr Bounds Ceiling(double max, double min_nonzero, bool positive = false) {
    return {0.0, positive, max, min_nonzero, false};
  }

  bool Contains(double v) const;
  // The full rule, e.g. "must be in [0, 1]" or "must be >= 0 and <= 1e12".
  std::string Describe() const;
  // The rule `v` breaks, e.g. "must be <= 1e12"; Describe() when it breaks none.
  std::string Violation(double v) const;
};

// A number in the short form of messages and docs: "1e12", "1e-06" -> "1e-6", "0.5".
std::string FormatBound(double value);

// "<rule>, got <value>" when `value` is outside `bounds`, else nullopt. `got` is the
// text shown for the value (the input as written when there is one).
std::optional<std::string> BoundViolation(double value, const Bounds& bounds,
                                          std::string_view got = {});
// Reports that violation as the error "file:line: field <rule>, got <value>" (nothing
// when in range); true when in range.
bool CheckBound(Diagnostics& diags, const std::string& file, int line, std::string_view field,
                double value, const Bounds& bounds);

namespace bounds {

// Smallest nonzero magnitude of most quantities (tonnages have their own): a
// ten-thousandth of a cent, a millimetre, a few milliseconds. Below it the solvers'
// tolerances see zero.
inline constexpr double kMinNonzero = 1e-6;

// Tonnes per year: demand, every capacity, observed tonnes (about 100 times the
// world's yearly seaborne trade of ~1.2e10 t), nonzero ones at least a tonne: the LP
// resolves a largest to smallest ratio of 1e12 but not 1e13 (1e10 t beside 1e-3 t is
// a numerical failure of CLP's dual simplex; the pipeline fuzz target found it).
inline constexpr Bounds kTonnes = Bounds::Ceiling(1e12, 1.0);
// Flows of the benchmark formats (TNTP trips and capacities, mmcf demands and
// capacities), which write fractional units.
inline constexpr Bounds kFlow = Bounds::Ceiling(1e12, kMinNonzero);
// Money per tonne: link charges, crossing fees, transfer costs (the dearest freight,
// air cargo, is ~1e4 USD/t).
inline constexpr Bounds kUsdPerTonne = Bounds::Ceiling(1e9, kMinNonzero);
// Money per tonne-km; times the longest distance it stays within kUsdPerTonne.
inline constexpr Bounds kUsdPerTonneKm = Bounds::Ceiling(1e3, kMinNonzero);
// Value density of a commodity and the penalty of an unserved tonne (> 0).
inline constexpr Bounds kValueUsdPerTonne = Bounds::Ceiling(1e9, kMinNonzero, true);
inline constexpr Bounds kPenaltyUsdPerTonne = Bounds::Ceiling(1e10, kMinNonzero, true);
// Value of time per tonne-hour; times the longest time it stays within kUsdPerTonne.
inline constexpr Bounds kUsdPerTonneHour = Bounds::Ceiling(1e4, kMinNonzero);
// Distances (25 times round the Earth) and durations (11 years).
inline constexpr Bounds kDistanceKm = Bounds::Ceiling(1e6, kMinNonzero);
inline constexpr Bounds kHours = Bounds::Ceiling(1e5, kMinNonzero);
// Scenario factors (scale_capacity, scale_cost, scale_dwell, scale_demand); the value
// a factor produces must still be within its field's bounds.
inline constexpr Bounds kFactor = Bounds::Ceiling(1e6, kMinNonzero);
// Shares and fractions.
inline constexpr Bounds kFraction = Bounds::Fraction();
// Dimensionless coefficients (TNTP speed).
inline constexpr Bounds kCoefficient = Bounds::Ceiling(1e6, kMinNonzero);
// The parts of a delay function t0 (1 + b (x/c)^p) of the equilibrium solvers, which
// build no LP: only the product t0 b matters, and published networks write it with
// extreme parts (Braess: t0 = 1e-8, b = 1e9), so each part gets a wider range.
inline constexpr Bounds kDelayTime = Bounds::Ceiling(1e5, 1e-12);
inline constexpr Bounds kDelayCoefficient = Bounds::Ceiling(1e12, 1e-12);
// Exponents of delay functions (BPR power): the largest utilisation the bounds allow,
// 1e12 t over 1e-6 t of capacity, to the 10th power is 1e180, still finite.
inline constexpr Bounds kExponent = Bounds::Range(0.0, 10.0);

}  // namespace bounds
}  // namespace corridor
