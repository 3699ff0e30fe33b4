// `corridor plan` (investment planning) and `corridor mcnd` (network design instances).
#pragma once

#include <CLI/CLI.hpp>

#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

namespace corridor::cli {

// The "Investment plan" section of `corridor findings`: plans `dataset` with `projects`
// for `scenario` without a budget and with each of `budgets` (USD). nullopt (after
// printing the problems and setting *exit_code) on failure.
std::optional<std::string> PlanFindings(const std::string& dataset, const std::string& projects,
                                        const std::string& scenario, const std::vector<double>& budgets,
                                        std::ostream& err, int* exit_code);

class PlanCommand {
 public:
  explicit PlanCommand(CLI::App& app);
  bool parsed() const { return cmd_->parsed(); }
  int Run(std::ostream& out, std::ostream& err);

 private:
  CLI::App* cmd_;
  std::string dataset_, projects_, scenario_, years_, out_dir_;
  std::optional<double> budget_;
  double time_limit_s_ = 600.0;
  double discount_rate_ = 0.07;
  bool no_values_ = false;
};

class McndCommand {
 public:
  explicit McndCommand(CLI::App& app);
  bool parsed() const { return cmd_->parsed(); }
  int Run(std::ostream& out, std::ostream& err);

 private:
  CLI::App* cmd_;
  std::string file_;
  double time_limit_s_ = 600.0;
  bool weak_ = false;
};

}  // namespace corridor::cli
