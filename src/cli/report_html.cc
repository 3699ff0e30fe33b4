#include "cli/report_html.h"

#include <ostream>

#include "cli/cli.h"
#include "report/report.h"

namespace corridor::cli {

Status WriteHtmlReport(const std::string& file, report::HtmlReportInput input,
                       const std::string& outlines_path, std::ostream& err) {
  auto outlines = report::LoadOutlines(outlines_path, &input.outlines_note);
  if (!outlines.ok()) return outlines.status();
  if (outlines->empty()) err << "corridor report: country outlines " << input.outlines_note << '\n';
  input.outlines_topojson = std::move(outlines).value();
  auto html = report::HtmlReport(input);
  if (!html.ok()) return html.status();
  return report::WriteFileAtomically(file, *html);
}

ReportCommand::ReportCommand(CLI::App& app) {
  cmd_ = app.add_subcommand(
      "report", "write a run folder (of solve or compare --out) as one self-contained HTML file "
                "to send: run record, KPIs, bottlenecks, crossing charts, flow map (offline)");
  cmd_->add_option("RUN_DIR", run_dir_, "folder of a run (result.json) or a comparison "
                                        "(comparison.json)")->required();
  cmd_->add_option("--html", html_file_, "HTML file to write")->required();
  cmd_->add_option("--outlines", outlines_,
                   "world-atlas countries TopoJSON for the map [default: looked up, see docs/cli.md]");
}

int ReportCommand::Run(std::ostream& out, std::ostream& err) {
  auto input = report::ReadRunFolder(run_dir_);
  if (!input.ok()) {
    err << "corridor report: " << input.status().message() << '\n';
    return ExitFor(input.status());
  }
  if (Status s = WriteHtmlReport(html_file_, std::move(input).value(), outlines_, err); !s.ok()) {
    err << "corridor report: " << s.message() << '\n';
    return ExitFor(s);
  }
  out << "report written to " << html_file_ << '\n';
  return kExitOk;
}

}  // namespace corridor::cli
