// `corridor report RUN_DIR --html FILE` and the `--report FILE.html` of solve and compare.
#pragma once

#include <CLI/CLI.hpp>

#include <iosfwd>
#include <string>

#include "core/status.h"
#include "report/html_report.h"

namespace corridor::cli {

// Writes the HTML report of `input` to `file` with the outlines of `outlines_path`
// (empty: looked up, see report::LoadOutlines); the outline note goes to `err`.
Status WriteHtmlReport(const std::string& file, report::HtmlReportInput input,
                       const std::string& outlines_path, std::ostream& err);

class ReportCommand {
 public:
  explicit ReportCommand(CLI::App& app);
  bool parsed() const { return cmd_->parsed(); }
  int Run(std::ostream& out, std::ostream& err);

 private:
  CLI::App* cmd_;
  std::string run_dir_, html_file_, outlines_;
};

}  // namespace corridor::cli
