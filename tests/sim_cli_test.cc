// `corridor simulate` as users meet it: the dated epidemic on the built-in dataset,
// the --mmc check against Erlang C, determinism over threads, and bad input.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>

#include "tests/cli_harness.h"

namespace corridor::testing {
namespace {

std::string Data() { return SourceDir() + "/data/china-russia-2022"; }
std::string Dated() { return Data() + "/scenarios/2021-epidemic-dated.toml"; }

std::string WriteScenario(const std::string& dir, const std::string& text) {
  const std::string path = dir + "/bad.toml";
  std::ofstream(path) << "base = \"" << Data() << "\"\n" << text;
  return path;
}

TEST(SimulateCli, EpidemicPrintsQueuesAndWaitsWithIntervals) {
  const std::string out = TempDir("sim_epidemic");
  const auto r = RunCorridor({"simulate", Data(), "--scenario", Dated(), "--replications", "5",
                              "--out", out});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("2021-07-01..2022-06-30"), std::string::npos) << r.out;
  for (const char* id : {"crossing:ZAB_MZL_RAIL", "crossing:POG_SFH_ROAD", "crossing:GRD_SFH_RAIL"}) {
    const std::regex row(std::string("  ") + id + R"( +\w+ +\d+ +[0-9.]+ +[0-9.]+ ± [0-9.]+ +[0-9.]+ ± [0-9.]+)");
    EXPECT_TRUE(std::regex_search(r.out, row)) << id << " row missing:\n" << r.out;
  }
  EXPECT_NE(r.out.find("crossing:POG_SFH_ROAD        closed 2021-12-11..2021-12-19: backlog"), std::string::npos) << r.out;
  const auto j = nlohmann::json::parse(ReadFile(out + "/sim_result.json"));
  EXPECT_EQ(j["format"], "corridor-sim-result/1");
  EXPECT_EQ(j["run"]["scenario"]["name"], "2021-epidemic-dated");
  EXPECT_EQ(j["run"]["dataset"]["hash_fnv1a64"].get<std::string>().size(), 16u);
  EXPECT_EQ(j["period"]["replications"], 5);
  const std::string daily = ReadFile(out + "/sim_daily.csv");
  EXPECT_EQ(daily.rfind("element,day,date,queue_batches", 0), 0u);
  EXPECT_NE(daily.find("crossing:ZAB_MZL_ROAD,155,2021-12-03,"), std::string::npos);
  // The closure of Manzhouli road builds a queue.
  for (const auto& e : j["elements"]) {
    if (e["id"] == "crossing:ZAB_MZL_ROAD") {
      EXPECT_GT(e["queue_batches"]["max"]["mean"].get<double>(), 100);
    }
    // Little's law on every element (the warm-up's carried-over queue aside).
    const double l = e["little"]["L"]["mean"], lw = e["little"]["lambda_W"]["mean"];
    EXPECT_NEAR(l, lw, 0.05 * l + 0.05) << e["id"];
  }
}

TEST(SimulateCli, SameOutputForAnyThreadCount) {
  const std::string a = TempDir("sim_t1"), b = TempDir("sim_t2");
  const auto r1 = RunCorridor({"simulate", Data(), "--scenario", Dated(), "--replications", "4",
                               "--threads", "1", "--out", a});
  const auto r2 = RunCorridor({"simulate", Data(), "--scenario", Dated(), "--replications", "4",
                               "--threads", "3", "--out", b});
  ASSERT_EQ(r1.exit_code, 0) << r1.err;
  ASSERT_EQ(r2.exit_code, 0) << r2.err;
  EXPECT_EQ(ReadFile(a + "/sim_daily.csv"), ReadFile(b + "/sim_daily.csv"));
  EXPECT_EQ(ReadFile(a + "/sim_elements.csv"), ReadFile(b + "/sim_elements.csv"));
}

TEST(SimulateCli, MmcMatchesErlangC) {
  const auto r = RunCorridor({"simulate", "--mmc", "4.5,1,5", "--days", "400", "--seed", "11"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::smatch m;
  ASSERT_TRUE(std::regex_search(r.out, m, std::regex(R"(CI ([0-9.]+) to ([0-9.]+)\))"))) << r.out;
  const double lo = std::stod(m[1]), hi = std::stod(m[2]);
  const double erlang = 1.5250;  // Erlang C for lambda 4.5, mu 1, c 5 (hours)
  const double hw = (hi - lo) / 2;
  EXPECT_LE(std::abs((lo + hi) / 2 - erlang), 2 * hw) << r.out;
  EXPECT_NE(r.out.find("Erlang C mean wait in queue:  1.5250 h"), std::string::npos) << r.out;
}

TEST(SimulateCli, MmcUnstableRunsAndSaysSo) {
  const auto r = RunCorridor({"simulate", "--mmc", "2,1,2", "--days", "100"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("unstable"), std::string::npos) << r.out;
  const auto none = RunCorridor({"simulate", "--mmc", "1,1,0", "--days", "50"});
  EXPECT_EQ(none.exit_code, 0) << none.err;
  EXPECT_NE(none.out.find("unstable"), std::string::npos) << none.out;
}

TEST(SimulateCli, HelpAndDocsListEveryOption) {
  const auto r = RunCorridor({"simulate", "--help"});
  ASSERT_EQ(r.exit_code, 0);
  const std::string docs = ReadFile(SourceDir() + "/docs/cli.md");
  for (const char* opt : {"--scenario", "--from", "--days", "--replications", "--seed", "--threads",
                          "--warmup", "--service", "--erlang-k", "--aeo", "--green-lane-share",
                          "--delay-threshold", "--batch", "--top", "--out", "--mmc"}) {
    EXPECT_NE(r.out.find(opt), std::string::npos) << opt << " missing from --help";
    EXPECT_NE(docs.find(std::string("`") + opt), std::string::npos) << opt << " missing from docs/cli.md";
  }
}

TEST(SimulateCli, BadRatesAndUsage) {
  EXPECT_EQ(RunCorridor({"simulate", "--mmc", "-1,1,1"}).exit_code, 2);
  EXPECT_EQ(RunCorridor({"simulate", "--mmc", "nan,1,1"}).exit_code, 2);
  EXPECT_EQ(RunCorridor({"simulate", "--mmc", "1,0,1"}).exit_code, 2);
  EXPECT_EQ(RunCorridor({"simulate", "--mmc", "1,1,1.5"}).exit_code, 1);
  EXPECT_EQ(RunCorridor({"simulate"}).exit_code, 1);
  const auto batch = RunCorridor({"simulate", Data(), "--batch", "road:container=-3"});
  EXPECT_EQ(batch.exit_code, 2);
  EXPECT_NE(batch.err.find("--batch road:container=-3"), std::string::npos) << batch.err;
}

TEST(SimulateCli, DatedEventErrorsAreLocated) {
  const std::string dir = TempDir("sim_bad");
  const std::string file = WriteScenario(dir, R"(
[simulation]
start = "2022-01-01"

[[event]]
element = "crossing:NOPE"
from = "2022-02-01"
to = "2022-02-10"
effect = "closed"

[[event]]
element = "crossing:ZAB_MZL_RAIL"
from = "2022-03-10"
to = "2022-03-01"
effect = "closed"

[[event]]
element = "crossing:ZAB_MZL_RAIL"
from = "2021-12-01"
to = "2022-01-10"
effect = "closed"

[[event]]
element = "crossing:GRD_SFH_RAIL"
from = "2022-05-01"
to = "2022-05-20"
effect = "closed"

[[event]]
element = "crossing:GRD_SFH_RAIL"
from = "2022-05-10"
to = "2022-05-30"
effect = "capacity"
fraction = 0.5
)");
  auto r = RunCorridor({"simulate", Data(), "--scenario", file});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("bad.toml:15: event 2: to ends before it starts"), std::string::npos) << r.err;
  // The reader stops at its own errors; fix that event and the others show.
  std::string text = ReadFile(file);
  text.replace(text.find("2022-03-10"), 10, "2022-02-20");
  std::ofstream(file) << text;
  r = RunCorridor({"simulate", Data(), "--scenario", file});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("bad.toml:6: event 1: element crossing:NOPE is not in the dataset"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("bad.toml:18: event 3: date 2021-12-01 is outside the simulated period 2022-01-01..2022-12-31"),
            std::string::npos) << r.err;
  EXPECT_NE(r.err.find("bad.toml:30: event 5: 2022-05-10..2022-05-30 overlaps event 4"), std::string::npos) << r.err;
  // The annual routing refuses the same file.
  EXPECT_EQ(RunCorridor({"validate", Data(), "--scenario", file}).exit_code, 2);
}

TEST(SimulateCli, MonthlyProfileMovesTheArrivals) {
  const std::string dir = TempDir("sim_profile");
  // Road freight only in the second half of the year: the same annual tonnes, twice the
  // rate from July, none before.
  const std::string file = WriteScenario(dir, R"(
[simulation]
start = "2022-01-01"
[simulation.monthly_profile]
road = [0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1]
)");
  const auto r = RunCorridor({"simulate", Data(), "--scenario", file, "--replications", "3",
                              "--warmup", "0", "--out", dir + "/out"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(ReadFile(dir + "/out/sim_result.json"));
  double first = 0, second = 0;
  std::istringstream daily(ReadFile(dir + "/out/sim_daily.csv"));
  std::string line;
  while (std::getline(daily, line)) {
    if (line.rfind("crossing:POG_SFH_ROAD,", 0) != 0) continue;
    const auto date = line.substr(line.find(',', line.find(',') + 1) + 1, 10);
    const double served = std::stod(line.substr(line.rfind(',', line.rfind(',') - 1) + 1));
    (date < "2022-07-01" ? first : second) += served;
  }
  EXPECT_EQ(first, 0.0);
  EXPECT_GT(second, 1000.0);
}

TEST(SimulateCli, SolveSeesTheTimeAverageOfTheEvents) {
  const std::string out = TempDir("sim_solve_avg");
  const auto r = RunCorridor({"solve", Data(), "--scenario", Dated(), "--ranging", "0", "--out", out});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(ReadFile(out + "/result.json"));
  for (const auto& c : j["crossings"]) {
    if (c["id"] == "POG_SFH_ROAD") {
      // 0.1 for 356 days, 0 for 9 days.
      EXPECT_NEAR(c["open_fraction"].get<double>(), 0.1 * 356 / 365, 1e-9);
    }
  }
}

}  // namespace
}  // namespace corridor::testing
