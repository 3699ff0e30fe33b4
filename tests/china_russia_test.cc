// The built-in China–Russia dataset: integrity (sources, coordinates, trade totals) and
// scenario directions that must hold whatever the calibrated values are.
#include <gtest/gtest.h>

#include <cmath>
#include <map>

#include "analysis/calibration.h"
#include "analysis/kpi.h"
#include "io/observation_reader.h"
#include "io/dataset_reader.h"
#include "io/scenario_reader.h"
#include "model/network.h"
#include "model/scenario.h"
#include "model/test_dataset.h"
#include "routing/system_optimum.h"

namespace corridor {
namespace {

const std::string kFolder = std::string(CORRIDOR_SOURCE_DIR) + "/data/china-russia-2022";

model::Dataset Load() {
  Diagnostics d;
  auto ds = io::ReadDataset(kFolder, d);
  EXPECT_TRUE(ds.ok()) << d.ToString();
  EXPECT_FALSE(d.has_errors()) << d.ToString();
  return std::move(ds).value();
}

struct Outcome {
  analysis::Kpis kpis;
  model::Network net;
  routing::Solution sol;
  double CrossingFlow(const std::string& id) const {
    for (const auto& c : analysis::CrossingUsage(net, sol)) {
      if (c.id == id) return c.flow_t;
    }
    ADD_FAILURE() << "no crossing " << id;
    return 0.0;
  }
};

Outcome SolveDataset(const model::Dataset& ds) {
  auto net = model::BuildNetwork(ds);
  EXPECT_TRUE(net.ok()) << net.status().ToString();
  routing::Options opt;
  opt.ranging_top_n = 0;
  auto sol = routing::SolveSystemOptimum(*net, opt);
  EXPECT_TRUE(sol.ok()) << sol.status().ToString();
  EXPECT_EQ(sol->status, routing::SolveStatus::kOptimal);
  EXPECT_TRUE(sol->check.passed) << ::testing::PrintToString(sol->check.failures);
  Outcome o{analysis::ComputeKpis(*net, *sol), std::move(net).value(), std::move(sol).value()};
  return o;
}

Outcome SolveScenarioFile(const std::string& name) {
  model::Dataset ds = Load();
  Diagnostics d;
  auto sc = io::ReadScenario(kFolder + "/scenarios/" + name, d);
  EXPECT_TRUE(sc.ok()) << d.ToString();
  EXPECT_TRUE(model::ApplyScenario(*sc, ds, d).ok()) << d.ToString();
  return SolveDataset(ds);
}

// A shared baseline: solving it once keeps the suite fast.
const Outcome& Baseline() {
  static const Outcome kBaseline = SolveDataset(Load());
  return kBaseline;
}

TEST(ChinaRussiaData, EveryRowIsSourcedOrLabelledEstimate) {
  const model::Dataset ds = Load();
  auto check = [](const model::Provenance& p, const model::RowOrigin& o) {
    EXPECT_FALSE(p.source.empty()) << o.file << ":" << o.line << " has no source";
    EXPECT_FALSE(p.confidence.empty()) << o.file << ":" << o.line << " has no confidence";
    if (p.confidence == "estimate") {
      EXPECT_NE(p.source.find("estimate"), std::string::npos)
          << o.file << ":" << o.line << " is an estimate without its reasoning";
    }
  };
  for (const auto& r : ds.nodes) check(r.provenance, r.origin);
  for (const auto& r : ds.links) check(r.provenance, r.origin);
  for (const auto& r : ds.crossings) check(r.provenance, r.origin);
  for (const auto& r : ds.transfers) check(r.provenance, r.origin);
  for (const auto& r : ds.commodities) check(r.provenance, r.origin);
  for (const auto& r : ds.demand) check(r.provenance, r.origin);
  for (const auto& r : ds.preloads) check(r.provenance, r.origin);
  for (const auto& r : ds.rates) check(r.provenance, r.origin);
  for (const auto& r : ds.resources) check(r.provenance, r.origin);
  EXPECT_FALSE(ds.preloads.empty());
  EXPECT_FALSE(ds.resources.empty());
  EXPECT_FALSE(ds.meta.sources.empty());
}

TEST(ChinaRussiaData, CoordinatesLieInTheirCountries) {
  // Generous bounding boxes (lat_min, lat_max, lon_min, lon_max).
  const std::map<std::string, std::array<double, 4>> boxes = {
      {"RU", {41.0, 82.0, 19.0, 180.0}}, {"CN", {18.0, 54.0, 73.0, 135.5}},
      {"MN", {41.5, 52.2, 87.7, 120.0}}, {"KZ", {40.5, 55.5, 46.0, 87.5}}};
  for (const auto& n : Load().nodes) {
    auto it = boxes.find(n.country);
    if (it == boxes.end()) continue;  // nodes abroad (e.g. sea routes) are not boxed
    const auto& b = it->second;
    EXPECT_TRUE(n.lat >= b[0] && n.lat <= b[1] && n.lon >= b[2] && n.lon <= b[3])
        << n.id << " (" << n.country << ") at " << n.lat << ", " << n.lon;
  }
}

TEST(ChinaRussiaData, DemandReproducesTradeTotals) {
  const model::Dataset ds = Load();
  std::map<std::string, double> value_of;
  std::map<std::string, bool> background;
  for (const auto& c : ds.commodities) {
    value_of[c.id] = c.value_usd_per_t;
    background[c.id] = c.background;
  }
  std::map<std::string, std::string> country;
  for (const auto& n : ds.nodes) country[n.id] = n.country;
  double ru_cn = 0, cn_ru = 0;
  for (const auto& d : ds.demand) {
    if (background[d.commodity]) continue;  // third countries' traffic is not the trade
    const double v = d.tonnes_per_year * value_of[d.commodity];
    if (country[d.origin_node] == "RU" && country[d.destination_node] == "CN") ru_cn += v;
    else if (country[d.origin_node] == "CN" && country[d.destination_node] == "RU") cn_ru += v;
    else ADD_FAILURE() << "demand " << d.origin.line << " is not RU<->CN trade";
  }
  // Chinese customs (GACC) 2022: imports from Russia 114.15, exports 76.12, total 190.27 bn USD.
  EXPECT_NEAR(ru_cn / 1e9, 114.15, 0.01 * 114.15);
  EXPECT_NEAR(cn_ru / 1e9, 76.12, 0.01 * 76.12);
  EXPECT_NEAR((ru_cn + cn_ru) / 1e9, 190.27, 0.01 * 190.27);
}

TEST(ChinaRussiaScenarios, ClosingABusyCrossingNeverLowersCost) {
  const Outcome& base = Baseline();
  auto use = analysis::CrossingUsage(base.net, base.sol);
  int tried = 0;
  for (const auto& c : use) {
    if (tried == 3 || c.flow_t <= 0.0) break;
    ++tried;
    model::Dataset ds = Load();
    for (auto& cr : ds.crossings) {
      if (cr.id == c.id) cr.open_fraction = 0.0;
    }
    const Outcome closed = SolveDataset(ds);
    // The optimum (study trade + background) can only rise; the study's own share may not.
    EXPECT_GE(closed.sol.objective_usd, base.sol.objective_usd * (1 - 1e-9)) << c.id;
    EXPECT_NEAR(closed.CrossingFlow(c.id), 0.0, 1e-6) << c.id;
  }
  EXPECT_EQ(tried, 3);
}

TEST(ChinaRussiaScenarios, AddingCapacityNeverRaisesCost) {
  const Outcome& base = Baseline();
  model::Dataset ds = Load();
  for (auto& cr : ds.crossings) {
    if (cr.capacity_t_per_year) *cr.capacity_t_per_year *= 1.5;
  }
  for (auto& l : ds.links) {
    if (l.capacity_t_per_year) *l.capacity_t_per_year *= 1.5;
  }
  for (auto& r : ds.resources) {
    if (r.capacity_t_per_year) *r.capacity_t_per_year *= 1.5;
  }
  const Outcome more = SolveDataset(ds);
  EXPECT_LE(more.sol.objective_usd, base.sol.objective_usd * (1 + 1e-9));
}

double DualOf(const Outcome& o, const std::string& label) {
  for (std::size_t r = 0; r < o.net.resource_count(); ++r) {
    if (o.net.resource_label[r] == label) return o.sol.resources[r].shadow_price_usd_per_t;
  }
  ADD_FAILURE() << "no resource " << label;
  return 0.0;
}

TEST(ChinaRussiaScenarios, EasternPolygonBindsAndMoreOfItSavesMore) {
  const Outcome& base = Baseline();
  EXPECT_GT(DualOf(base, "section EASTERN_POLYGON"), 0.0) << "the Eastern Polygon does not bind";
  const Outcome ep158 = SolveScenarioFile("eastern-polygon-158.toml");
  const Outcome ep180 = SolveScenarioFile("eastern-polygon-180.toml");
  EXPECT_LE(ep158.sol.objective_usd, base.sol.objective_usd * (1 + 1e-9));
  EXPECT_LE(ep180.sol.objective_usd, ep158.sol.objective_usd * (1 + 1e-9));
  if (DualOf(ep158, "section EASTERN_POLYGON") > 1e-6) {
    // Binding at 158 Mt: 180 Mt must save strictly more than 158 Mt.
    EXPECT_LT(ep180.sol.objective_usd, ep158.sol.objective_usd * (1 - 1e-6));
  }
}

TEST(ChinaRussiaScenarios, BackgroundTrafficNeverLowersTheTradesCost) {
  const Outcome& base = Baseline();
  const Outcome alone = SolveDataset(model::testing::TradeOnly(Load()));
  // Every study routing feasible with the background is feasible without it.
  EXPECT_GE(base.kpis.generalised_cost_usd, alone.kpis.generalised_cost_usd * (1 - 1e-9));
  EXPECT_DOUBLE_EQ(alone.sol.objective_usd, alone.kpis.generalised_cost_usd);
}

TEST(ChinaRussiaCalibration, Every2022TargetIsMet) {
  Diagnostics d;
  auto obs = io::ReadObservations(kFolder, d);
  ASSERT_TRUE(obs.ok()) << d.ToString();
  const Outcome& base = Baseline();
  const auto rows = analysis::CompareWithObservations(base.net, base.sol, *obs, 2022);
  int targets = 0;
  for (const auto& r : rows) {
    if (!r.within_target) continue;
    ++targets;
    EXPECT_TRUE(*r.within_target) << r.observation->element << " " << r.observation->metric
                                  << ": ratio " << r.ratio;
  }
  EXPECT_GE(targets, 16);
}

TEST(ChinaRussiaScenarios, BottlenecksAreLedByTheEasternPolygonAndTheCrossings) {
  const auto list = analysis::RankBottlenecks(Baseline().net, Baseline().sol);
  ASSERT_GE(list.size(), 3u);
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_TRUE(list[i].kind == model::ResourceKind::kCrossing || list[i].label == "section EASTERN_POLYGON")
        << i << ": " << list[i].label;
  }
}

TEST(ChinaRussiaScenarios, BridgesScenarioMovesFlowOntoTheBridges) {
  const Outcome& base = Baseline();
  const Outcome bridges = SolveScenarioFile("bridges-open.toml");
  const double before = base.CrossingFlow("NLN_TJ_RAIL") + base.CrossingFlow("BLG_HH_ROAD");
  const double after = bridges.CrossingFlow("NLN_TJ_RAIL") + bridges.CrossingFlow("BLG_HH_ROAD");
  EXPECT_GT(after, before + 1e5) << "bridges carry " << before << " t before, " << after << " t after";
  EXPECT_LE(bridges.kpis.generalised_cost_usd, base.kpis.generalised_cost_usd * (1 + 1e-9));
}

TEST(ChinaRussiaScenarios, AeoLowersAverageTransitTime) {
  const Outcome& base = Baseline();
  const Outcome aeo = SolveScenarioFile("aeo-50.toml");
  EXPECT_LT(aeo.kpis.avg_transit_time_h, base.kpis.avg_transit_time_h);
  EXPECT_LE(aeo.kpis.generalised_cost_usd, base.kpis.generalised_cost_usd * (1 + 1e-9));
}

TEST(ChinaRussiaScenarios, DemandAtTheTargetRaisesUnservedOrCost) {
  const Outcome& base = Baseline();
  const Outcome target = SolveScenarioFile("target-without-measures.toml");
  EXPECT_GT(target.kpis.demand_t, base.kpis.demand_t);
  EXPECT_TRUE(target.kpis.unserved_t > base.kpis.unserved_t ||
              target.kpis.generalised_cost_usd > base.kpis.generalised_cost_usd);
}

}  // namespace
}  // namespace corridor
