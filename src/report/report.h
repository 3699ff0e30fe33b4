// Turning a solved run into what people read: a text summary for the terminal, and
// result.json, flows.csv, od.csv, resources.csv and flows.geojson for other tools.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "analysis/kpi.h"
#include "core/status.h"
#include "model/dataset.h"
#include "model/network.h"
#include "routing/system_optimum.h"

namespace corridor::report {

// What makes a run reproducible: every number in a report traces back to these.
struct RunInfo {
  std::string program_version;   // e.g. "0.1.0 (git 1a2b3c4)"
  std::string dataset_name;
  std::string dataset_folder;
  std::string dataset_hash;      // FNV-1a 64 over the dataset files
  int reference_year = 0;
  std::string scenario_name;     // "baseline" when none
  std::string scenario_file;
  std::string scenario_hash;     // FNV-1a 64 over the scenario file ("" when none)
  std::vector<std::pair<std::string, std::string>> options;  // name -> value as given
  std::uint64_t seed = 0;        // the routing LP is deterministic; kept for the record
  std::string started_at_utc;    // ISO 8601
  double wall_seconds = 0.0;
};

struct RunReport {
  RunInfo run;
  const model::Network* network = nullptr;
  const routing::Solution* solution = nullptr;
  analysis::Kpis kpis;             // the study's trade
  analysis::Kpis background;       // background commodities (zero when there are none)
  std::vector<analysis::Bottleneck> bottlenecks;
  std::vector<analysis::CrossingUse> crossings;
};

// Human-readable summary: totals, top bottlenecks, busiest crossings, unserved demand.
std::string FormatSummary(const RunReport& report, int top_n = 10);

// The `run` block of every result file (dataset, scenario, options, version), as JSON text.
std::string RunBlockJson(const RunInfo& run);

// The full result as one JSON document (see docs/results.md).
std::string ResultJson(const RunReport& report);
std::string FlowsCsv(const RunReport& report);       // flow per arc and commodity
std::string OdCsv(const RunReport& report);          // served/unserved per OD
std::string ResourcesCsv(const RunReport& report);   // every capacity, its use and price
std::string FlowsGeoJson(const RunReport& report);   // links as lines, nodes as points

// A named output file ("result.json") and its content.
using OutputFile = std::pair<std::string, std::string>;

// Every output of a solved run, by file name (what --out writes and the HTTP API stores).
std::vector<OutputFile> ResultFiles(const RunReport& report);

// The network of a dataset as GeoJSON without flows: nodes, links and crossings
// (docs/http_api.md, "Datasets"), for drawing it before any run.
std::string NetworkGeoJson(const model::Dataset& dataset);

// Writes `files` into `dir` (created if needed), each whole to a temporary name and
// then renamed, so a failure never leaves a half-written result.
Status WriteFiles(const std::string& dir, const std::vector<OutputFile>& files);

// WriteFiles(dir, ResultFiles(report)).
Status WriteResultFiles(const std::string& dir, const RunReport& report);

// Writes `text` to `path` whole: to a temporary name first, then renamed.
Status WriteFileAtomically(const std::string& path, const std::string& text);

// Small helpers shared by the writers.
std::string CsvEscape(const std::string& field);
std::string FormatTonnes(double t);   // "12.3 Mt", "450 kt", "12 t"
std::string FormatUsd(double usd);    // "1.23 bn USD", "45.6 M USD", "789 USD"

}  // namespace corridor::report
