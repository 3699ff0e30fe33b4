#include "api/sim_run.h"

#include <algorithm>

#include "report/sim_report.h"

namespace corridor::api {

using nlohmann::json;

Status ReadSimulateSettings(const json& options, engine::SimulateSettings& s) {
  const auto integer = [](const json& v, std::int64_t hi) {
    return std::clamp<std::int64_t>(v.get<std::int64_t>(), -1, hi);
  };
  for (const auto& [key, value] : options.items()) {
    if (key == "from" && value.is_string()) {
      s.from = value.get<std::string>();
    } else if (key == "days" && value.is_number_integer()) {
      s.days = static_cast<int>(integer(value, 100000));
    } else if (key == "replications" && value.is_number_integer()) {
      s.replications = static_cast<int>(integer(value, 100000));
    } else if (key == "seed" && value.is_number_unsigned()) {
      s.seed = value.get<std::uint64_t>();
    } else if (key == "warmup_days" && value.is_number()) {
      s.warmup_days = value.get<double>();
    } else if (key == "service" && value.is_string()) {
      s.service = value.get<std::string>();
    } else if (key == "erlang_k" && value.is_number_integer()) {
      s.erlang_k = static_cast<int>(integer(value, 100000));
    } else if (key == "aeo" && value.is_string()) {
      s.aeo = value.get<std::string>();
    } else if (key == "green_lane_share" && value.is_number()) {
      s.green_lane_share = value.get<double>();
    } else if (key == "delay_threshold_h" && value.is_number()) {
      s.delay_threshold_h = value.get<double>();
    } else if (key == "batches" && value.is_array() && value.size() <= 64 &&
               std::all_of(value.begin(), value.end(), [](const json& b) { return b.is_string(); })) {
      s.batches = value.get<std::vector<std::string>>();
    } else {
      return InvalidInput("option '" + key + "' is unknown for this kind of run or has the wrong type (" +
                          value.dump() + ")");
    }
  }
  return s.Validate();
}

Result<store::RunResults> RunSimulate(const RunJob& job, const engine::RunControl& control,
                                      Diagnostics& diags) {
  const auto& scenario = job.scenarios[0];
  engine::SimulateRequest req;
  if (Status s = ReadSimulateSettings(job.settings, req.settings); !s.ok()) return s;
  req.input.dataset_folder = job.dataset_name;
  req.input.dataset_files = *job.dataset_files;
  if (scenario.second) {
    req.input.scenario_file = scenario.first + ".toml";
    req.input.scenario_text = scenario.second;
  }
  req.control = &control;
  auto r = engine::Simulate(req, diags);
  if (!r.ok()) return r.status();
  const report::SimReport rep = r->Report();
  store::RunResults out;
  for (const auto& [name, text] : report::SimResultFiles(rep)) {
    out.artifacts.push_back({name, MediaType(name), text});
  }
  if (scenario.second) out.artifacts.push_back({"scenario.toml", MediaType(".toml"), *scenario.second});
  double worst_wait = 0;
  std::string worst;
  for (const auto& e : r->sim.elements) {
    if (e.wait_p95_h.mean >= worst_wait) {
      worst_wait = e.wait_p95_h.mean;
      worst = e.element->id;
    }
  }
  out.summary_json = json{{"scenario", rep.run.scenario_name},
                          {"elements", r->sim.elements.size()},
                          {"replications", r->sim.options.replications},
                          {"events", r->sim.events},
                          {"longest_p95_wait_element", worst},
                          {"longest_p95_wait_h", worst_wait}}
                         .dump();
  return out;
}

}  // namespace corridor::api
