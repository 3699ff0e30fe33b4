// Investment planning and network design: time to a proven optimum and the gap over
// time, side by side in one run (bench/README.md, "Investment planning").
//
//   plan_bench [--dataset DIR --projects FILE [--scenario FILE] [--budget USD]...]
//              [--dow FILE ...] [--time-limit S]
//
// For the dataset: `corridor plan`'s model solved by CBC direct without and with each
// --budget, printing the time, the proven gap, the LP relaxation, the portfolio and
// the (seconds, gap) samples CBC reported, once with the default settings (CBC without
// preprocessing and primal heuristics, lp/mip.h) and once with CBC's standard ones,
// with the ratio of their MIP times. For each DOW instance: the strong formulation
// (with x_ak <= min(d_k, u_a) y_a) with both settings, and the weak one (capacity rows
// only) with the default settings. Exit 0 when every run ended optimal,
// 3 otherwise, 2 on bad options.
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <utility>
#include <string>
#include <vector>

#include "engine/engine.h"
#include "io/mmcf_reader.h"
#include "mcf/design.h"
#include "plan/planner.h"
#include "plan/projects.h"

namespace corridor {
namespace {

struct Args {
  std::string dataset, projects, scenario;
  std::vector<double> budgets;
  std::vector<std::string> dow;
  double time_limit_s = 600.0;
};

bool Parse(int argc, char** argv, Args& a) {
  for (int i = 1; i < argc; ++i) {
    const std::string k = argv[i];
    if (i + 1 >= argc) return false;
    const std::string v = argv[++i];
    if (k == "--dataset") a.dataset = v;
    else if (k == "--projects") a.projects = v;
    else if (k == "--scenario") a.scenario = v;
    else if (k == "--budget") a.budgets.push_back(std::atof(v.c_str()));
    else if (k == "--dow") a.dow.push_back(v);
    else if (k == "--time-limit") a.time_limit_s = std::atof(v.c_str());
    else return false;
  }
  return a.time_limit_s > 0.0;
}

// The MIP seconds of the run, or a negative number when it was not optimal.
double RunPlan(const Args& a, const model::Dataset& base, const plan::ProjectSet& set,
               const std::optional<double>& budget, bool cbc_standard) {
  plan::PlanOptions o;
  o.time_limit_s = a.time_limit_s;
  o.budget_usd = budget;
  o.cbc_preprocess = o.cbc_heuristics = cbc_standard;
  std::vector<std::string> trace;  // CBC's (seconds, nodes, gap) as it reported them
  o.on_progress = [&](double, const std::string& stage) {
    if (stage.rfind("branch and cut:", 0) == 0) trace.push_back(stage);
    return true;
  };
  auto r = plan::SolvePlan(base, set, o);
  if (!r.ok()) {
    std::printf("plan failed: %s\n", r.status().ToString().c_str());
    return -1.0;
  }
  std::printf("| %s | %s | %s | %.2f | %.2f | %.3g | %d x %d | %ld | %.6g | %.6g | %s |",
              budget ? std::to_string(*budget / 1e9).substr(0, 5).append(" bn").c_str() : "none",
              cbc_standard ? "CBC standard" : "default", lp::MipStatusName(r->status), r->mip_seconds, r->seconds, r->relative_gap, r->mip_rows,
              r->mip_cols, r->nodes, r->objective_usd, r->lp_bound_usd,
              r->routing_check_passed ? "passed" : "FAILED");
  for (const auto& c : r->portfolio) std::printf(" %s", c.id.c_str());
  std::printf(" |\n");
  for (const std::string& s : trace) std::printf("    %s\n", s.c_str());
  return r->status == lp::MipStatus::kOptimal ? r->mip_seconds : -1.0;
}

bool ComparePlan(const Args& a, const model::Dataset& base, const plan::ProjectSet& set,
                 const std::optional<double>& budget) {
  const double ours = RunPlan(a, base, set, budget, false);
  const double standard = RunPlan(a, base, set, budget, true);
  if (ours > 0 && standard > 0) std::printf("  CBC standard / default MIP time: %.2f\n", standard / ours);
  return ours > 0 && standard > 0;
}

bool RunDow(const std::string& file, double time_limit_s) {
  auto inst = io::ReadDowInstance(file);
  if (!inst.ok()) {
    std::printf("%s: %s\n", file.c_str(), inst.status().ToString().c_str());
    return false;
  }
  // (strong linking, CBC standard settings): default first, then the two comparisons.
  const std::pair<bool, bool> runs[] = {{true, false}, {true, true}, {false, false}};
  const char* names[] = {"strong, default", "strong, CBC standard", "weak, default"};
  double seconds[3] = {0, 0, 0};
  bool ok = true;
  for (int i = 0; i < 3; ++i) {
    mcf::DesignOptions o;
    o.time_limit_s = time_limit_s;
    o.strong_linking = runs[i].first;
    o.cbc_preprocess = o.cbc_heuristics = runs[i].second;
    auto s = mcf::SolveDesign(*inst, o);
    if (!s.ok()) return false;
    seconds[i] = s->seconds;
    ok = ok && s->status == lp::MipStatus::kOptimal;
    std::printf("| %s | %s | %s | %.2f | %.10g | %.10g | %.3g | %.10g | %ld | %s |\n",
                file.substr(file.find_last_of('/') + 1).c_str(), names[i],
                lp::MipStatusName(s->status), s->seconds, s->objective, s->best_bound,
                s->relative_gap, s->lp_bound, s->nodes, s->check_passed ? "passed" : "FAILED");
  }
  std::printf("  time / strong default: CBC standard %.2f, weak %.2f\n",
              seconds[1] / std::max(seconds[0], 1e-9), seconds[2] / std::max(seconds[0], 1e-9));
  return ok;
}

}  // namespace
}  // namespace corridor

int main(int argc, char** argv) {
  using namespace corridor;
  Args a;
  if (!Parse(argc, argv, a)) {
    std::fprintf(stderr, "usage: plan_bench [--dataset DIR --projects FILE [--scenario FILE] "
                         "[--budget USD]...] [--dow FILE]... [--time-limit S]\n");
    return 2;
  }
  bool all_optimal = true;
  if (!a.dataset.empty()) {
    Diagnostics d;
    auto input = engine::LoadInput({a.dataset, a.scenario}, d);
    if (!input.ok()) {
      std::fprintf(stderr, "%s\n", d.ToString().c_str());
      return 2;
    }
    auto set = plan::ReadProjects(a.projects, d);
    if (!set.ok() || !plan::ValidateProjects(*set, input->dataset, d).ok()) {
      std::fprintf(stderr, "%s\n", d.ToString().c_str());
      return 2;
    }
    std::printf("| budget | CBC settings | status | MIP s | total s | gap | rows x cols | nodes | objective "
                "USD/yr | LP bound | routing check | portfolio |\n|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    all_optimal = ComparePlan(a, input->dataset, *set, std::nullopt) && all_optimal;
    for (double b : a.budgets) all_optimal = ComparePlan(a, input->dataset, *set, b) && all_optimal;
  }
  if (!a.dow.empty()) {
    std::printf("\n| instance | formulation, CBC settings | status | s | objective | bound | gap | LP relaxation | nodes "
                "| check |\n|---|---|---|---|---|---|---|---|---|---|\n");
    for (const auto& f : a.dow) all_optimal = RunDow(f, a.time_limit_s) && all_optimal;
  }
  return all_optimal ? 0 : 3;
}
