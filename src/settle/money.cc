#include "settle/money.h"

#include <fmt/format.h>

#include "core/civil_date.h"

namespace corridor::settle {

namespace {
constexpr std::array<std::string_view, kCurrencyCount> kCodes{"USD", "CNY", "RUB", "EUR"};
}

std::string_view CurrencyCode(Currency c) { return kCodes[static_cast<int>(c)]; }

std::optional<Currency> ParseCurrency(std::string_view code) {
  for (int i = 0; i < kCurrencyCount; ++i) {
    if (kCodes[i] == code) return static_cast<Currency>(i);
  }
  return std::nullopt;
}

std::optional<Minor> ParseAmount(std::string_view text, std::string* error) {
  auto fail = [&](const char* why) -> std::optional<Minor> {
    *error = why;
    return std::nullopt;
  };
  if (text.empty()) return fail("is empty");
  bool negative = false;
  std::size_t i = 0;
  if (text[0] == '+' || text[0] == '-') {
    negative = text[0] == '-';
    i = 1;
  }
  Minor major = 0;
  int int_digits = 0;
  for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i, ++int_digits) {
    if (__builtin_mul_overflow(major, Minor{10}, &major) ||
        __builtin_add_overflow(major, Minor{text[i] - '0'}, &major)) {
      return fail("overflows 64-bit minor units");
    }
  }
  Minor fraction = 0;
  int frac_digits = 0;
  if (i < text.size() && text[i] == '.') {
    for (++i; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i, ++frac_digits) {
      if (frac_digits >= kMinorDigits) return fail("has more than 2 decimal places");
      fraction = fraction * 10 + (text[i] - '0');
    }
  }
  if (i != text.size() || int_digits + frac_digits == 0) {
    return fail("is not a decimal number (digits with at most one '.', e.g. 1234.56)");
  }
  for (int d = frac_digits; d < kMinorDigits; ++d) fraction *= 10;
  Minor minor = 0;
  if (__builtin_mul_overflow(major, kMinorPerMajor, &minor) ||
      __builtin_add_overflow(minor, fraction, &minor)) {
    return fail("overflows 64-bit minor units");
  }
  return negative ? -minor : minor;
}

std::string FormatMinor(Minor amount) {
  // Unsigned arithmetic so that INT64_MIN formats too.
  const bool negative = amount < 0;
  const std::uint64_t mag = negative ? 0 - static_cast<std::uint64_t>(amount)
                                     : static_cast<std::uint64_t>(amount);
  return fmt::format("{}{}.{:02}", negative ? "-" : "", mag / 100, mag % 100);
}

Day DayFromCivil(int y, int m, int d) { return DaysFromCivil(y, m, d); }

void CivilFromDay(Day z, int* year, int* month, int* dom) { CivilFromDays(z, year, month, dom); }

std::optional<Day> ParseDate(std::string_view t) {
  if (t.size() != 10 || t[4] != '-' || t[7] != '-') return std::nullopt;
  int parts[3] = {0, 0, 0};
  const int starts[3] = {0, 5, 8};
  const int lengths[3] = {4, 2, 2};
  for (int p = 0; p < 3; ++p) {
    for (int k = 0; k < lengths[p]; ++k) {
      const char c = t[starts[p] + k];
      if (c < '0' || c > '9') return std::nullopt;
      parts[p] = parts[p] * 10 + (c - '0');
    }
  }
  const int y = parts[0], m = parts[1], d = parts[2];
  if (y < 1900 || y > 2199 || m < 1 || m > 12 || d < 1) return std::nullopt;
  static constexpr int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  if (d > kDays[m - 1] + (m == 2 && leap ? 1 : 0)) return std::nullopt;
  return DayFromCivil(y, m, d);
}

std::string FormatDate(Day day) {
  int y = 0, m = 0, d = 0;
  CivilFromDay(day, &y, &m, &d);
  return fmt::format("{:04}-{:02}-{:02}", y, m, d);
}

}  // namespace corridor::settle
