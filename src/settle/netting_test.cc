#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>
#include <tuple>

#include "settle/compression.h"
#include "settle/netting.h"

namespace corridor::settle {
namespace {

Day D(int y, int m, int d) { return DayFromCivil(y, m, d); }

ObligationSet Triangle() {
  ObligationSet set;
  set.source = "test";
  const int a = set.Party("A", "bankA", "RU"), b = set.Party("B", "bankB", "CN"),
            c = set.Party("C", "bankB", "CN");
  set.Add({a, b, Currency::kUsd, D(2022, 1, 3), 10000, 1});
  set.Add({b, c, Currency::kUsd, D(2022, 1, 4), 7000, 2});
  set.Add({c, a, Currency::kUsd, D(2022, 1, 5), 5000, 3});
  set.Add({b, a, Currency::kUsd, D(2022, 1, 5), 2000, 4});
  return set;
}

TEST(Netting, TriangleByHand) {
  auto r = Net(Triangle(), {.cycle = Cycle::kMonth, .progress = {}});
  ASSERT_TRUE(r.ok()) << r.status().message();
  ASSERT_EQ(r->groups.size(), 1u);
  const Volumes& v = r->groups[0].volumes;
  EXPECT_EQ(v.gross, 24000);
  EXPECT_EQ(v.bilateral, 8000 + 7000 + 5000);  // A-B nets to 80.00
  // Positions: A -100+50+20 = -30, B +100-70-20 = +10, C +70-50 = +20.
  EXPECT_EQ(v.multilateral, 3000);
  EXPECT_EQ(v.largest_net_debit, 3000);
  EXPECT_EQ(v.payments_multilateral, 3);
  // The cycle A->B->C->A carries 50 after the 2-cycle: 8000-5000, 7000-5000, 0 left.
  EXPECT_EQ(v.compressed, 3000 + 2000);
  EXPECT_TRUE(r->groups[0].compression_certified);
  EXPECT_TRUE(r->check.passed);
  // Per country: RU pays 100 to CN and receives 70 from it.
  EXPECT_EQ(r->per_country[0][0].cross_border_paid, 10000);
  EXPECT_EQ(r->per_country[0][0].country_net_paid, 3000);
}

TEST(Netting, CyclesSplitByDate) {
  auto day = Net(Triangle(), {.cycle = Cycle::kDay, .progress = {}});
  ASSERT_TRUE(day.ok());
  EXPECT_EQ(day->groups.size(), 3u);
  EXPECT_EQ(day->per_currency[0].gross, 24000);
  EXPECT_EQ(day->per_currency[0].multilateral, 10000 + 7000 + 7000);  // day 5: all pay A
  EXPECT_EQ(CycleLabel(CycleKey(D(2022, 1, 3), Cycle::kWeek), Cycle::kWeek), "2022-W01");
  EXPECT_EQ(CycleLabel(CycleKey(D(2022, 1, 2), Cycle::kWeek), Cycle::kWeek), "2021-W52");
  EXPECT_EQ(CycleLabel(CycleKey(D(2022, 3, 9), Cycle::kMonth), Cycle::kMonth), "2022-03");
}

TEST(Netting, OverflowIsALocatedError) {
  ObligationSet set;
  set.source = "big.csv";
  const int a = set.Party("A", "A", "RU"), b = set.Party("B", "B", "CN");
  set.Add({a, b, Currency::kRub, D(2022, 1, 1), std::numeric_limits<Minor>::max(), 2});
  set.Add({a, b, Currency::kRub, D(2022, 1, 1), 1, 3});
  auto r = Net(set, SettleOptions{});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidInput);
  EXPECT_NE(r.status().message().find("big.csv:3: cycle 2022-01 currency RUB"), std::string::npos)
      << r.status().message();
}

TEST(Netting, CancelStopsTheRun) {
  auto r = Net(Triangle(), {.cycle = Cycle::kDay, .progress = [](double) { return false; }});
  EXPECT_EQ(r.status().code(), StatusCode::kCancelled);
}

using GroupKey = std::pair<std::int32_t, int>;
using EdgeKey = std::tuple<std::int32_t, int, std::int32_t, std::int32_t>;

// Checks a result against figures recomputed here from the obligations alone.
void CheckIndependently(const ObligationSet& set, const SettleResult& r, Cycle cycle) {
  std::map<EdgeKey, Minor> gross;
  std::map<std::tuple<std::int32_t, int, std::int32_t>, Minor> pos;
  for (const Obligation& o : set.obligations) {
    const std::int32_t k = CycleKey(o.value_date, cycle);
    const int c = static_cast<int>(o.currency);
    gross[{k, c, o.payer, o.payee}] += o.amount;
    pos[{k, c, o.payer}] -= o.amount;
    pos[{k, c, o.payee}] += o.amount;
  }
  std::map<GroupKey, Minor> multi, bil;
  for (const auto& [key, p] : pos) {
    if (p > 0) multi[{std::get<0>(key), std::get<1>(key)}] += p;
  }
  for (const auto& [key, w] : gross) {
    const auto [k, c, u, v] = key;
    if (u > v) continue;
    const auto back = gross.find({k, c, v, u});
    bil[{k, c}] += std::abs(w - (back == gross.end() ? 0 : back->second));
  }
  for (const auto& [key, w] : gross) {  // pairs seen only as v -> u with u < v
    const auto [k, c, u, v] = key;
    if (u > v && !gross.count({k, c, v, u})) bil[{k, c}] += w;
  }
  // Compressed obligations: a subset of the gross edges, never larger, same positions.
  std::map<EdgeKey, Minor> left;
  for (const NetObligation& n : r.compressed) {
    const Group& g = r.groups[n.group];
    left[{g.cycle_key, static_cast<int>(g.currency), n.payer, n.payee}] += n.amount;
  }
  std::map<std::tuple<std::int32_t, int, std::int32_t>, Minor> pos_after;
  for (const auto& [key, amount] : left) {
    const auto it = gross.find(key);
    ASSERT_NE(it, gross.end()) << "compression created an obligation";
    ASSERT_LE(amount, it->second);
    ASSERT_GT(amount, 0);
    pos_after[{std::get<0>(key), std::get<1>(key), std::get<2>(key)}] -= amount;
    pos_after[{std::get<0>(key), std::get<1>(key), std::get<3>(key)}] += amount;
  }
  for (const auto& [key, p] : pos) {
    const auto it = pos_after.find(key);
    ASSERT_EQ(p, it == pos_after.end() ? 0 : it->second) << "a net position changed";
  }
  for (const Group& g : r.groups) {
    const GroupKey key{g.cycle_key, static_cast<int>(g.currency)};
    ASSERT_EQ(g.volumes.multilateral, multi[key]);
    ASSERT_EQ(g.volumes.bilateral, bil[key]);
    ASSERT_LE(g.volumes.multilateral, g.volumes.compressed);
    ASSERT_LE(g.volumes.compressed, g.volumes.bilateral);
    ASSERT_LE(g.volumes.bilateral, g.volumes.gross);
    ASSERT_TRUE(g.compression_certified) << g.compression_failure;
    // Optimality of compression, proven independently of the LP's duals.
    std::map<std::int32_t, int> local;
    std::vector<Edge> edges;
    std::vector<Minor> remaining;
    for (const auto& [ek, w] : gross) {
      const auto [k, c, u, v] = ek;
      if (k != key.first || c != key.second) continue;
      const int lu = local.emplace(u, static_cast<int>(local.size())).first->second;
      const int lv = local.emplace(v, static_cast<int>(local.size())).first->second;
      edges.push_back({lu, lv, w});
      const auto l = left.find(ek);
      remaining.push_back(l == left.end() ? 0 : l->second);
    }
    ASSERT_TRUE(NoImprovingCycle(static_cast<int>(local.size()), edges, remaining));
  }
}

ObligationSet RandomSet(std::mt19937_64& rng) {
  ObligationSet set;
  set.source = "random";
  const int parties = 2 + static_cast<int>(rng() % 6);
  for (int p = 0; p < parties; ++p) {
    set.Party("P" + std::to_string(p), "bank" + std::to_string(p % 3), p % 2 ? "RU" : "CN");
  }
  const int n = 1 + static_cast<int>(rng() % 12);
  for (int i = 0; i < n; ++i) {
    const int a = static_cast<int>(rng() % parties);
    int b = static_cast<int>(rng() % (parties - 1));
    if (b >= a) ++b;
    const Minor amount = 1 + static_cast<Minor>(rng() % (rng() % 2 ? 100 : 1'000'000'000));
    set.Add({a, b, static_cast<Currency>(rng() % 2), D(2022, 1, 1) + static_cast<Day>(rng() % 40),
             amount, i + 1});
  }
  return set;
}

TEST(NettingProperty, InvariantsHoldOverTenThousandRandomSets) {
  std::mt19937_64 rng(20221);
  for (int trial = 0; trial < 10000; ++trial) {
    const ObligationSet set = RandomSet(rng);
    const Cycle cycle = static_cast<Cycle>(trial % 3);
    auto r = Net(set, {.cycle = cycle, .progress = {}});
    ASSERT_TRUE(r.ok()) << r.status().message();
    ASSERT_TRUE(r->check.passed) << trial << ": " << r->check.failures.front();
    CheckIndependently(set, *r, cycle);
    if (HasFailure()) FAIL() << "trial " << trial;
    // The same obligations in another order: the same hash and the same figures.
    ObligationSet shuffled = set;
    std::shuffle(shuffled.obligations.begin(), shuffled.obligations.end(), rng);
    ASSERT_EQ(shuffled.ContentHash(), set.ContentHash());
    auto again = Net(shuffled, {.cycle = cycle, .compress = false, .progress = {}});
    ASSERT_TRUE(again.ok());
    for (int c = 0; c < kCurrencyCount; ++c) {
      ASSERT_EQ(again->per_currency[c].multilateral, r->per_currency[c].multilateral);
      ASSERT_EQ(again->per_currency[c].bilateral, r->per_currency[c].bilateral);
    }
  }
}

TEST(Compression, AgreesWithBellmanFordOnDenseGraphs) {
  std::mt19937_64 rng(7);
  for (int trial = 0; trial < 300; ++trial) {
    const int n = 3 + static_cast<int>(rng() % 10);
    std::vector<Edge> edges;
    for (int u = 0; u < n; ++u) {
      for (int v = 0; v < n; ++v) {
        if (u != v && rng() % 3 == 0) edges.push_back({u, v, 1 + static_cast<Minor>(rng() % 1000)});
      }
    }
    const CompressionResult c = Compress(n, edges);
    ASSERT_TRUE(c.certified) << c.failure;
    ASSERT_TRUE(NoImprovingCycle(n, edges, c.remaining));
    // An improving cycle exists before compressing whenever something was removed.
    std::vector<Minor> untouched;
    for (const Edge& e : edges) untouched.push_back(e.amount);
    ASSERT_EQ(NoImprovingCycle(n, edges, untouched), c.removed == 0);
  }
}

}  // namespace
}  // namespace corridor::settle
