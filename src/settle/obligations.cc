#include "settle/obligations.h"

#include <fmt/format.h>

#include <algorithm>
#include <limits>
#include <tuple>

#include "core/hash.h"

namespace corridor::settle {

int ObligationSet::Country(const std::string& id) {
  auto [it, inserted] = country_index_.try_emplace(id, static_cast<int>(countries.size()));
  if (inserted) countries.push_back(id);
  return it->second;
}

int ObligationSet::Bank(const std::string& id, const std::string& country, bool* conflict) {
  const int c = Country(country);
  auto [it, inserted] = bank_index_.try_emplace(id, static_cast<int>(banks.size()));
  if (inserted) banks.push_back({id, c});
  if (conflict) *conflict = banks[it->second].country != c;
  return it->second;
}

int ObligationSet::Party(const std::string& id, const std::string& bank,
                         const std::string& country, bool* conflict) {
  auto found = party_index_.find(id);
  if (found != party_index_.end()) {
    if (conflict) {
      const settle::Bank& b = banks[parties[found->second].bank];
      *conflict = b.id != bank || countries[b.country] != country;
    }
    return found->second;
  }
  const int b = Bank(bank, country, conflict);
  party_index_.emplace(id, static_cast<int>(parties.size()));
  parties.push_back({id, b});
  return static_cast<int>(parties.size()) - 1;
}

std::string ObligationSet::ContentHash() const {
  using Row = std::tuple<const std::string*, const std::string*, int, Day, Minor>;
  std::vector<Row> rows;
  rows.reserve(obligations.size());
  for (const Obligation& o : obligations) {
    rows.emplace_back(&parties[o.payer].id, &parties[o.payee].id, static_cast<int>(o.currency),
                      o.value_date, o.amount);
  }
  std::sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
    const int p = std::get<0>(a)->compare(*std::get<0>(b));
    if (p != 0) return p < 0;
    const int q = std::get<1>(a)->compare(*std::get<1>(b));
    if (q != 0) return q < 0;
    return std::tie(std::get<2>(a), std::get<3>(a), std::get<4>(a)) <
           std::tie(std::get<2>(b), std::get<3>(b), std::get<4>(b));
  });
  std::vector<std::string> party_lines;
  party_lines.reserve(parties.size());
  for (const settle::Party& p : parties) {
    const settle::Bank& b = banks[p.bank];
    party_lines.push_back(fmt::format("party {} {} {}\n", p.id, b.id, countries[b.country]));
  }
  std::sort(party_lines.begin(), party_lines.end());
  Fnv1a64 h;
  for (const std::string& line : party_lines) h.Update(line);
  for (const Row& r : rows) {
    h.Update(fmt::format("{},{},{},{},{}\n", *std::get<0>(r), *std::get<1>(r), std::get<2>(r),
                         std::get<3>(r), std::get<4>(r)));
  }
  return h.Hex();
}

std::string_view LevelName(Level level) {
  switch (level) {
    case Level::kParty: return "party";
    case Level::kBank: return "bank";
    case Level::kCountry: return "country";
  }
  return "party";
}

std::optional<Level> ParseLevel(std::string_view name) {
  for (Level l : {Level::kParty, Level::kBank, Level::kCountry}) {
    if (LevelName(l) == name) return l;
  }
  return std::nullopt;
}

ObligationSet Aggregate(const ObligationSet& set, Level level,
                        std::array<Minor, kCurrencyCount>* internal) {
  internal->fill(0);
  if (level == Level::kParty) return set;
  ObligationSet out;
  out.source = set.source;
  std::vector<int> unit(set.parties.size());
  for (std::size_t p = 0; p < set.parties.size(); ++p) {
    const settle::Bank& b = set.banks[set.parties[p].bank];
    const std::string& country = set.countries[b.country];
    unit[p] = level == Level::kBank ? out.Party(b.id, b.id, country) : out.Party(country, country, country);
  }
  out.obligations.reserve(set.obligations.size());
  for (const Obligation& o : set.obligations) {
    Obligation a = o;
    a.payer = unit[o.payer];
    a.payee = unit[o.payee];
    if (a.payer != a.payee) {
      out.Add(a);
      continue;
    }
    Minor& in = (*internal)[static_cast<int>(o.currency)];
    if (!AddChecked(in, o.amount, &in)) in = std::numeric_limits<Minor>::max();  // saturates
  }
  return out;
}

}  // namespace corridor::settle
