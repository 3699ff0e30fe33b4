#include <gtest/gtest.h>

#include <cmath>
#include <numeric>
#include <string>

#include "model/network.h"
#include "model/test_dataset.h"
#include "risk/reader.h"
#include "risk/run.h"
#include "risk/sample.h"
#include "risk/stats.h"
#include "routing/resolver.h"
#include "routing/system_optimum.h"

namespace corridor::risk {
namespace {

RiskModel Parse(const std::string& text) {
  Diagnostics d;
  auto m = ParseRiskModel(text, "risk.toml", d);
  EXPECT_TRUE(m.ok()) << m.status().message();
  return m.ok() ? std::move(m).value() : RiskModel{};
}

std::string ErrorsOf(const std::string& text) {
  Diagnostics d;
  auto m = ParseRiskModel(text, "dir/risk.toml", d);
  EXPECT_FALSE(m.ok());
  std::string all;
  for (const auto& item : d.items()) all += item.ToString() + "\n";
  return all;
}

model::Network SmallNetwork() {
  auto net = model::BuildNetwork(model::testing::SmallCorridor());
  EXPECT_TRUE(net.ok());
  return std::move(net).value();
}

const char* kModel = R"(
name = "test"
[[group]]
id = "rail"
elements = ["crossing:XR", "link:r1"]
[[event]]
id = "wave"
probability = 0.3
duration_days = { distribution = "triangular", min = 10, mode = 30, max = 90 }
[[event]]
id = "rail_closed"
parent = "wave"
probability = 0.5
elements = ["group:rail"]
[[event]]
id = "flood"
probability = 0.2
elements = ["link:r1"]
capacity_fraction = 0.5
duration_days = 73
[[demand_shock]]
id = "boom"
probability = 0.1
commodities = ["*"]
factor = { distribution = "uniform", min = 1.1, max = 1.3 }
)";

TEST(RiskReader, ReadsEventsGroupsAndShocks) {
  const RiskModel m = Parse(kModel);
  ASSERT_EQ(m.events.size(), 3u);
  EXPECT_EQ(m.events[1].parent, "wave");
  EXPECT_FALSE(m.events[1].duration_days.has_value());
  EXPECT_EQ(m.events[2].capacity_fraction, 0.5);
  EXPECT_EQ(m.events[2].duration_days->kind, DistributionKind::kFixed);
  ASSERT_EQ(m.shocks.size(), 1u);
  EXPECT_EQ(m.shocks[0].factor.kind, DistributionKind::kUniform);
  EXPECT_EQ(m.content_hash.size(), 16u);
}

TEST(RiskReader, LocatesEveryBadValue) {
  EXPECT_NE(ErrorsOf("[[event]]\nid = \"a\"\nprobability = 1.5\n").find("risk.toml:3: "),
            std::string::npos);
  EXPECT_NE(ErrorsOf("[[event]]\nid = \"a\"\nprobability = 1.5\n").find("probability"),
            std::string::npos);
  EXPECT_NE(ErrorsOf("[[event]]\nid = \"b\"\nparent = \"a\"\nprobability = 0.5\n")
                .find("names no event declared before"),
            std::string::npos);
  EXPECT_NE(ErrorsOf("[[event]]\nid = \"a\"\nprobability = 0.5\nelements = [\"crossing:X\"]\n"
                     "duration_days = { distribution = \"uniform\", min = -3, max = 5 }\n")
                .find("risk.toml:5: "),
            std::string::npos);
  EXPECT_NE(ErrorsOf("[[event]]\nid = \"a\"\nprobability = 0.5\nelements = [\"crossing:X\"]\n"
                     "duration_days = { distribution = \"triangular\", min = 3, max = 5, mode = 9 }\n")
                .find("mode"),
            std::string::npos);
  EXPECT_NE(ErrorsOf("[[event]]\nid = \"a\"\nprobability = 0.5\nelements = [\"crossing:X\"]\n")
                .find("duration_days is needed"),
            std::string::npos);
  EXPECT_NE(ErrorsOf("[[event]]\nid = \"a\"\nprobability = 0.5\nelements = [\"group:g\"]\n"
                     "duration_days = 3\n")
                .find("names no group"),
            std::string::npos);
  EXPECT_NE(ErrorsOf("[[event]]\nid = \"a\"\nprobability = 0.5\nelements = [\"bridge:X\"]\n"
                     "duration_days = 3\n")
                .find("crossing:, link:"),
            std::string::npos);
  EXPECT_NE(ErrorsOf("[[event]]\nid = \"a\"\nprobability = 0.5\n[[event]]\nid = \"a\"\n"
                     "probability = 0.1\n")
                .find("repeats"),
            std::string::npos);
  EXPECT_NE(ErrorsOf("[[event]]\nid = \"a\"\nprobability = 0.5\neffect = \"closed\"\n"
                     "capacity_fraction = 0.4\n")
                .find("contradicts"),
            std::string::npos);
  EXPECT_NE(ErrorsOf("name = \"x\"\n").find("no [[event]]"), std::string::npos);
  EXPECT_NE(ErrorsOf("[[demand_shock]]\nid = \"s\"\nprobability = 0.5\ncommodities = [\"*\"]\n"
                     "factor = { distribution = \"gamma\", mean = 1 }\n")
                .find("must be fixed, uniform"),
            std::string::npos);
  EXPECT_NE(ErrorsOf("[[event]\n").find("risk.toml:1"), std::string::npos);
}

TEST(RiskResolve, MatchesElementsAndRejectsUnknownOrUnlimitedOnes) {
  const model::Network net = SmallNetwork();
  const RiskModel m = Parse(kModel);
  Diagnostics d;
  auto r = Resolve(m, net, d);
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_GE(r->events[1].resources.size(), 2u);  // the crossing and the link's directions
  EXPECT_EQ(r->shocks[0].demand_rows.size(), net.demand.size());

  const RiskModel unknown = Parse(
      "[[event]]\nid = \"a\"\nprobability = 0.5\nelements = [\"crossing:NOPE\"]\nduration_days = 3\n");
  Diagnostics d2;
  auto bad = Resolve(unknown, net, d2);
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("risk.toml:4: event a: elements: unknown element \"crossing:NOPE\""),
            std::string::npos)
      << bad.status().message();
  const RiskModel unlimited = Parse(
      "[[event]]\nid = \"a\"\nprobability = 0.5\nelements = [\"crossing:XD\"]\nduration_days = 3\n");
  Diagnostics d3;
  auto inf = Resolve(unlimited, net, d3);
  ASSERT_FALSE(inf.ok());
  EXPECT_NE(inf.status().message().find("no finite capacity"), std::string::npos);
}

TEST(RiskSample, FrequenciesMatchTheModelAndChildrenNeedTheirParent) {
  const model::Network net = SmallNetwork();
  const RiskModel m = Parse(kModel);
  Diagnostics d;
  const ResolvedRisk r = Resolve(m, net, d).value();
  const int n = 20000;
  std::vector<int> count(3, 0);
  for (int i = 0; i < n; ++i) {
    const Draw draw = SampleDraw(r, 7, i);
    bool wave = false;
    for (std::int32_t e : draw.events) {
      ++count[static_cast<std::size_t>(e)];
      if (e == 0) wave = true;
      if (e == 1) {
        EXPECT_TRUE(wave) << "a child without its parent in draw " << i;
      }
    }
  }
  auto within = [&](int c, double p) {  // 5 binomial standard deviations
    return std::fabs(c - n * p) <= 5.0 * std::sqrt(n * p * (1 - p));
  };
  EXPECT_TRUE(within(count[0], 0.3)) << count[0];
  EXPECT_TRUE(within(count[1], 0.15)) << count[1];
  EXPECT_TRUE(within(count[2], 0.2)) << count[2];
}

TEST(RiskSample, DrawsAreReproducibleAloneAndIndependentOfOtherEvents) {
  const model::Network net = SmallNetwork();
  const RiskModel m = Parse(kModel);
  std::string more = kModel;
  more += "[[event]]\nid = \"extra\"\nprobability = 0.9\nelements = [\"crossing:XR\"]\nduration_days = 5\n";
  const RiskModel m2 = Parse(more);
  Diagnostics d;
  const ResolvedRisk r = Resolve(m, net, d).value();
  const ResolvedRisk r2 = Resolve(m2, net, d).value();
  for (int i = 0; i < 200; ++i) {
    const Draw a = SampleDraw(r, 3, i), b = SampleDraw(r, 3, i), c = SampleDraw(r2, 3, i);
    EXPECT_EQ(a.events, b.events);
    EXPECT_EQ(a.duration_days, b.duration_days);
    std::vector<std::int32_t> without_extra;
    for (std::int32_t e : c.events) {
      if (e < 3) without_extra.push_back(e);
    }
    EXPECT_EQ(a.events, without_extra) << "draw " << i;
  }
}

TEST(RiskSample, DistributionMeans) {
  Rng rng(42);
  const Distribution tri{DistributionKind::kTriangular, 10, 90, 30};
  const Distribution uni{DistributionKind::kUniform, 2, 4, 0};
  const Distribution ex{DistributionKind::kExponential, 5, 0, 0};
  double st = 0, su = 0, se = 0;
  const int n = 100000;
  for (int i = 0; i < n; ++i) {
    const double t = Sample(tri, rng);
    ASSERT_GE(t, 10.0);
    ASSERT_LE(t, 90.0);
    st += t, su += Sample(uni, rng), se += Sample(ex, rng);
  }
  EXPECT_NEAR(st / n, Mean(tri), 0.3);  // (10 + 30 + 90) / 3, sd 16.5
  EXPECT_NEAR(su / n, 3.0, 0.02);
  EXPECT_NEAR(se / n, 5.0, 0.1);
}

TEST(Resolver, WarmAndColdAgreeWithTheFullSolverOnAChangedNetwork) {
  const model::Network net = SmallNetwork();
  auto resolver = routing::Resolver::Create(net);
  ASSERT_TRUE(resolver.ok());
  auto full = routing::SolveSystemOptimum(net);
  ASSERT_TRUE(full.ok());
  EXPECT_NEAR(resolver->base().objective_usd, full->objective_usd, 1e-6 * full->objective_usd);

  routing::Change change = resolver->BaseChange();
  for (double& c : change.capacity_t) {
    if (std::isfinite(c)) c *= 0.3;
  }
  for (double& t : change.demand_t) t *= 1.5;
  auto warm = resolver->Solve(change, true);
  auto cold = resolver->Solve(change, false);
  ASSERT_TRUE(warm.ok() && cold.ok());
  model::Network changed = net;
  changed.resource_capacity_t = change.capacity_t;
  for (std::size_t i = 0; i < net.demand.size(); ++i) {
    changed.demand[i].tonnes_per_year = change.demand_t[i];
  }
  auto check = routing::SolveSystemOptimum(changed);
  ASSERT_TRUE(check.ok());
  EXPECT_TRUE(check->check.passed);
  EXPECT_NEAR(warm->objective_usd, check->objective_usd, 1e-6 * check->objective_usd);
  EXPECT_NEAR(cold->objective_usd, check->objective_usd, 1e-6 * check->objective_usd);
  EXPECT_NEAR(warm->penalty_usd, check->penalty_usd, 1e-6 * std::max(1.0, check->penalty_usd));

  change.capacity_t[0] = -1.0;
  EXPECT_FALSE(resolver->Solve(change, true).ok());
}

Options SmallOptions() {
  Options o;
  o.draws = 60;
  o.batch = 16;
  o.chunk = 4;
  o.seed = 11;
  return o;
}

void ExpectSame(const std::vector<DrawOutcome>& a, const std::vector<DrawOutcome>& b) {
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].index, b[i].index);
    EXPECT_EQ(a[i].cost_usd, b[i].cost_usd) << "draw " << i;  // bit for bit
    EXPECT_EQ(a[i].unserved_value_usd, b[i].unserved_value_usd);
    EXPECT_EQ(a[i].events, b[i].events);
    EXPECT_EQ(a[i].prices, b[i].prices);
    EXPECT_EQ(a[i].iterations, b[i].iterations);
  }
}

TEST(RiskRun, SameOutcomesForAnyThreadCountAndRankSplit) {
  const model::Network net = SmallNetwork();
  const RiskModel m = Parse(kModel);
  Diagnostics d;
  const ResolvedRisk r = Resolve(m, net, d).value();
  auto resolver = routing::Resolver::Create(net).value();
  Options one = SmallOptions();
  auto a = RunDraws(resolver, net, r, one);
  ASSERT_TRUE(a.ok());
  ASSERT_EQ(a->draws.size(), 60u);
  Options two = one;
  two.threads = 2;
  auto b = RunDraws(resolver, net, r, two);
  ASSERT_TRUE(b.ok());
  ExpectSame(a->draws, b->draws);

  // Rank 0 of 2; the exchange supplies rank 1's share of each batch, solved apart.
  Partition part;
  part.rank = 0;
  part.ranks = 2;
  std::int64_t first = 0;
  const routing::Change base = resolver.BaseChange();
  part.exchange = [&](std::vector<DrawOutcome> mine) {
    const std::int64_t last = std::min(one.draws, first + one.batch);
    for (std::int64_t c = first; c < last; c += one.chunk) {
      if ((c / one.chunk) % 2 == 1) {
        auto theirs = SolveChunk(resolver, net, base, r, one, c, std::min(last, c + one.chunk));
        mine.insert(mine.end(), theirs.begin(), theirs.end());
      }
    }
    first = last;
    auto flat = Serialize(mine);  // through the wire format, as MPI does
    return Deserialize(flat).value();
  };
  auto c = RunDraws(resolver, net, r, one, part);
  ASSERT_TRUE(c.ok()) << c.status().message();
  ExpectSame(a->draws, c->draws);

  // Some draw hit the rail and cost more than the undisrupted optimum.
  const double base_cost = resolver.base().objective_usd;
  EXPECT_TRUE(std::any_of(a->draws.begin(), a->draws.end(),
                          [&](const DrawOutcome& o) { return o.cost_usd > base_cost * 1.0001; }));
  for (const DrawOutcome& o : a->draws) {
    EXPECT_TRUE(o.ok());
    if (o.events.empty() && o.shocks.empty()) {
      EXPECT_NEAR(o.cost_usd, base_cost, 1e-6 * base_cost);
    }
  }
}

TEST(RiskRun, StopsEarlyOnPrecisionAndRefusesZeroDraws) {
  const model::Network net = SmallNetwork();
  const RiskModel m = Parse(kModel);
  Diagnostics d;
  const ResolvedRisk r = Resolve(m, net, d).value();
  auto resolver = routing::Resolver::Create(net).value();
  Options o = SmallOptions();
  o.draws = 10000;
  o.batch = 48;
  o.precision = 0.5;  // reached at the first check
  auto run = RunDraws(resolver, net, r, o);
  ASSERT_TRUE(run.ok());
  EXPECT_TRUE(run->stopped_early);
  EXPECT_EQ(run->draws.size(), 48u);
  o.draws = 0;
  EXPECT_FALSE(RunDraws(resolver, net, r, o).ok());
}

TEST(RiskWire, MalformedExchangeIsAnError) {
  DrawOutcome o;
  o.index = 5;
  o.seed = 0xfedcba9876543210ULL;
  o.events = {1, 2};
  o.prices = {{3, 4.5}};
  auto flat = Serialize({o});
  auto back = Deserialize(flat);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ((*back)[0].seed, o.seed);
  EXPECT_EQ((*back)[0].prices, o.prices);
  flat.pop_back();
  EXPECT_FALSE(Deserialize(flat).ok());
  EXPECT_FALSE(Deserialize({1e300}).ok());
}

TEST(RiskStats, QuantilesAndCvarOfAKnownSample) {
  std::vector<double> v(100);
  std::iota(v.begin(), v.end(), 1.0);
  const Summary s = Summarise(v);
  EXPECT_EQ(s.p50, 50.0);
  EXPECT_EQ(s.p95, 95.0);
  EXPECT_EQ(s.p99, 99.0);
  EXPECT_DOUBLE_EQ(s.mean, 50.5);
  EXPECT_DOUBLE_EQ(s.cvar95, 98.0);  // the mean of 96..100
  EXPECT_LE(s.p95_low, 95.0);
  EXPECT_GE(s.p95_high, 95.0);
  EXPECT_NEAR(s.se_mean, std::sqrt(841.6666666666666 / 100.0), 1e-9);
}

TEST(RiskStats, AMeasureComparedWithItselfChangesNothing) {
  std::vector<DrawOutcome> draws(3);
  for (int i = 0; i < 3; ++i) {
    draws[static_cast<std::size_t>(i)].index = i;
    draws[static_cast<std::size_t>(i)].status = routing::SolveStatus::kOptimal;
    draws[static_cast<std::size_t>(i)].cost_usd = 10.0 * i;
  }
  const MeasureEffect e = CompareMeasure(draws, draws);
  EXPECT_EQ(e.paired, 3);
  EXPECT_EQ(e.delta_mean_cost_usd, 0.0);
  EXPECT_EQ(e.se_delta_cost_usd, 0.0);
}

}  // namespace
}  // namespace corridor::risk
