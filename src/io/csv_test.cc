#include "io/csv.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <random>

namespace corridor::io {
namespace {

std::vector<std::string> Messages(const Diagnostics& d) {
  std::vector<std::string> out;
  for (const auto& item : d.items()) out.push_back(item.ToString());
  return out;
}

TEST(ParseCsv, HeaderRecordsAndLineNumbers) {
  Diagnostics d;
  CsvTable t = ParseCsv("id,name\n\n# a comment\nA,Alpha\nB,Beta\n", "nodes.csv", d);
  EXPECT_TRUE(d.items().empty()) << d.ToString();
  EXPECT_EQ(t.header_line, 1);
  ASSERT_EQ(t.header, (std::vector<std::string>{"id", "name"}));
  ASSERT_EQ(t.records.size(), 2u);
  EXPECT_EQ(t.records[0].line, 4);
  EXPECT_EQ(t.records[0].fields, (std::vector<std::string>{"A", "Alpha"}));
  EXPECT_EQ(t.records[1].line, 5);
  EXPECT_EQ(t.ColumnIndex("name"), 1);
  EXPECT_EQ(t.ColumnIndex("kind"), -1);
}

TEST(ParseCsv, BomAndCrlf) {
  Diagnostics d;
  CsvTable t = ParseCsv("\xEF\xBB\xBFid,name\r\n# c\r\n\r\nA,Alpha\r\nB,Beta", "n.csv", d);
  EXPECT_TRUE(d.items().empty()) << d.ToString();
  ASSERT_EQ(t.header.size(), 2u);
  EXPECT_EQ(t.header[0], "id");  // the BOM is not part of the first column name
  ASSERT_EQ(t.records.size(), 2u);
  EXPECT_EQ(t.records[0].line, 4);
  EXPECT_EQ(t.records[0].fields[1], "Alpha");  // no stray '\r'
  EXPECT_EQ(t.records[1].fields[1], "Beta");
}

TEST(ParseCsv, QuotesEmbeddedCommasDoubledQuotesAndLineBreaks) {
  Diagnostics d;
  CsvTable t = ParseCsv(
      "id,name,note\n"
      "A,\"Port, east\",\"say \"\"hi\"\"\"\n"
      "B,\"two\r\nlines\",x\n"
      "C,\"\",y\n",
      "n.csv", d);
  EXPECT_TRUE(d.items().empty()) << d.ToString();
  ASSERT_EQ(t.records.size(), 3u);
  EXPECT_EQ(t.records[0].fields[1], "Port, east");
  EXPECT_EQ(t.records[0].fields[2], "say \"hi\"");
  EXPECT_EQ(t.records[1].fields[1], "two\nlines");
  EXPECT_EQ(t.records[1].line, 3);
  EXPECT_EQ(t.records[2].line, 5);  // the embedded break counted as a physical line
  EXPECT_EQ(t.records[2].fields[1], "");
}

TEST(ParseCsv, Utf8NamesPassThrough) {
  Diagnostics d;
  CsvTable t = ParseCsv("id,name\nRU_ZAB,Забайкальск\nCN_HRB,哈尔滨\n", "n.csv", d);
  ASSERT_EQ(t.records.size(), 2u);
  EXPECT_EQ(t.records[0].fields[1], "Забайкальск");
  EXPECT_EQ(t.records[1].fields[1], "哈尔滨");
}

TEST(ParseCsv, SyntaxErrorsAreLocatedAndRowsDropped) {
  Diagnostics d;
  CsvTable t = ParseCsv("a,b\n1,2,3\n\"x\"y,2\n4,5\n6,\"open\n", "t.csv", d);
  EXPECT_EQ(Messages(d), (std::vector<std::string>{
                             "t.csv:2: row has 3 fields, header has 2",
                             "t.csv:3: text after a closing quote (a quote inside a field must "
                             "be doubled)",
                             "t.csv:5: unterminated quoted field"}));
  ASSERT_EQ(t.records.size(), 1u);
  EXPECT_EQ(t.records[0].fields[0], "4");
}

TEST(ParseCsv, BlankRowsAreSkipped) {
  Diagnostics d;
  CsvTable t = ParseCsv("a,b\n , \n,\n1,2\n", "t.csv", d);
  EXPECT_TRUE(d.items().empty()) << d.ToString();
  ASSERT_EQ(t.records.size(), 1u);
  EXPECT_EQ(t.records[0].line, 4);
}

// Random text over the characters that matter: never crashes, every kept record has
// the header's width and a line number inside the text.
TEST(ParseCsv, RandomTextKeepsInvariants) {
  constexpr std::string_view kAlphabet = ",\"\r\n# a1\xEF\xBB\xBF";
  std::mt19937 rng(20240601);
  std::uniform_int_distribution<std::size_t> pick(0, kAlphabet.size() - 1);
  std::uniform_int_distribution<int> length(0, 60);
  for (int round = 0; round < 3000; ++round) {
    std::string text;
    for (int i = length(rng); i > 0; --i) text += kAlphabet[pick(rng)];
    Diagnostics d;
    const CsvTable t = ParseCsv(text, "r.csv", d);
    const int lines = 1 + static_cast<int>(std::count(text.begin(), text.end(), '\n'));
    for (const CsvRecord& r : t.records) {
      ASSERT_EQ(r.fields.size(), t.header.size()) << text;
      ASSERT_GT(r.line, t.header_line) << text;
      ASSERT_LE(r.line, lines) << text;
    }
  }
}

TEST(ParseNumber, AcceptsDecimalsRejectsNanInfAndGarbage) {
  EXPECT_EQ(ParseNumber("12"), 12.0);
  EXPECT_EQ(ParseNumber(" 0.5 "), 0.5);
  EXPECT_EQ(ParseNumber("1e6"), 1e6);
  EXPECT_EQ(ParseNumber("+3"), 3.0);
  EXPECT_EQ(ParseNumber("-5"), -5.0);
  EXPECT_FALSE(ParseNumber("NaN"));
  EXPECT_FALSE(ParseNumber("nan"));
  EXPECT_FALSE(ParseNumber("inf"));
  EXPECT_FALSE(ParseNumber("-Infinity"));
  EXPECT_FALSE(ParseNumber("1e999"));
  EXPECT_FALSE(ParseNumber("12abc"));
  EXPECT_FALSE(ParseNumber("1,5"));
  EXPECT_FALSE(ParseNumber(""));
  EXPECT_FALSE(ParseNumber("++1"));
  EXPECT_FALSE(ParseNumber("0x10"));
}

TEST(ParseBool, AllSpellings) {
  for (const char* t : {"true", "yes", "1", "TRUE", " Yes "}) EXPECT_EQ(ParseBool(t), true) << t;
  for (const char* f : {"false", "no", "0", "False"}) EXPECT_EQ(ParseBool(f), false) << f;
  EXPECT_FALSE(ParseBool("maybe"));
  EXPECT_FALSE(ParseBool(""));
  EXPECT_FALSE(ParseBool("2"));
}

TEST(FormatNumber, Shortest) {
  EXPECT_EQ(FormatNumber(-5), "-5");
  EXPECT_EQ(FormatNumber(0.25), "0.25");
  EXPECT_EQ(FormatNumber(90), "90");
}

constexpr std::array<CsvColumn, 4> kColumns = {{{"id", true},
                                                {"capacity_t_per_year", false},
                                                {"share", false},
                                                {"both_directions", false}}};

TEST(CheckColumns, UnknownIsWarningMissingIsOneError) {
  Diagnostics d;
  CsvTable t = ParseCsv("# comment\nname,extra\nx,y\nz,w\n", "links.csv", d);
  EXPECT_FALSE(CheckColumns(t, kColumns, d));
  EXPECT_EQ(Messages(d), (std::vector<std::string>{
                             "links.csv:2: warning: unknown column 'name' is ignored",
                             "links.csv:2: warning: unknown column 'extra' is ignored",
                             "links.csv:2: missing required column 'id'"}));
  EXPECT_EQ(d.error_count(), 1);
}

TEST(CheckColumns, DuplicateColumnIsAnError) {
  Diagnostics d;
  CsvTable t = ParseCsv("id,id\nx,y\n", "links.csv", d);
  EXPECT_TRUE(CheckColumns(t, kColumns, d));
  EXPECT_EQ(Messages(d), (std::vector<std::string>{"links.csv:1: column 'id' appears twice"}));
}

TEST(CsvRow, TypedFieldsWithLocatedErrors) {
  Diagnostics d;
  CsvTable t = ParseCsv(
      "id,capacity_t_per_year,share,both_directions\n"
      "a,100,0.5,yes\n"
      ",,,\n"  // blank row: skipped
      "b,-5,1.5,maybe\n"
      ",NaN,inf,\n"
      "c,12abc,,0\n",
      "links.csv", d);
  ASSERT_EQ(t.records.size(), 4u);

  CsvRow good(t, t.records[0], d);
  EXPECT_EQ(good.RequiredText("id"), "a");
  auto cap = good.MaybeDouble("capacity_t_per_year", Bounds::NonNegative());
  ASSERT_TRUE(cap && *cap);
  EXPECT_EQ(**cap, 100.0);
  EXPECT_EQ(good.OptionalDouble("share", 0.0, Bounds::Fraction()), 0.5);
  EXPECT_EQ(good.OptionalBool("both_directions", false), true);
  EXPECT_EQ(good.OptionalText("absent_column"), "");
  EXPECT_FALSE(good.had_error());
  EXPECT_TRUE(d.items().empty()) << d.ToString();

  CsvRow bad(t, t.records[1], d);
  EXPECT_FALSE(bad.MaybeDouble("capacity_t_per_year", Bounds::NonNegative()));
  EXPECT_FALSE(bad.OptionalDouble("share", 0.0, Bounds::Fraction()));
  EXPECT_FALSE(bad.OptionalBool("both_directions", true));
  EXPECT_TRUE(bad.had_error());

  CsvRow nan(t, t.records[2], d);
  EXPECT_FALSE(nan.RequiredText("id"));
  EXPECT_FALSE(nan.RequiredDouble("capacity_t_per_year", Bounds::Any()));
  EXPECT_FALSE(nan.OptionalDouble("share", 0.0, Bounds::Any()));
  EXPECT_EQ(nan.OptionalBool("both_directions", true), true);  // empty: the default

  CsvRow garbage(t, t.records[3], d);
  EXPECT_FALSE(garbage.RequiredDouble("capacity_t_per_year", Bounds::Positive()));
  auto empty = garbage.MaybeDouble("share", Bounds::Fraction());
  ASSERT_TRUE(empty);
  EXPECT_FALSE(*empty);  // empty field: absent, not an error
  EXPECT_FALSE(garbage.RequiredDouble("share", Bounds::Any()));
  EXPECT_EQ(garbage.OptionalBool("both_directions", true), false);

  EXPECT_EQ(Messages(d),
            (std::vector<std::string>{
                "links.csv:4: capacity_t_per_year must be >= 0, got -5",
                "links.csv:4: share must be in [0, 1], got 1.5",
                "links.csv:4: both_directions must be true/false/yes/no/1/0, got 'maybe'",
                "links.csv:5: id is required",
                "links.csv:5: capacity_t_per_year must be a finite number, got 'NaN'",
                "links.csv:5: share must be a finite number, got 'inf'",
                "links.csv:6: capacity_t_per_year must be a number, got '12abc'",
                "links.csv:6: share is required",
            }));
}

TEST(CsvRow, PositiveBoundRejectsZero) {
  Diagnostics d;
  CsvTable t = ParseCsv("id,share\nx,0\n", "c.csv", d);
  CsvRow row(t, t.records[0], d);
  EXPECT_FALSE(row.RequiredDouble("share", Bounds::Positive()));
  ASSERT_EQ(d.items().size(), 1u);
  EXPECT_EQ(d.items()[0].ToString(), "c.csv:2: share must be > 0, got 0");
}

}  // namespace
}  // namespace corridor::io
