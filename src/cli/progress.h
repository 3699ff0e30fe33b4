// Progress of a long command on standard error (docs/cli.md, "Progress"), fed by the
// same engine::RunControl callbacks the HTTP API reports for its runs:
//   - a terminal: one bar redrawn in place, with the stage, the percentage, the elapsed
//     time and an estimate of the time remaining (elapsed x (1 - f) / f), redrawn twice a
//     second so the clock moves during a long step;
//   - not a terminal (logs): one line per stage (a stage's text without its numbers) and
//     per 10 % of the run;
//   - --quiet: nothing.
// Report() may be called from several threads (compare solves scenarios in parallel).
#pragma once

#include <chrono>
#include <condition_variable>
#include <iosfwd>
#include <mutex>
#include <string>
#include <thread>

#include "engine/engine.h"

namespace corridor::cli {

class Progress {
 public:
  enum class Mode { kNone, kBar, kLines };
  // kBar when `err` is std::cerr on a terminal, kNone when quiet, else kLines.
  static Mode ModeFor(const std::ostream& err, bool quiet);
  // ModeFor(err, quiet) with quiet = the log level --quiet sets (errors only).
  static Mode ModeForCommand(const std::ostream& err);

  Progress(std::ostream& err, Mode mode);
  ~Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  // fraction in [0, 1] of the whole command.
  void Report(double fraction, const std::string& stage);
  // The command's work is done: reports 100 % ("done"), then Finish().
  void Done();
  // Ends the bar (a final newline); idempotent. Without Done() (a failure) nothing more
  // is shown.
  void Finish();
  // A RunControl whose progress comes here (for engine requests).
  const engine::RunControl& control() const { return control_; }

 private:
  void Draw();      // with mutex_ held
  void Ticker();    // kBar: redraws until Finish
  std::string Status() const;

  std::ostream& err_;
  Mode mode_;
  engine::RunControl control_;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
  std::mutex mutex_;
  std::condition_variable wake_;
  double fraction_ = 0.0;
  std::string stage_;
  std::string last_key_;
  int last_decile_ = -1;
  bool drawn_ = false;
  bool finished_ = false;
  std::thread ticker_;
};

}  // namespace corridor::cli
