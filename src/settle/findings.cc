#include "settle/findings.h"

#include <fmt/format.h>

#include <cmath>

namespace corridor::settle {

namespace {

std::string Bn(double usd) { return fmt::format("{:.2f} bn USD", usd / 1e9); }

double UsdOf(const std::array<Volumes, kCurrencyCount>& v, const ReferenceRates& r,
             Minor Volumes::*field) {
  double usd = 0;
  for (Currency c : kCurrencies) usd += r.ToUsd(c, v[static_cast<int>(c)].*field);
  return usd;
}

double PeakUsd(const SettleResult& r, const ReferenceRates& rates) {
  double usd = 0;
  for (Currency c : kCurrencies) usd += rates.ToUsd(c, r.peak_net_debit[static_cast<int>(c)]);
  return usd;
}

std::string Removes(double net, double gross) {
  return gross > 0 ? fmt::format("{:.1f}%", 100.0 * (1.0 - net / gross)) : "-";
}

const SettleResult* Find(const SettleReport& rep, Cycle c) {
  for (const SettleResult* r : rep.by_cycle) {
    if (r->cycle == c) return r;
  }
  return nullptr;
}

}  // namespace

std::string SettlementFindingsMarkdown(const std::vector<SettleReport>& reports) {
  std::string s = "## Settlement: the payments behind the freight\n\n";
  s += "Every served tonne that crosses the border is paid for across it. `corridor settle` "
       "turns each cross-border flow's served trade value into invoices between firms "
       "(and the transport bought abroad into invoices to carriers), aggregates them to "
       "the firms' banks (the members a clearing house would have) and nets them per "
       "monthly cycle and per currency, exactly in minor units. Removed shares are of the "
       "gross; the liquidity need is the largest net debit of a cycle in each currency "
       "(USD equivalents at the reference rates), its peak month and its sum over the "
       "year. These figures rest on the labelled estimates listed below, not on payment "
       "data.\n\n";
  s += "| scenario | gross payments | bilateral netting leaves (removes) | multilateral "
       "netting leaves (removes) | compression leaves | liquidity need: largest month per currency, summed / year sum "
       "| multilateral removes: daily / weekly / monthly cycles |\n|---|---|---|---|---|---|---|\n";
  for (const SettleReport& rep : reports) {
    const SettleResult& m = *rep.result;
    const double g = UsdOf(m.per_currency, rep.rates, &Volumes::gross);
    const double b = UsdOf(m.per_currency, rep.rates, &Volumes::bilateral);
    const double ml = UsdOf(m.per_currency, rep.rates, &Volumes::multilateral);
    const double c = UsdOf(m.per_currency, rep.rates, &Volumes::compressed);
    const double liq = UsdOf(m.per_currency, rep.rates, &Volumes::largest_net_debit);
    std::string by_length;
    for (Cycle cy : {Cycle::kDay, Cycle::kWeek, Cycle::kMonth}) {
      const SettleResult* r = Find(rep, cy);
      if (!by_length.empty()) by_length += " / ";
      by_length += r ? Removes(UsdOf(r->per_currency, rep.rates, &Volumes::multilateral),
                               UsdOf(r->per_currency, rep.rates, &Volumes::gross))
                     : "-";
    }
    s += fmt::format("| `{}` | {} | {} ({}) | {} ({}) | {} | {} / {} | {} |\n", rep.run.scenario_name,
                     Bn(g), Bn(b), Removes(b, g), Bn(ml), Removes(ml, g), Bn(c),
                     Bn(PeakUsd(m, rep.rates)), Bn(liq), by_length);
  }
  s += "\n";
  for (const SettleReport& rep : reports) {
    const SettleResult& m = *rep.result;
    s += fmt::format("### `{}`\n\n", rep.run.scenario_name);
    s += fmt::format("{} cross-border flows: trade {}, transport services paid abroad {}, "
                     "crossing fees paid abroad {}; "
                     "{} obligations among {} parties and {} banks; invariants {} in {} groups, "
                     "compression proven optimal in {} of {}.\n\n",
                     rep.generation.flows, Bn(rep.generation.trade_usd), Bn(rep.generation.transport_usd),
                     Bn(rep.generation.crossing_fees_usd),
                     rep.parties->obligations.size(), rep.parties->parties.size(),
                     rep.parties->banks.size(), m.check.passed ? "passed" : "FAILED",
                     m.check.groups_checked,
                     static_cast<std::int64_t>(m.groups.size()) - m.compression_uncertified,
                     m.groups.size());
    s += "| currency | gross | bilateral | multilateral | liquidity need, peak month |\n|---|---|---|---|---|\n";
    for (Currency c : kCurrencies) {
      const Volumes& v = m.per_currency[static_cast<int>(c)];
      if (v.payments_gross == 0) continue;
      s += fmt::format("| {} | {} ({}) | {} | {} | {} |\n", CurrencyCode(c),
                       Bn(rep.rates.ToUsd(c, v.gross)), fmt::format("{:.0f} bn {}", v.gross / 1e11, CurrencyCode(c)),
                       Bn(rep.rates.ToUsd(c, v.bilateral)), Bn(rep.rates.ToUsd(c, v.multilateral)),
                       Bn(rep.rates.ToUsd(c, m.peak_net_debit[static_cast<int>(c)])));
    }
    s += "\nAssumptions:\n\n";
    for (const Assumption& a : rep.assumptions) {
      s += fmt::format("- {}: {} ({}{})\n", a.name, a.value, a.source,
                       a.confidence.empty() ? "" : "; confidence " + a.confidence);
    }
    s += "\n";
  }
  return s;
}

}  // namespace corridor::settle
