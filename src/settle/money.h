// Money as exact integers: every amount is a count of the currency's minor unit (cents,
// fen, kopecks), held in a signed 64-bit integer, and every sum is checked for
// overflow, so each total reconciles to the unit. Conversions between currencies use
// reference rates and are for reporting only: netting never mixes currencies.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace corridor::settle {

using Minor = std::int64_t;  // an amount in minor units

enum class Currency : std::uint8_t { kUsd, kCny, kRub, kEur };
inline constexpr int kCurrencyCount = 4;
inline constexpr std::array<Currency, kCurrencyCount> kCurrencies{Currency::kUsd, Currency::kCny,
                                                                 Currency::kRub, Currency::kEur};

// ISO 4217 code ("USD"); parsing is exact and case-sensitive.
std::string_view CurrencyCode(Currency c);
std::optional<Currency> ParseCurrency(std::string_view code);
inline constexpr int kMinorDigits = 2;  // all four currencies have 2 decimal places
inline constexpr Minor kMinorPerMajor = 100;

// Overflow-checked arithmetic: false (and *out untouched) when the result does not fit.
inline bool AddChecked(Minor a, Minor b, Minor* out) { return !__builtin_add_overflow(a, b, out); }
inline bool SubChecked(Minor a, Minor b, Minor* out) { return !__builtin_sub_overflow(a, b, out); }

// Parses a decimal amount in major units ("1234.5", "+7", "0.01") into minor units,
// exactly (no floating point). Accepts at most kMinorDigits decimals; rejects signs
// other than a leading '+', exponents, NaN, infinities, blanks inside and anything
// past 64 bits. On failure returns nullopt and sets *error to what is wrong. A
// negative amount is parsed (so it can be reported as negative, not as garbage) and
// left to the caller to reject.
std::optional<Minor> ParseAmount(std::string_view text, std::string* error);

// "1234.50", "-0.07": exact, 2 decimals.
std::string FormatMinor(Minor amount);

// Days since 1970-01-01 (the civil calendar, proleptic Gregorian).
using Day = std::int32_t;
// Strict ISO 8601 calendar date "YYYY-MM-DD" (years 1900 to 2199).
std::optional<Day> ParseDate(std::string_view text);
std::string FormatDate(Day day);
Day DayFromCivil(int year, int month, int day);
void CivilFromDay(Day day, int* year, int* month, int* dom);

// Units of each currency per US dollar, for converting totals into one figure.
struct ReferenceRates {
  // Defaults: 2022 annual averages (docs/file_formats.md, "settlement.toml"):
  // CNY 6.73 (../shared facts, estimate medium), RUB 68.5 and EUR 0.95 (estimates).
  std::array<double, kCurrencyCount> per_usd{1.0, 6.73, 68.5, 0.95};
  double ToUsd(Currency c, Minor amount) const {
    return static_cast<double>(amount) / kMinorPerMajor / per_usd[static_cast<int>(c)];
  }
};

}  // namespace corridor::settle
