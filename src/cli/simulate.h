// `corridor simulate`: the discrete-event simulation of crossings and transfers
// (engine/simulate.h), and its check mode `--mmc LAMBDA,MU,C` against Erlang C.
#pragma once

#include <CLI/CLI.hpp>

#include <iosfwd>
#include <string>

#include "engine/simulate.h"

namespace corridor::cli {

class SimulateCommand {
 public:
  explicit SimulateCommand(CLI::App& app);
  bool parsed() const { return cmd_->parsed(); }
  int Run(std::ostream& out, std::ostream& err);

 private:
  int RunMmc(std::ostream& out, std::ostream& err);
  int RunDataset(std::ostream& out, std::ostream& err);

  CLI::App* cmd_;
  std::string dataset_, scenario_, out_dir_, mmc_;
  engine::SimulateSettings settings_;
  int top_ = 10;
};

}  // namespace corridor::cli
