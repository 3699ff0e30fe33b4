// Payment obligations between parties, and the parties' institutions.
//
// A party (a firm, a carrier, a bank's own book) belongs to a bank, and a bank to a
// country; positions are reported at each of the three levels. Obligations are plain
// rows (payer, payee, currency, amount in minor units, value date); the set's content
// hash is taken over its rows in a canonical order, so the same obligations give the
// same hash (and the same result) whatever order or file they came in.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>
#include <string>
#include <unordered_map>
#include <vector>

#include "settle/money.h"

namespace corridor::settle {

struct Party {
  std::string id;
  int bank = 0;  // index into ObligationSet::banks
};

struct Bank {
  std::string id;
  int country = 0;  // index into ObligationSet::countries
};

struct Obligation {
  std::int32_t payer = 0;  // party index
  std::int32_t payee = 0;
  Currency currency = Currency::kUsd;
  Day value_date = 0;
  Minor amount = 0;      // > 0
  std::int32_t line = 0;  // line of the source file it was read from; 0 = generated
};

class ObligationSet {
 public:
  // Index of the party `id`, creating it in `bank` (of `country`) when new. An existing
  // party keeps its bank; `*conflict` is set when the given bank differs.
  int Party(const std::string& id, const std::string& bank, const std::string& country,
            bool* conflict = nullptr);
  int Bank(const std::string& id, const std::string& country, bool* conflict = nullptr);
  int Country(const std::string& id);

  void Add(Obligation o) { obligations.push_back(std::move(o)); }

  std::vector<settle::Party> parties;
  std::vector<settle::Bank> banks;
  std::vector<std::string> countries;
  std::vector<Obligation> obligations;
  std::string source;  // file name the obligations were read from, or what made them

  int CountryOf(int party) const { return banks[parties[party].bank].country; }

  // FNV-1a 64 hex over the canonical rows (sorted payer, payee, currency, date,
  // amount, with the parties' banks and countries).
  std::string ContentHash() const;

 private:
  std::unordered_map<std::string, int> party_index_, bank_index_, country_index_;
};

// Who settles with whom: the parties themselves, their banks (the members of a
// clearing house), or whole countries.
enum class Level : std::uint8_t { kParty, kBank, kCountry };
std::string_view LevelName(Level level);  // "party", "bank", "country"
std::optional<Level> ParseLevel(std::string_view name);

// The obligations between the `level` units of `set` (a bank's or country's parties
// become one party); obligations inside one unit are settled in its own books and
// dropped, their volume per currency added to *internal.
ObligationSet Aggregate(const ObligationSet& set, Level level,
                        std::array<Minor, kCurrencyCount>* internal);

}  // namespace corridor::settle
