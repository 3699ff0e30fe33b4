#include "settle/settle_report.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>

namespace corridor::settle {

namespace {

using json = nlohmann::ordered_json;

std::string Usd(double usd) {
  const double a = std::fabs(usd);
  if (a >= 1e9) return fmt::format("{:.2f} bn USD", usd / 1e9);
  if (a >= 1e6) return fmt::format("{:.2f} M USD", usd / 1e6);
  if (a >= 1e3) return fmt::format("{:.1f} k USD", usd / 1e3);
  return fmt::format("{:.2f} USD", usd);
}

double Efficiency(Minor net, Minor gross) {
  return gross > 0 ? 1.0 - static_cast<double>(net) / static_cast<double>(gross) : 0.0;
}

// The USD equivalent of one field of per-currency volumes.
template <typename Field>
double UsdSum(const std::array<Volumes, kCurrencyCount>& v, const ReferenceRates& rates, Field f) {
  double usd = 0.0;
  for (Currency c : kCurrencies) usd += rates.ToUsd(c, f(v[static_cast<int>(c)]));
  return usd;
}

struct UsdVolumes {
  double gross = 0, bilateral = 0, multilateral = 0, compressed = 0, liquidity = 0;
  std::int64_t pay_gross = 0, pay_multi = 0, pay_bil = 0, pay_comp = 0;
};

UsdVolumes Totals(const std::array<Volumes, kCurrencyCount>& v, const ReferenceRates& r) {
  UsdVolumes u;
  u.gross = UsdSum(v, r, [](const Volumes& x) { return x.gross; });
  u.bilateral = UsdSum(v, r, [](const Volumes& x) { return x.bilateral; });
  u.multilateral = UsdSum(v, r, [](const Volumes& x) { return x.multilateral; });
  u.compressed = UsdSum(v, r, [](const Volumes& x) { return x.compressed; });
  u.liquidity = UsdSum(v, r, [](const Volumes& x) { return x.largest_net_debit; });
  for (const Volumes& x : v) {
    u.pay_gross += x.payments_gross;
    u.pay_bil += x.payments_bilateral;
    u.pay_multi += x.payments_multilateral;
    u.pay_comp += x.payments_compressed;
  }
  return u;
}

// Per cycle, all currencies in USD equivalent: gross, multilateral and liquidity need.
struct CycleRow {
  std::int32_t key = 0;
  std::array<Volumes, kCurrencyCount> v{};
};

std::vector<CycleRow> ByCycle(const SettleResult& r) {
  std::vector<CycleRow> rows;
  for (const Group& g : r.groups) {
    if (rows.empty() || rows.back().key != g.cycle_key) rows.push_back({g.cycle_key, {}});
    rows.back().v[static_cast<int>(g.currency)] = g.volumes;
  }
  return rows;
}

std::string Pct(double x) { return fmt::format("{:.1f}%", 100.0 * x); }

void CurrencyTable(const SettleReport& rep, std::string& out) {
  const SettleResult& r = *rep.result;
  out += fmt::format("{:<9}{:>16}{:>16}{:>16}{:>16}{:>24}{:>18}{:>18}\n", "currency", "gross",
                     "bilateral", "multilateral", "compressed", "payments gross>multi",
                     "liquidity peak", "liquidity sum");
  for (Currency c : kCurrencies) {
    const Volumes& v = r.per_currency[static_cast<int>(c)];
    if (v.payments_gross == 0) continue;
    out += fmt::format("{:<9}{:>16}{:>16}{:>16}{:>16}{:>24}{:>18}{:>18}\n", CurrencyCode(c),
                       FormatMinor(v.gross), FormatMinor(v.bilateral), FormatMinor(v.multilateral),
                       FormatMinor(v.compressed),
                       fmt::format("{} > {}", v.payments_gross, v.payments_multilateral),
                       FormatMinor(r.peak_net_debit[static_cast<int>(c)]),
                       FormatMinor(v.largest_net_debit));
  }
  const UsdVolumes u = Totals(r.per_currency, rep.rates);
  out += fmt::format("all, USD equivalent: gross {}, bilateral {} (removes {}), multilateral {} "
                     "(removes {}), compressed {} (removes {}); liquidity need summed over cycles {}\n",
                     Usd(u.gross), Usd(u.bilateral), Pct(1 - u.bilateral / std::max(u.gross, 1e-300)),
                     Usd(u.multilateral), Pct(1 - u.multilateral / std::max(u.gross, 1e-300)),
                     Usd(u.compressed), Pct(1 - u.compressed / std::max(u.gross, 1e-300)),
                     Usd(u.liquidity));
}

void CycleLengthTable(const SettleReport& rep, std::string& out) {
  out += "\nNetting efficiency by cycle length (1 - net/gross, all currencies in USD equivalent):\n";
  out += fmt::format("{:<7}{:>8}{:>16}{:>11}{:>14}{:>12}{:>22}\n", "cycle", "cycles", "gross",
                     "bilateral", "multilateral", "compressed", "liquidity need, sum");
  for (const SettleResult* r : rep.by_cycle) {
    const UsdVolumes u = Totals(r->per_currency, rep.rates);
    const double g = std::max(u.gross, 1e-300);
    out += fmt::format("{:<7}{:>8}{:>16}{:>11}{:>14}{:>12}{:>22}\n", CycleName(r->cycle),
                       ByCycle(*r).size(), Usd(u.gross), Pct(1 - u.bilateral / g),
                       Pct(1 - u.multilateral / g),
                       r->compression_run ? Pct(1 - u.compressed / g) : std::string("-"),
                       Usd(u.liquidity));
  }
}

void PerCycleTable(const SettleReport& rep, std::string& out) {
  const SettleResult& r = *rep.result;
  out += fmt::format("\nLiquidity need per {} (USD equivalent; the clearing house's largest net "
                     "debit in each currency, summed):\n", CycleName(r.cycle));
  out += fmt::format("{:<10}{:>16}{:>16}{:>16}{:>16}{:>18}\n", "cycle", "gross", "bilateral",
                     "multilateral", "compressed", "liquidity need");
  for (const CycleRow& row : ByCycle(r)) {
    const UsdVolumes u = Totals(row.v, rep.rates);
    out += fmt::format("{:<10}{:>16}{:>16}{:>16}{:>16}{:>18}\n", CycleLabel(row.key, r.cycle),
                       Usd(u.gross), Usd(u.bilateral), Usd(u.multilateral), Usd(u.compressed),
                       Usd(u.liquidity));
  }
}

void CountryTable(const SettleReport& rep, std::string& out) {
  const SettleResult& r = *rep.result;
  const ObligationSet& s = *rep.netted_set;
  out += "\nBy country (USD equivalent, year): paid, received, paid across the border, "
         "paid net to other countries, its members' net debits at the clearing house\n";
  for (std::size_t c = 0; c < s.countries.size(); ++c) {
    double paid = 0, received = 0, cross = 0, net = 0, debits = 0;
    for (Currency cur : kCurrencies) {
      const CountryFlows& f = r.per_country[c][static_cast<int>(cur)];
      paid += rep.rates.ToUsd(cur, f.paid);
      received += rep.rates.ToUsd(cur, f.received);
      cross += rep.rates.ToUsd(cur, f.cross_border_paid);
      net += rep.rates.ToUsd(cur, f.country_net_paid);
      debits += rep.rates.ToUsd(cur, f.party_net_debits);
    }
    out += fmt::format("  {:<6} paid {}, received {}, cross-border {}, net {}, net debits {}\n",
                       s.countries[c], Usd(paid), Usd(received), Usd(cross), Usd(net), Usd(debits));
  }
}

void LargestPositions(const SettleReport& rep, int top_n, std::string& out) {
  const SettleResult& r = *rep.result;
  std::vector<const Position*> p;
  for (const Position& x : r.positions) p.push_back(&x);
  const auto usd = [&](const Position* x) {
    return rep.rates.ToUsd(r.groups[x->group].currency, x->net);
  };
  std::sort(p.begin(), p.end(), [&](const Position* a, const Position* b) {
    return std::fabs(usd(a)) > std::fabs(usd(b));
  });
  out += fmt::format("\nLargest net positions (per {}; < 0 pays the clearing house):\n", CycleName(r.cycle));
  for (int i = 0; i < top_n && i < static_cast<int>(p.size()); ++i) {
    const Group& g = r.groups[p[i]->group];
    out += fmt::format("  {:<10} {:<26} {} {:>20}  ({})\n", CycleLabel(g.cycle_key, r.cycle),
                       rep.netted_set->parties[p[i]->party].id, CurrencyCode(g.currency),
                       FormatMinor(p[i]->net), Usd(usd(p[i])));
  }
}

void Checks(const SettleReport& rep, std::string& out) {
  const SettleResult& r = *rep.result;
  if (r.check.passed) {
    out += fmt::format("\nInvariants: passed in {} cycle-currency groups (every net position kept "
                       "by every netting, positions sum to zero, multilateral <= compressed <= "
                       "bilateral <= gross, compression only shrinks existing obligations)\n",
                       r.check.groups_checked);
  } else {
    out += "\nInvariants: FAILED\n";
    for (const std::string& f : r.check.failures) out += "  " + f + "\n";
  }
  if (r.compression_run) {
    const std::int64_t groups = static_cast<std::int64_t>(r.groups.size());
    out += fmt::format("Compression: proven optimal in {} of {} groups (integer dual certificate)\n",
                       groups - r.compression_uncertified, groups);
  }
}

}  // namespace

std::string FormatSettleSummary(const SettleReport& rep, int top_n) {
  const SettleResult& r = *rep.result;
  std::string out;
  out += fmt::format("Settlement of {}{}\n",
                     rep.run.dataset_name.empty() ? rep.run.obligations_source : rep.run.dataset_name,
                     rep.run.dataset_name.empty() ? "" : " / " + rep.run.scenario_name);
  if (rep.generation.used) {
    out += fmt::format("Obligations from the routing result: {} cross-border flows, trade {}, "
                       "transport services paid abroad {}, crossing fees paid abroad {}\n",
                       rep.generation.flows, Usd(rep.generation.trade_usd),
                       Usd(rep.generation.transport_usd), Usd(rep.generation.crossing_fees_usd));
  }
  const ObligationSet& p = *rep.parties;
  out += fmt::format("{} obligations among {} parties, {} banks, {} countries (hash {}); netted "
                     "among {} units (level {}), cycle: {}\n",
                     p.obligations.size(), p.parties.size(), p.banks.size(), p.countries.size(),
                     rep.run.obligations_hash, rep.netted_set->parties.size(), LevelName(rep.level),
                     CycleName(r.cycle));
  double internal = 0;
  for (Currency c : kCurrencies) internal += rep.rates.ToUsd(c, rep.internal[static_cast<int>(c)]);
  if (internal > 0) {
    out += fmt::format("Settled inside one {} (left out): {}\n", LevelName(rep.level), Usd(internal));
  }
  out += "\nYear by currency (major units; liquidity: the largest net debit of a cycle, its peak "
         "and its sum over cycles):\n";
  CurrencyTable(rep, out);
  CycleLengthTable(rep, out);
  PerCycleTable(rep, out);
  CountryTable(rep, out);
  LargestPositions(rep, top_n, out);
  Checks(rep, out);
  return out;
}

namespace {

json VolumesJson(const Volumes& v) {
  return {{"gross", FormatMinor(v.gross)},
          {"bilateral", FormatMinor(v.bilateral)},
          {"multilateral", FormatMinor(v.multilateral)},
          {"compressed", FormatMinor(v.compressed)},
          {"efficiency_bilateral", Efficiency(v.bilateral, v.gross)},
          {"efficiency_multilateral", Efficiency(v.multilateral, v.gross)},
          {"efficiency_compressed", Efficiency(v.compressed, v.gross)},
          {"payments_gross", v.payments_gross},
          {"payments_bilateral", v.payments_bilateral},
          {"payments_multilateral", v.payments_multilateral},
          {"payments_compressed", v.payments_compressed},
          {"liquidity_need", FormatMinor(v.largest_net_debit)}};
}

json UsdJson(const UsdVolumes& u) {
  return {{"gross", u.gross}, {"bilateral", u.bilateral}, {"multilateral", u.multilateral},
          {"compressed", u.compressed}, {"liquidity_need", u.liquidity}};
}

json CycleSummaryJson(const SettleResult& r, const ReferenceRates& rates) {
  json per_currency = json::object();
  for (Currency c : kCurrencies) {
    const Volumes& v = r.per_currency[static_cast<int>(c)];
    if (v.payments_gross == 0) continue;
    json j = VolumesJson(v);
    j["liquidity_peak"] = FormatMinor(r.peak_net_debit[static_cast<int>(c)]);
    per_currency[std::string(CurrencyCode(c))] = j;
  }
  return {{"cycle", CycleName(r.cycle)},
          {"cycles", ByCycle(r).size()},
          {"per_currency", per_currency},
          {"usd_equivalent", UsdJson(Totals(r.per_currency, rates))},
          {"compression_run", r.compression_run},
          {"compression_uncertified_groups", r.compression_uncertified}};
}

}  // namespace

std::string SettleResultJson(const SettleReport& rep) {
  const SettleResult& r = *rep.result;
  json options = json::object();
  for (const auto& [k, v] : rep.run.options) options[k] = v;
  json run = {{"program_version", rep.run.program_version},
              {"dataset", {{"name", rep.run.dataset_name}, {"hash_fnv1a64", rep.run.dataset_hash}}},
              {"scenario", {{"name", rep.run.scenario_name}, {"hash_fnv1a64", rep.run.scenario_hash}}},
              {"obligations", {{"source", rep.run.obligations_source},
                               {"hash_fnv1a64", rep.run.obligations_hash}}},
              {"assumptions", {{"file", rep.run.assumptions_file},
                               {"hash_fnv1a64", rep.run.assumptions_hash}}},
              {"options", options},
              {"seed", rep.run.seed},
              {"started_at_utc", rep.run.started_at_utc},
              {"wall_seconds", rep.run.wall_seconds}};
  json rates = json::object();
  for (Currency c : kCurrencies) rates[std::string(CurrencyCode(c))] = rep.rates.per_usd[static_cast<int>(c)];
  json cycles = json::array();
  for (const CycleRow& row : ByCycle(r)) {
    json per = json::object();
    for (Currency c : kCurrencies) {
      if (row.v[static_cast<int>(c)].payments_gross > 0) {
        per[std::string(CurrencyCode(c))] = VolumesJson(row.v[static_cast<int>(c)]);
      }
    }
    cycles.push_back({{"cycle", CycleLabel(row.key, r.cycle)},
                      {"usd_equivalent", UsdJson(Totals(row.v, rep.rates))},
                      {"per_currency", per}});
  }
  json by_length = json::array();
  for (const SettleResult* x : rep.by_cycle) by_length.push_back(CycleSummaryJson(*x, rep.rates));
  json countries = json::array();
  for (std::size_t c = 0; c < rep.netted_set->countries.size(); ++c) {
    json per = json::object();
    for (Currency cur : kCurrencies) {
      const CountryFlows& f = r.per_country[c][static_cast<int>(cur)];
      if (f.paid == 0 && f.received == 0) continue;
      per[std::string(CurrencyCode(cur))] = {
          {"paid", FormatMinor(f.paid)}, {"received", FormatMinor(f.received)},
          {"cross_border_paid", FormatMinor(f.cross_border_paid)},
          {"country_net_paid", FormatMinor(f.country_net_paid)},
          {"party_net_debits", FormatMinor(f.party_net_debits)}};
    }
    countries.push_back({{"country", rep.netted_set->countries[c]}, {"per_currency", per}});
  }
  json assumptions = json::array();
  for (const Assumption& a : rep.assumptions) {
    assumptions.push_back({{"name", a.name}, {"value", a.value}, {"source", a.source},
                           {"confidence", a.confidence}});
  }
  json internal = json::object();
  for (Currency c : kCurrencies) internal[std::string(CurrencyCode(c))] = FormatMinor(rep.internal[static_cast<int>(c)]);
  json j = {{"format", "corridor-settle-result/1"},
            {"run", run},
            {"level", LevelName(rep.level)},
            {"reference_rates_per_usd", rates},
            {"parties", {{"parties", rep.parties->parties.size()}, {"banks", rep.parties->banks.size()},
                         {"countries", rep.parties->countries.size()},
                         {"obligations", rep.parties->obligations.size()},
                         {"netting_units", rep.netted_set->parties.size()}}},
            {"internal", internal},
            {"generation", {{"used", rep.generation.used}, {"flows", rep.generation.flows},
                            {"trade_usd", rep.generation.trade_usd},
                            {"transport_usd", rep.generation.transport_usd},
                            {"crossing_fees_usd", rep.generation.crossing_fees_usd}}},
            {"summary", CycleSummaryJson(r, rep.rates)},
            {"by_cycle_length", by_length},
            {"cycles", cycles},
            {"countries", countries},
            {"invariants", {{"passed", r.check.passed}, {"groups_checked", r.check.groups_checked},
                            {"failures", r.check.failures}}},
            {"assumptions", assumptions}};
  return j.dump(2) + "\n";
}

std::string PositionsCsv(const SettleReport& rep) {
  const SettleResult& r = *rep.result;
  const ObligationSet& s = *rep.netted_set;
  std::string out = "cycle,currency,party,bank,country,net\n";
  for (const Position& p : r.positions) {
    const Group& g = r.groups[p.group];
    const Bank& b = s.banks[s.parties[p.party].bank];
    out += fmt::format("{},{},{},{},{},{}\n", CycleLabel(g.cycle_key, r.cycle), CurrencyCode(g.currency),
                       s.parties[p.party].id, b.id, s.countries[b.country], FormatMinor(p.net));
  }
  return out;
}

std::string NettedCsv(const SettleReport& rep) {
  const SettleResult& r = *rep.result;
  const ObligationSet& s = *rep.netted_set;
  std::string out = "netting,cycle,currency,payer,payee,amount\n";
  auto rows = [&](const char* name, const std::vector<NetObligation>& list) {
    for (const NetObligation& n : list) {
      const Group& g = r.groups[n.group];
      out += fmt::format("{},{},{},{},{},{}\n", name, CycleLabel(g.cycle_key, r.cycle),
                         CurrencyCode(g.currency), s.parties[n.payer].id, s.parties[n.payee].id,
                         FormatMinor(n.amount));
    }
  };
  rows("bilateral", r.bilateral_netted);
  if (r.compression_run) rows("compressed", r.compressed);
  return out;
}

std::string CyclesCsv(const SettleReport& rep) {
  std::string out =
      "cycle_length,cycle,currency,gross,bilateral,multilateral,compressed,payments_gross,"
      "payments_bilateral,payments_multilateral,payments_compressed,liquidity_need\n";
  for (const SettleResult* r : rep.by_cycle) {
    for (const Group& g : r->groups) {
      const Volumes& v = g.volumes;
      out += fmt::format("{},{},{},{},{},{},{},{},{},{},{},{}\n", CycleName(r->cycle),
                         CycleLabel(g.cycle_key, r->cycle), CurrencyCode(g.currency),
                         FormatMinor(v.gross), FormatMinor(v.bilateral), FormatMinor(v.multilateral),
                         FormatMinor(v.compressed), v.payments_gross, v.payments_bilateral,
                         v.payments_multilateral, v.payments_compressed, FormatMinor(v.largest_net_debit));
    }
  }
  return out;
}

std::vector<std::pair<std::string, std::string>> SettleFiles(const SettleReport& rep) {
  return {{"settle_result.json", SettleResultJson(rep)},
          {"positions.csv", PositionsCsv(rep)},
          {"netted.csv", NettedCsv(rep)},
          {"cycles.csv", CyclesCsv(rep)},
          {"settle_summary.txt", FormatSettleSummary(rep, 1000)}};
}

}  // namespace corridor::settle
