#include "api/plan.h"

#include <filesystem>

#include "core/hash.h"
#include "engine/plan.h"
#include "io/text_file.h"
#include "report/plan_report.h"

namespace corridor::api {

using nlohmann::json;

namespace {
constexpr double kDefaultTimeLimitS = 300.0;
constexpr double kMaxTimeLimitS = 86400.0;
}  // namespace

Status ReadPlanSettings(const json& options, plan::PlanOptions& out, std::string* projects_text,
                        bool projects_required) {
  out.time_limit_s = kDefaultTimeLimitS;
  bool has_projects = false;
  for (const auto& [key, value] : options.items()) {
    if (key == "budget_usd" && value.is_number() && value.get<double>() >= 0.0) {
      out.budget_usd = value.get<double>();
    } else if (key == "time_limit_s" && value.is_number() && value.get<double>() > 0.0 &&
               value.get<double>() <= kMaxTimeLimitS) {
      out.time_limit_s = value.get<double>();
    } else if (key == "discount_rate" && value.is_number() && value.get<double>() >= 0.0 &&
               value.get<double>() < 1.0) {
      out.discount_rate = value.get<double>();
    } else if (key == "values" && value.is_boolean()) {
      out.project_values = value.get<bool>();
    } else if (key == "projects" && value.is_string()) {
      has_projects = true;
      if (projects_text) *projects_text = value.get<std::string>();
    } else {
      return InvalidInput("option '" + key + "' is unknown for a plan run, out of range or has the "
                          "wrong type (" + value.dump() + ")");
    }
  }
  if (projects_required && !has_projects) {
    return InvalidInput("a plan run needs option 'projects' (the projects CSV) or a dataset "
                        "imported from a folder with projects.csv");
  }
  return Status::Ok();
}

Status AddDatasetProjects(json& options, const std::map<std::string, std::string>& dataset_files) {
  if (options.contains("projects")) return Status::Ok();
  const auto it = dataset_files.find("projects.csv");
  if (it == dataset_files.end()) {
    return InvalidInput("a plan run needs option 'projects' (the projects CSV): the dataset was "
                        "imported without projects.csv");
  }
  options["projects"] = it->second;
  return Status::Ok();
}

std::string ProjectsHash(const std::string& text) {
  Fnv1a64 h;
  h.Update(text);
  return h.Hex();
}

double PlanWallLimitSeconds(const json& options) {
  plan::PlanOptions o;
  (void)ReadPlanSettings(options, o, nullptr, false);
  return o.time_limit_s + 60.0;  // the run's own limit holds; a margin for writing
}

Result<store::RunResults> RunPlanJob(const RunJob& job, const engine::RunControl& control,
                                     Diagnostics& diags) {
  engine::PlanRequest req;
  std::string projects;
  if (Status s = ReadPlanSettings(job.settings, req.options, &projects, true); !s.ok()) return s;
  const auto& scenario = job.scenarios[0];
  req.input.dataset_folder = job.dataset_name;
  req.input.dataset_files = *job.dataset_files;
  if (scenario.second) {
    req.input.scenario_file = scenario.first + ".toml";
    req.input.scenario_text = scenario.second;
  }
  req.projects_file = "projects.csv";
  req.projects_text = projects;
  req.option_record = {{"time_limit_s", std::to_string(req.options.time_limit_s)},
                       {"discount_rate", std::to_string(req.options.discount_rate)},
                       {"budget_usd", req.options.budget_usd ? std::to_string(*req.options.budget_usd) : "none"},
                       {"method", "cbc_direct"}};
  req.control = &control;
  auto run = engine::Plan(req, diags);
  if (!run.ok()) return run.status();
  store::RunResults out;
  out.artifacts.push_back({"plan_result.json", MediaType(".json"),
                           report::PlanResultJson(run->run, run->projects, run->plan)});
  out.artifacts.push_back({"summary.txt", MediaType(".txt"),
                           report::FormatPlanSummary(run->run, run->projects, run->plan)});
  out.artifacts.push_back({"projects.csv", MediaType(".csv"), projects});
  json chosen = json::array();
  for (const auto& c : run->plan.portfolio) chosen.push_back(c.id);
  out.summary_json = json{{"scenario", run->run.scenario_name},
                          {"status", lp::MipStatusName(run->plan.status)},
                          {"relative_gap", run->plan.relative_gap},
                          {"portfolio", chosen},
                          {"capital_cost_usd", run->plan.capital_cost_usd},
                          {"objective_usd_per_year", run->plan.objective_usd}}
                         .dump();
  return out;
}

}  // namespace corridor::api
