#include "settle/generate.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <random>

#include "core/hash.h"

namespace corridor::settle {

namespace {

double Uniform(std::mt19937_64& rng) { return static_cast<double>(rng() >> 11) * 0x1.0p-53; }

// Index drawn from cumulative weights.
int Draw(const std::vector<double>& cumulative, std::mt19937_64& rng) {
  const double u = Uniform(rng) * cumulative.back();
  const auto it = std::upper_bound(cumulative.begin(), cumulative.end(), u);
  return static_cast<int>(std::min<std::ptrdiff_t>(it - cumulative.begin(),
                                                   static_cast<std::ptrdiff_t>(cumulative.size()) - 1));
}

std::uint64_t HashOf(const std::string& s) {
  Fnv1a64 h;
  h.Update(s);
  return h.value();
}

class Generator {
 public:
  Generator(const SettlementAssumptions& a, const std::string& scenario)
      : a_(a), mix_(a.MixFor(scenario)), rng_(a.seed) {
    double c = 0.0;
    for (double s : mix_.share) mix_cum_.push_back(c += s);
    c = 0.0;
    for (int m = 0; m < 12; ++m) month_cum_.push_back(c += a.month_weights[m]);
  }

  void Flow(const TradeFlow& f, GeneratedObligations& out) {
    const Region& exporters = RegionOf(f.origin_country, f.origin_region);
    const Region& importers = RegionOf(f.destination_country, f.destination_region);
    Invoices(f.value_usd, a_.invoice_usd, [&] {
      return std::pair{importers.firms[Draw(importers.cumulative, rng_)],
                       exporters.firms[Draw(exporters.cumulative, rng_)]};
    });
    const double transport = f.transport_usd * a_.transport_foreign_share;
    Invoices(transport, a_.transport_invoice_usd, [&] {
      const int carrier = static_cast<int>(rng_() % static_cast<std::uint64_t>(a_.carriers_per_country));
      return std::pair{importers.firms[Draw(importers.cumulative, rng_)],
                       Carrier(f.origin_country, carrier)};
    });
    out.trade_usd += f.value_usd;
    out.transport_usd += transport;
    ++out.flows;
  }

  void Fee(const CrossingFee& f, GeneratedObligations& out) {
    const int operator_party = set_.Party(fmt::format("{}:border:{}", f.payee_country, f.crossing),
                                          BankFor(f.payee_country, f.crossing), f.payee_country);
    Invoices(f.usd, a_.transport_invoice_usd, [&] {
      const int carrier = static_cast<int>(rng_() % static_cast<std::uint64_t>(a_.carriers_per_country));
      return std::pair{Carrier(f.payer_country, carrier), operator_party};
    });
    out.crossing_fees_usd += f.usd;
  }

  ObligationSet& set() { return set_; }

 private:
  struct Region {
    std::vector<int> firms;          // party indices
    std::vector<double> cumulative;  // Pareto sizes, cumulated
  };

  std::string BankFor(const std::string& country, const std::string& party) const {
    return fmt::format("{}:bank{:02}", country,
                       HashOf(party) % static_cast<std::uint64_t>(a_.banks_per_country));
  }

  const Region& RegionOf(const std::string& country, const std::string& region) {
    const std::string key = country + ":" + region;
    auto [it, inserted] = regions_.try_emplace(key);
    if (!inserted) return it->second;
    // Sizes: Pareto quantiles (1 - u)^(-1/alpha) from a stream seeded by the region.
    std::mt19937_64 sizes(a_.seed ^ HashOf(key));
    double c = 0.0;
    for (int i = 0; i < a_.firms_per_region; ++i) {
      const std::string id = fmt::format("{}:f{:03}", key, i);
      it->second.firms.push_back(set_.Party(id, BankFor(country, id), country));
      it->second.cumulative.push_back(c += std::pow(1.0 - Uniform(sizes), -1.0 / a_.pareto_alpha));
    }
    return it->second;
  }

  int Carrier(const std::string& country, int k) {
    const std::string id = fmt::format("{}:carrier{:02}", country, k);
    return set_.Party(id, BankFor(country, id), country);
  }

  Day DrawDate() {
    const int month = Draw(month_cum_, rng_) + 1;
    const Day first = DayFromCivil(a_.year, month, 1);
    const Day next = month == 12 ? DayFromCivil(a_.year + 1, 1, 1) : DayFromCivil(a_.year, month + 1, 1);
    return first + static_cast<Day>(rng_() % static_cast<std::uint64_t>(next - first));
  }

  template <typename PickParties>
  void Invoices(double usd, double invoice_usd, PickParties pick) {
    if (!(usd > 0.0)) return;
    const double n_exact = std::ceil(usd / invoice_usd);
    const int n = static_cast<int>(std::clamp(n_exact, 1.0, static_cast<double>(a_.max_invoices_per_flow)));
    const double each = usd / n;
    for (int i = 0; i < n; ++i) {
      const auto [payer, payee] = pick();
      const Currency cur = static_cast<Currency>(Draw(mix_cum_, rng_));
      const Minor amount = std::llround(each * a_.rates.per_usd[static_cast<int>(cur)] * kMinorPerMajor);
      if (amount <= 0 || payer == payee) continue;
      set_.Add({payer, payee, cur, DrawDate(), amount, 0});
    }
  }

  const SettlementAssumptions& a_;
  const CurrencyMix& mix_;
  std::mt19937_64 rng_;
  std::vector<double> mix_cum_, month_cum_;
  std::map<std::string, Region> regions_;
  ObligationSet set_;
};

}  // namespace

GeneratedObligations GenerateObligations(const std::vector<TradeFlow>& flows,
                                         const std::vector<CrossingFee>& fees,
                                         const SettlementAssumptions& a,
                                         const std::string& scenario) {
  GeneratedObligations out;
  Generator gen(a, scenario);
  for (const TradeFlow& f : flows) {
    if (f.origin_country == f.destination_country) continue;
    gen.Flow(f, out);
  }
  for (const CrossingFee& f : fees) {
    if (f.payer_country != f.payee_country && f.usd > 0.0) gen.Fee(f, out);
  }
  out.set = std::move(gen.set());
  out.set.source = "generated from the routing result";
  return out;
}

}  // namespace corridor::settle
