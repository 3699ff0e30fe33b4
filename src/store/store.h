// The scenario store: imported datasets, scenarios, runs and their results, and the
// accounts of a shared server (users, tokens, the audit trail) (docs/http_api.md,
// "Store"). One interface, two implementations: an embedded SQLite file (the default,
// sqlite_store.cc) and a PostgreSQL database for a team's server (pg_store.cc);
// Store::Open picks one from the location. Both pass the same test suite.
//
// Guarantees (both implementations):
// - The schema is versioned (SQLite: PRAGMA user_version; PostgreSQL: one
//   schema_version table); Open() applies every missing migration in order, each in
//   its own transaction, and refuses (Unavailable) a store written by a newer program.
// - A commit is durable (SQLite: WAL with synchronous=FULL; PostgreSQL: its WAL with
//   fsync): a run reported finished survives a crash or SIGKILL at any instant.
// - A run's results and its "finished" status are written in one transaction, so a
//   reader sees either no results and a run not finished, or all of them.
// - Every call is safe from any thread (calls are serialised on one connection; each
//   is short: the engine works outside the store).
// - Runs left queued or running by a process that died are marked failed with the
//   error "interrupted" by Open() (RecoverInterrupted). SQLite: one server per file
//   (the server's lock file). PostgreSQL: several servers may share one database;
//   each holds a session advisory lock for its lifetime and claims its runs with its
//   id, and recovery fails only the runs of servers whose lock is free (dead).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"

namespace corridor::store {

// Newest schema version this program writes.
inline constexpr int kSchemaVersion = 2;

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
  std::int64_t owner_id = 0;  // the user who created it; 0 = no accounts (local server)
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
  std::int64_t owner_id = 0;              // the user who started it; 0 = no accounts
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

// Accounts of a shared server (docs/http_api.md, "Security model").
enum class Role { kViewer, kPlanner, kAdmin };  // ordered: each may do what the ones before may
const char* RoleName(Role r);  // "viewer", "planner", "admin"
std::optional<Role> ParseRole(const std::string& name);

struct UserRecord {
  std::int64_t id = 0;
  std::string name;          // unique
  Role role = Role::kViewer;
  std::string created_at;
  int failed_logins = 0;     // consecutive failed password checks
  std::string locked_until;  // "" or ISO 8601 UTC: no password login before then
};

// An API token or a web session. Only a hash of the secret is stored.
struct TokenRecord {
  std::int64_t id = 0;
  std::int64_t user_id = 0;
  std::string name;        // the user's label ("laptop", "ci") or "session"
  std::string kind;        // "api" or "session"
  std::string created_at;
  std::string expires_at;  // "" = never (api tokens); sessions always expire
  std::string revoked_at;  // "" = live
};

// One change: who did what to which element, and when.
struct AuditRecord {
  std::int64_t id = 0;
  std::string at;          // ISO 8601 UTC
  std::int64_t user_id = 0;
  std::string user_name;   // as it was then ("local" without accounts)
  std::string action;      // e.g. "scenario.create", "run.start", "token.revoke"
  std::string target;      // e.g. "scenario 12"
  std::string detail_json; // "" or a JSON object
};

// True for "postgresql://..." and "postgres://..." locations.
bool IsPostgresUrl(const std::string& location);

class Store {
 public:
  // Opens or creates the store at `location`: "postgresql://user@host:port/dbname"
  // (or "postgres://...") is a PostgreSQL database, anything else a SQLite file
  // (":memory:" for tests). Migrates and recovers interrupted runs. InvalidInput if a
  // file is not a SQLite database or the URL is malformed; Unavailable if the store is
  // locked, unreachable, or its schema is newer; Unavailable naming the build option
  // when PostgreSQL support was not built.
  static Result<std::unique_ptr<Store>> Open(const std::string& location);
  virtual ~Store() = default;
  Store() = default;
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  virtual int schema_version() const = 0;
  // The file path or the URL without its password.
  virtual const std::string& path() const = 0;

  // Datasets. Importing a dataset whose content hash is already stored returns the
  // stored record unchanged (idempotent).
  virtual Result<DatasetRecord> ImportDataset(const DatasetRecord& meta, const std::vector<DatasetFile>& files) = 0;
  virtual Result<std::vector<DatasetRecord>> ListDatasets() = 0;
  virtual Result<DatasetRecord> GetDataset(std::int64_t id) = 0;  // NotFound
  virtual Result<std::vector<DatasetFile>> GetDatasetFiles(std::int64_t id) = 0;
  // Conflict while scenarios or runs refer to it.
  virtual Status DeleteDataset(std::int64_t id) = 0;

  // Scenarios. Conflict on a duplicate name within the dataset; NotFound for an
  // unknown dataset or scenario. The caller validates the text first.
  virtual Result<ScenarioRecord> CreateScenario(std::int64_t dataset_id, const std::string& name,
                                                const std::string& text,
                                                std::int64_t owner_id = 0) = 0;
  virtual Result<ScenarioRecord> GetScenario(std::int64_t id) = 0;
  // All scenarios, or those of one dataset.
  virtual Result<std::vector<ScenarioRecord>> ListScenarios(std::optional<std::int64_t> dataset_id) = 0;
  virtual Result<ScenarioRecord> UpdateScenario(std::int64_t id, const std::string& name,
                                        const std::string& text) = 0;
  // Runs keep the scenario's hash; deleting a scenario keeps its runs.
  virtual Status DeleteScenario(std::int64_t id) = 0;

  // Runs. CreateRun stores `run` as queued (id, status, created_at are set here).
  virtual Result<RunRecord> CreateRun(const RunRecord& run) = 0;
  virtual Status MarkRunning(std::int64_t id) = 0;
  virtual Status UpdateProgress(std::int64_t id, double progress, const std::string& stage) = 0;
  // One transaction: every artifact, the summary, status finished, finished_at, wall time.
  virtual Status FinishRun(std::int64_t id, const RunResults& results, double wall_seconds) = 0;
  // status must be kFailed or kCancelled; error_json a JSON object.
  virtual Status EndRun(std::int64_t id, RunStatus status, const std::string& error_json, double wall_seconds) = 0;
  virtual Result<RunRecord> GetRun(std::int64_t id) = 0;
  // Newest first; all runs, or those of one dataset (GET /v1/runs?dataset=ID).
  // InvalidInput for a negative limit or offset.
  virtual Result<std::vector<RunRecord>> ListRuns(int limit, int offset,
                                          std::optional<std::int64_t> dataset_id = std::nullopt) = 0;
  // NotFound for an unknown run or an artifact the run does not have.
  virtual Result<Artifact> GetArtifact(std::int64_t run_id, const std::string& name) = 0;
  virtual Result<std::vector<std::string>> ListArtifacts(std::int64_t run_id) = 0;
  // Marks queued/running runs failed with error "interrupted"; returns how many.
  virtual Result<int> RecoverInterrupted() = 0;

  // SQLite: PRAGMA integrity_check == "ok"; PostgreSQL: the store's own invariants
  // (one schema_version row, artifacts only on finished runs, finished_at set exactly
  // on ended runs; the server enforces the references).
  virtual Status CheckIntegrity() = 0;

  // Users. CreateUser: Conflict on a name taken, InvalidInput on an empty name or
  // hash. The password hash is libsodium's crypto_pwhash string (api/auth.h); the
  // store never sees a password.
  virtual Result<UserRecord> CreateUser(const std::string& name, Role role,
                                        const std::string& password_hash) = 0;
  virtual Result<std::vector<UserRecord>> ListUsers() = 0;
  virtual Result<UserRecord> GetUser(std::int64_t id) = 0;          // NotFound
  virtual Result<UserRecord> FindUser(const std::string& name) = 0; // NotFound
  virtual Result<std::string> PasswordHash(std::int64_t user_id) = 0;
  virtual Status SetPassword(std::int64_t user_id, const std::string& password_hash) = 0;
  virtual Status SetRole(std::int64_t user_id, Role role) = 0;
  // A failed password check: failed_logins + 1 and locked_until as given ("" = not
  // locked). A successful one: both reset.
  virtual Status RecordLogin(std::int64_t user_id, bool success, const std::string& locked_until) = 0;

  // Tokens. `token_hash` is the hex hash of the secret (api/auth.h), unique.
  virtual Result<TokenRecord> CreateToken(std::int64_t user_id, const std::string& name,
                                          const std::string& kind, const std::string& token_hash,
                                          const std::string& expires_at) = 0;
  // All tokens, or one user's; newest first. Revoked ones are listed too.
  virtual Result<std::vector<TokenRecord>> ListTokens(std::optional<std::int64_t> user_id) = 0;
  virtual Result<TokenRecord> FindToken(const std::string& token_hash) = 0;  // NotFound
  virtual Status RevokeToken(std::int64_t token_id) = 0;  // NotFound; revoking twice is fine

  // The audit trail: appended, never changed.
  virtual Status AppendAudit(const AuditRecord& entry) = 0;  // id and `at` are set here
  virtual Result<std::vector<AuditRecord>> ListAudit(int limit, int offset) = 0;  // newest first
};

}  // namespace corridor::store
