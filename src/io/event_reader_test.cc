#include <gtest/gtest.h>

#include "io/scenario_reader.h"

namespace corridor::io {
namespace {

TEST(ReadEvents, ParsesDatedAndYearlyEvents) {
  const std::string text = R"(name = "dated"
[simulation]
start = "2021-07-01"
days = 365

[[event]]
element = "crossing:ZAB"
from = "2021-12-03"
to = 2022-03-31
effect = "closed"

[[event]]
element = "transfer:T"
from = "11-15"
to = "04-15"
yearly = true
effect = "capacity"
fraction = 0.25
note = "ice"
)";
  Diagnostics d;
  auto s = ParseScenario(text, "dated.toml", d);
  ASSERT_TRUE(s.ok()) << d.ToString();
  EXPECT_EQ(s->sim_start, "2021-07-01");
  ASSERT_EQ(s->events.size(), 2u);
  EXPECT_EQ(s->events[0].line, 6);
  EXPECT_EQ(s->events[0].element.id, "ZAB");
  EXPECT_EQ(s->events[0].to_text, "2022-03-31");
  EXPECT_EQ(s->events[0].fraction, 0.0);
  EXPECT_TRUE(s->events[1].yearly);
  EXPECT_EQ(s->events[1].from_month, 11);
  EXPECT_EQ(s->events[1].fraction, 0.25);
}

TEST(ReadEvents, MonthlyProfiles) {
  Diagnostics d;
  auto s = ParseScenario("[simulation]\n[simulation.monthly_profile]\nall = [1,1,1,1,1,1,1,1,1,1,1,1]\n"
                         "road = [0,0,0,0,0,0,2,2,2,2,2,2]\n", "p.toml", d);
  ASSERT_TRUE(s.ok()) << d.ToString();
  EXPECT_EQ(s->monthly_profile.at("road")[6], 2.0);
  EXPECT_EQ(s->monthly_profile.size(), 2u);
  Diagnostics bad;
  EXPECT_FALSE(ParseScenario("[simulation.monthly_profile]\nship = [1,1,1,1,1,1,1,1,1,1,1,1]\n"
                             "rail = [1,2,3]\nroad = [0,0,0,0,0,0,0,0,0,0,0,0]\n", "p.toml", bad).ok());
  const std::string m = bad.ToString();
  EXPECT_NE(m.find("p.toml:2: simulation: monthly_profile.ship must name all, rail, road, sea or river"),
            std::string::npos) << m;
  EXPECT_NE(m.find("p.toml:3: simulation: monthly_profile.rail must be 12 numbers"), std::string::npos) << m;
  EXPECT_NE(m.find("p.toml:4: simulation: monthly_profile.road must be 12 numbers"), std::string::npos) << m;
}

TEST(ReadEvents, LocatedErrors) {
  const std::string text = R"(name = "bad"
[[event]]
element = "crossing:A"
from = "2022-03-01"
to = "2022-02-01"
effect = "closed"

[[event]]
element = "node:A"
from = "2022-02-30"
to = "2022-03-01"
effect = "capacity"
fraction = -0.5

[[event]]
element = "crossing:A"
from = "2022-01-01"
to = "2022-01-02"
effect = "capacity"
fraction = nan
)";
  Diagnostics d;
  auto s = ParseScenario(text, "bad.toml", d);
  ASSERT_FALSE(s.ok());
  const std::string m = d.ToString();
  EXPECT_NE(m.find("bad.toml:5: event 1: to ends before it starts"), std::string::npos) << m;
  EXPECT_NE(m.find("bad.toml:9: event 2: element must be link:<id>"), std::string::npos) << m;
  EXPECT_NE(m.find("bad.toml:10: event 2: from must be a date"), std::string::npos) << m;
  EXPECT_NE(m.find("bad.toml:13: event 2: fraction"), std::string::npos) << m;
  EXPECT_NE(m.find("bad.toml:20: event 3: fraction"), std::string::npos) << m;
}

}  // namespace
}  // namespace corridor::io
