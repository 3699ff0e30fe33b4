#include "engine/mcf.h"

#include <sys/resource.h>

#include <charconv>
#include <chrono>
#include <filesystem>
#include <fstream>

#include "io/mmcf_reader.h"
#include "mcf/arc_lp.h"
#include "mcf/column_generation.h"

namespace corridor::engine {
namespace {

double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

double PeakRssMiB() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;  // KiB on Linux
}

}  // namespace

const char* McfFormatName(McfFormat format) {
  return format == McfFormat::kMnetgen ? "mnetgen" : "grid";
}

std::optional<double> PublishedOptimum(const std::string& folder, const std::string& name) {
  std::ifstream in(std::filesystem::path(folder) / "optimal.csv");
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const auto comma = line.find(',');
    if (comma == std::string::npos || line.compare(0, comma, name) != 0 || comma != name.size()) {
      continue;
    }
    double value = 0.0;
    const char* first = line.data() + comma + 1;
    const char* last = line.data() + line.size();
    const auto [ptr, ec] = std::from_chars(first, last, value);
    if (ec == std::errc() && ptr == last) return value;
  }
  return std::nullopt;
}

Result<McfRun> SolveMcf(const McfRequest& request) {
  const auto read_start = std::chrono::steady_clock::now();
  auto inst = request.format == McfFormat::kMnetgen ? io::ReadMnetgenInstance(request.path)
                                                    : io::ReadGridPlanarInstance(request.path);
  if (!inst.ok()) return inst.status();
  McfRun run;
  run.read_seconds = SecondsSince(read_start);
  run.nodes = inst->num_nodes;
  run.arcs = inst->num_arcs();
  run.commodities = inst->num_commodities();

  const auto solve_start = std::chrono::steady_clock::now();
  auto solution = request.method == mcf::Method::kArcLp
                      ? mcf::SolveArcLp(*inst, request.options)
                      : mcf::SolveColumnGeneration(*inst, request.options);
  if (!solution.ok()) return solution.status();
  run.solve_seconds = SecondsSince(solve_start);
  run.solution = std::move(solution).value();
  run.peak_rss_mib = PeakRssMiB();

  const std::filesystem::path path(request.path);
  run.published_optimum = PublishedOptimum(path.parent_path().string(), path.filename().string());
  return run;
}

}  // namespace corridor::engine
