// The scenario store: imported datasets, scenarios, runs and their results in one
// SQLite file (docs/http_api.md, "Store").
//
// Guarantees:
// - The schema is versioned (PRAGMA user_version); Open() applies every missing
//   migration in order, each in its own transaction, and refuses (Unavailable) a file
//   written by a newer program.
// - WAL journal mode with synchronous=FULL: a run reported finished survives a crash
//   or SIGKILL of the process at any instant.
// - A run's results and its "finished" status are written in one transaction, so a
//   reader sees either no results and a run not finished, or all of them.
// - Every call is safe from any thread (calls are serialised on one connection; each
//   is short: the engine works outside the store).
// - Runs left queued or running by a process that died are marked failed with the
//   error "interrupted" by Open() (RecoverInterrupted).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"

namespace corridor::store {

// Newest schema version this program writes.
inline constexpr int kSchemaVersion = 1;

struct DatasetFile {
  std::string name;     // e.g. "links.csv"
  std::string content;  // the file's bytes
};

struct DatasetRecord {
  std::int64_t id = 0;
  std::string name;
  std::string content_hash;   // Dataset::content_hash, unique in the store
  int reference_year = 0;
  std::string source_folder;  // where it was imported from (informative only)
  std::string imported_at;    // ISO 8601 UTC
};

struct ScenarioRecord {
  std::int64_t id = 0;
  std::int64_t dataset_id = 0;
  std::string name;         // unique per dataset
  std::string text;         // the scenario TOML as written
  std::string content_hash; // FNV-1a 64 of `text`, hex
  std::string created_at;
  std::string updated_at;
};

enum class RunStatus { kQueued, kRunning, kFinished, kFailed, kCancelled };
const char* RunStatusName(RunStatus s);  // "queued", "running", ...
std::optional<RunStatus> ParseRunStatus(const std::string& name);

struct RunRecord {
  std::int64_t id = 0;
  std::string kind;                       // "solve", "assign" or "compare"
  std::int64_t dataset_id = 0;
  std::string dataset_hash;
  std::vector<std::int64_t> scenario_ids; // empty = baseline; compare lists several (0 = baseline)
  std::string scenario_hashes;            // comma-separated, as recorded at start
  std::string options_json;               // the options as given, a JSON object
  std::string program_version;
  std::uint64_t seed = 0;
  RunStatus status = RunStatus::kQueued;
  double progress = 0.0;                  // 0..1
  std::string stage;                      // e.g. "solving LP", "ranging 3/10"
  std::string created_at;
  std::string started_at;                 // "" until running
  std::string finished_at;                // "" until finished, failed or cancelled
  double wall_seconds = 0.0;
  std::string error_json;                 // "" or a JSON object {code, message, diagnostics}
  std::string summary_json;               // "" or the KPI headline (set with the results)
};

// One stored output of a run: "result.json", "flows.csv", "flows.geojson", ...
struct Artifact {
  std::string name;
  std::string media_type;  // e.g. "application/json", "text/csv"
  std::string content;
};

struct RunResults {
  std::string summary_json;         // small KPI headline shown in run lists
  std::vector<Artifact> artifacts;  // written with the finished status, all or nothing
};

class Store {
 public:
  // Opens or creates the database at `path` (":memory:" for tests), sets WAL mode,
  // migrates and recovers interrupted runs. InvalidInput if the file is not a
  // SQLite database; Unavailable if it is locked or its schema is newer.
  static Result<std::unique_ptr<Store>> Open(const std::string& path);
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  int schema_version() const;
  const std::string& path() const;

  // Datasets. Importing a dataset whose content hash is already stored returns the
  // stored record unchanged (idempotent).
  Result<DatasetRecord> ImportDataset(const DatasetRecord& meta, const std::vector<DatasetFile>& files);
  Result<std::vector<DatasetRecord>> ListDatasets();
  Result<DatasetRecord> GetDataset(std::int64_t id);  // NotFound
  Result<std::vector<DatasetFile>> GetDatasetFiles(std::int64_t id);
  // Conflict while scenarios or runs refer to it.
  Status DeleteDataset(std::int64_t id);

  // Scenarios. Conflict on a duplicate name within the dataset; NotFound for an
  // unknown dataset or scenario. The caller validates the text first.
  Result<ScenarioRecord> CreateScenario(std::int64_t dataset_id, const std::string& name,
                                        const std::string& text);
  Result<ScenarioRecord> GetScenario(std::int64_t id);
  // All scenarios, or those of one dataset.
  Result<std::vector<ScenarioRecord>> ListScenarios(std::optional<std::int64_t> dataset_id);
  Result<ScenarioRecord> UpdateScenario(std::int64_t id, const std::string& name,
                                        const std::string& text);
  // Runs keep the scenario's hash; deleting a scenario keeps its runs.
  Status DeleteScenario(std::int64_t id);

  // Runs. CreateRun stores `run` as queued (id, status, created_at are set here).
  Result<RunRecord> CreateRun(const RunRecord& run);
  Status MarkRunning(std::int64_t id);
  Status UpdateProgress(std::int64_t id, double progress, const std::string& stage);
  // One transaction: every artifact, the summary, status finished, finished_at, wall time.
  Status FinishRun(std::int64_t id, const RunResults& results, double wall_seconds);
  // status must be kFailed or kCancelled; error_json a JSON object.
  Status EndRun(std::int64_t id, RunStatus status, const std::string& error_json, double wall_seconds);
  Result<RunRecord> GetRun(std::int64_t id);
  // Newest first; all runs, or those of one dataset (GET /v1/runs?dataset=ID).
  // InvalidInput for a negative limit or offset.
  Result<std::vector<RunRecord>> ListRuns(int limit, int offset,
                                          std::optional<std::int64_t> dataset_id = std::nullopt);
  // NotFound for an unknown run or an artifact the run does not have.
  Result<Artifact> GetArtifact(std::int64_t run_id, const std::string& name);
  Result<std::vector<std::string>> ListArtifacts(std::int64_t run_id);
  // Marks queued/running runs failed with error "interrupted"; returns how many.
  Result<int> RecoverInterrupted();

  // PRAGMA integrity_check == "ok".
  Status CheckIntegrity();

 private:
  struct Impl;
  explicit Store(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace corridor::store
