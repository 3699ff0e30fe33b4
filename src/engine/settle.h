// Settlement through the facade: obligations from a routing result (or a user's CSV),
// netted per cycle (settle/netting.h) at every cycle length, ready for the report
// writers (settle/settle_report.h).
#pragma once

#include <array>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "engine/engine.h"
#include "settle/assumptions.h"
#include "settle/netting.h"
#include "settle/obligations.h"
#include "settle/settle_report.h"

namespace corridor::engine {

struct SettleRequest {
  // The dataset to route (and its scenario); its folder may be empty when
  // `obligations_file` is given: the user's obligations are netted alone.
  InputRequest input;
  std::string obligations_file;                    // CSV (docs/file_formats.md)
  std::optional<std::string> obligations_text;     // its bytes, when given in memory
  std::string assumptions_file;                    // instead of DATASET/settlement.toml
  std::optional<std::string> assumptions_text;     // its bytes, when given in memory
  std::string cycle = "month";                     // day, week or month
  std::string level = "bank";                      // party, bank or country
  bool compress = true;
  routing::Options routing;                        // for the solve behind generated obligations
  std::vector<std::pair<std::string, std::string>> option_record;
  const RunControl* control = nullptr;
};

struct SettleOutcome {
  settle::ObligationSet parties;   // as read or generated
  settle::ObligationSet netted;    // aggregated to the level
  std::array<settle::Minor, settle::kCurrencyCount> internal{};
  settle::SettlementAssumptions assumptions;
  settle::Generation generation;
  std::vector<settle::SettleResult> by_cycle;  // day, week, month
  std::size_t chosen = 2;                      // index of the requested cycle
  settle::Level level = settle::Level::kBank;
  settle::SettleRun run;

  // A view for the writers; valid while this object lives.
  settle::SettleReport Report() const;
};

// InvalidInput for bad files (located), NotFound for missing ones, Cancelled on cancel.
// A failed invariant is part of the outcome (by_cycle[...].check), not a Status.
Result<SettleOutcome> Settle(const SettleRequest& request, Diagnostics& diagnostics);

}  // namespace corridor::engine
