#include <gtest/gtest.h>

#include <cmath>

#include "settle/assumptions.h"
#include "settle/generate.h"

namespace corridor::settle {
namespace {

std::vector<TradeFlow> Flows() {
  return {{"coal", "KEM", "RU", "DAL", "CN", 3.0e8, 2.0e7},
          {"cars", "SHA", "CN", "MOW", "RU", 1.0e8, 1.0e7},
          {"grain", "OMS", "RU", "MOW", "RU", 5.0e7, 1.0e6}};  // domestic: left out
}

double UsdTotal(const ObligationSet& set, const ReferenceRates& rates) {
  double usd = 0;
  for (const Obligation& o : set.obligations) usd += rates.ToUsd(o.currency, o.amount);
  return usd;
}

TEST(Generate, SameSeedSameObligationsAndTheValuesReconcile) {
  SettlementAssumptions a;
  const std::vector<CrossingFee> fees{{"ZAB", "CN", "RU", 1.0e6}, {"GRD", "RU", "RU", 5.0e5}};
  const GeneratedObligations g = GenerateObligations(Flows(), fees, a, "baseline");
  const GeneratedObligations again = GenerateObligations(Flows(), fees, a, "baseline");
  EXPECT_EQ(g.set.ContentHash(), again.set.ContentHash());
  EXPECT_EQ(g.flows, 2);
  EXPECT_DOUBLE_EQ(g.trade_usd, 4.0e8);
  EXPECT_DOUBLE_EQ(g.transport_usd, 0.5 * 3.0e7);
  EXPECT_DOUBLE_EQ(g.crossing_fees_usd, 1.0e6);  // the fee to an own crossing is domestic
  // Every obligation is cross-border and the amounts add up to the values (to rounding).
  for (const Obligation& o : g.set.obligations) EXPECT_NE(g.set.CountryOf(o.payer), g.set.CountryOf(o.payee));
  EXPECT_NEAR(UsdTotal(g.set, a.rates), 4.0e8 + 1.5e7 + 1.0e6, 1.0);
  a.seed = 7;
  EXPECT_NE(GenerateObligations(Flows(), fees, a, "baseline").set.ContentHash(), g.set.ContentHash());
}

TEST(Generate, CurrencyMixOfTheScenarioIsUsed) {
  SettlementAssumptions a;
  CurrencyMix rub_only;
  rub_only.share = {0, 0, 1, 0};
  a.mix_by_scenario["rub"] = rub_only;
  const GeneratedObligations g = GenerateObligations(Flows(), {}, a, "rub");
  for (const Obligation& o : g.set.obligations) EXPECT_EQ(o.currency, Currency::kRub);
  const GeneratedObligations base = GenerateObligations(Flows(), {}, a, "baseline");
  int rub = 0;
  for (const Obligation& o : base.set.obligations) rub += o.currency == Currency::kRub;
  EXPECT_LT(rub, static_cast<int>(base.set.obligations.size()));
}

TEST(Assumptions, ParsesAndLocatesBadValues) {
  Diagnostics diags;
  auto a = ParseAssumptions(
      "seed = 5\n[reference_rates]\nCNY = 7\nRUB = 80\nEUR = 0.9\nsource = \"s\"\nconfidence = \"c\"\n"
      "[currency_mix]\nUSD = 0.5\nCNY = 0.5\nRUB = 0\nEUR = 0\nsource = \"s\"\nconfidence = \"c\"\n",
      "settlement.toml", diags);
  ASSERT_TRUE(a.ok()) << diags.ToString();
  EXPECT_EQ(a->seed, 5u);
  EXPECT_DOUBLE_EQ(a->rates.per_usd[1], 7.0);
  EXPECT_DOUBLE_EQ(a->mix.share[0], 0.5);
  Diagnostics bad;
  EXPECT_FALSE(ParseAssumptions("[currency_mix]\nUSD = 0.5\nCNY = 0.6\nRUB = 0\nEUR = 0\n"
                                "source = \"s\"\nconfidence = \"c\"\n[firms]\nper_region = 0\n"
                                "pareto_alpha = 1\nbanks_per_country = 2\nsource = \"s\"\nconfidence = \"c\"\n",
                                "settlement.toml", bad)
                   .ok());
  const std::string all = bad.ToString();
  EXPECT_NE(all.find("shares must sum to 1"), std::string::npos) << all;
  EXPECT_NE(all.find("settlement.toml:9: firms: per_region"), std::string::npos) << all;
}

}  // namespace
}  // namespace corridor::settle
