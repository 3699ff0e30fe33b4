// End to end through the solvers: validate -> solve -> assign on the example dataset
// (with preloads, cargo rates and dataset-defined resources added) edited by the input. The input is a scenario text (applied as is, any bytes, to half
// the inputs), and its hash drives structured edits of the dataset's tables: numbers at the extremes
// (0, subnormals, 1e-300, 1e300, every bound of core/bounds.h and one ulp past it),
// repeated rows (duplicate ids), emptied tables and tables of hundreds of rows.
//
// An input the readers reject must be rejected with located errors; an input they
// accept must solve: the routing LP optimal with its certificate passed, the
// equilibrium finite. Anything else — an abort, a failed certificate,
// a numerical failure, a solver at its time limit, a run over 60 s (SIGALRM; under
// libFuzzer its -timeout) — is a failure, and the standalone driver keeps the input
// in ./fuzz-crash-input. Run it with libFuzzer (preset `fuzz`) as
// `build/fuzz/fuzz/pipeline_fuzz -timeout=60 fuzz/corpus/pipeline`.
#include <unistd.h>

#include <array>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/bounds.h"
#include "core/hash.h"
#include "engine/assign.h"
#include "engine/engine.h"
#include "io/dataset_reader.h"
#include "io/text_file.h"

namespace {

using namespace corridor;
using Files = std::map<std::string, std::string>;

const Files& BaseFiles() {
  static const Files files = [] {
    Files f;
    for (const char* name : io::kDatasetFiles) {
      auto text = io::ReadTextFile(std::string(CORRIDOR_SOURCE_DIR "/examples/example-corridor/") + name);
      if (!text) {
        std::fprintf(stderr, "pipeline_fuzz: cannot read the example dataset\n");
        std::abort();
      }
      f[name] = *text;
    }
    // The optional tables, so that preloads, cargo rates and dataset-defined resources
    // (cargo-class parallel arcs) go through the solvers too.
    f["background.csv"] =
        "element,tonnes_per_year,origin_country\ncrossing:ZAB_RAIL,2000000,CN\n"
        "link:L21:forward,1000000,\ntransfer:T_ZAB_GAUGE,500000,\n";
    f["rates.csv"] = "scope,cargo_type,factor\nmode:rail_1520,dry_bulk,0.7\nmode:rail_1520,vehicles,1.5\n"
                     "transfer:T_GRD_GAUGE,container,2\n";
    f["resources.csv"] =
        "id,kind,members,cargo_types,capacity_t_per_year\n"
        "ZAB_BULK,slots,crossing:ZAB_RAIL,dry_bulk;liquid_bulk,12000000\n"
        "EXITS,section,crossing:ZAB_RAIL;crossing:GRD_RAIL;transfer:T_ZAB_GAUGE:forward,all,25000000\n"
        "VVO_BERTHS,port_berth,port:RU_VVO,all,8000000\n";
    return f;
  }();
  return files;
}

class Rng {
 public:
  explicit Rng(std::uint64_t seed) : s_(seed) {}
  std::uint64_t Next() {
    s_ += 0x9e3779b97f4a7c15ULL;
    std::uint64_t z = s_;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  std::size_t Below(std::size_t n) { return n == 0 ? 0 : static_cast<std::size_t>(Next() % n); }

 private:
  std::uint64_t s_;
};

// The extremes a number field is set to: zero, the tiniest doubles, the largest, and
// every bound of core/bounds.h with its neighbours one ulp away.
std::vector<double> EdgeValues() {
  std::vector<double> v = {0.0, -0.0, 5e-324, 2.2250738585072014e-308, 1e-300, 1e300, 1.7e308,
                           1.0, 0.5, 1e-9};
  const Bounds all[] = {bounds::kTonnes,        bounds::kUsdPerTonne,      bounds::kUsdPerTonneKm,
                        bounds::kValueUsdPerTonne, bounds::kPenaltyUsdPerTonne,
                        bounds::kUsdPerTonneHour, bounds::kDistanceKm,      bounds::kHours,
                        bounds::kFactor,         bounds::kFraction};
  for (const Bounds& b : all) {
    for (double edge : {b.max.value_or(1.0), b.min_nonzero}) {
      if (edge == 0.0) continue;
      v.insert(v.end(), {edge, std::nextafter(edge, 0.0), std::nextafter(edge, HUGE_VAL)});
    }
  }
  return v;
}

std::string Format(double v) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

std::vector<std::string> Split(const std::string& text, char sep) {
  std::vector<std::string> out(1);
  for (char c : text) {
    if (c == sep) {
      out.emplace_back();
    } else {
      out.back() += c;
    }
  }
  return out;
}

std::string Join(const std::vector<std::string>& parts, char sep) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) out += (i ? std::string(1, sep) : "") + parts[i];
  return out;
}

// One structured edit of one table (header kept as line 0).
void EditTable(std::string& text, Rng& rng, const std::vector<double>& edges, std::string* log) {
  std::vector<std::string> lines = Split(text, '\n');
  std::vector<std::size_t> rows;
  for (std::size_t i = 1; i < lines.size(); ++i) {
    if (!lines[i].empty() && lines[i][0] != '#') rows.push_back(i);
  }
  if (rows.empty()) return;
  const std::size_t row = rows[rng.Below(rows.size())];
  switch (rng.Below(16)) {
    case 13:  // a repeated row: duplicate ids
      lines.insert(lines.begin() + static_cast<long>(row), lines[row]);
      *log += " duplicate-row";
      break;
    case 14:  // an empty table
      for (auto it = rows.rbegin(); it != rows.rend(); ++it) lines.erase(lines.begin() + static_cast<long>(*it));
      *log += " empty-table";
      break;
    case 15: {  // a table of hundreds of rows
      const std::size_t copies = 50 + rng.Below(400);
      lines.insert(lines.begin() + static_cast<long>(row), copies, lines[row]);
      *log += " repeat-row x" + std::to_string(copies);
      break;
    }
    default: {  // a number at an extreme
      std::vector<std::string> fields = Split(lines[row], ',');
      std::vector<std::size_t> numeric;
      for (std::size_t f = 0; f < fields.size(); ++f) {
        char* end = nullptr;
        std::strtod(fields[f].c_str(), &end);
        if (!fields[f].empty() && end != nullptr && *end == '\0') numeric.push_back(f);
      }
      if (numeric.empty()) return;
      const std::size_t f = numeric[rng.Below(numeric.size())];
      fields[f] = Format(edges[rng.Below(edges.size())]);
      *log += " line " + std::to_string(row + 1) + " field " + std::to_string(f) + "=" + fields[f];
      lines[row] = Join(fields, ',');
    }
  }
  text = Join(lines, '\n');
}

// How many inputs were rejected by validation and how many went through the solvers,
// printed at exit when PIPELINE_FUZZ_STATS is set (bench/README.md quotes it).
struct Stats {
  long rejected = 0, solved = 0;
  std::string first_rejection;
  ~Stats() {
    if (!std::getenv("PIPELINE_FUZZ_STATS")) return;
    std::fprintf(stderr, "pipeline_fuzz: %ld inputs rejected with located errors, %ld solved\n%s\n",
                 rejected, solved, first_rejection.c_str());
  }
};
Stats g_stats;

[[noreturn]] void Fail(const std::string& what, const std::string& edits) {
  std::fprintf(stderr, "pipeline_fuzz: %s\n  dataset edits:%s\n", what.c_str(), edits.c_str());
  std::abort();
}

void SolveAndAssign(const engine::InputRequest& in, const std::string& edits) {
  engine::SolveRequest solve{in, {}, {}, nullptr};
  solve.options.time_limit_s = 20.0;
  solve.options.ranging_top_n = 2;
  Diagnostics diags;
  auto solved = engine::Solve(solve, diags);
  if (!solved.ok()) Fail("solve of a validated input failed: " + solved.status().ToString(), edits);
  const routing::Solution& sol = solved->solution;
  // Unserved demand has a penalty, so the routing LP is always feasible.
  if (sol.status != routing::SolveStatus::kOptimal) {
    Fail(std::string("solve status ") + routing::SolveStatusName(sol.status), edits);
  }
  if (!sol.check.passed) {
    std::string failures;
    for (const auto& f : sol.check.failures) failures += "\n  " + f;
    Fail("the certificate failed:" + failures, edits);
  }

  engine::AssignRequest assign;
  assign.input = in;
  assign.options.solver.max_iterations = 200;
  assign.options.solver.target_relative_gap = 1e-6;
  assign.options.solver.time_limit_seconds = 20.0;
  assign.options.pricing_rounds = 1;
  assign.so_time_limit_s = 20.0;
  auto assigned = engine::Assign(assign, diags);
  if (!assigned.ok()) Fail("assign of a validated input failed: " + assigned.status().ToString(), edits);
  const auto& eq = assigned->equilibrium;
  for (double v : {eq.ue_measures.generalised_cost_usd, eq.so_measures.generalised_cost_usd,
                   eq.price_of_anarchy_lower_bound}) {
    if (!std::isfinite(v)) Fail("the equilibrium is not finite", edits);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::vector<double> edges = EdgeValues();
  const std::string scenario(reinterpret_cast<const char*>(data), size);
  Fnv1a64 hash;
  hash.Update(scenario);
  Rng rng(hash.value());

  Files files = BaseFiles();
  static constexpr std::array<const char*, 8> kEdited = {
      "demand.csv",     "links.csv",      "crossings.csv", "transfers.csv",
      "commodities.csv", "background.csv", "rates.csv",     "resources.csv"};
  std::string edits;
  for (std::size_t e = rng.Below(4); e > 0; --e) {
    const char* table = kEdited[rng.Below(kEdited.size())];
    edits += std::string(" [") + table + "]";
    EditTable(files[table], rng, edges, &edits);
  }
  engine::InputRequest in;
  in.dataset_folder = "fuzz";
  in.dataset_files = files;
  // Half the inputs solve the edited dataset alone, so that more reach the solvers.
  if (!scenario.empty() && rng.Below(2) == 0) {
    in.scenario_file = "fuzz.toml";
    in.scenario_text = scenario;
  }
#ifndef CORRIDOR_LIBFUZZER  // libFuzzer has its own -timeout (on SIGALRM too)
  alarm(60);                 // a hang ends the process (SIGALRM): a failure
#endif
  Diagnostics diags;
  const auto loaded = engine::LoadInput(in, diags);
  if (!loaded.ok()) {
    if (g_stats.rejected++ == 0) g_stats.first_rejection = diags.ToString();
    // Rejected: every error must say where.
    for (const Diagnostic& d : diags.items()) {
      if (d.severity == Diagnostic::Severity::kError && d.file.empty() && d.message.empty()) {
        Fail("an error without location or message", edits);
      }
    }
  } else {
    SolveAndAssign(in, edits);
    ++g_stats.solved;
  }
#ifndef CORRIDOR_LIBFUZZER
  alarm(0);
#endif
  return 0;
}
