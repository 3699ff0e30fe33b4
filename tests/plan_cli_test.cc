// `corridor plan` and `corridor mcnd` as users meet them: the published network design
// optimum, located errors of malformed files, the documented exit codes and options.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>

#include "tests/cli_harness.h"

namespace corridor::testing {
namespace {

#ifdef CORRIDOR_PLAN_SLOW
// The contract: the China-Russia plan for the 200 bn target prints a portfolio
// with its proven gap (about 10-15 s on the 2-core machine: the slow label).
TEST(CliPlan, ChinaRussiaTargetIsProvenOptimal) {
  const std::string out = TempDir("plan_cr");
  const CommandResult r = RunCorridor(
      {"plan", "data/china-russia-2022", "--projects", "data/china-russia-2022/projects.csv",
       "--scenario", "data/china-russia-2022/scenarios/target-200bn.toml", "--out", out},
      SourceDir());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("status: optimal"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("proven gap: "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("answer check passed"), std::string::npos) << r.out;
  const std::string json = ReadFile(out + "/plan_result.json");
  EXPECT_NE(json.find("\"format\": \"corridor-plan-result/1\""), std::string::npos);
  EXPECT_NE(json.find("\"hash_fnv1a64\""), std::string::npos);
  EXPECT_NE(json.find("\"projects_hash_fnv1a64\""), std::string::npos);
}
#else
void Write(const std::string& path, const std::string& text) { std::ofstream(path) << text; }

TEST(CliMcnd, ReproducesThePublishedOptimumOfR01_1) {
  const CommandResult r = RunCorridor({"mcnd", SharedDir() + "/benchmarks/mcnd/r01.1.dow"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("status: optimal"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("objective: 74079\n"), std::string::npos) << r.out;  // optimal.csv
  EXPECT_NE(r.out.find("check: passed"), std::string::npos) << r.out;
}

TEST(CliMcnd, MalformedFilesAreLocatedErrors) {
  const std::string dir = TempDir("mcnd_bad");
  Write(dir + "/header.dow", "MULTIGEN\n2 1 1\n1 2 1 5 1 1 1\n1 2 3\n");
  Write(dir + "/field.dow", "MULTIGEN.DAT:\n2 1 1\n1 2 1 five 1 1 1\n1 2 3\n");
  Write(dir + "/count.dow", "MULTIGEN.DAT:\n2 2 1\n1 2 1 5 1 1 1\n1 2 3\n");
  Write(dir + "/node.dow", "MULTIGEN.DAT:\n2 1 1\n1 7 1 5 1 1 1\n1 2 3\n");
  CommandResult r = RunCorridor({"mcnd", dir + "/header.dow"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("header.dow:1: header"), std::string::npos) << r.err;
  r = RunCorridor({"mcnd", dir + "/field.dow"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("field.dow:3: capacity"), std::string::npos) << r.err;
  r = RunCorridor({"mcnd", dir + "/count.dow"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("expected 2 arc and 1 commodity lines"), std::string::npos) << r.err;
  r = RunCorridor({"mcnd", dir + "/node.dow"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("node.dow:3: head"), std::string::npos) << r.err;
  r = RunCorridor({"mcnd", dir + "/missing.dow"});
  EXPECT_EQ(r.exit_code, 3);
}

TEST(CliMcnd, TimeLimitHolds) {
  const auto t0 = std::chrono::steady_clock::now();
  const CommandResult r =
      RunCorridor({"mcnd", SharedDir() + "/benchmarks/mcnd/c33.dow", "--time-limit", "1"});
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  EXPECT_LT(s, 8.0);
  if (r.exit_code != 0) {
    EXPECT_EQ(r.exit_code, 6) << r.err;
    EXPECT_NE(r.out.find("status: time_limit"), std::string::npos) << r.out;
  }
}

TEST(CliPlan, YearsAreNotSupportedYet) {
  const CommandResult r = RunCorridor({"plan", SourceDir() + "/data/china-russia-2022", "--years",
                                       "2023-2030"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("not supported yet"), std::string::npos) << r.err;
}

TEST(CliPlan, BadProjectsAreLocated) {
  const std::string dir = TempDir("plan_bad");
  const std::string header =
      "id,name,changes,capital_cost_usd,annual_operating_cost_usd,lifetime_years,earliest_year,"
      "lead_time_years,committed,requires,excludes,source,confidence\n";
  Write(dir + "/unknown.csv",
        header + "A,a,set_capacity element=crossing:NOPE capacity_t_per_year=1e6,1e8,0,30,,,,,,x,estimate\n");
  Write(dir + "/negative.csv",
        header + "A,a,open_crossing crossing=NLN_TJ_RAIL,-1e8,0,30,,,,,,x,estimate\n");
  const std::string data = SourceDir() + "/data/china-russia-2022";
  CommandResult r = RunCorridor({"plan", data, "--projects", dir + "/unknown.csv"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("unknown.csv:2: changes"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("unknown crossing 'NOPE'"), std::string::npos) << r.err;
  r = RunCorridor({"plan", data, "--projects", dir + "/negative.csv"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("negative.csv:2: capital_cost_usd"), std::string::npos) << r.err;
  r = RunCorridor({"plan", data, "--projects", dir + "/none.csv"});
  EXPECT_EQ(r.exit_code, 3);
}

TEST(CliHelp, EveryOptionOfPlanIsDocumented) {
  const std::string docs = ReadFile(SourceDir() + "/docs/cli.md");
  CommandResult r = RunCorridor({"plan", "--help"});
  ASSERT_EQ(r.exit_code, 0);
  for (const char* opt : {"--projects", "--scenario", "--budget", "--discount-rate", "--time-limit",
                          "--no-values", "--years", "--out"}) {
    EXPECT_NE(r.out.find(opt), std::string::npos) << opt << " missing from --help";
    EXPECT_NE(docs.find(std::string("`") + opt), std::string::npos) << opt << " missing from docs/cli.md";
  }
  r = RunCorridor({"mcnd", "--help"});
  ASSERT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("--time-limit"), std::string::npos);
}

#endif  // CORRIDOR_PLAN_SLOW

}  // namespace
}  // namespace corridor::testing
