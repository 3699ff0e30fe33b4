// corridor risk as a user meets it: the distribution and criticality of the built-in
// risk model, the run record, certificates, and located errors for bad risk models.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "tests/cli_harness.h"

namespace corridor::testing {
namespace {

const std::string kData = SourceDir() + "/data/china-russia-2022";
const std::string kRisk = kData + "/risk.toml";

std::string WriteRisk(const std::string& name, const std::string& text) {
  const std::string path = TempDir("risk_" + name) + "/risk.toml";
  std::ofstream(path) << text;
  return path;
}

TEST(CliRisk, ChinaRussiaDistributionCriticalityAndCertificates) {
  const std::string out = TempDir("risk_cr");
  const CommandResult r =
      RunCorridor({"risk", kData, "--risk", kRisk, "--draws", "100", "--out", out});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const char* text : {"generalised cost (bn USD)", "unserved trade value (bn USD)",
                           "CVaR95", "Criticality", "Events:", "Draws solved: 100 of 100"}) {
    EXPECT_NE(r.out.find(text), std::string::npos) << text << "\n" << r.out;
  }
  const auto j = nlohmann::json::parse(ReadFile(out + "/risk_result.json"));
  EXPECT_EQ(j["format"], "corridor-risk-result/1");
  EXPECT_EQ(j["run"]["dataset"]["hash_fnv1a64"].get<std::string>().size(), 16u);
  EXPECT_EQ(j["run"]["options"]["draws"], "100");
  EXPECT_EQ(j["risk_model"]["hash_fnv1a64"].get<std::string>().size(), 16u);
  const auto& ref = j["reference"];
  EXPECT_EQ(ref["draws"], 100);
  EXPECT_EQ(ref["failed"], 0);
  // The costliest draws, re-solved from scratch by `corridor solve`'s solver, pass its
  // answer checker and agree with the warm-started optimum.
  ASSERT_EQ(ref["certified_draws"].size(), 2u);
  for (const auto& c : ref["certified_draws"]) EXPECT_TRUE(c["passed"].get<bool>()) << c.dump();
  // Quantiles are ordered; the CVaR is at least the VaR; no draw costs less than the
  // undisrupted optimum unless a demand shock lowered demand.
  const auto& cost = ref["generalised_cost_usd"];
  EXPECT_LE(cost["p5"].get<double>(), cost["p50"].get<double>());
  EXPECT_LE(cost["p50"].get<double>(), cost["p95"].get<double>());
  EXPECT_LE(cost["p95"].get<double>(), cost["cvar95"].get<double>() + 1e-6);
  EXPECT_LE(cost["p95"].get<double>(), cost["max"].get<double>());
  // Every draw has its row.
  const std::string draws = ReadFile(out + "/risk_draws.csv");
  EXPECT_EQ(std::count(draws.begin(), draws.end(), '\n'), 101);
  EXPECT_FALSE(ref["elements"].empty());
}

TEST(CliRisk, MeasuresAreComparedOnTheSameDraws) {
  const std::string out = TempDir("risk_measure");
  const CommandResult r =
      RunCorridor({"risk", kData, "--risk", kRisk, "--draws", "40", "--check-draws", "0",
                   "--measure", kData + "/scenarios/bridges-open.toml", "--out", out});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("Measures on the same draws"), std::string::npos) << r.out;
  const auto j = nlohmann::json::parse(ReadFile(out + "/risk_result.json"));
  ASSERT_EQ(j["measures"].size(), 1u);
  EXPECT_EQ(j["measures"][0]["effect"]["paired_draws"], 40);
}

TEST(CliRisk, BadRiskModelsGetLocatedErrors) {
  const CommandResult missing =
      RunCorridor({"risk", kData, "--risk", "/nonexistent/risk.toml", "--draws", "5"});
  EXPECT_EQ(missing.exit_code, 3) << missing.err;

  const std::string p = WriteRisk("prob", "[[event]]\nid = \"a\"\nprobability = 1.5\n");
  const CommandResult prob = RunCorridor({"risk", kData, "--risk", p, "--draws", "5"});
  EXPECT_EQ(prob.exit_code, 2);
  EXPECT_NE(prob.err.find("risk.toml:3: "), std::string::npos) << prob.err;

  const std::string u = WriteRisk(
      "unknown",
      "[[event]]\nid = \"a\"\nprobability = 0.5\nelements = [\"crossing:NOWHERE\"]\nduration_days = 5\n");
  const CommandResult unknown = RunCorridor({"risk", kData, "--risk", u, "--draws", "5"});
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_NE(unknown.err.find("risk.toml:4: event a: elements: unknown element \"crossing:NOWHERE\""),
            std::string::npos)
      << unknown.err;

  const std::string orphan =
      WriteRisk("orphan", "[[event]]\nid = \"b\"\nparent = \"wave\"\nprobability = 0.5\n");
  const CommandResult o = RunCorridor({"risk", kData, "--risk", orphan, "--draws", "5"});
  EXPECT_EQ(o.exit_code, 2);
  EXPECT_NE(o.err.find("parent"), std::string::npos) << o.err;

  const std::string negative = WriteRisk(
      "neg", "[[event]]\nid = \"a\"\nprobability = 0.5\nelements = [\"crossing:ZAB_MZL_RAIL\"]\n"
             "duration_days = { distribution = \"uniform\", min = -4, max = 3 }\n");
  const CommandResult n = RunCorridor({"risk", kData, "--risk", negative, "--draws", "5"});
  EXPECT_EQ(n.exit_code, 2);
  EXPECT_NE(n.err.find("risk.toml:5: "), std::string::npos) << n.err;

  const CommandResult zero = RunCorridor({"risk", kData, "--risk", kRisk, "--draws", "0"});
  EXPECT_EQ(zero.exit_code, 1) << zero.err;
  EXPECT_NE(zero.err.find("--draws"), std::string::npos) << zero.err;
  const CommandResult half = RunCorridor({"risk", kData, "--risk", kRisk, "--draws", "2.5"});
  EXPECT_NE(half.exit_code, 0);
}

}  // namespace
}  // namespace corridor::testing
