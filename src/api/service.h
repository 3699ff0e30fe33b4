// The HTTP API (docs/http_api.md): routes over the scenario store and the engine.
//
// Handlers are short: they read or write the store and answer. Solves, assignments
// and comparisons run as background jobs (api/jobs.h) through the same engine calls
// and request types as the CLI (engine::Solve / Assign / Compare with the option
// table of engine/options.h), each in a worker process of its own when
// ServiceOptions::worker names one (api/worker.h); a job writes its progress to the
// store and its results in one transaction when it ends.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "api/jobs.h"
#include "api/worker.h"
#include "auth/auth.h"
#include "core/status.h"
#include "http/server.h"
#include "store/store.h"

namespace corridor::api {

struct ServiceOptions {
  int workers = 2;                          // runs executing at once
  std::size_t max_queued = 64;              // runs waiting; more are refused with 503
  std::size_t artifact_cache_bytes = 64u << 20;  // finished results kept in memory
  WorkerOptions worker = {};  // a process per run (api/worker.h); none: runs on job threads
  // Who may call (auth/auth.h). `corridor serve` uses local-token or accounts; off
  // (every request is the local admin) only in the library's tests.
  auth::Options auth = {};
  // POST /v1/datasets {"folder"} reads only folders under this root (resolved, no
  // "..", no symlink out of it); "" = folders refused, files are uploaded instead.
  std::string data_root;
};

class Service {
 public:
  Service(store::Store& store, ServiceOptions options);
  ~Service();  // Shutdown()
  Service(const Service&) = delete;
  Service& operator=(const Service&) = delete;

  struct ImportResult {
    store::DatasetRecord dataset;
    bool created = false;       // false: the same content was already stored
    int scenarios_imported = 0; // from the folder's scenarios/*.toml (new names only)
  };
  // Reads and validates the dataset folder and stores it with the valid scenarios
  // of its scenarios/ sub-folder (invalid ones are reported in `diags` and skipped).
  // For the operator (corridor serve --import): not confined to the data root.
  Result<ImportResult> ImportFolder(const std::string& folder, Diagnostics& diags);

  void Register(http::Router& router);

  // Stops the jobs; a run that was queued or running is marked failed "interrupted".
  void Shutdown();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace corridor::api
