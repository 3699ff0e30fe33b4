#include "api/settle.h"

#include "engine/settle.h"

namespace corridor::api {

using nlohmann::json;

Status ReadSettleSettings(const json& options, SettleSettings& s) {
  json solve = json::object();
  for (const auto& [key, value] : options.items()) {
    if (key == "cycle" && value.is_string()) {
      s.cycle = value.get<std::string>();
      if (s.cycle != "day" && s.cycle != "week" && s.cycle != "month") {
        return InvalidInput("option 'cycle' must be day, week or month, got '" + s.cycle + "'");
      }
    } else if (key == "level" && value.is_string()) {
      s.level = value.get<std::string>();
      if (s.level != "party" && s.level != "bank" && s.level != "country") {
        return InvalidInput("option 'level' must be party, bank or country, got '" + s.level + "'");
      }
    } else if (key == "compress" && value.is_boolean()) {
      s.compress = value.get<bool>();
    } else {
      solve[key] = value;
    }
  }
  return ReadSolveSettings(solve, s.solve);
}

Result<store::RunResults> RunSettle(const RunJob& job, const engine::RunControl& control,
                                    Diagnostics& diags) {
  SettleSettings settings;
  if (Status s = ReadSettleSettings(job.settings, settings); !s.ok()) return s;
  const auto& scenario = job.scenarios[0];
  engine::SettleRequest req;
  req.input.dataset_folder = job.dataset_name;
  req.input.dataset_files = *job.dataset_files;
  if (scenario.second) {
    req.input.scenario_file = scenario.first + ".toml";
    req.input.scenario_text = scenario.second;
  }
  req.cycle = settings.cycle;
  req.level = settings.level;
  req.compress = settings.compress;
  req.routing = settings.solve.ToOptions();
  req.option_record = settings.solve.Record();
  req.option_record.push_back({"cycle", settings.cycle});
  req.option_record.push_back({"level", settings.level});
  req.option_record.push_back({"compress", settings.compress ? "true" : "false"});
  req.control = &control;
  auto outcome = engine::Settle(req, diags);
  if (!outcome.ok()) return outcome.status();
  const settle::SettleReport rep = outcome->Report();
  store::RunResults out;
  for (auto& [name, text] : settle::SettleFiles(rep)) {
    out.artifacts.push_back({name, MediaType(name), std::move(text)});
  }
  const json result = json::parse(settle::SettleResultJson(rep));
  out.summary_json = json{{"cycle", settings.cycle},
                          {"usd_equivalent", result["summary"]["usd_equivalent"]},
                          {"invariants_passed", result["invariants"]["passed"]}}
                         .dump();
  return out;
}

}  // namespace corridor::api
