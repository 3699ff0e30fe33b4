// The engine's entry point of `corridor mcf`: a published linear multicommodity flow
// instance (grid/planar or MNETGEN format, io/mmcf_reader.h) solved by column
// generation or the arc LP (mcf/), with the figures the command prints.
#pragma once

#include <optional>
#include <string>

#include "core/status.h"
#include "mcf/solution.h"

namespace corridor::engine {

enum class McfFormat { kGridPlanar, kMnetgen };
const char* McfFormatName(McfFormat format);

struct McfRequest {
  std::string path;  // grid/planar: the file; MNETGEN: the base path without extension
  McfFormat format = McfFormat::kGridPlanar;
  mcf::Method method = mcf::Method::kColumnGeneration;
  mcf::Options options;
};

struct McfRun {
  int nodes = 0, arcs = 0, commodities = 0;
  mcf::Solution solution;
  double read_seconds = 0.0;   // wall clock of reading the files
  double solve_seconds = 0.0;  // wall clock of the solver call, check included
  double peak_rss_mib = 0.0;   // high-water mark of the process's resident memory
  // The optimum published beside the instance (optimal.csv in its folder: lines
  // "name,value"), when there is one.
  std::optional<double> published_optimum;
};

// Reads and solves; a malformed file is kInvalidInput with every located problem
// (file:line: field: message), a missing one kNotFound, a rejected answer kCheckFailed.
Result<McfRun> SolveMcf(const McfRequest& request);

// The value of `name` in `folder`/optimal.csv, if the file and the row exist.
std::optional<double> PublishedOptimum(const std::string& folder, const std::string& name);

}  // namespace corridor::engine
