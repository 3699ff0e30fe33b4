#include "cli/progress.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <algorithm>
#include <regex>
#include <iostream>

namespace corridor::cli {
namespace {

std::string Clock(double seconds) {
  const auto s = static_cast<long>(seconds + 0.5);
  return s >= 3600 ? fmt::format("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
                   : fmt::format("{}:{:02}", s / 60, s % 60);
}

// The stage without its numbers: "ranging prices 3/10" -> "ranging prices #/#".
std::string StageKey(const std::string& stage) {
  static const std::regex kNumber("[0-9][0-9.]*([eE][-+]?[0-9]+)?");
  return std::regex_replace(stage, kNumber, "#");
}

}  // namespace

Progress::Mode Progress::ModeFor(const std::ostream& err, bool quiet) {
  if (quiet) return Mode::kNone;
  return &err == &std::cerr && isatty(STDERR_FILENO) ? Mode::kBar : Mode::kLines;
}

Progress::Mode Progress::ModeForCommand(const std::ostream& err) {
  return ModeFor(err, spdlog::get_level() >= spdlog::level::err);
}

Progress::Progress(std::ostream& err, Mode mode)
    : err_(err), mode_(mode),
      control_([this](double f, const std::string& stage) { Report(f, stage); }) {
  if (mode_ == Mode::kBar) ticker_ = std::thread([this] { Ticker(); });
}

Progress::~Progress() { Finish(); }

std::string Progress::Status() const {
  const double elapsed =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  std::string s = fmt::format("{:3.0f}% {}  elapsed {}", 100 * fraction_, stage_, Clock(elapsed));
  if (fraction_ >= 0.02 && fraction_ < 1.0) {
    s += fmt::format(", remaining ~{}", Clock(elapsed * (1 - fraction_) / fraction_));
  }
  return s;
}

void Progress::Draw() {
  constexpr int kWidth = 30;
  const int filled = static_cast<int>(kWidth * fraction_);
  err_ << "\r\033[K[" << std::string(static_cast<std::size_t>(filled), '=')
       << std::string(static_cast<std::size_t>(kWidth - filled), ' ') << "] " << Status()
       << std::flush;
  drawn_ = true;
}

void Progress::Report(double fraction, const std::string& stage) {
  std::lock_guard lock(mutex_);
  if (mode_ == Mode::kNone || finished_) return;
  fraction_ = std::clamp(fraction, fraction_, 1.0);  // never backwards (parallel reports)
  stage_ = stage;
  if (mode_ == Mode::kBar) {
    Draw();
    return;
  }
  const std::string key = StageKey(stage);
  const int decile = static_cast<int>(10 * fraction_);
  if (key != last_key_ || decile > last_decile_) {
    err_ << "[progress] " << Status() << '\n' << std::flush;
    last_key_ = key;
    last_decile_ = decile;
  }
}

void Progress::Ticker() {
  std::unique_lock lock(mutex_);
  while (!finished_) {
    wake_.wait_for(lock, std::chrono::milliseconds(500));
    if (!finished_ && drawn_) Draw();
  }
}

void Progress::Done() {
  Report(1.0, "done");
  Finish();
}

void Progress::Finish() {
  {
    std::lock_guard lock(mutex_);
    if (finished_) return;
    finished_ = true;
    if (mode_ == Mode::kBar && drawn_) err_ << '\n' << std::flush;
  }
  wake_.notify_all();
  if (ticker_.joinable()) ticker_.join();
}

}  // namespace corridor::cli
