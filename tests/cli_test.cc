// The command line as a user meets it: golden summary, exit codes, located errors,
// result files, and --help kept equal to docs/cli.md.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "tests/cli_harness.h"

namespace corridor::testing {
namespace {

const std::string kExample = SourceDir() + "/examples/example-corridor";

// The way calibration.csv writes a number (%.6g).
std::string NumberAsWritten(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}

// Runs `corridor <command> EXAMPLE --out TMP` and compares its normalised output with
// tests/golden/<golden>; CORRIDOR_UPDATE_GOLDEN=1 rewrites the file instead.
void ExpectExampleSummaryMatchesGolden(const std::string& command, const std::string& golden) {
  const std::string out_dir = TempDir("golden_" + command);
  const CommandResult r = RunCorridor({command, kExample, "--out", out_dir});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string golden_path = SourceDir() + "/tests/golden/" + golden;
  const std::string got = Normalise(r.out);
  if (std::getenv("CORRIDOR_UPDATE_GOLDEN")) {
    std::ofstream(golden_path) << got;
  }
  EXPECT_EQ(got, ReadFile(golden_path))
      << "run with CORRIDOR_UPDATE_GOLDEN=1 to accept a reviewed change";
}

TEST(CliSolve, ExampleSummaryMatchesGolden) {
  ExpectExampleSummaryMatchesGolden("solve", "example_solve_summary.txt");
}

TEST(CliAssign, ExampleSummaryMatchesGolden) {
  ExpectExampleSummaryMatchesGolden("assign", "example_assign_summary.txt");
}

TEST(CliSolve, WritesEveryResultFileWithTheRunRecord) {
  const std::string out_dir = TempDir("files");
  const CommandResult r = RunCorridor({"solve", kExample, "--out", out_dir});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const char* f : {"result.json", "flows.csv", "od.csv", "resources.csv", "flows.geojson",
                        "summary.txt"}) {
    EXPECT_TRUE(std::filesystem::exists(out_dir + "/" + f)) << f;
  }
  const auto j = nlohmann::json::parse(ReadFile(out_dir + "/result.json"));
  EXPECT_EQ(j["format"], "corridor-result/1");
  EXPECT_EQ(j["run"]["dataset"]["name"], "example-corridor");
  EXPECT_EQ(j["run"]["dataset"]["hash_fnv1a64"].get<std::string>().size(), 16u);
  EXPECT_EQ(j["run"]["scenario"]["name"], "baseline");
  EXPECT_EQ(j["run"]["options"]["method"], "auto");
  EXPECT_TRUE(j["check"]["passed"].get<bool>());
  EXPECT_EQ(j["solve"]["status"], "optimal");
  // Served + unserved = demand for every OD, and the totals add up.
  double served = 0, unserved = 0;
  for (const auto& od : j["od"]) {
    EXPECT_NEAR(od["served_t"].get<double>() + od["unserved_t"].get<double>(),
                od["demand_t"].get<double>(), 1e-6 * od["demand_t"].get<double>());
    served += od["served_t"].get<double>();
    unserved += od["unserved_t"].get<double>();
  }
  EXPECT_NEAR(served, j["totals"]["served_t"].get<double>(), 1e-3);
  EXPECT_NEAR(unserved, j["totals"]["unserved_t"].get<double>(), 1e-3);
  const auto geo = nlohmann::json::parse(ReadFile(out_dir + "/flows.geojson"));
  EXPECT_EQ(geo["type"], "FeatureCollection");
  EXPECT_GT(geo["features"].size(), 10u);
}

TEST(CliSolve, ScenarioIsRecordedAndChangesTheAnswer) {
  const std::string base_dir = TempDir("base");
  const std::string sc_dir = TempDir("scenario");
  ASSERT_EQ(RunCorridor({"solve", kExample, "--out", base_dir}).exit_code, 0);
  const CommandResult r =
      RunCorridor({"solve", kExample, "--scenario", kExample + "/scenarios/close-main-crossing.toml",
                   "--out", sc_dir});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto base = nlohmann::json::parse(ReadFile(base_dir + "/result.json"));
  const auto sc = nlohmann::json::parse(ReadFile(sc_dir + "/result.json"));
  EXPECT_NE(sc["run"]["scenario"]["hash_fnv1a64"], "");
  EXPECT_EQ(sc["run"]["dataset"]["hash_fnv1a64"], base["run"]["dataset"]["hash_fnv1a64"]);
  // Closing a crossing can never make the optimum cheaper.
  EXPECT_GE(sc["totals"]["generalised_cost_usd"].get<double>(),
            base["totals"]["generalised_cost_usd"].get<double>() * (1 - 1e-9));
}

struct BadInputCase {
  std::vector<std::string> args;
  int exit_code;
  std::vector<std::string> expected_in_stderr;
};

class CliBadInput : public ::testing::TestWithParam<BadInputCase> {};

TEST_P(CliBadInput, GivesLocatedErrorAndDocumentedExitCode) {
  const BadInputCase& c = GetParam();
  const CommandResult r = RunCorridor(c.args);
  EXPECT_EQ(r.exit_code, c.exit_code) << r.err;
  for (const auto& text : c.expected_in_stderr) {
    EXPECT_NE(r.err.find(text), std::string::npos) << "missing '" << text << "' in:\n" << r.err;
  }
}

const std::string kData = SourceDir() + "/tests/data";

INSTANTIATE_TEST_SUITE_P(
    Cases, CliBadInput,
    ::testing::Values(
        BadInputCase{{"validate", kData + "/datasets/many_errors"},
                     2,
                     {"links.csv:2: capacity_t_per_year must be >= 0, got -5",
                      "nodes.csv:3: lat must be a finite number, got 'NaN'",
                      "nodes.csv:4: lon must be a finite number, got 'inf'",
                      "nodes.csv:5: duplicate id 'A'", "links.csv:4: to refers to unknown node 'Q'",
                      "demand.csv:3: commodity refers to unknown commodity 'coal'",
                      "21 error(s)"}},
        BadInputCase{{"solve", kData + "/datasets/many_errors"}, 2, {"links.csv:2"}},
        BadInputCase{{"validate", kData + "/datasets/bad_background"},
                     2,
                     {"background.csv:3: element refers to unknown link 'NOPE'",
                      "background.csv:4: tonnes_per_year must be >= 0, got -3",
                      "background.csv:5: tonnes_per_year must be a finite number, got 'NaN'",
                      "rates.csv:2: cargo_type must be one of", "resources.csv:2: members names port 'A'"}},
        BadInputCase{{"solve", kData + "/datasets/bad_background"}, 2, {"background.csv:3"}},
        BadInputCase{{"validate", kData + "/datasets/missing_file"}, 3, {"not found"}},
        BadInputCase{{"validate", kData + "/datasets/missing_column"}, 2, {"missing"}},
        BadInputCase{{"validate", kData + "/datasets/empty_table"}, 2, {"empty"}},
        BadInputCase{{"validate", "/no/such/folder"}, 3, {"not found"}},
        BadInputCase{{"solve", kExample, "--scenario", kData + "/scenarios/unknown_target.toml"},
                     2,
                     {"change 1 (open_crossing): unknown crossing 'XR'",
                      "change 2 (close_crossing): unknown crossing 'NOPE'"}},
        BadInputCase{{"solve", kExample, "--scenario", kData + "/scenarios/bad_syntax.toml"}, 2,
                     {"bad_syntax.toml:"}},
        BadInputCase{{"solve", kExample, "--scenario", "/no/such.toml"}, 3, {"/no/such.toml"}},
        BadInputCase{{"solve", kExample, "--time-limit", "-1"}, 1, {"--time-limit"}},
        BadInputCase{{"solve", kExample, "--method", "magic"}, 1, {"--method"}},
        BadInputCase{{"solve"}, 1, {"DATASET"}},
        BadInputCase{{}, 1, {"subcommand"}}));

TEST(CliSolve, BadOptionalTableWritesNothing) {
  const std::string out_dir = TempDir("bad_background") + "/out";
  const CommandResult r = RunCorridor({"solve", kData + "/datasets/bad_background", "--out", out_dir});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_FALSE(std::filesystem::exists(out_dir));
}

TEST(CliSolve, PreloadAboveCapacityIsReportedAndSolvedWithTheCapacityExhausted) {
  const std::string out_dir = TempDir("preload_over");
  const CommandResult r = RunCorridor({"solve", kData + "/datasets/preload_over", "--out", out_dir});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("background.csv:2: warning: tonnes_per_year preloads on crossing:XR total 5e+06"),
            std::string::npos)
      << r.err;
  const auto json = nlohmann::json::parse(ReadFile(out_dir + "/result.json"));
  bool found = false;
  for (const auto& res : json["resources"]) {
    if (res["label"] != "crossing XR") continue;
    found = true;
    EXPECT_DOUBLE_EQ(res["preload_t"].get<double>(), 5e6);
    EXPECT_DOUBLE_EQ(res["capacity_t"].get<double>(), 2e6);
    EXPECT_NEAR(res["study_t"].get<double>(), 0.0, 1e-6);  // nothing left for routed freight
  }
  EXPECT_TRUE(found);
}

TEST(CliValidate, DisconnectedDemandIsAWarningNotAnError) {
  const CommandResult r = RunCorridor({"validate", kData + "/datasets/disconnected"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("no route"), std::string::npos) << r.err;
}

TEST(CliHelp, EveryOptionOfSolveIsDocumented) {
  const CommandResult r = RunCorridor({"solve", "--help"});
  ASSERT_EQ(r.exit_code, 0);
  const std::string docs = ReadFile(SourceDir() + "/docs/cli.md");
  for (const char* opt : {"--scenario", "--out", "--method", "--time-limit", "--gap-tolerance",
                          "--top", "--ranging", "--no-check"}) {
    EXPECT_NE(r.out.find(opt), std::string::npos) << opt << " missing from --help";
    EXPECT_NE(docs.find(std::string("`") + opt), std::string::npos) << opt << " missing from docs/cli.md";
  }
  // Units and bounds come from the same table as the checks.
  EXPECT_NE(r.out.find("[s; default 600; range 0.001 to 86400]"), std::string::npos) << r.out;
}

TEST(CliHelp, EveryOptionOfServeIsDocumented) {
  const CommandResult r = RunCorridor({"serve", "--help"});
  ASSERT_EQ(r.exit_code, 0);
  const std::string docs = ReadFile(SourceDir() + "/docs/cli.md");
  for (const char* opt : {"--db", "--bind", "--port", "--web", "--import", "--jobs"}) {
    EXPECT_NE(r.out.find(opt), std::string::npos) << opt << " missing from --help";
    EXPECT_NE(docs.find(std::string("`") + opt + "`"), std::string::npos)
        << opt << " missing from docs/cli.md";
  }
}

TEST(CliCompare, LinesUpScenariosAgainstTheFirst) {
  const std::string out_dir = TempDir("compare");
  const CommandResult r = RunCorridor({"compare", kExample, "--scenario", kExample + "/scenarios",
                                       "--out", out_dir});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(ReadFile(out_dir + "/comparison.json"));
  ASSERT_EQ(j["scenarios"].size(), 2u);  // the folder's two scenarios, sorted by name
  EXPECT_EQ(j["scenarios"][0]["scenario"], "add-capacity");
  for (const auto& sc : j["scenarios"]) {
    EXPECT_TRUE(sc["check_passed"].get<bool>());
    const double cost = sc["figures"]["generalised_cost"].get<double>();
    const double base = j["scenarios"][0]["figures"]["generalised_cost"].get<double>();
    EXPECT_NEAR(sc["difference_vs_first"]["generalised_cost"].get<double>(), cost - base, 1e-9);
  }
  // Closing the main crossing costs more than adding capacity.
  EXPECT_GT(j["scenarios"][1]["difference_vs_first"]["generalised_cost"].get<double>(), 0.0);
  EXPECT_NE(ReadFile(out_dir + "/comparison.csv").find("utilisation:crossing:ZAB_RAIL"),
            std::string::npos);
  EXPECT_NE(r.out.find("generalised_cost"), std::string::npos);
}

// corridor report: a solve folder becomes one HTML file that refers to nothing outside
// itself; a folder without a run is refused with exit code 3 (not found).
TEST(CliReport, WritesASelfContainedFileAndRefusesAFolderWithoutARun) {
  const std::string out_dir = TempDir("report_solve");
  const std::string html = out_dir + "/report.html";
  const CommandResult solve = RunCorridor({"solve", kExample, "--out", out_dir, "--report", html});
  ASSERT_EQ(solve.exit_code, 0) << solve.err;
  const std::string page = ReadFile(html);
  EXPECT_NE(page.find("data-testid=\"report-map\""), std::string::npos);
  EXPECT_NE(page.find("data-testid=\"chart-crossing-utilisation\""), std::string::npos);
  EXPECT_NE(page.find("data-testid=\"bottleneck-table\""), std::string::npos);
  for (const char* outside : {"src=\"http", "href=\"http", "src=\"//", "@import", "url(http"}) {
    EXPECT_EQ(page.find(outside), std::string::npos) << outside;
  }
  const std::string again = out_dir + "/again.html";
  const CommandResult report = RunCorridor({"report", out_dir, "--html", again});
  ASSERT_EQ(report.exit_code, 0) << report.err;
  EXPECT_NE(ReadFile(again).find("data-testid=\"report-map\""), std::string::npos);

  const std::string empty = TempDir("report_empty");
  const CommandResult none = RunCorridor({"report", empty, "--html", empty + "/x.html"});
  EXPECT_EQ(none.exit_code, 3);
  EXPECT_NE(none.err.find("holds no run"), std::string::npos) << none.err;
  EXPECT_FALSE(std::filesystem::exists(empty + "/x.html"));
}

TEST(CliCalibrate, ComparesObservedWithModelledTonnes) {
  const std::string out_dir = TempDir("calibrate");
  const CommandResult r = RunCorridor({"calibrate", kExample, "--out", out_dir});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string csv = ReadFile(out_dir + "/calibration.csv");
  // The rail crossing's modelled flow equals the crossing's flow in result.json.
  const auto j = nlohmann::json::parse(ReadFile(out_dir + "/result.json"));
  double zab = -1;
  for (const auto& c : j["crossings"]) {
    if (c["id"] == "ZAB_RAIL") zab = c["flow_t"].get<double>();
  }
  ASSERT_GE(zab, 0.0);
  EXPECT_NE(csv.find(NumberAsWritten(zab)), std::string::npos) << csv;
  EXPECT_NE(r.out.find("calibration targets met"), std::string::npos);
  EXPECT_NE(r.out.find("period 2022-H1 is not the reference year"), std::string::npos);
}

TEST(CliFindings, WritesTheSectionsAndTheCommand) {
  const std::string file = TempDir("findings") + "/findings.md";
  const std::string s = kExample + "/scenarios";
  const CommandResult r = RunCorridor({"findings", kExample, "--baseline",
                                       s + "/close-main-crossing.toml", "--measure",
                                       s + "/add-capacity.toml", "--out", file});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string md = ReadFile(file);
  for (const char* section : {"# Findings from the model", "## The baseline",
                              "### Which constraint binds most", "## What each measure buys alone",
                              "## Runs", "corridor findings"}) {
    EXPECT_NE(md.find(section), std::string::npos) << section;
  }
}

TEST(CliAssign, TntpSiouxFallsReachesTheBestKnownObjective) {
  const std::string tntp = SharedDir() + "/benchmarks/tntp/SiouxFalls/SiouxFalls";
  const std::string flows = TempDir("assign_tntp") + "/flows.csv";
  const CommandResult r = RunCorridor({"assign", "--tntp", tntp + "_net.tntp", tntp + "_trips.tntp",
                                       "--gap", "1e-6", "--flows", flows});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string key = "Beckmann objective ";
  const auto at = r.out.find(key);
  ASSERT_NE(at, std::string::npos) << r.out;
  const double beckmann = std::stod(r.out.substr(at + key.size()));
  EXPECT_NEAR(beckmann, 4231335.287, 1e-4 * 4231335.287);
  const auto gap_at = r.out.find("relative gap ");
  ASSERT_NE(gap_at, std::string::npos);
  EXPECT_LE(std::stod(r.out.substr(gap_at + 13)), 1e-6);
  const std::string csv = ReadFile(flows);
  EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 77);  // header + 76 links
}

TEST(CliAssign, CorridorWritesUeBesideTheSystemOptimum) {
  const std::string out_dir = TempDir("assign");
  const CommandResult r = RunCorridor({"assign", kExample, "--out", out_dir});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("price of anarchy >= "), std::string::npos) << r.out;
  const auto j = nlohmann::json::parse(ReadFile(out_dir + "/ue_result.json"));
  EXPECT_EQ(j["user_equilibrium"]["stop_reason"], "converged");
  EXPECT_LE(j["user_equilibrium"]["relative_gap"].get<double>(), 1e-7);
  EXPECT_EQ(j["user_equilibrium"]["model"], "capacitated");
  EXPECT_TRUE(j["user_equilibrium"]["certificate"]["passed"].get<bool>());
  EXPECT_NE(r.out.find("Certificate: passed"), std::string::npos) << r.out;
  int saturated = 0;
  for (const auto& c : j["crossings"]) {
    EXPECT_LE(c["flow_t"].get<double>(), c["capacity_t"].get<double>() * (1 + 1e-6)) << c["id"];
    saturated += c["saturated"].get<bool>();
    if (c["saturated"].get<bool>()) EXPECT_GT(c["queue_h"].get<double>(), 0.0);
  }
  EXPECT_GT(saturated, 0);
  EXPECT_NE(ReadFile(out_dir + "/ue_crossings.csv").find("queue_cost_usd_per_t"), std::string::npos);
  const auto& ue = j["user_equilibrium"]["totals"];
  EXPECT_NEAR(ue["served_t"].get<double>() + ue["unserved_t"].get<double>(),
              ue["demand_t"].get<double>(), 1e-6 * ue["demand_t"].get<double>());
  EXPECT_LE(j["congested_system_optimum"]["totals"]["generalised_cost_usd"].get<double>(),
            ue["generalised_cost_usd"].get<double>());
  EXPECT_GE(j["price_of_anarchy_lower_bound"].get<double>(), 1.0);
  EXPECT_EQ(j["routing_lp_system_optimum"]["status"], "optimal");
  EXPECT_FALSE(j["crossings"].empty());
  EXPECT_NE(ReadFile(out_dir + "/ue_flows.csv").find("CONT"), std::string::npos);
}

TEST(CliAssign, UncapacitatedModelStaysAvailableForComparison) {
  const std::string out_dir = TempDir("assign_uncapacitated");
  const CommandResult r =
      RunCorridor({"assign", kExample, "--equilibrium", "uncapacitated", "--out", out_dir});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("uncapacitated"), std::string::npos) << r.out;
  const auto j = nlohmann::json::parse(ReadFile(out_dir + "/ue_result.json"));
  EXPECT_EQ(j["user_equilibrium"]["model"], "uncapacitated");
  EXPECT_EQ(j["run"]["options"]["equilibrium"], "uncapacitated");
  // Conical delays only: some crossing runs over its capacity, none has a queue.
  bool over = false;
  for (const auto& c : j["crossings"]) {
    over = over || c["over_capacity"].get<bool>();
    EXPECT_EQ(c["queue_h"].get<double>(), 0.0);
  }
  EXPECT_TRUE(over);
}

INSTANTIATE_TEST_SUITE_P(
    Assign, CliBadInput,
    ::testing::Values(
        BadInputCase{{"assign", kExample, "--equilibrium", "queued"}, 1, {"--equilibrium"}},
        BadInputCase{{"assign", "--tntp", "/no/such_net.tntp", "/no/such_trips.tntp"}, 3, {"/no/such_net.tntp"}},
        BadInputCase{{"assign", "--tntp", kData + "/tntp/malformed_net.tntp",
                      kData + "/tntp/malformed_trips.tntp"},
                     2,
                     {"malformed_net.tntp"}},
        BadInputCase{{"assign", "--tntp", "only_one.tntp"}, 1, {"--tntp"}},
        BadInputCase{{"assign"}, 1, {"DATASET or --tntp"}},
        BadInputCase{{"assign", kExample, "--gap", "2"}, 1, {"--gap"}}));

TEST(CliVersion, PrintsVersion) {
  const CommandResult r = RunCorridor({"--version"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("0.1.0"), std::string::npos);
}

}  // namespace
}  // namespace corridor::testing
