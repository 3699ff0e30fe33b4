#include "api/run_work.h"

#include <algorithm>

#include "api/plan.h"
#include "api/settle.h"
#include "engine/assign.h"
#include "api/sim_run.h"
#include "engine/compare.h"
#include "engine/risk.h"
#include "report/assign_report.h"
#include "report/compare_report.h"
#include "report/report.h"
#include "report/risk_report.h"

namespace corridor::api {

using nlohmann::json;

const char* MediaType(const std::string& name) {
  const auto ends = [&](const char* ext) {
    const std::string e(ext);
    return name.size() >= e.size() && name.compare(name.size() - e.size(), e.size(), e) == 0;
  };
  if (ends(".json")) return "application/json";
  if (ends(".geojson")) return "application/geo+json";
  if (ends(".csv")) return "text/csv; charset=utf-8";
  if (ends(".toml")) return "application/toml";
  return "text/plain; charset=utf-8";
}

namespace {

std::vector<store::Artifact> ToArtifacts(const std::vector<report::OutputFile>& files) {
  std::vector<store::Artifact> out;
  out.reserve(files.size());
  for (const auto& [name, text] : files) out.push_back({name, MediaType(name), text});
  return out;
}

// The engine input of one of the job's scenarios.
engine::InputRequest JobInput(const RunJob& job,
                              const std::pair<std::string, std::optional<std::string>>& scenario) {
  engine::InputRequest in;
  in.dataset_folder = job.dataset_name;
  in.dataset_files = *job.dataset_files;
  if (scenario.second) {
    in.scenario_file = scenario.first + ".toml";
    in.scenario_text = scenario.second;
  }
  return in;
}

Result<store::RunResults> RunSolve(const RunJob& job, const engine::RunControl& control,
                                   Diagnostics& diags) {
  const auto& scenario = job.scenarios[0];
  const json& settings_json = job.settings;
  engine::SolveSettings settings;
  if (Status s = ReadSolveSettings(settings_json, settings); !s.ok()) return s;
  const engine::InputRequest in = JobInput(job, scenario);
  engine::SolveRequest req{in, settings.ToOptions(), settings.Record(), &control};
  auto solved = engine::Solve(req, diags);
  if (!solved.ok()) return solved.status();
  const report::RunReport rep = solved->Report();
  store::RunResults out;
  out.artifacts = ToArtifacts(report::ResultFiles(rep));
  if (scenario.second) out.artifacts.push_back({"scenario.toml", MediaType(".toml"), *scenario.second});
  out.summary_json = json{{"scenario", rep.run.scenario_name},
                          {"solve_status", routing::SolveStatusName(solved->solution.status)},
                          {"check_passed", solved->solution.check.passed},
                          {"generalised_cost_usd", rep.kpis.generalised_cost_usd},
                          {"served_t", rep.kpis.served_t},
                          {"unserved_t", rep.kpis.unserved_t},
                          {"avg_transit_time_h", rep.kpis.avg_transit_time_h}}
                         .dump();
  return out;
}

Result<store::RunResults> RunAssign(const RunJob& job, const engine::RunControl& control,
                                    Diagnostics& diags) {
  const auto& scenario = job.scenarios[0];
  const json& settings_json = job.settings;
  engine::AssignSettings settings;
  if (Status s = ReadAssignSettings(settings_json, settings); !s.ok()) return s;
  const engine::InputRequest in = JobInput(job, scenario);
  engine::AssignRequest req;
  req.input = in;
  req.options = settings.ToOptions();
  req.option_record = settings.Record();
  req.control = &control;
  auto assigned = engine::Assign(req, diags);
  if (!assigned.ok()) return assigned.status();
  const report::AssignReport rep = assigned->Report();
  store::RunResults out;
  out.artifacts = ToArtifacts(report::AssignFiles(rep));
  out.artifacts.push_back({"summary.txt", MediaType(".txt"), report::FormatAssignSummary(rep, 1000)});
  if (scenario.second) out.artifacts.push_back({"scenario.toml", MediaType(".toml"), *scenario.second});
  const auto& eq = assigned->equilibrium;
  out.summary_json = json{{"scenario", rep.run.scenario_name},
                          {"ue_generalised_cost_usd", eq.ue_measures.generalised_cost_usd},
                          {"so_generalised_cost_usd", eq.so_measures.generalised_cost_usd},
                          {"price_of_anarchy_lower_bound", eq.price_of_anarchy_lower_bound},
                          {"relative_gap", eq.ue.log.empty() ? 0.0 : eq.ue.log.back().relative_gap}}
                         .dump();
  return out;
}

Result<store::RunResults> RunCompare(const RunJob& job, const engine::RunControl& control,
                                     Diagnostics& diags) {
  const json& settings_json = job.settings;
  engine::SolveSettings settings;
  settings.ranging = 0;  // as `corridor compare`: no ranging unless asked
  if (Status s = ReadSolveSettings(settings_json, settings); !s.ok()) return s;
  engine::CompareRequest req;
  for (const auto& scenario : job.scenarios) req.inputs.push_back(JobInput(job, scenario));
  req.options = settings.ToOptions();
  req.option_record = settings.Record();
  req.threads = 1;  // the job pool already bounds the CPU use
  req.control = &control;
  auto solved = engine::Compare(req, diags);
  if (!solved.ok()) return solved.status();
  std::vector<report::RunReport> reports;
  for (const auto& r : *solved) reports.push_back(r.Report());
  store::RunResults out;
  out.artifacts = ToArtifacts(report::ComparisonFiles(reports));
  json summary = json::array();
  for (const auto& r : reports) {
    summary.push_back({{"scenario", r.run.scenario_name},
                       {"generalised_cost_usd", r.kpis.generalised_cost_usd},
                       {"unserved_t", r.kpis.unserved_t}});
  }
  out.summary_json = json{{"scenarios", summary}}.dump();
  return out;
}

Result<store::RunResults> RunRisk(const RunJob& job, const engine::RunControl& control,
                                  Diagnostics& diags) {
  engine::RiskSettings settings;
  if (Status s = ReadRiskSettings(job.settings, settings); !s.ok()) return s;
  engine::RiskRequest req;
  req.input = JobInput(job, job.scenarios[0]);
  for (std::size_t i = 1; i < job.scenarios.size(); ++i) {
    req.measures.push_back(JobInput(job, job.scenarios[i]));
  }
  req.risk_file = "risk.toml";
  req.risk_text = job.risk_model;
  req.options = settings.ToOptions();
  req.options.threads = 1;  // the job pool already bounds the CPU use
  req.check_draws = settings.check_draws;
  req.option_record = settings.Record();
  req.control = &control;
  auto result = engine::RunRisk(req, diags);
  if (!result.ok()) return result.status();
  const report::RiskReport rep = result->Report(req.options);
  store::RunResults out;
  out.artifacts = ToArtifacts(report::RiskResultFiles(rep, 1000));
  out.artifacts.push_back({"risk.toml", MediaType(".toml"), job.risk_model});
  const auto& s = result->reference.summary;
  out.summary_json = json{{"scenario", rep.run.scenario_name},
                          {"draws", s.draws},
                          {"failed", s.failed},
                          {"mean_generalised_cost_usd", s.cost.mean},
                          {"cvar95_generalised_cost_usd", s.cost.cvar95},
                          {"mean_unserved_trade_value_usd", s.unserved_value.mean},
                          {"cvar95_unserved_trade_value_usd", s.unserved_value.cvar95}}
                         .dump();
  return out;
}

}  // namespace

// Reads the run options of the API's JSON into the CLI's settings types, with the
// same names, defaults and ranges (engine/options.h).
Status ReadSolveSettings(const json& options, engine::SolveSettings& s) {
  for (const auto& [key, value] : options.items()) {
    if (key == "method" && value.is_string()) {
      s.method = value.get<std::string>();
    } else if (key == "check" && value.is_boolean()) {
      s.check = value.get<bool>();
    } else if (key == engine::kRanging.key && value.is_number_integer()) {
      s.ranging = static_cast<int>(std::clamp<std::int64_t>(value.get<std::int64_t>(), -1, 1'000'000));
    } else if (key == engine::kTimeLimit.key && value.is_number()) {
      s.time_limit_s = value.get<double>();
    } else if (key == engine::kGapTolerance.key && value.is_number()) {
      s.gap_tolerance = value.get<double>();
    } else {
      return InvalidInput("option '" + key + "' is unknown for this kind of run or has the wrong type (" +
                          value.dump() + ")");
    }
  }
  return s.Validate();
}

Status ReadAssignSettings(const json& options, engine::AssignSettings& s) {
  const auto integer = [](const json& v) {
    return static_cast<int>(std::clamp<std::int64_t>(v.get<std::int64_t>(), -1, 100'000'000));
  };
  for (const auto& [key, value] : options.items()) {
    if (key == engine::kGap.key && value.is_number()) {
      s.gap = value.get<double>();
    } else if (key == engine::kMaxIterations.key && value.is_number_integer()) {
      s.max_iterations = integer(value);
    } else if (key == engine::kAssignTimeLimit.key && value.is_number()) {
      s.time_limit_s = value.get<double>();
    } else if (key == engine::kPricingRounds.key && value.is_number_integer()) {
      s.pricing_rounds = integer(value);
    } else {
      return InvalidInput("option '" + key + "' is unknown for this kind of run or has the wrong type (" +
                          value.dump() + ")");
    }
  }
  return s.Validate();
}

Status ReadRiskSettings(const json& options, engine::RiskSettings& s) {
  const auto whole = [](const json& v) {
    return std::clamp<std::int64_t>(v.get<std::int64_t>(), -1, 1'000'000'000'000'000LL);
  };
  for (const auto& [key, value] : options.items()) {
    if (key == engine::kDraws.key && value.is_number_integer()) {
      s.draws = whole(value);
    } else if (key == engine::kSeed.key && value.is_number_integer()) {
      s.seed = whole(value);
    } else if (key == engine::kBatch.key && value.is_number_integer()) {
      s.batch = whole(value);
    } else if (key == engine::kPrecision.key && value.is_number()) {
      s.precision = value.get<double>();
    } else if (key == engine::kCheckDraws.key && value.is_number_integer()) {
      s.check_draws = static_cast<int>(std::clamp<std::int64_t>(value.get<std::int64_t>(), -1, 1'000'000));
    } else if (key == engine::kDrawTimeLimit.key && value.is_number()) {
      s.draw_time_limit_s = value.get<double>();
    } else if (key == "cold" && value.is_boolean()) {
      s.cold = value.get<bool>();
    } else {
      return InvalidInput("option '" + key + "' is unknown for this kind of run or has the wrong type (" +
                          value.dump() + ")");
    }
  }
  return s.Validate();
}

double WallLimitSeconds(const RunJob& job) {
  constexpr double kMarginS = 30.0;
  if (job.kind == "risk") {
    engine::RiskSettings r;
    (void)ReadRiskSettings(job.settings, r);
    // Every draw of every case has the limit, and so do the base solves.
    return r.draw_time_limit_s * static_cast<double>((r.draws + 1 + r.check_draws) *
                                                     static_cast<std::int64_t>(job.scenarios.size())) +
           kMarginS;
  }
  if (job.kind == "plan") return PlanWallLimitSeconds(job.settings);
  if (job.kind == "assign") {
    engine::AssignSettings a;
    (void)ReadAssignSettings(job.settings, a);
    // The equilibrium, the pricing rounds and the routing LP each have the limit.
    return a.time_limit_s * (a.pricing_rounds + 2) + kMarginS;
  }
  if (job.kind == "simulate") return 3600.0;  // the routing LP, then replications of a year
  engine::SolveSettings s;
  if (job.kind == "settle") {
    SettleSettings st;
    (void)ReadSettleSettings(job.settings, st);
    s = st.solve;
  } else {
    (void)ReadSolveSettings(job.settings, s);
  }
  // The solve and then its ranging re-solves, per scenario.
  const double per_scenario = 2.0 * s.time_limit_s;
  return per_scenario * static_cast<double>(std::max<std::size_t>(1, job.scenarios.size())) +
         kMarginS;
}

Result<store::RunResults> ExecuteRunJob(const RunJob& job, const engine::RunControl& control,
                                        Diagnostics& diags) {
  if (job.scenarios.empty() || !job.dataset_files) return Internal("run job without inputs");
  if (job.kind == "solve") return RunSolve(job, control, diags);
  if (job.kind == "assign") return RunAssign(job, control, diags);
  if (job.kind == "compare") return RunCompare(job, control, diags);
  if (job.kind == "simulate") return RunSimulate(job, control, diags);
  if (job.kind == "risk") return RunRisk(job, control, diags);
  if (job.kind == "plan") return RunPlanJob(job, control, diags);
  if (job.kind == "settle") return RunSettle(job, control, diags);
  return Internal("run kind not handled: " + job.kind);
}

}  // namespace corridor::api
