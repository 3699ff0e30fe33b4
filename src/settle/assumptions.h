// What turns a routing result into payment obligations: the dataset's optional
// settlement.toml (docs/file_formats.md, "settlement.toml"). Every figure carries its
// source and confidence there; the defaults below are used only where the file (or
// the table) is absent, and are labelled estimates in the result.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "settle/money.h"

namespace corridor::settle {

struct Assumption {  // one line of the result's assumption list
  std::string name;
  std::string value;
  std::string source;
  std::string confidence;
};

struct CurrencyMix {
  std::array<double, kCurrencyCount> share{0.35, 0.30, 0.20, 0.15};  // USD CNY RUB EUR
  std::string source = "estimate (no settlement.toml)";
  std::string confidence = "estimate";
};

struct SettlementAssumptions {
  std::uint64_t seed = 2022;
  int year = 2022;  // value dates fall in this calendar year
  ReferenceRates rates;
  std::string rates_source = "estimate: 2022 annual averages (no settlement.toml)";
  std::string rates_confidence = "estimate";
  // Firms: each region (origin or destination node) has `firms_per_region` trading
  // firms whose sizes follow a Pareto law of index `pareto_alpha`; firms bank with one
  // of `banks_per_country` banks of their country.
  int firms_per_region = 40;
  double pareto_alpha = 1.16;
  int banks_per_country = 8;
  std::string firms_source = "estimate (no settlement.toml)";
  std::string firms_confidence = "estimate";
  // Invoices: a flow's yearly value is paid in invoices of about `invoice_usd`, at most
  // `max_invoices_per_flow` of them, value dates spread over the year by `month_weights`.
  double invoice_usd = 2e6;
  int max_invoices_per_flow = 5000;
  std::array<double, 12> month_weights{1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1};
  std::string invoices_source = "estimate (no settlement.toml)";
  // Transport services: the share of a cross-border flow's transport bill paid to
  // carriers of the exporter's country by the importer, in invoices of `transport_invoice_usd`.
  double transport_foreign_share = 0.5;
  int carriers_per_country = 5;
  double transport_invoice_usd = 2e5;
  std::string transport_source = "estimate (no settlement.toml)";
  std::string transport_confidence = "estimate";
  CurrencyMix mix;
  std::map<std::string, CurrencyMix> mix_by_scenario;  // scenario name -> mix

  const CurrencyMix& MixFor(const std::string& scenario) const {
    auto it = mix_by_scenario.find(scenario);
    return it == mix_by_scenario.end() ? mix : it->second;
  }
  // Everything above as named lines, for the result and the findings.
  std::vector<Assumption> List(const std::string& scenario) const;
};

// Parses settlement.toml; every problem is located ("settlement.toml:7: ...").
Result<SettlementAssumptions> ParseAssumptions(std::string_view text, const std::string& file,
                                               Diagnostics& diags);

}  // namespace corridor::settle
