// `corridor mcf` as users meet it: the published optima of the shared grid/planar
// instances (optimal.csv), both methods agreeing, MNETGEN files, the documented path
// lookup, located errors of malformed files and the documented exit codes and options.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <regex>

#include "tests/cli_harness.h"

namespace corridor::testing {
namespace {

void Write(const std::string& path, const std::string& text) { std::ofstream(path) << text; }

// The number after "key: " in the printed summary, NAN when absent.
double Field(const std::string& out, const std::string& key) {
  std::smatch m;
  if (!std::regex_search(out, m, std::regex("\n" + key + ": ([-+0-9.eE]+)"))) return NAN;
  return std::stod(m[1]);
}

double Published(const std::string& family, const std::string& name) {
  std::ifstream in(SharedDir() + "/benchmarks/mmcf/" + family + "/optimal.csv");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind(name + ",", 0) == 0) return std::stod(line.substr(name.size() + 1));
  }
  return NAN;
}

void ExpectOptimum(const CommandResult& r, double published) {
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("status: optimal\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("check: passed\n"), std::string::npos) << r.out;
  EXPECT_LE(std::abs(Field(r.out, "objective") - published), 1e-6 * published) << r.out;
  EXPECT_LE(Field(r.out, "bound"), published * (1 + 1e-9)) << r.out;
  EXPECT_LE(Field(r.out, "proven gap"), 1e-6) << r.out;
  for (const char* key : {"rounds: ", "iterations: ", "time: ", "peak memory: "}) {
    if (std::string(key) == "rounds: " && r.out.find("iterations: ") != std::string::npos) continue;
    if (std::string(key) == "iterations: " && r.out.find("rounds: ") != std::string::npos) continue;
    EXPECT_NE(r.out.find(key), std::string::npos) << key << r.out;
  }
}

#ifdef CORRIDOR_MCF_CLI_SLOW
// The contract, run exactly as documented from the repository root (the shared
// folder sits beside it: the parent lookup finds it).
TEST(CliMcf, Planar150AsDocumentedPrintsTheOptimum) {
  const CommandResult r = RunCorridor({"mcf", "shared/benchmarks/mmcf/planar/planar150"}, SourceDir());
  ExpectOptimum(r, Published("planar", "planar150"));
  EXPECT_NE(r.out.find("mcf: ../shared/benchmarks/mmcf/planar/planar150 (grid format: 150 nodes, "
                       "850 arcs, 2239 commodities)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("published optimum: 548087088.987 (optimal.csv"), std::string::npos) << r.out;
}
#else
TEST(CliMcf, ColumnGenerationReachesThePublishedOptima) {
  for (const auto& [family, name] : {std::pair{"planar", "planar30"}, {"grid", "grid3"}}) {
    const std::string file = SharedDir() + "/benchmarks/mmcf/" + family + "/" + name;
    ExpectOptimum(RunCorridor({"mcf", file, "--threads", "2"}), Published(family, name));
  }
}

TEST(CliMcf, ArcLpAgreesWithColumnGeneration) {
  const std::string file = SharedDir() + "/benchmarks/mmcf/grid/grid1";
  const CommandResult lp = RunCorridor({"mcf", file, "--method", "lp"});
  ExpectOptimum(lp, Published("grid", "grid1"));
  EXPECT_NE(lp.out.find("method: arc LP"), std::string::npos) << lp.out;
  const CommandResult cg = RunCorridor({"mcf", file, "--method", "cg", "--gap", "1e-9"});
  ExpectOptimum(cg, Published("grid", "grid1"));
  EXPECT_LE(std::abs(Field(lp.out, "objective") - Field(cg.out, "objective")),
            1e-6 * Field(lp.out, "objective"));
}

TEST(CliMcf, RelativePathsAreLookedUpFromParentFolders) {
  const CommandResult r = RunCorridor({"mcf", "shared/benchmarks/mmcf/grid/grid1"}, SourceDir());
  ExpectOptimum(r, Published("grid", "grid1"));
  EXPECT_NE(r.out.find("mcf: ../shared/benchmarks/mmcf/grid/grid1 (grid format"), std::string::npos)
      << r.out;
}

// MNETGEN: two commodities, one bundle; the arc LP and column generation agree, and a
// bundle too small for the only path of commodity 1 is proven infeasible.
void WriteMnetgen(const std::string& base, const std::string& bundle_capacity) {
  Write(base + ".nod", "2 3 5 1\n");
  Write(base + ".arc", "1 1 2 1 1.0 -1 0\n2 2 3 1 1.0 -1 1\n3 1 2 2 2.0 10 0\n"
                       "4 2 3 2 2.0 -1 1\n5 1 3 2 9.0 -1 0\n");
  Write(base + ".sup", "1 1 4\n3 1 -4\n1 2 2\n2 2 2\n3 2 -4\n");
  Write(base + ".mut", "1 " + bundle_capacity + "\n");
}

TEST(CliMcf, MnetgenFilesByBasePathOrNodFile) {
  const std::string dir = TempDir("mcf_mnetgen");
  WriteMnetgen(dir + "/small", "10");
  const CommandResult cg = RunCorridor({"mcf", dir + "/small"});
  ASSERT_EQ(cg.exit_code, 0) << cg.out << cg.err;
  EXPECT_NE(cg.out.find("(mnetgen format:"), std::string::npos) << cg.out;
  EXPECT_NE(cg.out.find("status: optimal"), std::string::npos) << cg.out;
  const CommandResult lp = RunCorridor({"mcf", dir + "/small.nod", "--method", "lp"});
  ASSERT_EQ(lp.exit_code, 0) << lp.out << lp.err;
  EXPECT_LE(std::abs(Field(lp.out, "objective") - Field(cg.out, "objective")), 1e-9) << lp.out;

  WriteMnetgen(dir + "/tight", "3");
  const CommandResult inf = RunCorridor({"mcf", dir + "/tight", "--format", "mnetgen"});
  EXPECT_EQ(inf.exit_code, 0) << inf.out << inf.err;
  EXPECT_NE(inf.out.find("status: infeasible"), std::string::npos) << inf.out;
  EXPECT_GT(Field(inf.out, "infeasibility certificate"), 0) << inf.out;
}

TEST(CliMcf, MalformedAndMissingFiles) {
  const std::string dir = TempDir("mcf_bad");
  Write(dir + "/cost", "3\n2\n1\n1 2 x 5\n2 3 1 5\n1 3 4\n");
  Write(dir + "/node", "3\n2\n1\n1 2 1 5\n2 9 1 5\n1 3 4\n");
  CommandResult r = RunCorridor({"mcf", dir + "/cost"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("cost:4: cost"), std::string::npos) << r.err;
  r = RunCorridor({"mcf", dir + "/node"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("node:5: "), std::string::npos) << r.err;
  WriteMnetgen(dir + "/m", "10");
  Write(dir + "/m.sup", "1 1 4\n3 1 -5\n1 2 2\n2 2 2\n3 2 -4\n");
  r = RunCorridor({"mcf", dir + "/m"});
  EXPECT_EQ(r.exit_code, 2) << r.out;
  EXPECT_NE(r.err.find("m.sup"), std::string::npos) << r.err;
  r = RunCorridor({"mcf", dir + "/absent"});
  EXPECT_EQ(r.exit_code, 3) << r.err;
  r = RunCorridor({"mcf", dir + "/cost", "--format", "mnetgen"});
  EXPECT_EQ(r.exit_code, 3) << r.err;  // cost.nod does not exist
  r = RunCorridor({"mcf", dir + "/cost", "--method", "simplex"});
  EXPECT_EQ(r.exit_code, 1) << r.err;
}

TEST(CliMcf, TimeLimitIsExitSix) {
  const CommandResult r = RunCorridor(
      {"mcf", SharedDir() + "/benchmarks/mmcf/grid/grid7", "--time-limit", "0.001", "--threads", "1"});
  EXPECT_EQ(r.exit_code, 6) << r.out << r.err;
  EXPECT_NE(r.out.find("status: time_limit"), std::string::npos) << r.out;
}

TEST(CliMcf, EveryOptionIsInHelpAndDocs) {
  const CommandResult help = RunCorridor({"mcf", "--help"});
  ASSERT_EQ(help.exit_code, 0);
  const std::string docs = ReadFile(SourceDir() + "/docs/cli.md");
  for (const char* opt : {"--format", "--method", "--threads", "--time-limit", "--gap"}) {
    EXPECT_NE(help.out.find(opt), std::string::npos) << opt;
    EXPECT_NE(docs.find(std::string("`") + opt), std::string::npos) << opt << " missing from docs/cli.md";
  }
}
#endif

}  // namespace
}  // namespace corridor::testing
