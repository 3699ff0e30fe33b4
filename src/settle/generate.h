// Payment obligations behind a year of freight: each cross-border trade flow
// (commodity, origin region -> destination region, yearly value) is paid by importing
// firms of the destination region to exporting firms of the origin region in invoices
// of a given size, in a currency mix, on value dates spread over the year; the part of
// the transport bill bought abroad is paid by the importer to carriers of the
// exporter's country, and crossing fees paid abroad go to the crossing's operator.
// Firm sizes follow a seeded Pareto law, firms bank with a bank of
// their country (settle/assumptions.h). Deterministic for a given seed: the random
// numbers are std::mt19937_64's, whose sequence the C++ standard fixes.
#pragma once

#include <string>
#include <vector>

#include "settle/assumptions.h"
#include "settle/obligations.h"

namespace corridor::settle {

struct TradeFlow {
  std::string commodity;
  std::string origin_region;  // node id
  std::string origin_country;
  std::string destination_region;
  std::string destination_country;
  double value_usd = 0.0;      // served trade value per year
  double transport_usd = 0.0;  // money cost of carrying it per year
};

// Crossing fees paid across the border: by carriers of `payer_country` to the operator
// of the crossing, in `payee_country` (the crossing node's), per year.
struct CrossingFee {
  std::string crossing;
  std::string payer_country;
  std::string payee_country;
  double usd = 0.0;
};

struct GeneratedObligations {
  ObligationSet set;
  double trade_usd = 0.0;          // cross-border trade value paid
  double transport_usd = 0.0;      // transport services paid abroad
  double crossing_fees_usd = 0.0;  // crossing fees paid abroad
  int flows = 0;                   // cross-border flows used
};

// Flows within one country are left out (not cross-border payments); so are fees a
// carrier pays to a crossing of its own country.
GeneratedObligations GenerateObligations(const std::vector<TradeFlow>& flows,
                                         const std::vector<CrossingFee>& fees,
                                         const SettlementAssumptions& a,
                                         const std::string& scenario);

}  // namespace corridor::settle
