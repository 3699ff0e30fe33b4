#include "cli/mcf.h"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <optional>
#include <ostream>
#include <thread>

#include "cli/cli.h"
#include "engine/mcf.h"

namespace corridor::cli {
namespace {

namespace fs = std::filesystem;

bool EndsWith(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

bool IsFile(const fs::path& p) {
  std::error_code ec;
  return fs::is_regular_file(p, ec);
}

// The instance at `path` in `format` ("grid", "mnetgen" or "auto"): an MNETGEN instance is
// named by its base path (or its .nod file) and exists when base.nod does.
struct Located {
  std::string path;  // grid: the file; mnetgen: the base path
  engine::McfFormat format = engine::McfFormat::kGridPlanar;
};

std::optional<Located> Probe(const fs::path& path, const std::string& format) {
  const std::string s = path.string();
  const std::string base = EndsWith(s, ".nod") ? s.substr(0, s.size() - 4) : s;
  const bool mnetgen = IsFile(base + ".nod");
  if (format != "mnetgen" && IsFile(path) && !(format == "auto" && EndsWith(s, ".nod"))) {
    return Located{s, engine::McfFormat::kGridPlanar};
  }
  if (format != "grid" && mnetgen) return Located{base, engine::McfFormat::kMnetgen};
  return std::nullopt;
}

// `file` as given; a relative path that is not found from the current folder is looked
// for from each parent folder in turn (the shared instances sit beside the project).
Located Resolve(const std::string& file, const std::string& format) {
  if (auto here = Probe(file, format)) return *here;
  const fs::path given(file);
  if (given.is_relative()) {
    std::error_code ec;
    fs::path dir = fs::current_path(ec);
    while (!ec && dir.has_relative_path()) {
      dir = dir.parent_path();
      if (auto found = Probe(dir / given, format)) {
        found->path = fs::proximate(found->path, ec).string();
        return *found;
      }
    }
  }
  return {file, format == "mnetgen" ? engine::McfFormat::kMnetgen : engine::McfFormat::kGridPlanar};
}

int ExitForMcf(mcf::SolveStatus status) {
  switch (status) {
    case mcf::SolveStatus::kOptimal:
    case mcf::SolveStatus::kInfeasible: return kExitOk;  // an answer, with its certificate
    case mcf::SolveStatus::kTimeLimit:
    case mcf::SolveStatus::kIterationLimit: return kExitLimit;
    case mcf::SolveStatus::kNumericalFailure: return kExitSolverFailure;
  }
  return kExitInternal;
}

std::string FormatRun(const Located& at, const engine::McfRun& run, const mcf::Options& options) {
  const mcf::Solution& s = run.solution;
  const bool cg = s.method == mcf::Method::kColumnGeneration;
  std::string out = fmt::format("mcf: {} ({} format: {} nodes, {} arcs, {} commodities)\n", at.path,
                                engine::McfFormatName(at.format), run.nodes, run.arcs,
                                run.commodities);
  const unsigned threads = options.threads > 0 ? static_cast<unsigned>(options.threads)
                                               : std::max(1u, std::thread::hardware_concurrency());
  out += cg ? fmt::format("method: column generation (origin-tree master), {} pricing thread(s)\n",
                          threads)
            : "method: arc LP (origin-aggregated, dual simplex)\n";
  out += fmt::format("status: {}\n", mcf::SolveStatusName(s.status));
  if (s.status == mcf::SolveStatus::kInfeasible) {
    out += fmt::format("infeasibility certificate: {:.6g} > 0\n", s.infeasibility_bound);
  } else if (!s.commodities.empty()) {
    out += fmt::format("objective: {:.12g}\nbound: {:.12g}\nproven gap: {:.3g}\n", s.objective,
                       s.lower_bound, std::max(0.0, s.relative_gap));  // rounding can make it -1e-16
  } else {
    out += "objective: none (no feasible answer yet)\n";
  }
  if (cg) {
    out += fmt::format("rounds: {} ({} simplex iterations, {} columns, {} capacity rows)\n",
                       s.stats.rounds, s.stats.lp_iterations, s.stats.columns_generated,
                       s.stats.capacity_rows);
  } else {
    out += fmt::format("iterations: {} simplex ({} rows x {} columns)\n", s.stats.lp_iterations,
                       s.stats.lp_rows, s.stats.lp_cols);
  }
  out += fmt::format("time: {:.2f} s (read {:.2f} s, solve {:.2f} s)\n",
                     run.read_seconds + run.solve_seconds, run.read_seconds, run.solve_seconds);
  out += fmt::format("peak memory: {:.1f} MiB\n", run.peak_rss_mib);
  if (!s.commodities.empty()) {
    out += fmt::format("check: {}\n", s.check.passed ? "passed" : "not run");
  }
  if (run.published_optimum && !s.commodities.empty()) {
    const double p = *run.published_optimum;
    out += fmt::format("published optimum: {:.12g} (optimal.csv; relative difference {:.2g})\n", p,
                       std::abs(s.objective - p) / std::max(1.0, std::abs(p)));
  }
  return out;
}

}  // namespace

McfCommand::McfCommand(CLI::App& app) {
  cmd_ = app.add_subcommand(
      "mcf", "linear multicommodity min-cost flow instance (grid/planar or MNETGEN format) "
             "solved by column generation or the arc LP: objective, status, bound, proven gap, "
             "rounds, time, peak memory");
  cmd_->add_option("FILE", file_,
                   "instance file (grid/planar) or base path of the .nod/.arc/.sup/.mut files "
                   "(MNETGEN); a relative path not found here is looked for from each parent "
                   "folder")
      ->required();
  cmd_->add_option("--format", format_,
                   "grid (the grid/planar format), mnetgen or auto (mnetgen when FILE.nod "
                   "exists) [default: auto]")
      ->check(CLI::IsMember({"auto", "grid", "mnetgen"}));
  cmd_->add_option("--method", method_,
                   "cg (column generation) or lp (the arc LP, exact reference) [default: cg]")
      ->check(CLI::IsMember({"cg", "lp"}));
  cmd_->add_option("--threads", threads_,
                   "pricing threads of column generation [threads; default 0 = all cores; "
                   "range 0 to 256]")
      ->check(CLI::Range(0, 256));
  cmd_->add_option("--time-limit", time_limit_s_,
                   "wall-clock limit of the solve [s; default 600; range 0.001 to 86400]")
      ->check(CLI::Range(0.001, 86400.0));
  cmd_->add_option("--gap", gap_,
                   "largest proven relative gap accepted as optimal [relative; default 1e-06; "
                   "range 1e-12 to 0.01]")
      ->check(CLI::Range(1e-12, 1e-2));
}

bool McfCommand::parsed() const { return cmd_->parsed(); }

int McfCommand::Run(std::ostream& out, std::ostream& err) {
  const Located at = Resolve(file_, format_);
  engine::McfRequest req;
  req.path = at.path;
  req.format = at.format;
  req.method = method_ == "lp" ? mcf::Method::kArcLp : mcf::Method::kColumnGeneration;
  req.options.threads = threads_;
  req.options.time_limit_s = time_limit_s_;
  req.options.gap_tolerance = gap_;
  req.options.log_level = spdlog::get_level() <= spdlog::level::debug ? 1 : 0;
  spdlog::info("solving {} ({} format) by {}", at.path, engine::McfFormatName(at.format),
               mcf::MethodName(req.method));
  auto run = engine::SolveMcf(req);
  if (!run.ok()) {
    err << run.status().message() << '\n';
    return ExitFor(run.status());
  }
  out << FormatRun(at, *run, req.options);
  return ExitForMcf(run->solution.status);
}

}  // namespace corridor::cli
