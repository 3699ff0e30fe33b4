#include "core/bounds.h"

#include <charconv>
#include <cmath>

namespace corridor {
namespace {

std::string MinRule(const Bounds& b) {
  return std::string(b.min_exclusive ? "> " : ">= ") + FormatBound(*b.min);
}

bool BelowMin(const Bounds& b, double v) {
  return b.min && (b.min_exclusive ? !(v > *b.min) : !(v >= *b.min));
}

bool TooSmallNonzero(const Bounds& b, double v) {
  return v != 0.0 && std::fabs(v) < b.min_nonzero;
}

}  // namespace

std::string FormatBound(double value) {
  char buf[32];
  const auto res = std::to_chars(buf, buf + sizeof buf, value);
  std::string s(buf, res.ptr);
  // "1e+12" -> "1e12", "1e-06" -> "1e-6".
  const auto e = s.find('e');
  if (e == std::string::npos) return s;
  std::string mantissa = s.substr(0, e);
  std::string exponent = s.substr(e + 1);
  std::string sign;
  if (!exponent.empty() && (exponent[0] == '+' || exponent[0] == '-')) {
    if (exponent[0] == '-') sign = "-";
    exponent.erase(0, 1);
  }
  exponent.erase(0, std::min(exponent.find_first_not_of('0'), exponent.size() - 1));
  return mantissa + "e" + sign + exponent;
}

bool Bounds::Contains(double v) const {
  if (std::isnan(v) || BelowMin(*this, v)) return false;
  if (max && !(v <= *max)) return false;
  return !TooSmallNonzero(*this, v);
}

std::string Bounds::Describe() const {
  if (interval && min && max) {
    return "must be in " + std::string(min_exclusive ? "(" : "[") + FormatBound(*min) + ", " +
           FormatBound(*max) + "]";
  }
  std::string rule;
  if (min) rule = "must be " + MinRule(*this);
  if (max) rule += (rule.empty() ? "must be <= " : " and <= ") + FormatBound(*max);
  if (min_nonzero > 0.0) {
    rule += std::string(BelowMin(*this, 0.0) ? ", and at least " : ", and 0 or at least ") +
            FormatBound(min_nonzero) + " in magnitude";
  }
  return rule.empty() ? "may be any number" : rule;
}

std::string Bounds::Violation(double v) const {
  if (interval || std::isnan(v)) return Describe();
  if (BelowMin(*this, v)) return "must be " + MinRule(*this);
  if (max && !(v <= *max)) return "must be <= " + FormatBound(*max);
  if (TooSmallNonzero(*this, v)) {
    return std::string(BelowMin(*this, 0.0) ? "must be" : "must be 0 or") + " at least " +
           FormatBound(min_nonzero);
  }
  return Describe();
}

std::optional<std::string> BoundViolation(double value, const Bounds& bounds,
                                          std::string_view got) {
  if (bounds.Contains(value)) return std::nullopt;
  return bounds.Violation(value) + ", got " + (got.empty() ? FormatBound(value) : std::string(got));
}

bool CheckBound(Diagnostics& diags, const std::string& file, int line, std::string_view field,
                double value, const Bounds& bounds) {
  const auto violation = BoundViolation(value, bounds);
  if (violation) diags.Error(file, line, std::string(field), *violation);
  return !violation;
}

}  // namespace corridor
