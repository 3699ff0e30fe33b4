// Netting of payment obligations per settlement cycle and currency, exactly.
//
// For each group (a cycle's obligations in one currency):
//   gross         the sum of all obligations;
//   bilateral     per unordered pair of parties, only the difference of what each owes
//                 the other is paid;
//   multilateral  every party pays (or receives) only its net position against a
//                 central counterparty: the volume 1/2 sum |net| is the least any
//                 netting that keeps positions can reach;
//   compressed    conservative compression (compression.h): obligations only shrink,
//                 no new link, no reversed one.
// Invariants are checked on every run (each party's net position is the same after
// every netting, positions sum to zero to the unit, multilateral <= compressed <=
// bilateral <= gross, compression never creates or reverses an obligation); a failed
// check is reported in SettleResult::check, never silently ignored.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "settle/money.h"
#include "settle/obligations.h"

namespace corridor::settle {

enum class Cycle : std::uint8_t { kDay, kWeek, kMonth };
std::string_view CycleName(Cycle c);  // "day", "week", "month"
std::optional<Cycle> ParseCycle(std::string_view name);
// The cycle a value date falls in: days since epoch, Monday-based weeks, or months.
std::int32_t CycleKey(Day day, Cycle cycle);
// "2022-03-05", "2022-W09" (ISO 8601 week), "2022-03".
std::string CycleLabel(std::int32_t key, Cycle cycle);

struct Volumes {
  Minor gross = 0;
  Minor bilateral = 0;
  Minor multilateral = 0;
  Minor compressed = 0;  // equals bilateral when compression was not run
  std::int64_t payments_gross = 0;         // obligations
  std::int64_t payments_bilateral = 0;     // pairs with a non-zero net
  std::int64_t payments_multilateral = 0;  // parties with a non-zero position
  std::int64_t payments_compressed = 0;    // edges left after compression
  Minor largest_net_debit = 0;  // the largest party's net debit (liquidity need)
};

// One cycle in one currency.
struct Group {
  std::int32_t cycle_key = 0;
  Currency currency = Currency::kUsd;
  Volumes volumes;
  bool compression_certified = true;
  std::string compression_failure;
};

// A party's net position in one group (non-zero ones only).
struct Position {
  std::int32_t group = 0;  // index into SettleResult::groups
  std::int32_t party = 0;
  Minor net = 0;  // > 0 receives, < 0 pays
};

// An obligation left after netting (bilateral or compressed), per group.
struct NetObligation {
  std::int32_t group = 0;
  std::int32_t payer = 0;
  std::int32_t payee = 0;
  Minor amount = 0;  // > 0
};

// A country's year in one currency.
struct CountryFlows {
  Minor paid = 0;                 // gross paid by its parties
  Minor received = 0;             // gross received
  Minor cross_border_paid = 0;    // gross paid to parties of other countries
  Minor party_net_debits = 0;     // sum over cycles of its parties' net debits (CCP pay-ins)
  Minor country_net_paid = 0;     // sum over cycles of max(0, -the country's net position)
};

struct InvariantReport {
  bool passed = true;
  std::int64_t groups_checked = 0;
  std::vector<std::string> failures;  // at most a few, each naming its group
};

struct SettleOptions {
  Cycle cycle = Cycle::kMonth;
  bool compress = true;
  bool keep_details = true;  // positions and netted obligations (large for big sets)
  // Called between groups with the fraction done; returning false cancels the run.
  std::function<bool(double fraction)> progress;
};

struct SettleResult {
  Cycle cycle = Cycle::kMonth;
  bool compression_run = false;
  std::vector<Group> groups;  // sorted by cycle key, then currency
  std::array<Volumes, kCurrencyCount> per_currency{};  // year totals; largest_net_debit
                                                       // summed over cycles
  std::array<Minor, kCurrencyCount> peak_net_debit{};  // the largest over cycles
  // [country][currency]
  std::vector<std::array<CountryFlows, kCurrencyCount>> per_country;
  std::vector<Position> positions;
  std::vector<NetObligation> bilateral_netted;
  std::vector<NetObligation> compressed;
  InvariantReport check;
  std::int64_t compression_uncertified = 0;  // groups whose compression is not proven
};

// Nets `set` per cycle and currency. Fails with InvalidInput when a sum overflows
// 64-bit minor units (naming the group and the obligation's line), with Cancelled
// when `progress` asks to stop.
Result<SettleResult> Net(const ObligationSet& set, const SettleOptions& options);

}  // namespace corridor::settle
