// `mpirun -np 2 corridor risk ...` splits the draws over two ranks and prints and writes
// the same figures as one process.
#include <gtest/gtest.h>

#include <cstdlib>
#include <sstream>

#include "tests/cli_harness.h"

namespace corridor::testing {
namespace {

const std::string kData = SourceDir() + "/data/china-russia-2022";

// The lines of `text` without the per-draw wall time (the only figure that depends on
// timing).
std::string WithoutTiming(const std::string& text) {
  std::istringstream in(text);
  std::string line, out;
  while (std::getline(in, line)) {
    if (line.find("ms per draw") == std::string::npos) out += line + "\n";
  }
  return out;
}

TEST(RiskMpi, TwoRanksGiveTheFiguresOfOneProcess) {
  const std::string one = TempDir("risk_mpi_one"), two = TempDir("risk_mpi_two");
  const std::vector<std::string> args = {"risk", kData, "--risk", kData + "/risk.toml",
                                         "--draws", "72", "--batch", "32", "--check-draws", "1"};
  auto with_out = [&](const std::string& dir) {
    std::vector<std::string> a = args;
    a.insert(a.end(), {"--out", dir});
    return a;
  };
  const CommandResult single = RunCorridor(with_out(one));
  ASSERT_EQ(single.exit_code, 0) << single.err;
  std::string command = std::string(CORRIDOR_MPIEXEC) +
                        " -np 2 --oversubscribe --allow-run-as-root " + CorridorBinary();
  for (const std::string& a : with_out(two)) command += " '" + a + "'";
  command += " > " + two + "/stdout.txt 2> " + two + "/stderr.txt";
  ASSERT_EQ(std::system(command.c_str()), 0) << ReadFile(two + "/stderr.txt");
  EXPECT_EQ(WithoutTiming(ReadFile(two + "/stdout.txt")), WithoutTiming(single.out));
  // risk_draws.csv has no timing column: equal byte for byte.
  EXPECT_EQ(ReadFile(two + "/risk_draws.csv"), ReadFile(one + "/risk_draws.csv"));
  EXPECT_EQ(ReadFile(two + "/risk_elements.csv"), ReadFile(one + "/risk_elements.csv"));
  EXPECT_NE(ReadFile(two + "/risk_result.json").find("\"mpi_ranks\": \"2\""), std::string::npos);
}

}  // namespace
}  // namespace corridor::testing
