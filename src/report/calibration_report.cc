#include "report/calibration_report.h"

#include <fmt/format.h>

#include <cmath>

#include "report/report.h"

namespace corridor::report {

std::string FormatCalibration(const std::vector<analysis::CalibrationRow>& rows) {
  std::string s = fmt::format("{:<42} {:<20} {:>10} {:>10} {:>7} {:>7}  {}\n", "element", "metric",
                              "observed", "modelled", "ratio", "target", "verdict");
  int targets = 0, met = 0;
  for (const auto& r : rows) {
    if (!r.comparable) continue;
    const model::Observation& o = *r.observation;
    std::string target = o.target_rel_tol ? fmt::format("±{:.0f}%", 100 * *o.target_rel_tol) : "";
    std::string verdict;
    if (r.within_target) {
      ++targets;
      met += *r.within_target;
      verdict = *r.within_target ? "ok" : "MISSED";
    }
    s += fmt::format("{:<42} {:<20} {:>10} {:>10} {:>7.2f} {:>7}  {}\n", o.element, o.metric,
                     FormatTonnes(o.value_t), FormatTonnes(r.modelled_t), r.ratio, target, verdict);
  }
  bool header = false;
  for (const auto& r : rows) {
    if (r.comparable) continue;
    if (!header) {
      s += "\nContext only (not compared):\n";
      header = true;
    }
    s += fmt::format("  {:<40} {:<20} {:>10}  {}\n", r.observation->element, r.observation->metric,
                     FormatTonnes(r.observation->value_t), r.why_not);
  }
  double abs_pct = 0.0;
  for (const auto& r : rows) {
    if (r.within_target) abs_pct += 100.0 * std::abs(r.ratio - 1.0);
  }
  if (targets > 0) {
    s += fmt::format("\nMean absolute percentage error over the {} targets: {:.1f} %\n", targets,
                     abs_pct / targets);
  }
  // The verdict is the last line.
  s += fmt::format("\n{} of {} calibration targets met.\n", met, targets);
  return s;
}

std::string CalibrationCsv(const std::vector<analysis::CalibrationRow>& rows) {
  std::string out =
      "element,metric,period,observed_t,modelled_t,ratio,target_rel_tol,within_target,compared,"
      "note,source,confidence\n";
  for (const auto& r : rows) {
    const model::Observation& o = *r.observation;
    out += fmt::format("{},{},{},{:.6g},{},{},{},{},{},{},{},{}\n", CsvEscape(o.element),
                       CsvEscape(o.metric), CsvEscape(o.period), o.value_t,
                       r.comparable ? fmt::format("{:.6g}", r.modelled_t) : "",
                       r.comparable ? fmt::format("{:.4f}", r.ratio) : "",
                       o.target_rel_tol ? fmt::format("{}", *o.target_rel_tol) : "",
                       r.within_target ? (*r.within_target ? "yes" : "no") : "",
                       r.comparable ? "yes" : "no", CsvEscape(r.why_not),
                       CsvEscape(o.provenance.source), CsvEscape(o.provenance.confidence));
  }
  return out;
}

}  // namespace corridor::report
