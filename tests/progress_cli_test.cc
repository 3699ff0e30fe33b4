// Progress of long commands on standard error (docs/cli.md, "Progress"): the test's
// stderr is a file, so the log form (a line per stage and per 10 %); nothing with -q.
#include <gtest/gtest.h>

#include "tests/cli_harness.h"

namespace corridor::testing {
namespace {

const std::string kData = "data/china-russia-2022";

TEST(CliProgress, CompareReportsEachScenarioAndDone) {
  const CommandResult r = RunCorridor(
      {"compare", kData, "--scenario", kData + "/scenarios/baseline-2022.toml", "--scenario",
       kData + "/scenarios/bridges-open.toml", "--out", TempDir("progress_compare")},
      SourceDir());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("[progress]  50% solved 1/2 scenarios  elapsed "), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("[progress] 100% solved 2/2 scenarios"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("[progress] 100% done  elapsed "), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find('\r'), std::string::npos) << "no bar when stderr is not a terminal";
}

TEST(CliProgress, SolveWithRangingShowsItsStages) {
  const CommandResult r =
      RunCorridor({"solve", kData, "--ranging", "3", "--out", TempDir("progress_solve")}, SourceDir());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const char* stage : {"% loading input", "% solving the system optimum", "% ranging prices ",
                            "100% done"}) {
    EXPECT_NE(r.err.find(stage), std::string::npos) << stage << "\n" << r.err;
  }
}

TEST(CliProgress, AssignShowsTheEquilibriumIterations) {
  // The small example corridor: the China-Russia equilibrium takes a minute here.
  const CommandResult r = RunCorridor(
      {"assign", "examples/example-corridor", "--out", TempDir("progress_assign")}, SourceDir());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("% equilibrium iteration "), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("100% done"), std::string::npos) << r.err;
}

TEST(CliProgress, QuietShowsNoneAndFailuresNoDone) {
  const CommandResult quiet =
      RunCorridor({"-q", "solve", kData, "--ranging", "0", "--out", TempDir("progress_quiet")},
                  SourceDir());
  ASSERT_EQ(quiet.exit_code, 0) << quiet.err;
  EXPECT_EQ(quiet.err.find("[progress]"), std::string::npos) << quiet.err;
  // The global flags may also follow the subcommand.
  const CommandResult after =
      RunCorridor({"solve", kData, "--ranging", "0", "--out", TempDir("progress_quiet_after"), "-q"},
                  SourceDir());
  ASSERT_EQ(after.exit_code, 0) << after.err;
  EXPECT_EQ(after.err.find("[progress]"), std::string::npos) << after.err;
  const CommandResult missing = RunCorridor({"solve", "no-such-dataset"}, SourceDir());
  EXPECT_EQ(missing.exit_code, 3);
  EXPECT_EQ(missing.err.find("done"), std::string::npos) << missing.err;
}

}  // namespace
}  // namespace corridor::testing
