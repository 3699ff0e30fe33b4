// The progress display: a bar redrawn in place, a line per stage and per 10 % for logs,
// nothing when quiet; fed through the engine's RunControl.
#include <gtest/gtest.h>

#include <sstream>
#include <thread>
#include <vector>

#include "cli/progress.h"

namespace corridor::cli {
namespace {

int Count(const std::string& text, const std::string& what) {
  int n = 0;
  for (auto p = text.find(what); p != std::string::npos; p = text.find(what, p + 1)) ++n;
  return n;
}

TEST(Progress, LinesModeWritesOneLinePerStageAndPerTenPercent) {
  std::ostringstream err;
  {
    Progress p(err, Progress::Mode::kLines);
    p.control().Report(0.0, "loading input");
    p.control().Report(0.05, "solving the system optimum");
    for (int i = 1; i <= 20; ++i) {
      p.control().Report(0.5 + 0.45 * i / 20, "ranging prices " + std::to_string(i) + "/20");
    }
    p.Done();
  }
  const std::string out = err.str();
  EXPECT_EQ(out.find('\r'), std::string::npos) << out;
  EXPECT_EQ(Count(out, "loading input"), 1) << out;
  EXPECT_EQ(Count(out, "solving the system optimum"), 1) << out;
  // 20 ranging reports from 52 % to 95 %: a line on entering the stage and on each new tenth.
  EXPECT_EQ(Count(out, "ranging prices"), 5) << out;
  EXPECT_NE(out.find("[progress] 100% done  elapsed 0:00\n"), std::string::npos) << out;
  EXPECT_NE(out.find("remaining ~"), std::string::npos) << out;
}

TEST(Progress, BarModeRedrawsInPlaceAndEndsTheLine) {
  std::ostringstream err;
  {
    Progress p(err, Progress::Mode::kBar);
    p.control().Report(0.25, "solved 1/4 scenarios");
    p.control().Report(0.5, "solved 2/4 scenarios");
    p.Done();
  }
  const std::string out = err.str();
  EXPECT_GE(Count(out, "\r\033[K["), 3) << out;
  EXPECT_NE(out.find("]  25% solved 1/4 scenarios  elapsed 0:00, remaining ~0:00"),
            std::string::npos) << out;
  EXPECT_NE(out.find("100% done"), std::string::npos);
  EXPECT_EQ(out.back(), '\n');
  EXPECT_EQ(Count(out, "\n"), 1) << out;
}

TEST(Progress, QuietShowsNothingAndFailureShowsNoDone) {
  std::ostringstream quiet, failed;
  {
    Progress p(quiet, Progress::Mode::kNone);
    p.control().Report(0.5, "half");
    p.Done();
  }
  EXPECT_EQ(quiet.str(), "");
  {
    Progress p(failed, Progress::Mode::kLines);
    p.control().Report(0.5, "half");
  }  // no Done(): the command failed
  EXPECT_EQ(failed.str().find("done"), std::string::npos) << failed.str();
  EXPECT_EQ(Progress::ModeFor(quiet, true), Progress::Mode::kNone);
  EXPECT_EQ(Progress::ModeFor(quiet, false), Progress::Mode::kLines);  // not a terminal
}

TEST(Progress, ReportsFromSeveralThreadsNeverGoBackwards) {
  std::ostringstream err;
  Progress p(err, Progress::Mode::kLines);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&p, t] {
      for (int i = 0; i < 100; ++i) p.control().Report((t * 100 + i) / 400.0, "solved");
    });
  }
  for (auto& th : threads) th.join();
  p.Done();
  double last = -1;
  std::istringstream lines(err.str());
  std::string line;
  while (std::getline(lines, line)) {
    const double pct = std::stod(line.substr(std::string("[progress] ").size()));
    EXPECT_GE(pct, last) << err.str();
    last = pct;
  }
  EXPECT_EQ(last, 100);
}

}  // namespace
}  // namespace corridor::cli
