// `corridor settle` as a user meets it: a CSV netted exactly, bad rows located with
// exit code 2 and nothing written, a dataset's routing result settled with its run
// record, and every option in --help and docs/cli.md.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "tests/cli_harness.h"

namespace corridor::testing {
namespace {

std::string WriteCsv(const std::string& name, const std::string& text) {
  const std::string path = TempDir("settle_csv_" + name) + "/" + name;
  std::ofstream(path) << text;
  return path;
}

TEST(CliSettle, NetsAUsersObligationsExactly) {
  const std::string csv = WriteCsv(
      "obligations.csv",
      "payer,payee,currency,amount,value_date\n"
      "A,B,USD,100.00,2022-01-03\nB,C,USD,70,2022-01-04\nC,A,USD,50,2022-01-05\n"
      "B,A,USD,20.01,2022-01-05\n");
  const std::string out = TempDir("settle_out");
  const CommandResult r = RunCorridor({"settle", "--obligations", csv, "--level", "party",
                                       "--out", out});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("Invariants: passed"), std::string::npos) << r.out;
  const auto j = nlohmann::json::parse(ReadFile(out + "/settle_result.json"));
  const auto& usd = j["summary"]["per_currency"]["USD"];
  EXPECT_EQ(usd["gross"], "240.01");
  EXPECT_EQ(usd["bilateral"], "199.99");   // A-B nets to 79.99
  EXPECT_EQ(usd["multilateral"], "29.99");  // A -29.99, B +9.99, C +20
  EXPECT_EQ(usd["compressed"], "49.99");    // 29.99 + 20 on A->B and B->C
  EXPECT_EQ(j["run"]["obligations"]["hash_fnv1a64"].get<std::string>().size(), 16u);
  EXPECT_TRUE(j["invariants"]["passed"].get<bool>());
  for (const char* f : {"positions.csv", "netted.csv", "cycles.csv", "settle_summary.txt"}) {
    EXPECT_TRUE(std::filesystem::exists(out + "/" + f)) << f;
  }
  // The same rows in another order: the same obligations hash (idempotent import).
  const std::string csv2 = WriteCsv(
      "again.csv",
      "payer,payee,currency,amount,value_date\n"
      "B,A,USD,20.01,2022-01-05\nC,A,USD,50.00,2022-01-05\nA,B,USD,100,2022-01-03\n"
      "B,C,USD,70.0,2022-01-04\n");
  const std::string out2 = TempDir("settle_out2");
  ASSERT_EQ(RunCorridor({"settle", "--obligations", csv2, "--level", "party", "--out", out2}).exit_code, 0);
  const auto j2 = nlohmann::json::parse(ReadFile(out2 + "/settle_result.json"));
  EXPECT_EQ(j2["run"]["obligations"]["hash_fnv1a64"], j["run"]["obligations"]["hash_fnv1a64"]);
  EXPECT_EQ(j2["summary"], j["summary"]);
}

TEST(CliSettle, BadRowsAreLocatedAndNothingIsWritten) {
  const std::string csv = WriteCsv(
      "obligations.csv",
      "payer,payee,currency,amount,value_date\n"
      "A,B,USD,1,2022-01-01\nA,B,USD,-5,2022-01-01\nA,B,USD,NaN,2022-01-01\n"
      "A,B,XXX,1,2022-01-01\nA,A,USD,1,2022-01-01\nA,B,USD,1,2022-02-30\n"
      "A,B,USD,92233720368547758.08,2022-01-01\nA,B,USD,ten,2022-01-01\n");
  const std::string out = TempDir("settle_bad") + "/never";
  const CommandResult r = RunCorridor({"settle", "--obligations", csv, "--out", out});
  EXPECT_EQ(r.exit_code, 2);
  for (const char* m : {"obligations.csv:3: amount \"-5\"", "obligations.csv:4: amount \"NaN\"",
                        "obligations.csv:5: currency \"XXX\"", "obligations.csv:6: payee \"A\"",
                        "obligations.csv:7: value_date \"2022-02-30\"",
                        "obligations.csv:8: amount \"92233720368547758.08\": overflows",
                        "obligations.csv:9: amount \"ten\""}) {
    EXPECT_NE(r.err.find(m), std::string::npos) << m << "\n" << r.err;
  }
  EXPECT_FALSE(std::filesystem::exists(out));
  // A sum past 64 bits is located too, and writes nothing.
  const std::string big = WriteCsv("big.csv",
                                   "payer,payee,currency,amount,value_date\n"
                                   "A,B,RUB,92233720368547758.07,2022-01-01\n"
                                   "A,B,RUB,0.01,2022-01-01\n");
  const CommandResult o = RunCorridor({"settle", "--obligations", big, "--out", out});
  EXPECT_EQ(o.exit_code, 2);
  EXPECT_NE(o.err.find("big.csv:3: cycle 2022-01-01 currency RUB"), std::string::npos) << o.err;
  EXPECT_FALSE(std::filesystem::exists(out));
  EXPECT_EQ(RunCorridor({"settle", "--obligations", "/nonexistent/o.csv"}).exit_code, 3);
  EXPECT_EQ(RunCorridor({"settle"}).exit_code, 1);
  EXPECT_EQ(RunCorridor({"settle", "--obligations", csv, "--cycle", "year"}).exit_code, 1);
}

TEST(CliSettle, SettlesTheRoutingResultOfADataset) {
  const std::string out = TempDir("settle_example");
  const CommandResult r = RunCorridor(
      {"settle", SourceDir() + "/examples/example-corridor", "--cycle", "week", "--out", out});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const char* s : {"gross", "bilateral", "multilateral", "compressed", "Liquidity need per week",
                        "Netting efficiency by cycle length", "Invariants: passed"}) {
    EXPECT_NE(r.out.find(s), std::string::npos) << s << "\n" << r.out;
  }
  const auto j = nlohmann::json::parse(ReadFile(out + "/settle_result.json"));
  EXPECT_EQ(j["run"]["dataset"]["name"], "example-corridor");
  EXPECT_EQ(j["run"]["dataset"]["hash_fnv1a64"].get<std::string>().size(), 16u);
  EXPECT_EQ(j["by_cycle_length"].size(), 3u);
  EXPECT_TRUE(j["generation"]["used"].get<bool>());
  EXPECT_FALSE(j["assumptions"].empty());
}

TEST(CliSettle, EveryOptionIsDocumented) {
  const CommandResult r = RunCorridor({"settle", "--help"});
  ASSERT_EQ(r.exit_code, 0);
  const std::string docs = ReadFile(SourceDir() + "/docs/cli.md");
  for (const char* opt : {"--scenario", "--obligations", "--settlement", "--cycle", "--level",
                          "--no-compress", "--top", "--out"}) {
    EXPECT_NE(r.out.find(opt), std::string::npos) << opt << " missing from --help";
    EXPECT_NE(docs.find(std::string("`") + opt), std::string::npos) << opt << " missing from docs/cli.md";
  }
}

}  // namespace
}  // namespace corridor::testing
