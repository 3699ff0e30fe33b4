#include "api/service.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <deque>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <utility>
#include <vector>

#include "api/compare_view.h"
#include "api/errors.h"
#include "core/hash.h"
#include "engine/assign.h"
#include "engine/compare.h"
#include "engine/engine.h"
#include "engine/options.h"
#include "io/dataset_reader.h"
#include "io/scenario_reader.h"
#include "io/text_file.h"
#include "report/assign_report.h"
#include "report/compare_report.h"
#include "report/report.h"

namespace corridor::api {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using http::Request;
using http::Response;
using Files = std::map<std::string, std::string>;

Response Json(int status, const json& body) {
  Response r;
  r.status = status;
  r.body = body.dump();
  return r;
}

Response NoContent() {
  Response r;
  r.status = 204;
  r.content_type = "";
  return r;
}

// "" or a JSON text -> the JSON value, null when empty or unreadable.
json ParseOrNull(const std::string& text) {
  if (text.empty()) return nullptr;
  json j = json::parse(text, nullptr, false);
  return j.is_discarded() ? json(nullptr) : j;
}

// Parses a request body that must be a JSON object; on failure `error` is the answer.
std::optional<json> JsonBody(const Request& req, Response* error) {
  const std::string type = req.Header("Content-Type");
  if (type.rfind("application/json", 0) != 0) {
    *error = http::ErrorResponse(415, "unsupported_media_type",
                                 "the body must be application/json, got '" + type + "'");
    return std::nullopt;
  }
  try {
    json body = json::parse(req.body);
    if (!body.is_object()) {
      *error = BadRequest("the body must be a JSON object, got " + std::string(body.type_name()));
      return std::nullopt;
    }
    return body;
  } catch (const json::parse_error& e) {
    // e.byte is the 1-based offset of the problem; give line and column too.
    const std::size_t at = std::min<std::size_t>(e.byte > 0 ? e.byte - 1 : 0, req.body.size());
    const auto line = 1 + std::count(req.body.begin(), req.body.begin() + static_cast<long>(at), '\n');
    const auto last_nl = req.body.rfind('\n', at == 0 ? 0 : at - 1);
    const auto column = at - (last_nl == std::string::npos ? 0 : last_nl + 1) + 1;
    *error = http::ErrorResponse(400, "invalid_json",
                                 "body is not valid JSON at line " + std::to_string(line) +
                                     ", column " + std::to_string(column) + ": " + e.what());
    return std::nullopt;
  }
}

// Typed access to request fields with a located 400 on a wrong type.
class Fields {
 public:
  explicit Fields(const json& obj) : obj_(obj) {}

  std::optional<std::string> String(const char* key, bool required) {
    const json* v = Find(key, required, "a string");
    if (!v) return std::nullopt;
    if (!v->is_string()) return Wrong(key, "a string", *v);
    return v->get<std::string>();
  }
  std::optional<std::int64_t> Id(const char* key, bool required) {
    const json* v = Find(key, required, "an id");
    if (!v) return std::nullopt;
    if (!v->is_number_integer() || v->get<std::int64_t>() < 0) return Wrong(key, "an id", *v);
    return v->get<std::int64_t>();
  }
  const std::string& error() const { return error_; }
  bool ok() const { return error_.empty(); }

 private:
  const json* Find(const char* key, bool required, const char* what) {
    const auto it = obj_.find(key);
    if (it == obj_.end() || it->is_null()) {
      if (required && error_.empty()) error_ = std::string("field '") + key + "' (" + what + ") is required";
      return nullptr;
    }
    return &*it;
  }
  std::nullopt_t Wrong(const char* key, const char* what, const json& v) {
    if (error_.empty()) {
      error_ = std::string("field '") + key + "' must be " + what + ", got " + v.dump();
    }
    return std::nullopt;
  }
  const json& obj_;
  std::string error_;
};

// A non-negative decimal id (at most 18 digits, so it fits), or nullopt.
std::optional<std::int64_t> ParseId(const std::string& text) {
  if (text.empty() || text.size() > 18) return std::nullopt;
  std::int64_t v = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + (c - '0');
  }
  return v;
}

std::optional<std::int64_t> PathId(const Request& req) {
  const auto it = req.params.find("id");
  return it == req.params.end() ? std::nullopt : ParseId(it->second);
}

Response BadId(const Request& req) {
  const auto it = req.params.find("id");
  return BadRequest("id must be a non-negative integer, got '" +
                    (it == req.params.end() ? std::string() : it->second) + "'");
}

json DatasetJson(const store::DatasetRecord& d) {
  return {{"id", d.id},
          {"name", d.name},
          {"content_hash", d.content_hash},
          {"reference_year", d.reference_year},
          {"source_folder", d.source_folder},
          {"imported_at", d.imported_at}};
}

json ScenarioJson(const store::ScenarioRecord& s, bool with_text) {
  json j = {{"id", s.id},           {"dataset_id", s.dataset_id}, {"name", s.name},
            {"content_hash", s.content_hash}, {"created_at", s.created_at},
            {"updated_at", s.updated_at}};
  if (with_text) j["text"] = s.text;
  return j;
}

json RunJson(const store::RunRecord& r, const std::vector<std::string>& artifacts) {
  return {{"id", r.id},
          {"kind", r.kind},
          {"status", store::RunStatusName(r.status)},
          {"progress", r.progress},
          {"stage", r.stage},
          {"dataset_id", r.dataset_id},
          {"dataset_hash", r.dataset_hash},
          {"scenario_ids", r.scenario_ids},
          {"scenario_hashes", r.scenario_hashes},
          {"options", ParseOrNull(r.options_json)},
          {"program_version", r.program_version},
          {"seed", r.seed},
          {"created_at", r.created_at},
          {"started_at", r.started_at},
          {"finished_at", r.finished_at},
          {"wall_seconds", r.wall_seconds},
          {"error", ParseOrNull(r.error_json)},
          {"summary", ParseOrNull(r.summary_json)},
          {"artifacts", artifacts}};
}

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

std::vector<store::Artifact> ToArtifacts(const std::vector<report::OutputFile>& files) {
  std::vector<store::Artifact> out;
  out.reserve(files.size());
  for (const auto& [name, text] : files) out.push_back({name, MediaType(name), text});
  return out;
}

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

// The artifact a run's "result" endpoint returns, by kind.
const char* PrimaryArtifact(const std::string& kind) {
  if (kind == "assign") return "ue_result.json";
  if (kind == "compare") return "comparison.json";
  return "result.json";
}

}  // namespace

constexpr const char* kInterrupted = "interrupted: the server stopped";

// The error the store also gives runs it finds unfinished at start (store.cc).
std::string InterruptedErrorJson() {
  return json{{"code", "interrupted"}, {"message", kInterrupted}}.dump();
}

struct Service::Impl {
  store::Store& store;
  ServiceOptions options;
  std::atomic<bool> stopping{false};
  JobQueue jobs;

  std::mutex cache_mu;
  std::map<std::int64_t, std::shared_ptr<const Files>> dataset_files;  // immutable per id
  std::map<std::int64_t, std::shared_ptr<const std::string>> networks;
  std::map<std::pair<std::int64_t, std::string>, std::shared_ptr<const store::Artifact>> artifacts;
  std::deque<std::pair<std::int64_t, std::string>> artifact_order;  // oldest first
  std::size_t artifact_bytes = 0;

  Impl(store::Store& s, ServiceOptions o)
      : store(s), options(o), jobs(o.workers, o.max_queued) {}

  // ---- cached reads -------------------------------------------------------

  Result<std::shared_ptr<const Files>> DatasetFiles(std::int64_t id) {
    {
      std::lock_guard lock(cache_mu);
      if (auto it = dataset_files.find(id); it != dataset_files.end()) return it->second;
    }
    auto files = store.GetDatasetFiles(id);
    if (!files.ok()) return files.status();
    auto map = std::make_shared<Files>();
    for (auto& f : *files) (*map)[f.name] = std::move(f.content);
    std::lock_guard lock(cache_mu);
    dataset_files[id] = map;
    return std::shared_ptr<const Files>(map);
  }

  void ForgetDataset(std::int64_t id) {
    std::lock_guard lock(cache_mu);
    dataset_files.erase(id);
    networks.erase(id);
  }

  // A finished run's artifacts never change, so they are cached (oldest evicted).
  Result<std::shared_ptr<const store::Artifact>> Artifact(std::int64_t run_id, const std::string& name) {
    const auto key = std::make_pair(run_id, name);
    {
      std::lock_guard lock(cache_mu);
      if (auto it = artifacts.find(key); it != artifacts.end()) return it->second;
    }
    auto a = store.GetArtifact(run_id, name);
    if (!a.ok()) return a.status();
    auto shared = std::make_shared<const store::Artifact>(std::move(a).value());
    std::lock_guard lock(cache_mu);
    if (shared->content.size() <= options.artifact_cache_bytes && !artifacts.count(key)) {
      artifacts[key] = shared;
      artifact_order.push_back(key);
      artifact_bytes += shared->content.size();
      while (artifact_bytes > options.artifact_cache_bytes && !artifact_order.empty()) {
        const auto old = artifact_order.front();
        artifact_order.pop_front();
        artifact_bytes -= artifacts[old]->content.size();
        artifacts.erase(old);
      }
    }
    return std::shared_ptr<const store::Artifact>(shared);
  }

  // ---- inputs ---------------------------------------------------------------

  // The engine input for a stored dataset and (optionally) scenario text.
  Result<engine::InputRequest> Input(std::int64_t dataset_id, const std::string& scenario_name,
                                     const std::optional<std::string>& scenario_text) {
    auto ds = store.GetDataset(dataset_id);
    if (!ds.ok()) return ds.status();
    auto files = DatasetFiles(dataset_id);
    if (!files.ok()) return files.status();
    engine::InputRequest in;
    in.dataset_folder = ds->name;
    in.dataset_files = **files;
    if (scenario_text) {
      in.scenario_file = scenario_name + ".toml";
      in.scenario_text = scenario_text;
    }
    return in;
  }

  // Parses the scenario and applies it to its dataset: the errors and warnings.
  Status ValidateScenario(std::int64_t dataset_id, const std::string& name, const std::string& text,
                          Diagnostics& diags) {
    auto in = Input(dataset_id, name, text);
    if (!in.ok()) return in.status();
    auto loaded = engine::LoadInput(*in, diags);
    return loaded.ok() ? Status::Ok() : loaded.status();
  }

  // ---- datasets -------------------------------------------------------------

  Result<ImportResult> ImportFolder(const std::string& folder, Diagnostics& diags) {
    // Each file is read once: the bytes that are validated are the bytes stored.
    std::error_code ec;
    if (!fs::is_directory(folder, ec)) {
      diags.Error(folder, 0, "", "dataset folder not found");
      return NotFound("dataset folder not found: " + folder);
    }
    Files texts;
    std::vector<store::DatasetFile> files;
    for (const char* name : io::kDatasetFiles) {
      auto text = io::ReadTextFile((fs::path(folder) / name).string());
      if (!text) return NotFound("cannot read " + (fs::path(folder) / name).string());
      texts[name] = *text;
      files.push_back({name, std::move(*text)});
    }
    for (const char* name : io::kOptionalDatasetFiles) {
      const fs::path path = fs::path(folder) / name;
      if (!fs::exists(path, ec)) continue;
      auto text = io::ReadTextFile(path.string());
      if (!text) return NotFound("cannot read " + path.string());
      texts[name] = *text;
      files.push_back({name, std::move(*text)});
    }
    auto ds = io::ParseDataset(folder, texts, diags);
    if (!ds.ok()) return ds.status();
    store::DatasetRecord meta;
    meta.name = ds->meta.name.empty() ? fs::path(folder).filename().string() : ds->meta.name;
    meta.content_hash = ds->content_hash;
    meta.reference_year = ds->meta.reference_year;
    meta.source_folder = folder;
    auto before = store.ListDatasets();
    if (!before.ok()) return before.status();
    const bool existed = std::any_of(before->begin(), before->end(), [&](const auto& d) {
      return d.content_hash == meta.content_hash;
    });
    auto record = store.ImportDataset(meta, files);
    if (!record.ok()) return record.status();
    ImportResult result{*record, !existed, 0};

    // Scenarios: every scenarios/*.toml whose name is not stored yet, if valid.
    const fs::path dir = fs::path(folder) / "scenarios";
    if (!fs::is_directory(dir, ec)) return result;
    std::vector<fs::path> paths;
    for (const auto& e : fs::directory_iterator(dir, ec)) {
      if (e.path().extension() == ".toml") paths.push_back(e.path());
    }
    std::sort(paths.begin(), paths.end());
    auto stored = store.ListScenarios(record->id);
    if (!stored.ok()) return stored.status();
    for (const fs::path& p : paths) {
      const std::string name = p.stem().string();
      if (std::any_of(stored->begin(), stored->end(), [&](const auto& s) { return s.name == name; })) {
        continue;
      }
      auto text = io::ReadTextFile(p.string());
      if (!text) continue;
      Diagnostics local;
      if (!ValidateScenario(record->id, name, *text, local).ok()) {
        diags.Warning(p.string(), 0, "", "scenario not imported: " + local.ToString());
        continue;
      }
      if (store.CreateScenario(record->id, name, *text).ok()) ++result.scenarios_imported;
    }
    return result;
  }

  // ---- runs -----------------------------------------------------------------

  // Executes one run on a job thread and stores its outcome.
  void Execute(store::RunRecord run, std::vector<std::pair<std::string, std::optional<std::string>>> scenarios,
               json settings, const engine::RunControl& control) {
    const auto start = std::chrono::steady_clock::now();
    const auto elapsed = [&] {
      return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    };
    (void)store.MarkRunning(run.id);
    Diagnostics diags;
    Result<store::RunResults> results = Status(Internal("run kind not handled: " + run.kind));
    if (run.kind == "solve") results = RunSolve(run, scenarios[0], settings, control, diags);
    if (run.kind == "assign") results = RunAssign(run, scenarios[0], settings, control, diags);
    if (run.kind == "compare") results = RunCompare(run, scenarios, settings, control, diags);
    if (results.ok() && control.cancelled()) results = Status(Cancelled("cancelled"));
    if (results.ok()) {
      (void)store.UpdateProgress(run.id, 1.0, "done");
      (void)store.FinishRun(run.id, *results, elapsed());
      return;
    }
    Status s = results.status();
    // A run stopped by the server's shutdown was interrupted, not cancelled by a user.
    if (s.code() == StatusCode::kCancelled && stopping.load()) s = Unavailable(kInterrupted);
    const auto status = s.code() == StatusCode::kCancelled ? store::RunStatus::kCancelled
                                                           : store::RunStatus::kFailed;
    (void)store.EndRun(run.id, status,
                       s.message() == kInterrupted ? InterruptedErrorJson() : ErrorObjectJson(s, &diags),
                       elapsed());
  }

  Result<store::RunResults> RunSolve(const store::RunRecord& run,
                                     const std::pair<std::string, std::optional<std::string>>& scenario,
                                     const json& settings_json, const engine::RunControl& control,
                                     Diagnostics& diags) {
    engine::SolveSettings settings;
    if (Status s = ReadSolveSettings(settings_json, settings); !s.ok()) return s;
    auto in = Input(run.dataset_id, scenario.first, scenario.second);
    if (!in.ok()) return in.status();
    engine::SolveRequest req{*in, settings.ToOptions(), settings.Record(), &control};
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

  Result<store::RunResults> RunAssign(const store::RunRecord& run,
                                      const std::pair<std::string, std::optional<std::string>>& scenario,
                                      const json& settings_json, const engine::RunControl& control,
                                      Diagnostics& diags) {
    engine::AssignSettings settings;
    if (Status s = ReadAssignSettings(settings_json, settings); !s.ok()) return s;
    auto in = Input(run.dataset_id, scenario.first, scenario.second);
    if (!in.ok()) return in.status();
    engine::AssignRequest req;
    req.input = *in;
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

  Result<store::RunResults> RunCompare(const store::RunRecord& run,
                                       const std::vector<std::pair<std::string, std::optional<std::string>>>& scenarios,
                                       const json& settings_json, const engine::RunControl& control,
                                       Diagnostics& diags) {
    engine::SolveSettings settings;
    settings.ranging = 0;  // as `corridor compare`: no ranging unless asked
    if (Status s = ReadSolveSettings(settings_json, settings); !s.ok()) return s;
    engine::CompareRequest req;
    for (const auto& [name, text] : scenarios) {
      auto in = Input(run.dataset_id, name, text);
      if (!in.ok()) return in.status();
      req.inputs.push_back(std::move(in).value());
    }
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

  // ---- handlers -------------------------------------------------------------

  Response Health(const Request&) {
    const auto s = jobs.stats();
    return Json(200, {{"status", "ok"},
                      {"version", engine::ProgramVersion()},
                      {"schema_version", store.schema_version()},
                      {"jobs", {{"running", s.running}, {"queued", s.queued}, {"workers", s.workers}}}});
  }

  Response ListDatasets(const Request&) {
    auto list = store.ListDatasets();
    if (!list.ok()) return ErrorFromStatus(list.status());
    json out = json::array();
    for (const auto& d : *list) out.push_back(DatasetJson(d));
    return Json(200, {{"datasets", out}});
  }

  Response ImportDataset(const Request& req) {
    Response error;
    auto body = JsonBody(req, &error);
    if (!body) return error;
    Fields f(*body);
    const auto folder = f.String("folder", true);
    if (!f.ok()) return BadRequest(f.error());
    Diagnostics diags;
    auto imported = ImportFolder(*folder, diags);
    if (!imported.ok()) return ErrorFromStatus(imported.status(), &diags);
    json out = DatasetJson(imported->dataset);
    out["scenarios_imported"] = imported->scenarios_imported;
    return Json(imported->created ? 201 : 200, out);
  }

  Response GetDataset(const Request& req) {
    const auto id = PathId(req);
    if (!id) return BadId(req);
    auto d = store.GetDataset(*id);
    return d.ok() ? Json(200, DatasetJson(*d)) : ErrorFromStatus(d.status());
  }

  Response Network(const Request& req) {
    const auto id = PathId(req);
    if (!id) return BadId(req);
    std::shared_ptr<const std::string> geojson;
    {
      std::lock_guard lock(cache_mu);
      if (auto it = networks.find(*id); it != networks.end()) geojson = it->second;
    }
    if (!geojson) {
      auto ds = store.GetDataset(*id);
      if (!ds.ok()) return ErrorFromStatus(ds.status());
      auto files = DatasetFiles(*id);
      if (!files.ok()) return ErrorFromStatus(files.status());
      Diagnostics diags;
      auto parsed = io::ParseDataset(ds->name, **files, diags);
      if (!parsed.ok()) return ErrorFromStatus(parsed.status(), &diags);
      geojson = std::make_shared<const std::string>(report::NetworkGeoJson(*parsed));
      std::lock_guard lock(cache_mu);
      networks[*id] = geojson;
    }
    Response r;
    r.content_type = "application/geo+json";
    r.body = *geojson;
    return r;
  }

  Response DeleteDataset(const Request& req) {
    const auto id = PathId(req);
    if (!id) return BadId(req);
    if (Status s = store.DeleteDataset(*id); !s.ok()) return ErrorFromStatus(s);
    ForgetDataset(*id);
    return NoContent();
  }

  Response ListScenarios(const Request& req) {
    std::optional<std::int64_t> dataset;
    if (auto it = req.query.find("dataset"); it != req.query.end()) {
      dataset = ParseId(it->second);
      if (!dataset) return BadRequest("query 'dataset' must be an id, got '" + it->second + "'");
    }
    auto list = store.ListScenarios(dataset);
    if (!list.ok()) return ErrorFromStatus(list.status());
    json out = json::array();
    for (const auto& s : *list) out.push_back(ScenarioJson(s, false));
    return Json(200, {{"scenarios", out}});
  }

  // The name given, else the TOML's own `name`, else "" (then the caller asks for one).
  static std::string ScenarioName(const std::optional<std::string>& given, const std::string& text) {
    if (given && !given->empty()) return *given;
    Diagnostics ignored;
    auto parsed = io::ParseScenario(text, "scenario.toml", ignored);
    return parsed.ok() && parsed->name != "scenario" ? parsed->name : "";
  }

  Response CreateScenario(const Request& req) {
    Response error;
    auto body = JsonBody(req, &error);
    if (!body) return error;
    Fields f(*body);
    const auto dataset = f.Id("dataset_id", true);
    const auto name_given = f.String("name", false);
    const auto text = f.String("text", true);
    if (!f.ok()) return BadRequest(f.error());
    const std::string name = ScenarioName(name_given, *text);
    Diagnostics diags;
    if (Status s = ValidateScenario(*dataset, name.empty() ? "scenario" : name, *text, diags);
        !s.ok()) {
      return ErrorFromStatus(s, &diags);
    }
    if (name.empty()) return BadRequest("field 'name' is required (the text has no name either)");
    auto created = store.CreateScenario(*dataset, name, *text);
    if (!created.ok()) return ErrorFromStatus(created.status());
    json out = ScenarioJson(*created, true);
    out["warnings"] = DiagnosticsArray(diags);
    return Json(201, out);
  }

  Response GetScenario(const Request& req) {
    const auto id = PathId(req);
    if (!id) return BadId(req);
    auto s = store.GetScenario(*id);
    return s.ok() ? Json(200, ScenarioJson(*s, true)) : ErrorFromStatus(s.status());
  }

  Response UpdateScenario(const Request& req) {
    const auto id = PathId(req);
    if (!id) return BadId(req);
    Response error;
    auto body = JsonBody(req, &error);
    if (!body) return error;
    Fields f(*body);
    const auto name = f.String("name", false);
    const auto text = f.String("text", false);
    if (!f.ok()) return BadRequest(f.error());
    auto current = store.GetScenario(*id);
    if (!current.ok()) return ErrorFromStatus(current.status());
    const std::string new_name = name ? *name : current->name;
    const std::string new_text = text ? *text : current->text;
    if (new_name.empty()) return BadRequest("field 'name' must not be empty");
    Diagnostics diags;
    if (Status s = ValidateScenario(current->dataset_id, new_name, new_text, diags); !s.ok()) {
      return ErrorFromStatus(s, &diags);
    }
    auto updated = store.UpdateScenario(*id, new_name, new_text);
    if (!updated.ok()) return ErrorFromStatus(updated.status());
    json out = ScenarioJson(*updated, true);
    out["warnings"] = DiagnosticsArray(diags);
    return Json(200, out);
  }

  Response DeleteScenario(const Request& req) {
    const auto id = PathId(req);
    if (!id) return BadId(req);
    Status s = store.DeleteScenario(*id);
    return s.ok() ? NoContent() : ErrorFromStatus(s);
  }

  // Validation answers 200 either way: a scenario with errors is a valid request.
  Response ValidationAnswer(std::int64_t dataset, const std::string& name, const std::string& text) {
    Diagnostics diags;
    Status s = ValidateScenario(dataset, name, text, diags);
    if (!s.ok() && s.code() != StatusCode::kInvalidInput) return ErrorFromStatus(s, &diags);
    return Json(200, {{"valid", s.ok()}, {"diagnostics", DiagnosticsArray(diags)}});
  }

  Response ValidateText(const Request& req) {
    Response error;
    auto body = JsonBody(req, &error);
    if (!body) return error;
    Fields f(*body);
    const auto dataset = f.Id("dataset_id", true);
    const auto name = f.String("name", false);
    const auto text = f.String("text", true);
    if (!f.ok()) return BadRequest(f.error());
    const std::string n = ScenarioName(name, *text);
    return ValidationAnswer(*dataset, n.empty() ? "scenario" : n, *text);
  }

  Response ValidateStored(const Request& req) {
    const auto id = PathId(req);
    if (!id) return BadId(req);
    auto s = store.GetScenario(*id);
    if (!s.ok()) return ErrorFromStatus(s.status());
    return ValidationAnswer(s->dataset_id, s->name, s->text);
  }

  Response RunAnswer(int status, std::int64_t id) {
    auto run = store.GetRun(id);
    if (!run.ok()) return ErrorFromStatus(run.status());
    std::vector<std::string> names;
    if (run->status == store::RunStatus::kFinished) {
      auto list = store.ListArtifacts(id);
      if (list.ok()) names = std::move(list).value();
    }
    return Json(status, RunJson(*run, names));
  }

  Response StartRun(const Request& req) {
    Response error;
    auto body = JsonBody(req, &error);
    if (!body) return error;
    Fields f(*body);
    const auto kind = f.String("kind", true);
    const auto dataset = f.Id("dataset_id", true);
    const auto scenario = f.Id("scenario_id", false);
    if (!f.ok()) return BadRequest(f.error());
    if (*kind != "solve" && *kind != "assign" && *kind != "compare") {
      return BadRequest("field 'kind' must be solve, assign or compare, got '" + *kind + "'");
    }
    json settings = body->value("options", json::object());
    if (!settings.is_object()) return BadRequest("field 'options' must be an object");
    {  // reject bad options now, not in the job
      Status s = Status::Ok();
      if (*kind == "assign") {
        engine::AssignSettings a;
        s = ReadAssignSettings(settings, a);
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
    auto created = store.CreateRun(record);
    if (!created.ok()) return ErrorFromStatus(created.status());
    const std::int64_t id = created->id;

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
    Status queued = jobs.Submit(
        id,
        [this, run = *created, scenarios, settings](const engine::RunControl& control) {
          Execute(run, scenarios, settings, control);
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

  Response ListRuns(const Request& req) {
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

  Response GetRun(const Request& req) {
    const auto id = PathId(req);
    if (!id) return BadId(req);
    return RunAnswer(200, *id);
  }

  Response CancelRun(const Request& req) {
    const auto id = PathId(req);
    if (!id) return BadId(req);
    auto run = store.GetRun(*id);
    if (!run.ok()) return ErrorFromStatus(run.status());
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
    return RunAnswer(202, *id);
  }

  Response ArtifactAnswer(std::int64_t id, const std::string& name) {
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

  http::Handler Named(const std::string& name) {
    return [this, name](const Request& req) {
      const auto id = PathId(req);
      if (!id) return BadId(req);
      return ArtifactAnswer(*id, name);
    };
  }

  Response ResultOf(const Request& req) {
    const auto id = PathId(req);
    if (!id) return BadId(req);
    auto run = store.GetRun(*id);
    if (!run.ok()) return ErrorFromStatus(run.status());
    return ArtifactAnswer(*id, PrimaryArtifact(run->kind));
  }

  Response AnyArtifact(const Request& req) {
    const auto id = PathId(req);
    if (!id) return BadId(req);
    return ArtifactAnswer(*id, req.params.at("name"));
  }

  Response Compare(const Request& req) {
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
};

Service::Service(store::Store& store, ServiceOptions options)
    : impl_(std::make_unique<Impl>(store, options)) {}

Service::~Service() { Shutdown(); }

Result<Service::ImportResult> Service::ImportFolder(const std::string& folder, Diagnostics& diags) {
  return impl_->ImportFolder(folder, diags);
}

void Service::Shutdown() {
  impl_->stopping = true;
  for (std::int64_t id : impl_->jobs.Shutdown()) {
    (void)impl_->store.EndRun(id, store::RunStatus::kFailed, InterruptedErrorJson(), 0.0);
  }
}

void Service::Register(http::Router& router) {
  Impl* s = impl_.get();
  const auto bind = [s](Response (Impl::*fn)(const Request&)) {
    return [s, fn](const Request& req) { return (s->*fn)(req); };
  };
  router.Add("GET", "/v1/health", bind(&Impl::Health));
  router.Add("GET", "/v1/datasets", bind(&Impl::ListDatasets));
  router.Add("POST", "/v1/datasets", bind(&Impl::ImportDataset));
  router.Add("GET", "/v1/datasets/{id}", bind(&Impl::GetDataset));
  router.Add("DELETE", "/v1/datasets/{id}", bind(&Impl::DeleteDataset));
  router.Add("GET", "/v1/datasets/{id}/network", bind(&Impl::Network));
  router.Add("GET", "/v1/scenarios", bind(&Impl::ListScenarios));
  router.Add("POST", "/v1/scenarios", bind(&Impl::CreateScenario));
  router.Add("POST", "/v1/scenarios/validate", bind(&Impl::ValidateText));
  router.Add("GET", "/v1/scenarios/{id}", bind(&Impl::GetScenario));
  router.Add("PUT", "/v1/scenarios/{id}", bind(&Impl::UpdateScenario));
  router.Add("DELETE", "/v1/scenarios/{id}", bind(&Impl::DeleteScenario));
  router.Add("POST", "/v1/scenarios/{id}/validate", bind(&Impl::ValidateStored));
  router.Add("GET", "/v1/runs", bind(&Impl::ListRuns));
  router.Add("POST", "/v1/runs", bind(&Impl::StartRun));
  router.Add("GET", "/v1/runs/{id}", bind(&Impl::GetRun));
  router.Add("POST", "/v1/runs/{id}/cancel", bind(&Impl::CancelRun));
  router.Add("GET", "/v1/runs/{id}/result", bind(&Impl::ResultOf));
  for (const char* name : {"flows.csv", "od.csv", "resources.csv", "flows.geojson", "summary.txt"}) {
    router.Add("GET", std::string("/v1/runs/{id}/") + name, s->Named(name));
  }
  router.Add("GET", "/v1/runs/{id}/compare", s->Named("comparison.json"));
  router.Add("GET", "/v1/runs/{id}/artifacts/{name}", bind(&Impl::AnyArtifact));
  router.Add("GET", "/v1/compare", bind(&Impl::Compare));
}

}  // namespace corridor::api
