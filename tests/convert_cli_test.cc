// `corridor convert` as users meet it: the built-in dataset through GMNS and back solves
// to the same summary, bad GMNS input is located (exit 2), and the documented exit codes
// and options.
#include <gtest/gtest.h>

#include <fstream>
#include <regex>

#include "tests/cli_harness.h"

namespace corridor::testing {
namespace {

void Write(const std::string& path, const std::string& text) { std::ofstream(path) << text; }

// The line with the optimum (study + background).
std::string Objective(const std::string& summary) {
  std::smatch m;
  return std::regex_search(summary, m, std::regex("system cost[^\n]*")) ? m[0].str() : "";
}

TEST(CliConvert, DatasetThroughGmnsAndBackSolvesTheSame) {
  const std::string gmns = TempDir("convert_gmns");
  const std::string back = TempDir("convert_back");
  CommandResult r = RunCorridor({"convert", "--from", "data/china-russia-2022", "--to", "gmns", gmns},
                                SourceDir());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("(dataset) -> " + gmns + " (gmns): 89 nodes, 200 links"), std::string::npos)
      << r.out;
  r = RunCorridor({"convert", "--from", "gmns", gmns, "--to", back});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const CommandResult a =
      RunCorridor({"-q", "solve", "data/china-russia-2022", "--ranging", "0", "--out", TempDir("convert_a")},
                  SourceDir());
  const CommandResult b =
      RunCorridor({"-q", "solve", back, "--ranging", "0", "--out", TempDir("convert_b")});
  ASSERT_EQ(a.exit_code, 0) << a.err;
  ASSERT_EQ(b.exit_code, 0) << b.err;
  ASSERT_FALSE(Objective(a.out).empty()) << a.out;
  EXPECT_EQ(Objective(a.out), Objective(b.out));
  // The summaries agree but for the dataset's folder and hash lines.
  EXPECT_EQ(Normalise(a.out), Normalise(b.out));
}

TEST(CliConvert, ExitCodes) {
  const std::string dir = TempDir("convert_bad");
  Write(dir + "/node.csv", "node_id,x_coord,y_coord,country\n1,100,50,RU\n2,101,51,RU\n");
  Write(dir + "/link.csv", "link_id,from_node_id,to_node_id,directed,allowed_uses,length,free_speed\n"
                           "a,1,3,true,road,10,50\n");
  CommandResult r = RunCorridor({"convert", "--from", "gmns", dir, "--to", TempDir("convert_bad_out")});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("link.csv:2: to_node_id unknown node '3'"), std::string::npos) << r.err;
  r = RunCorridor({"convert", "--from", "gmns", dir + "/absent", "--to", TempDir("convert_x")});
  EXPECT_EQ(r.exit_code, 3) << r.err;
  r = RunCorridor({"convert", "--from", "tntp", dir + "/link.csv", "--to", "dataset", dir + "/y"});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  r = RunCorridor({"convert", "--from", "shapefile", dir, "--to", dir + "/z"});
  EXPECT_EQ(r.exit_code, 1) << r.err;
}

TEST(CliConvert, TntpWithItsNodeTable) {
  const std::string tntp = SharedDir() + "/benchmarks/tntp/SiouxFalls/SiouxFalls";
  const std::string out = TempDir("convert_tntp");
  const CommandResult r = RunCorridor({"convert", "--from", "tntp", tntp + "_net.tntp", "--nodes",
                                       tntp + "_node.tntp", "--to", "gmns", out});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find(": 24 nodes, 76 links; 0 warning(s)"), std::string::npos) << r.out;
  EXPECT_NE(ReadFile(out + "/node.csv").find("\n1,-96.77041974,43.61282792,"), std::string::npos);
}

TEST(CliConvert, EveryOptionIsInHelpAndDocs) {
  const CommandResult help = RunCorridor({"convert", "--help"});
  ASSERT_EQ(help.exit_code, 0);
  const std::string docs = ReadFile(SourceDir() + "/docs/cli.md");
  for (const char* opt : {"--from", "--to", "--nodes"}) {
    EXPECT_NE(help.out.find(opt), std::string::npos) << opt;
    EXPECT_NE(docs.find(std::string("`") + opt), std::string::npos) << opt << " missing from docs/cli.md";
  }
}

}  // namespace
}  // namespace corridor::testing
