// Service::Impl, shared by the files that hold its handlers, one per resource:
// service.cc (caches, inputs, jobs, health, routes), datasets.cc, scenarios.cc and
// runs.cc (runs, their artifacts and the comparison of runs). Internal to api/.
#pragma once

#include <atomic>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>

#include "api/handlers.h"
#include "api/jobs.h"
#include "api/run_work.h"
#include "api/service.h"
#include "auth/auth.h"
#include "engine/engine.h"

namespace corridor::api {

// The error the store also gives runs it finds unfinished at start (store.cc).
std::string InterruptedErrorJson();

struct Service::Impl {
  using Request = http::Request;
  using Response = http::Response;
  using Caller = auth::Caller;

  store::Store& store;
  ServiceOptions options;
  auth::Authenticator authenticator;
  std::atomic<bool> stopping{false};
  JobQueue jobs;

  std::mutex cache_mu;
  std::map<std::int64_t, std::shared_ptr<const Files>> dataset_files;  // immutable per id
  std::map<std::int64_t, std::shared_ptr<const std::string>> networks;
  std::map<std::pair<std::int64_t, std::string>, std::shared_ptr<const store::Artifact>> artifacts;
  std::deque<std::pair<std::int64_t, std::string>> artifact_order;  // oldest first
  std::size_t artifact_bytes = 0;

  Impl(store::Store& s, ServiceOptions o)
      : store(s), options(o), authenticator(s, o.auth), jobs(o.workers, o.max_queued) {}

  // Appends one line to the audit trail (a failure to write it is logged, not fatal).
  void Audit(const Caller& caller, const std::string& action, const std::string& target,
             const nlohmann::json& detail = nullptr);
  // PermissionDenied unless the caller is an admin or the element's owner.
  static Status RequireOwner(const Caller& caller, std::int64_t owner_id, const std::string& what);

  // service.cc: cached reads, inputs, the execution of a run
  Result<std::shared_ptr<const Files>> DatasetFiles(std::int64_t id);
  void ForgetDataset(std::int64_t id);
  // A finished run's artifacts never change, so they are cached (oldest evicted).
  Result<std::shared_ptr<const store::Artifact>> Artifact(std::int64_t run_id, const std::string& name);
  // The engine input for a stored dataset and (optionally) scenario text.
  Result<engine::InputRequest> Input(std::int64_t dataset_id, const std::string& scenario_name,
                                     const std::optional<std::string>& scenario_text);
  // Parses the scenario and applies it to its dataset: the errors and warnings.
  Status ValidateScenario(std::int64_t dataset_id, const std::string& name, const std::string& text,
                          Diagnostics& diags);
  // Executes one run on a job thread (in a worker process when one is configured)
  // and stores its outcome.
  void Execute(const store::RunRecord& run, const RunJob& job, const engine::RunControl& control);
  Response Health(const Request& req);

  // datasets.cc and dataset_upload.cc
  Result<ImportResult> ImportFolder(const std::string& folder, Diagnostics& diags);
  // The files of a folder (the dataset's, the extras kept beside them, scenarios/*.toml
  // as "scenarios/NAME.toml"), each checked to lie under `confine_to` when not "".
  Result<Files> ReadFolder(const std::string& folder, const std::string& confine_to,
                           Diagnostics& diags);
  // Validates and stores uploaded or read files; `label` names the dataset in errors.
  Result<ImportResult> ImportFiles(const std::string& label, const Files& files,
                                   const std::string& source, std::int64_t owner_id,
                                   Diagnostics& diags);
  Response ListDatasets(const Request&);
  Response ImportDataset(const Request& req, const Caller& caller);
  Response GetDataset(const Request& req);
  Response Network(const Request& req);
  Response DeleteDataset(const Request& req, const Caller& caller);

  // scenarios.cc
  Response ListScenarios(const Request& req);
  // The name given, else the TOML's own `name`, else "" (then the caller asks for one).
  static std::string ScenarioName(const std::optional<std::string>& given, const std::string& text);
  Response CreateScenario(const Request& req, const Caller& caller);
  Response GetScenario(const Request& req);
  Response UpdateScenario(const Request& req, const Caller& caller);
  Response DeleteScenario(const Request& req, const Caller& caller);
  // Validation answers 200 either way: a scenario with errors is a valid request.
  Response ValidationAnswer(std::int64_t dataset, const std::string& name, const std::string& text);
  Response ValidateText(const Request& req);
  Response ValidateStored(const Request& req);

  // runs.cc
  Response RunAnswer(int status, std::int64_t id);
  Response StartRun(const Request& req, const Caller& caller);
  Response ListRuns(const Request& req);
  Response GetRun(const Request& req);
  Response CancelRun(const Request& req, const Caller& caller);
  Response ArtifactAnswer(std::int64_t id, const std::string& name);
  http::Handler Named(const std::string& name);
  Response ResultOf(const Request& req);
  Response AnyArtifact(const Request& req);
  Response Compare(const Request& req);

  // accounts.cc: logins, the caller, users, tokens, the audit trail
  Response TokenLogin(const Request& req);  // GET /v1/login?token=... (local token)
  Response Login(const Request& req);       // POST /v1/login
  Response Logout(const Request& req);
  Response Me(const Request& req, const Caller& caller);
  Response ListUsers(const Request& req, const Caller& caller);
  Response CreateUser(const Request& req, const Caller& caller);
  Response UpdateUser(const Request& req, const Caller& caller);
  Response ListTokens(const Request& req, const Caller& caller);
  Response CreateToken(const Request& req, const Caller& caller);
  Response RevokeToken(const Request& req, const Caller& caller);
  Response ListAudit(const Request& req, const Caller& caller);
};

}  // namespace corridor::api
