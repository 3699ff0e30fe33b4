// Numbers past the solvers' working range are located input errors (exit code 2),
// never a solver call: the three inputs that used to abort CLP (regression tests of
// issue 13), the bounds one ulp either side, and the values scenario factors produce.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <regex>

#include <sys/wait.h>

#include <cstdlib>

#include "core/bounds.h"
#include "core/sanitizer.h"
#include "tests/cli_harness.h"

namespace corridor::testing {
namespace {

namespace fs = std::filesystem;
const std::string kExample = SourceDir() + "/examples/example-corridor";

// Replaces `from` by `to` once in dir/file.
void Replace(const std::string& dir, const std::string& file, const std::string& from,
             const std::string& to) {
  std::string text = ReadFile(dir + "/" + file);
  const auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  std::ofstream(dir + "/" + file, std::ios::trunc) << text;
}

// A copy of the example dataset whose `file` has `from` replaced by `to` once.
std::string ExampleWith(const std::string& name, const std::string& file, const std::string& from,
                        const std::string& to) {
  const std::string dir = TempDir("bounded_" + name);
  for (const auto& e : fs::directory_iterator(kExample)) {
    if (e.is_regular_file()) fs::copy_file(e.path(), dir + "/" + e.path().filename().string());
  }
  Replace(dir, file, from, to);
  return dir;
}

std::string WriteScenario(const std::string& name, const std::string& text) {
  const std::string path = TempDir("bounded_scn_" + name) + "/" + name + ".toml";
  std::ofstream(path) << text;
  return path;
}

void ExpectLocatedError(const std::vector<std::string>& args, const std::string& message) {
  const CommandResult r = RunCorridor(args);
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find(message), std::string::npos) << "missing '" << message << "' in:\n" << r.err;
  EXPECT_EQ(r.err.find("Assertion"), std::string::npos) << r.err;
}

TEST(BoundedInput, DemandOf1e300IsALocatedErrorNotASolverAbort) {
  const auto dir = ExampleWith("demand", "demand.csv", "CONT,RU_IRK,CN_BJS,3000000",
                               "CONT,RU_IRK,CN_BJS,1e300");
  ExpectLocatedError({"solve", dir, "--out", TempDir("bounded_out1")},
                     "demand.csv:2: tonnes_per_year must be <= 1e12, got 1e300");
}

TEST(BoundedInput, LinkCostOf1e250IsALocatedError) {
  const auto dir = ExampleWith("cost", "links.csv", "L01,RU_IRK,RU_ULU,rail_1520,456,11,2,",
                               "L01,RU_IRK,RU_ULU,rail_1520,456,11,1e250,");
  ExpectLocatedError({"solve", dir, "--out", TempDir("bounded_out2")},
                     "links.csv:2: cost_usd_per_t must be <= 1e9, got 1e250");
}

TEST(BoundedInput, LinkDistanceOf1e250IsALocatedError) {
  const auto dir = ExampleWith("distance", "links.csv", "L01,RU_IRK,RU_ULU,rail_1520,456,",
                               "L01,RU_IRK,RU_ULU,rail_1520,1e250,");
  ExpectLocatedError({"solve", dir, "--out", TempDir("bounded_out3")},
                     "links.csv:2: distance_km must be <= 1e6, got 1e250");
}

TEST(BoundedInput, BackgroundTonnesOf1e300AreALocatedError) {
  const auto dir = ExampleWith("background", "demand.csv", "", "");
  std::ofstream(dir + "/background.csv") << "element,tonnes_per_year\ncrossing:ZAB_RAIL,1e300\n";
  ExpectLocatedError({"validate", dir}, "background.csv:2: tonnes_per_year must be <= 1e12, got 1e300");
}

TEST(BoundedInput, ScenarioFactorOf1e300IsALocatedError) {
  const auto scn = WriteScenario("huge", "[[change]]\ntype = \"scale_demand\"\nfactor = 1e300\n");
  ExpectLocatedError({"solve", kExample, "--scenario", scn, "--out", TempDir("bounded_out4")},
                     "huge.toml:3: change 1 (scale_demand): factor must be <= 1e6, got 1e300");
}

TEST(BoundedInput, ValueAFactorProducesIsCheckedAgainstItsField) {
  // 3e6 t x 1e6 = 3e12 t: each factor is allowed, the product is not.
  const auto scn = WriteScenario("product", "[[change]]\ntype = \"scale_demand\"\nfactor = 1e6\n");
  ExpectLocatedError(
      {"validate", kExample, "--scenario", scn},
      "change 1 (scale_demand): tonnes_per_year of demand.csv:2 must be <= 1e12, got 3e12");
}

TEST(BoundedInput, TheBoundItselfIsAcceptedAndOneUlpPastItIsNot) {
  const double max = *bounds::kTonnes.max;
  char at[64], past[64];
  std::snprintf(at, sizeof at, "%.17g", max);
  std::snprintf(past, sizeof past, "%.17g", std::nextafter(max, 2 * max));
  const auto ok = ExampleWith("at", "demand.csv", "CONT,RU_IRK,CN_BJS,3000000",
                              std::string("CONT,RU_IRK,CN_BJS,") + at);
  EXPECT_EQ(RunCorridor({"validate", ok}).exit_code, 0);
  const auto bad = ExampleWith("past", "demand.csv", "CONT,RU_IRK,CN_BJS,3000000",
                               std::string("CONT,RU_IRK,CN_BJS,") + past);
  ExpectLocatedError({"validate", bad}, "demand.csv:2: tonnes_per_year must be <= 1e12");
}

TEST(BoundedInput, SubnormalTonnesAreALocatedError) {
  const auto dir = ExampleWith("subnormal", "demand.csv", "CONT,RU_IRK,CN_BJS,3000000",
                               "CONT,RU_IRK,CN_BJS,4.9e-324");
  ExpectLocatedError({"validate", dir}, "demand.csv:2: tonnes_per_year must be 0 or at least 1, got 4.9e-324");
}

// The largest demand the bounds allow, beside capacities of a few million tonnes,
// solves to its certificate (the dual simplex alone stopped without a proof here).
TEST(BoundedInput, TheLargestDemandSolvesWithItsCertificate) {
  const auto dir = ExampleWith("largest", "demand.csv", "CONT,CN_SHA,RU_VVO,1000000",
                               "CONT,CN_SHA,RU_VVO,1e12");
  const CommandResult r = RunCorridor({"solve", dir, "--out", TempDir("bounded_out5")});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("Check: passed"), std::string::npos) << r.out;
}

// A tonne beside a billion tonnes is routed, not dropped as noise of the larger one.
TEST(BoundedInput, ASmallestDemandBesideALargeOneIsConserved) {
  const auto dir = ExampleWith("small_large", "demand.csv", "CONT,CN_BJS,RU_IRK,2000000,",
                               "CONT,CN_BJS,RU_IRK,1,");
  Replace(dir, "demand.csv", "COAL,RU_CHT,CN_HRB,6000000,", "COAL,RU_CHT,CN_HRB,1e9,");
  const CommandResult r = RunCorridor({"solve", dir, "--out", TempDir("bounded_out6")});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("Check: passed"), std::string::npos) << r.out;
}

// A fatal signal during a command (here SIGABRT sent from outside, as a failed
// assertion inside a solver library would raise) is one line on stderr and exit code 8.
TEST(CliAbort, AFatalSignalIsAOneLineDiagnosticAndExitCode8) {
  if (kSanitizedBuild) GTEST_SKIP() << "the sanitizers keep their own signal reports";
  const std::string dir = TempDir("cli_abort");
  const std::string script = dir + "/run.sh";
  std::ofstream(script) << "'" << CorridorBinary() << "' solve '" << SourceDir()
                        << "/data/china-russia-2022' --ranging 200 --out '" << dir
                        << "/out' 2>'" << dir << "/err' &\npid=$!\nsleep 1\nkill -ABRT $pid\n"
                        << "wait $pid\n";
  const int raw = std::system(("sh '" + script + "'").c_str());
  ASSERT_TRUE(WIFEXITED(raw));
  EXPECT_EQ(WEXITSTATUS(raw), 8);
  const std::string err = ReadFile(dir + "/err");
  EXPECT_NE(err.find("corridor solve: aborted by signal SIGABRT"), std::string::npos) << err;
}

}  // namespace
}  // namespace corridor::testing
