#include <algorithm>
#include <chrono>

#include <nlohmann/json.hpp>

#include "api/plan.h"
#include "api/compare_view.h"
#include "api/errors.h"
#include "api/service_impl.h"
#include "api/sim_run.h"
#include "risk/reader.h"
#include "api/settle.h"

namespace corridor::api {

using nlohmann::json;
using http::Request;
using http::Response;

namespace {

// The artifact a run's "result" endpoint returns, by kind.
const char* PrimaryArtifact(const std::string& kind) {
  if (kind == "assign") return "ue_result.json";
  if (kind == "compare") return "comparison.json";
  if (kind == "simulate") return "sim_result.json";
  if (kind == "risk") return "risk_result.json";
  if (kind == "plan") return "plan_result.json";
  if (kind == "settle") return "settle_result.json";
  return "result.json";
}

// kind risk: the measures' scenario ids appended to `ids` after the reference (the
// baseline unless scenario_id), and the risk model's text: the request's "risk_model"
// or the dataset's risk.toml, checked now.
Result<std::string> RiskRunInputs(const json& body, const Files& files,
                                  std::vector<std::int64_t>& ids) {
  if (ids.empty()) ids.push_back(0);
  if (const auto it = body.find("measure_scenario_ids"); it != body.end()) {
    if (!it->is_array() || it->size() > 16) {
      return InvalidInput("field 'measure_scenario_ids' must be a list of at most 16 scenario ids");
    }
    for (const json& v : *it) {
      if (!v.is_number_integer() || v.get<std::int64_t>() < 0) {
        return InvalidInput("field 'measure_scenario_ids' holds a value that is not an id: " +
                            v.dump());
      }
      ids.push_back(v.get<std::int64_t>());
    }
  }
  std::string text;
  if (const auto it = body.find("risk_model"); it != body.end()) {
    if (!it->is_string()) return InvalidInput("field 'risk_model' must be the risk model's TOML text");
    text = it->get<std::string>();
  } else if (const auto f = files.find(kDatasetRiskModel); f != files.end()) {
    text = f->second;
  } else {
    return InvalidInput("no risk model: give 'risk_model' (its TOML text) or import a dataset "
                        "folder that has a risk.toml");
  }
  Diagnostics diags;
  auto model = risk::ParseRiskModel(text, kDatasetRiskModel, diags);
  if (!model.ok()) return model.status();
  return text;
}

}  // namespace

Response Service::Impl::RunAnswer(int status, std::int64_t id) {
  auto run = store.GetRun(id);
  if (!run.ok()) return ErrorFromStatus(run.status());
  std::vector<std::string> names;
  if (run->status == store::RunStatus::kFinished) {
    auto list = store.ListArtifacts(id);
    if (list.ok()) names = std::move(list).value();
  }
  return Json(status, RunJson(*run, names));
}

Response Service::Impl::StartRun(const Request& req, const Caller& caller) {
  Response error;
  auto body = JsonBody(req, &error);
  if (!body) return error;
  Fields f(*body);
  const auto kind = f.String("kind", true);
  const auto dataset = f.Id("dataset_id", true);
  const auto scenario = f.Id("scenario_id", false);
  if (!f.ok()) return BadRequest(f.error());
  if (*kind != "solve" && *kind != "assign" && *kind != "compare" && *kind != "simulate" &&
      *kind != "risk" && *kind != "plan" && *kind != "settle") {
    return BadRequest("field 'kind' must be solve, assign, compare, simulate, risk, plan or settle, "
                      "got '" + *kind + "'");
  }
  json settings = body->value("options", json::object());
  if (!settings.is_object()) return BadRequest("field 'options' must be an object");
  {  // reject bad options now, not in the job
    Status s = Status::Ok();
    if (*kind == "assign") {
      engine::AssignSettings a;
      s = ReadAssignSettings(settings, a);
    } else if (*kind == "simulate") {
      engine::SimulateSettings sim;
      s = ReadSimulateSettings(settings, sim);
    } else if (*kind == "risk") {
      engine::RiskSettings r;
      s = ReadRiskSettings(settings, r);
    } else if (*kind == "plan") {
      plan::PlanOptions p;
      s = ReadPlanSettings(settings, p, nullptr, false);
    } else if (*kind == "settle") {
      SettleSettings st;
      s = ReadSettleSettings(settings, st);
    } else {
      engine::SolveSettings so;
      s = ReadSolveSettings(settings, so);
    }
    if (!s.ok()) return BadRequest(s.message());
  }
  std::vector<std::int64_t> ids;
  if (*kind == "compare") {
    const auto it = body->find("scenario_ids");
    if (it == body->end() || !it->is_array() || it->empty() || it->size() > 64) {
      return BadRequest("field 'scenario_ids' must be a list of 1 to 64 scenario ids (0 = baseline)");
    }
    for (const json& v : *it) {
      if (!v.is_number_integer() || v.get<std::int64_t>() < 0) {
        return BadRequest("field 'scenario_ids' holds a value that is not an id: " + v.dump());
      }
      ids.push_back(v.get<std::int64_t>());
    }
  } else if (scenario && *scenario > 0) {
    ids.push_back(*scenario);
  }

  auto ds = store.GetDataset(*dataset);
  if (!ds.ok()) return ErrorFromStatus(ds.status());
  auto files = DatasetFiles(*dataset);
  if (!files.ok()) return ErrorFromStatus(files.status());
  json job_settings = settings;  // a plan run takes its projects file now, as the scenarios
  if (*kind == "plan") {
    if (Status s = AddDatasetProjects(job_settings, **files); !s.ok()) return BadRequest(s.message());
    settings.erase("projects");
    settings["projects_hash_fnv1a64"] = ProjectsHash(job_settings["projects"].get<std::string>());
  }
  std::string risk_model;
  if (*kind == "risk") {
    auto model = RiskRunInputs(*body, **files, ids);
    if (!model.ok()) return BadRequest(model.status().message());
    risk_model = std::move(model).value();
  }
  // The scenario texts are taken now: editing a scenario later does not change
  // what a queued run solves, and its hash is recorded.
  std::vector<std::pair<std::string, std::optional<std::string>>> scenarios;
  std::string hashes;  // comma-separated, "" for the baseline
  for (std::size_t i = 0; i < ids.size(); ++i) {
    if (i > 0) hashes += ",";
    if (ids[i] == 0) {
      scenarios.emplace_back("baseline", std::nullopt);
      continue;
    }
    auto s = store.GetScenario(ids[i]);
    if (!s.ok()) return ErrorFromStatus(s.status());
    if (s->dataset_id != *dataset) {
      return ErrorFromStatus(Conflict("scenario " + std::to_string(ids[i]) + " belongs to dataset " +
                                      std::to_string(s->dataset_id) + ", not " +
                                      std::to_string(*dataset)));
    }
    scenarios.emplace_back(s->name, s->text);
    hashes += s->content_hash;
  }
  if (scenarios.empty()) scenarios.emplace_back("baseline", std::nullopt);

  store::RunRecord record;
  record.kind = *kind;
  record.dataset_id = *dataset;
  record.dataset_hash = ds->content_hash;
  record.scenario_ids = ids;
  record.scenario_hashes = hashes;
  record.options_json = settings.dump();
  record.program_version = engine::ProgramVersion();
  record.seed = 0;  // every solver here is deterministic; kept for the record
  record.owner_id = caller.user_id;
  auto created = store.CreateRun(record);
  if (!created.ok()) return ErrorFromStatus(created.status());
  const std::int64_t id = created->id;
  Audit(caller, "run.start", "run " + std::to_string(id),
        {{"kind", *kind}, {"dataset_id", *dataset}, {"scenario_ids", ids}});

  // Progress goes to the store at most every 200 ms (and on every new stage).
  auto last = std::make_shared<std::pair<std::chrono::steady_clock::time_point, std::string>>();
  auto progress_mu = std::make_shared<std::mutex>();
  auto on_progress = [this, id, last, progress_mu](double fraction, const std::string& stage) {
    std::lock_guard lock(*progress_mu);
    const auto now = std::chrono::steady_clock::now();
    const bool new_stage = stage.substr(0, stage.find(' ')) != last->second.substr(0, last->second.find(' '));
    if (!new_stage && now - last->first < std::chrono::milliseconds(200)) return;
    *last = {now, stage};
    (void)store.UpdateProgress(id, std::clamp(fraction, 0.0, 1.0), stage);
  };
  RunJob job{*kind, ds->name, *files, scenarios, job_settings, risk_model};
  Status queued = jobs.Submit(
      id,
      [this, run = *created, job = std::move(job)](const engine::RunControl& control) {
        Execute(run, job, control);
      },
      on_progress);
  if (!queued.ok()) {
    (void)store.EndRun(id, store::RunStatus::kFailed, ErrorObjectJson(queued), 0.0);
    Response r = http::ErrorResponse(503, "overloaded", queued.message());
    r.headers.emplace_back("Retry-After", "5");
    return r;
  }
  return RunAnswer(202, id);
}

Response Service::Impl::ListRuns(const Request& req) {
  int limit = 50, offset = 0;
  std::optional<std::int64_t> dataset;
  for (const auto& [key, value] : req.query) {
    const auto v = ParseId(value);
    if (!v) return BadRequest("query '" + key + "' must be a non-negative integer, got '" + value + "'");
    if (key == "limit") {
      limit = static_cast<int>(std::clamp<std::int64_t>(*v, 1, 1000));
    } else if (key == "offset") {
      offset = static_cast<int>(std::min<std::int64_t>(*v, 1'000'000'000));
    } else if (key == "dataset") {
      dataset = *v;
    } else {
      return BadRequest("unknown query parameter '" + key + "' (limit, offset, dataset)");
    }
  }
  auto list = store.ListRuns(limit, offset, dataset);
  if (!list.ok()) return ErrorFromStatus(list.status());
  json out = json::array();
  for (const auto& r : *list) out.push_back(RunJson(r, {}));
  return Json(200, {{"runs", out}});
}

Response Service::Impl::GetRun(const Request& req) {
  const auto id = PathId(req);
  if (!id) return BadId(req);
  return RunAnswer(200, *id);
}

Response Service::Impl::CancelRun(const Request& req, const Caller& caller) {
  const auto id = PathId(req);
  if (!id) return BadId(req);
  auto run = store.GetRun(*id);
  if (!run.ok()) return ErrorFromStatus(run.status());
  if (Status s = RequireOwner(caller, run->owner_id, "run " + std::to_string(*id)); !s.ok()) {
    return ErrorFromStatus(s);
  }
  if (run->status != store::RunStatus::kQueued && run->status != store::RunStatus::kRunning) {
    return ErrorFromStatus(Conflict("run " + std::to_string(*id) + " has already ended (" +
                                    store::RunStatusName(run->status) + ")"));
  }
  switch (jobs.Cancel(*id)) {
    case JobQueue::CancelResult::kDequeued:
      (void)store.EndRun(*id, store::RunStatus::kCancelled,
                         ErrorObjectJson(Cancelled("cancelled before it started")), 0.0);
      break;
    case JobQueue::CancelResult::kSignalled:
      break;  // the job ends itself at its next stage boundary
    case JobQueue::CancelResult::kUnknown:
      // Between the queue and the store (just finished): report its state.
      break;
  }
  Audit(caller, "run.cancel", "run " + std::to_string(*id));
  return RunAnswer(202, *id);
}

Response Service::Impl::ArtifactAnswer(std::int64_t id, const std::string& name) {
  auto run = store.GetRun(id);
  if (!run.ok()) return ErrorFromStatus(run.status());
  if (run->status != store::RunStatus::kFinished) {
    return ErrorFromStatus(Conflict("run " + std::to_string(id) + " is " +
                                    store::RunStatusName(run->status) + ", not finished"));
  }
  auto a = Artifact(id, name);
  if (!a.ok()) return ErrorFromStatus(a.status());
  Response r;
  r.content_type = (*a)->media_type;
  r.body = (*a)->content;
  return r;
}

http::Handler Service::Impl::Named(const std::string& name) {
  return [this, name](const Request& req) {
    const auto id = PathId(req);
    if (!id) return BadId(req);
    return ArtifactAnswer(*id, name);
  };
}

Response Service::Impl::ResultOf(const Request& req) {
  const auto id = PathId(req);
  if (!id) return BadId(req);
  auto run = store.GetRun(*id);
  if (!run.ok()) return ErrorFromStatus(run.status());
  return ArtifactAnswer(*id, PrimaryArtifact(run->kind));
}

Response Service::Impl::AnyArtifact(const Request& req) {
  const auto id = PathId(req);
  if (!id) return BadId(req);
  return ArtifactAnswer(*id, req.params.at("name"));
}

Response Service::Impl::Compare(const Request& req) {
  const auto it = req.query.find("runs");
  if (it == req.query.end() || it->second.empty()) {
    return BadRequest("query 'runs' must list run ids, e.g. runs=12,13");
  }
  std::vector<std::int64_t> ids;
  std::string token;
  for (std::size_t i = 0; i <= it->second.size(); ++i) {
    if (i == it->second.size() || it->second[i] == ',') {
      const auto v = ParseId(token);
      if (!v) return BadRequest("query 'runs' holds '" + token + "', not a run id");
      ids.push_back(*v);
      token.clear();
    } else {
      token += it->second[i];
    }
  }
  if (ids.size() > 32) return BadRequest("query 'runs' lists more than 32 runs");
  std::vector<StoredRun> runs;
  std::int64_t dataset = -1;
  for (std::int64_t id : ids) {
    auto run = store.GetRun(id);
    if (!run.ok()) return ErrorFromStatus(run.status());
    if (run->kind != "solve") {
      return ErrorFromStatus(Conflict("run " + std::to_string(id) + " is a " + run->kind +
                                      " run; compare takes solve runs"));
    }
    if (dataset >= 0 && run->dataset_id != dataset) {
      return ErrorFromStatus(Conflict("runs of different datasets cannot be compared"));
    }
    dataset = run->dataset_id;
    if (run->status != store::RunStatus::kFinished) {
      return ErrorFromStatus(Conflict("run " + std::to_string(id) + " is " +
                                      store::RunStatusName(run->status) + ", not finished"));
    }
    auto result = Artifact(id, "result.json");
    if (!result.ok()) return ErrorFromStatus(result.status());
    auto flows = Artifact(id, "flows.geojson");
    if (!flows.ok()) return ErrorFromStatus(flows.status());
    const json summary = ParseOrNull(run->summary_json);
    const std::string scenario =
        summary.is_object() ? summary.value("scenario", "") : std::string();
    runs.push_back({id, scenario.empty() ? "run " + std::to_string(id) : scenario,
                    (*result)->content, (*flows)->content});
  }
  auto doc = CompareDocument(runs);
  if (!doc.ok()) return ErrorFromStatus(doc.status());
  Response r;
  r.body = std::move(doc).value();
  return r;
}

}  // namespace corridor::api
