#include "model/events.h"

#include <gtest/gtest.h>

#include "model/scenario.h"
#include "model/test_dataset.h"

namespace corridor::model {
namespace {

DatedEvent Event(int index, const char* element, const char* from, const char* to, double fraction) {
  DatedEvent e;
  e.index = index;
  e.line = 10 * index;
  std::string error;
  e.element = *ParseElementRef(element, &error);
  e.element_text = element;
  e.from_text = from;
  e.to_text = to;
  e.from_day = *ParseIsoDate(from);
  e.to_day = *ParseIsoDate(to);
  e.fraction = fraction;
  e.effect = fraction == 0 ? EventEffect::kClosed : EventEffect::kCapacity;
  return e;
}

TEST(Dates, RoundTripAndReject) {
  EXPECT_EQ(DaysFromCivil(1970, 1, 1), 0);
  EXPECT_EQ(FormatIsoDate(*ParseIsoDate("2021-12-03")), "2021-12-03");
  EXPECT_EQ(*ParseIsoDate("2022-03-01") - *ParseIsoDate("2022-02-28"), 1);
  EXPECT_FALSE(ParseIsoDate("2022-02-29"));
  EXPECT_FALSE(ParseIsoDate("2021-13-01"));
  EXPECT_FALSE(ParseIsoDate("21-12-03"));
  EXPECT_TRUE(ParseMonthDay("02-29"));
  EXPECT_FALSE(ParseMonthDay("04-31"));
}

TEST(Events, DailyFactorsAndTimeAverage) {
  const SimPeriod p = ResolvePeriod("", 365, 2022);
  EXPECT_EQ(FormatIsoDate(p.start), "2022-01-01");
  std::vector<DatedEvent> ev = {Event(1, "crossing:XR", "2022-01-11", "2022-01-20", 0.0),
                                Event(2, "transfer:g", "2022-03-01", "2022-12-31", 0.5)};
  const auto f = DailyFactors(ev, ev[0].element, p);
  EXPECT_EQ(f[9], 1.0);
  EXPECT_EQ(f[10], 0.0);
  EXPECT_EQ(f[19], 0.0);
  EXPECT_EQ(f[20], 1.0);
  Dataset ds = testing::SmallCorridor();
  Diagnostics d;
  CheckEvents(ev, p, ds, "s.toml", d);
  EXPECT_FALSE(d.has_errors()) << d.ToString();
  ApplyEventAverages(ev, p, ds);
  EXPECT_NEAR(ds.crossings[0].open_fraction, 355.0 / 365.0, 1e-12);
  EXPECT_NEAR(*ds.transfers[0].capacity_t_per_year, 1.5e6 * (59 + 306 * 0.5) / 365.0, 1e-6);
}

TEST(Events, YearlyEventsWrapTheYearEnd) {
  DatedEvent e = Event(1, "crossing:XR", "2022-01-01", "2022-01-01", 0.0);
  e.yearly = true;
  e.from_month = 12;
  e.from_mday = 1;
  e.to_month = 3;
  e.to_mday = 31;
  const SimPeriod p = ResolvePeriod("2021-07-01", 365, 2022);
  const auto f = DailyFactors({e}, e.element, p);
  double closed = 0;
  for (double v : f) closed += v == 0;
  EXPECT_EQ(closed, 31 + 31 + 28 + 31);
}

TEST(Events, LocatedErrors) {
  const SimPeriod p = ResolvePeriod("", 365, 2022);
  Dataset ds = testing::SmallCorridor();
  std::vector<DatedEvent> ev = {Event(1, "crossing:NOPE", "2022-01-01", "2022-01-02", 0.0),
                                Event(2, "crossing:XR", "2021-12-01", "2022-01-05", 0.0),
                                Event(3, "crossing:XR", "2022-02-01", "2022-02-20", 0.0),
                                Event(4, "crossing:XR", "2022-02-10", "2022-02-28", 0.5),
                                Event(5, "crossing:XD", "2022-05-01", "2022-05-02", 0.0)};
  Diagnostics d;
  CheckEvents(ev, p, ds, "s.toml", d);
  const std::string text = d.ToString();
  EXPECT_NE(text.find("s.toml:10: event 1: element crossing:NOPE is not in the dataset"),
            std::string::npos) << text;
  EXPECT_NE(text.find("s.toml:20: event 2: date 2021-12-01 is outside the simulated period "
                      "2022-01-01..2022-12-31"), std::string::npos) << text;
  EXPECT_NE(text.find("s.toml:40: event 4: 2022-02-10..2022-02-28 overlaps event 3"),
            std::string::npos) << text;
  EXPECT_NE(text.find("s.toml:50: event 5: element crossing:XD has unlimited capacity"),
            std::string::npos) << text;
  EXPECT_EQ(d.error_count(), 4);
}

}  // namespace
}  // namespace corridor::model
