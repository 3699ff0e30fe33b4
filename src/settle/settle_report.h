// What `corridor settle` prints and writes (docs/results.md, "settle_result.json"):
// the summary for the terminal, settle_result.json with its run block, positions.csv,
// netted.csv and cycles.csv.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "settle/assumptions.h"
#include "settle/netting.h"
#include "settle/obligations.h"

namespace corridor::settle {

// Identity of a run: enough to reproduce every figure.
struct SettleRun {
  std::string program_version;
  std::string dataset_name;      // "" when netting a user's file alone
  std::string dataset_hash;
  std::string scenario_name;
  std::string scenario_hash;
  std::string obligations_source;  // the CSV file, or "generated from the routing result"
  std::string obligations_hash;    // ObligationSet::ContentHash of the obligations netted
  std::string assumptions_file;    // settlement.toml used ("" = built-in defaults)
  std::string assumptions_hash;
  std::vector<std::pair<std::string, std::string>> options;
  std::uint64_t seed = 0;
  std::string started_at_utc;
  double wall_seconds = 0.0;
};

struct Generation {  // set when the obligations come from a routing result
  bool used = false;
  int flows = 0;
  double trade_usd = 0.0;
  double transport_usd = 0.0;
  double crossing_fees_usd = 0.0;
};

struct SettleReport {
  SettleRun run;
  Level level = Level::kBank;
  const ObligationSet* parties = nullptr;  // the original parties (firms, banks, countries)
  const ObligationSet* netted_set = nullptr;  // what was netted (after Aggregate)
  std::array<Minor, kCurrencyCount> internal{};  // dropped inside one unit
  ReferenceRates rates;
  Generation generation;
  std::vector<Assumption> assumptions;
  const SettleResult* result = nullptr;    // at the chosen cycle, with details
  std::vector<const SettleResult*> by_cycle;  // day, week, month (any subset)
};

std::string FormatSettleSummary(const SettleReport& report, int top_n);
std::string SettleResultJson(const SettleReport& report);
std::string PositionsCsv(const SettleReport& report);
std::string NettedCsv(const SettleReport& report);
std::string CyclesCsv(const SettleReport& report);

// Every output file by name: settle_result.json, positions.csv, netted.csv, cycles.csv,
// settle_summary.txt.
std::vector<std::pair<std::string, std::string>> SettleFiles(const SettleReport& report);

}  // namespace corridor::settle
