#include <gtest/gtest.h>

#include <cstdint>
#include <limits>

#include "settle/money.h"
#include "settle/obligations_csv.h"

namespace corridor::settle {
namespace {

std::optional<Minor> Amount(std::string_view text) {
  std::string why;
  return ParseAmount(text, &why);
}

TEST(Money, ParsesDecimalsExactly) {
  EXPECT_EQ(Amount("1234.56"), 123456);
  EXPECT_EQ(Amount("0.1"), 10);
  EXPECT_EQ(Amount("+7"), 700);
  EXPECT_EQ(Amount(".05"), 5);
  EXPECT_EQ(Amount("3."), 300);
  EXPECT_EQ(Amount("-5"), -500);
  EXPECT_EQ(Amount("92233720368547758.07"), std::numeric_limits<Minor>::max());
}

TEST(Money, RejectsWhatIsNotAnAmount) {
  for (const char* bad : {"", "NaN", "nan", "inf", "1e5", "1,5", "1.234", "12 3", "--1", ".",
                          "0x10", "92233720368547758.08", "99999999999999999999"}) {
    EXPECT_FALSE(Amount(bad).has_value()) << bad;
  }
}

TEST(Money, FormatsMinorUnits) {
  EXPECT_EQ(FormatMinor(123456), "1234.56");
  EXPECT_EQ(FormatMinor(-7), "-0.07");
  EXPECT_EQ(FormatMinor(std::numeric_limits<Minor>::min()), "-92233720368547758.08");
}

TEST(Money, DatesRoundTripAndAreStrict) {
  const auto d = ParseDate("2022-03-01");
  ASSERT_TRUE(d);
  EXPECT_EQ(FormatDate(*d), "2022-03-01");
  EXPECT_EQ(*ParseDate("2022-03-01") - *ParseDate("2022-02-28"), 1);
  EXPECT_TRUE(ParseDate("2024-02-29"));
  for (const char* bad : {"2022-02-29", "2022-13-01", "2022-1-01", "2022/01/01", "20220101",
                          "2022-01-32", "2022-00-10", "1800-01-01", "2022-01-01T00:00"}) {
    EXPECT_FALSE(ParseDate(bad)) << bad;
  }
  for (Day day = -25000; day < 80000; day += 37) EXPECT_EQ(ParseDate(FormatDate(day)), day);
}

constexpr const char* kHeader = "payer,payee,currency,amount,value_date\n";

TEST(ObligationsCsv, ReportsEveryBadRowLocated) {
  const std::string text = std::string(kHeader) +
                           "A,B,USD,-5,2022-01-01\n"
                           "A,B,USD,NaN,2022-01-01\n"
                           "A,B,XYZ,5,2022-01-01\n"
                           "A,A,USD,5,2022-01-01\n"
                           "A,B,USD,5,2022-02-30\n"
                           "A,B,USD,92233720368547758.08,2022-01-01\n"
                           "A,B,USD,abc,2022-01-01\n"
                           "A,B,USD,5,2022-01-01\n";
  Diagnostics diags;
  auto set = ParseObligationsCsv(text, "obligations.csv", diags);
  ASSERT_FALSE(set.ok());
  EXPECT_EQ(diags.error_count(), 7);
  const std::string all = diags.ToString();
  EXPECT_NE(all.find("obligations.csv:2: amount \"-5\": must be > 0"), std::string::npos) << all;
  EXPECT_NE(all.find("obligations.csv:3: amount \"NaN\""), std::string::npos);
  EXPECT_NE(all.find("obligations.csv:4: currency \"XYZ\": unknown currency"), std::string::npos);
  EXPECT_NE(all.find("obligations.csv:5: payee \"A\": must differ"), std::string::npos);
  EXPECT_NE(all.find("obligations.csv:6: value_date \"2022-02-30\""), std::string::npos);
  EXPECT_NE(all.find("obligations.csv:7: amount \"92233720368547758.08\": overflows 64-bit"),
            std::string::npos);
  EXPECT_NE(all.find("obligations.csv:8: amount \"abc\""), std::string::npos);
}

TEST(ObligationsCsv, ConflictingInstitutionsAndMissingColumns) {
  Diagnostics diags;
  auto set = ParseObligationsCsv(
      "payer,payee,currency,amount,value_date,payer_country\nA,B,USD,1,2022-01-01,RU\n"
      "A,C,USD,1,2022-01-01,CN\n",
      "o.csv", diags);
  ASSERT_FALSE(set.ok());
  EXPECT_NE(diags.ToString().find("o.csv:3: payer \"A\": party already given"), std::string::npos)
      << diags.ToString();
  Diagnostics d2;
  EXPECT_FALSE(ParseObligationsCsv("payer,payee,amount\nA,B,1\n", "o.csv", d2).ok());
  Diagnostics d3;
  EXPECT_FALSE(ParseObligationsCsv(kHeader, "o.csv", d3).ok());  // no rows
}

TEST(ObligationsCsv, SameObligationsSameHashWhateverTheOrder) {
  Diagnostics diags;
  auto a = ParseObligationsCsv(std::string(kHeader) + "A,B,USD,1.5,2022-01-01\nB,C,CNY,2,2022-01-02\n",
                               "a.csv", diags);
  auto b = ParseObligationsCsv(std::string(kHeader) + "B,C,CNY,2.00,2022-01-02\nA,B,USD,1.50,2022-01-01\n",
                               "b.csv", diags);
  auto c = ParseObligationsCsv(std::string(kHeader) + "A,B,USD,1.51,2022-01-01\nB,C,CNY,2,2022-01-02\n",
                               "c.csv", diags);
  ASSERT_TRUE(a.ok() && b.ok() && c.ok());
  EXPECT_EQ(a->ContentHash(), b->ContentHash());
  EXPECT_NE(a->ContentHash(), c->ContentHash());
}

}  // namespace
}  // namespace corridor::settle
