#include "api/service.h"

#include <chrono>
#include <type_traits>

#include <spdlog/spdlog.h>

#include "api/errors.h"
#include "api/service_impl.h"
#include "io/dataset_reader.h"

namespace corridor::api {

using nlohmann::json;
using http::Request;
using http::Response;

constexpr const char* kInterrupted = "interrupted: the server stopped";

std::string InterruptedErrorJson() {
  return json{{"code", "interrupted"}, {"message", kInterrupted}}.dump();
}

Result<std::shared_ptr<const Files>> Service::Impl::DatasetFiles(std::int64_t id) {
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

void Service::Impl::ForgetDataset(std::int64_t id) {
  std::lock_guard lock(cache_mu);
  dataset_files.erase(id);
  networks.erase(id);
}

// A finished run's artifacts never change, so they are cached (oldest evicted).
Result<std::shared_ptr<const store::Artifact>> Service::Impl::Artifact(std::int64_t run_id, const std::string& name) {
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

// The engine input for a stored dataset and (optionally) scenario text.
Result<engine::InputRequest> Service::Impl::Input(std::int64_t dataset_id, const std::string& scenario_name,
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
Status Service::Impl::ValidateScenario(std::int64_t dataset_id, const std::string& name, const std::string& text,
                        Diagnostics& diags) {
  auto in = Input(dataset_id, name, text);
  if (!in.ok()) return in.status();
  auto loaded = engine::LoadInput(*in, diags);
  return loaded.ok() ? Status::Ok() : loaded.status();
}

Response Service::Impl::Health(const Request&) {
  const auto s = jobs.stats();
  return Json(200, {{"status", "ok"},
                    {"version", engine::ProgramVersion()},
                    {"schema_version", store.schema_version()},
                    {"auth", auth::ModeName(authenticator.mode())},
                    {"jobs", {{"running", s.running}, {"queued", s.queued}, {"workers", s.workers}}}});
}

void Service::Impl::Execute(const store::RunRecord& run, const RunJob& job,
                            const engine::RunControl& control) {
  const auto start = std::chrono::steady_clock::now();
  const auto elapsed = [&] {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  };
  (void)store.MarkRunning(run.id);
  Diagnostics diags;
  Result<store::RunResults> results =
      options.worker.executable.empty() ? ExecuteRunJob(job, control, diags)
                                        : RunInWorker(job, options.worker, control, diags);
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

using Role = store::Role;

void Service::Impl::Audit(const Caller& caller, const std::string& action, const std::string& target,
                          const json& detail) {
  store::AuditRecord e;
  e.user_id = caller.user_id;
  e.user_name = caller.name;
  e.action = action;
  e.target = target;
  e.detail_json = detail.is_null() ? "" : detail.dump();
  if (Status s = store.AppendAudit(e); !s.ok()) {
    spdlog::error("audit trail: cannot record {} {} by {}: {}", action, target, caller.name,
                  s.message());
  }
}

Status Service::Impl::RequireOwner(const Caller& caller, std::int64_t owner_id,
                                   const std::string& what) {
  if (caller.role == Role::kAdmin || (owner_id != 0 && owner_id == caller.user_id)) {
    return Status::Ok();
  }
  return PermissionDenied("user '" + caller.name + "' may not change " + what +
                          ": only its owner or an admin may");
}

// Every route but health and login authenticates its caller first (401) and checks
// the caller's role (403); the handlers that change something also get the caller,
// for ownership and the audit trail.
void Service::Register(http::Router& router) {
  using Plain = Response (Impl::*)(const Request&);
  using WithCaller = Response (Impl::*)(const Request&, const auth::Caller&);
  Impl* s = impl_.get();
  const auto open = [s](Plain fn) {
    return [s, fn](const Request& req) { return (s->*fn)(req); };
  };
  const auto guarded = [s](Role role, const char* action, auto fn) {
    return [s, role, action, fn](const Request& req) -> Response {
      auto caller = s->authenticator.Authenticate(req);
      if (!caller.ok()) return ErrorFromStatus(caller.status());
      if (Status ok = auth::Require(*caller, role, action); !ok.ok()) return ErrorFromStatus(ok);
      if constexpr (std::is_same_v<decltype(fn), WithCaller>) {
        return (s->*fn)(req, *caller);
      } else {
        return (s->*fn)(req);
      }
    };
  };
  const auto read = [&](Plain fn) { return guarded(Role::kViewer, "read", fn); };
  // A handler made elsewhere (the named artifacts): authenticated, any role reads.
  const auto authed = [s](http::Handler handler) {
    return [s, handler](const Request& req) -> Response {
      auto caller = s->authenticator.Authenticate(req);
      return caller.ok() ? handler(req) : ErrorFromStatus(caller.status());
    };
  };
  router.Add("GET", "/v1/health", open(&Impl::Health));
  router.Add("GET", "/v1/login", open(&Impl::TokenLogin));
  router.Add("POST", "/v1/login", open(&Impl::Login));
  router.Add("POST", "/v1/logout", open(&Impl::Logout));
  router.Add("GET", "/v1/me", guarded(Role::kViewer, "read", WithCaller(&Impl::Me)));
  router.Add("GET", "/v1/datasets", read(&Impl::ListDatasets));
  router.Add("POST", "/v1/datasets",
             guarded(Role::kAdmin, "import datasets", WithCaller(&Impl::ImportDataset)));
  router.Add("GET", "/v1/datasets/{id}", read(&Impl::GetDataset));
  router.Add("DELETE", "/v1/datasets/{id}",
             guarded(Role::kAdmin, "delete datasets", WithCaller(&Impl::DeleteDataset)));
  router.Add("GET", "/v1/datasets/{id}/network", read(&Impl::Network));
  router.Add("GET", "/v1/scenarios", read(&Impl::ListScenarios));
  router.Add("POST", "/v1/scenarios",
             guarded(Role::kPlanner, "create scenarios", WithCaller(&Impl::CreateScenario)));
  router.Add("POST", "/v1/scenarios/validate", read(&Impl::ValidateText));
  router.Add("GET", "/v1/scenarios/{id}", read(&Impl::GetScenario));
  router.Add("PUT", "/v1/scenarios/{id}",
             guarded(Role::kPlanner, "edit scenarios", WithCaller(&Impl::UpdateScenario)));
  router.Add("DELETE", "/v1/scenarios/{id}",
             guarded(Role::kPlanner, "delete scenarios", WithCaller(&Impl::DeleteScenario)));
  router.Add("POST", "/v1/scenarios/{id}/validate", read(&Impl::ValidateStored));
  router.Add("GET", "/v1/runs", read(&Impl::ListRuns));
  router.Add("POST", "/v1/runs", guarded(Role::kPlanner, "start runs", WithCaller(&Impl::StartRun)));
  router.Add("GET", "/v1/runs/{id}", read(&Impl::GetRun));
  router.Add("POST", "/v1/runs/{id}/cancel",
             guarded(Role::kPlanner, "cancel runs", WithCaller(&Impl::CancelRun)));
  router.Add("GET", "/v1/runs/{id}/result", read(&Impl::ResultOf));
  for (const char* name : {"flows.csv", "od.csv", "resources.csv", "flows.geojson", "summary.txt"}) {
    router.Add("GET", std::string("/v1/runs/{id}/") + name, authed(s->Named(name)));
  }
  router.Add("GET", "/v1/runs/{id}/compare", authed(s->Named("comparison.json")));
  router.Add("GET", "/v1/runs/{id}/artifacts/{name}", read(&Impl::AnyArtifact));
  router.Add("GET", "/v1/compare", read(&Impl::Compare));
  router.Add("GET", "/v1/users", guarded(Role::kAdmin, "list users", WithCaller(&Impl::ListUsers)));
  router.Add("POST", "/v1/users", guarded(Role::kAdmin, "add users", WithCaller(&Impl::CreateUser)));
  router.Add("PUT", "/v1/users/{id}",
             guarded(Role::kViewer, "change users", WithCaller(&Impl::UpdateUser)));
  router.Add("GET", "/v1/tokens", guarded(Role::kViewer, "list tokens", WithCaller(&Impl::ListTokens)));
  router.Add("POST", "/v1/tokens",
             guarded(Role::kViewer, "create tokens", WithCaller(&Impl::CreateToken)));
  router.Add("DELETE", "/v1/tokens/{id}",
             guarded(Role::kViewer, "revoke tokens", WithCaller(&Impl::RevokeToken)));
  router.Add("GET", "/v1/audit", guarded(Role::kAdmin, "read the audit trail", WithCaller(&Impl::ListAudit)));
}

}  // namespace corridor::api
