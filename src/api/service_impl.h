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
#include "engine/engine.h"

namespace corridor::api {

// The error the store also gives runs it finds unfinished at start (store.cc).
std::string InterruptedErrorJson();

struct Service::Impl {
  using Request = http::Request;
  using Response = http::Response;

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

  // datasets.cc
  Result<ImportResult> ImportFolder(const std::string& folder, Diagnostics& diags);
  Response ListDatasets(const Request&);
  Response ImportDataset(const Request& req);
  Response GetDataset(const Request& req);
  Response Network(const Request& req);
  Response DeleteDataset(const Request& req);

  // scenarios.cc
  Response ListScenarios(const Request& req);
  // The name given, else the TOML's own `name`, else "" (then the caller asks for one).
  static std::string ScenarioName(const std::optional<std::string>& given, const std::string& text);
  Response CreateScenario(const Request& req);
  Response GetScenario(const Request& req);
  Response UpdateScenario(const Request& req);
  Response DeleteScenario(const Request& req);
  // Validation answers 200 either way: a scenario with errors is a valid request.
  Response ValidationAnswer(std::int64_t dataset, const std::string& name, const std::string& text);
  Response ValidateText(const Request& req);
  Response ValidateStored(const Request& req);

  // runs.cc
  Response RunAnswer(int status, std::int64_t id);
  Response StartRun(const Request& req);
  Response ListRuns(const Request& req);
  Response GetRun(const Request& req);
  Response CancelRun(const Request& req);
  Response ArtifactAnswer(std::int64_t id, const std::string& name);
  http::Handler Named(const std::string& name);
  Response ResultOf(const Request& req);
  Response AnyArtifact(const Request& req);
  Response Compare(const Request& req);
};

}  // namespace corridor::api
