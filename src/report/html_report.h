// A run as one self-contained HTML file to send (`corridor report RUN_DIR --html FILE`,
// `corridor solve|compare ... --report FILE.html`): CSS, a small script (sortable
// tables), the country outlines, the map and the charts are all inside the file, as SVG
// drawn here; it opens offline in any browser and requests nothing.
//
// Contents: the run record (program version, dataset and its hash, scenario and its
// hash, options, start time), the KPIs, the bottleneck table (shadow price, saving per
// +1 Mt/year, scarcity rent and, for ranged prices, how far the price holds), a chart of
// crossing utilisation, the flow map (width by flow, colour by utilisation); for a
// comparison the side-by-side table of figures with differences against the first
// scenario, the crossing utilisation of every scenario in one chart and a map of flow
// differences of each scenario against the first.
#pragma once

#include <string>
#include <vector>

#include "core/status.h"

namespace corridor::report {

struct HtmlReportInput {
  // A solve: one result.json and its flows.geojson. A comparison: comparison.json and
  // the result.json and flows.geojson of each scenario, in its order.
  std::vector<std::string> result_json;
  std::vector<std::string> flows_geojson;
  std::string comparison_json;  // empty for a single run
  std::string outlines_topojson;  // world-atlas countries TopoJSON; empty = no outlines
  std::string outlines_note;      // where the outlines came from, or why there are none
};

// The HTML text; InvalidInput when a JSON document cannot be read.
Result<std::string> HtmlReport(const HtmlReportInput& input);

// The country outlines for the report: `explicit_path` when given (NotFound if it cannot
// be read), else $CORRIDOR_OUTLINES, else the world-atlas file of the web page's npm
// packages (web/node_modules/world-atlas/countries-50m.json) under the current folder or
// the source tree, else /usr/share/corridor/outlines/countries-50m.json. Sets *note to
// the file used or to why none was found (the report is then drawn without outlines).
Result<std::string> LoadOutlines(const std::string& explicit_path, std::string* note);

// The files of a run folder for HtmlReport: result.json + flows.geojson (a solve,
// calibrate or findings run) or comparison.json + result-<k>.json + flows-<k>.geojson
// (a comparison). NotFound when the folder holds neither.
Result<HtmlReportInput> ReadRunFolder(const std::string& dir);

}  // namespace corridor::report
