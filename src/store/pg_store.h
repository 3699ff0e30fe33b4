// The PostgreSQL implementation of the store (store.h), for a team's server: several
// corridor servers may share one database. Internal to store/: callers use
// Store::Open with a "postgresql://" URL.
//
// Connection: one libpq connection per PgStore, every call serialised on it under a
// mutex (calls are short; the engine works outside the store). The connection holds a
// session advisory lock keyed by this instance's random id for the store's lifetime;
// runs this instance creates or starts record the id (runs.claimed_by), and
// RecoverInterrupted fails only the open runs of instances whose lock is free (dead).
// A lost connection is re-established on the next call, taking the same lock again.
#pragma once

#include <memory>
#include <string>

#include "store/store.h"

namespace corridor::store {

class PgStore final : public Store {
 public:
  // Connects to `url`, migrates (under an advisory lock, so concurrent migrations are
  // safe) and recovers the runs of dead instances. InvalidInput for a malformed URL;
  // Unavailable for a server that cannot be reached or a newer schema.
  static Result<std::unique_ptr<Store>> Open(const std::string& url);
  ~PgStore() override;

  // This instance's id (the key of its advisory lock and runs.claimed_by).
  std::int64_t instance_id() const;

  int schema_version() const override;
  const std::string& path() const override;
  Result<DatasetRecord> ImportDataset(const DatasetRecord& meta,
                                      const std::vector<DatasetFile>& files) override;
  Result<std::vector<DatasetRecord>> ListDatasets() override;
  Result<DatasetRecord> GetDataset(std::int64_t id) override;
  Result<std::vector<DatasetFile>> GetDatasetFiles(std::int64_t id) override;
  Status DeleteDataset(std::int64_t id) override;
  Result<ScenarioRecord> CreateScenario(std::int64_t dataset_id, const std::string& name,
                                        const std::string& text, std::int64_t owner_id) override;
  Result<ScenarioRecord> GetScenario(std::int64_t id) override;
  Result<std::vector<ScenarioRecord>> ListScenarios(std::optional<std::int64_t> dataset_id) override;
  Result<ScenarioRecord> UpdateScenario(std::int64_t id, const std::string& name,
                                        const std::string& text) override;
  Status DeleteScenario(std::int64_t id) override;
  Result<RunRecord> CreateRun(const RunRecord& run) override;
  Status MarkRunning(std::int64_t id) override;
  Status UpdateProgress(std::int64_t id, double progress, const std::string& stage) override;
  Status FinishRun(std::int64_t id, const RunResults& results, double wall_seconds) override;
  Status EndRun(std::int64_t id, RunStatus status, const std::string& error_json,
                double wall_seconds) override;
  Result<RunRecord> GetRun(std::int64_t id) override;
  Result<std::vector<RunRecord>> ListRuns(int limit, int offset,
                                          std::optional<std::int64_t> dataset_id) override;
  Result<Artifact> GetArtifact(std::int64_t run_id, const std::string& name) override;
  Result<std::vector<std::string>> ListArtifacts(std::int64_t run_id) override;
  Result<int> RecoverInterrupted() override;
  Status CheckIntegrity() override;
  Result<UserRecord> CreateUser(const std::string& name, Role role,
                                const std::string& password_hash) override;
  Result<std::vector<UserRecord>> ListUsers() override;
  Result<UserRecord> GetUser(std::int64_t id) override;
  Result<UserRecord> FindUser(const std::string& name) override;
  Result<std::string> PasswordHash(std::int64_t user_id) override;
  Status SetPassword(std::int64_t user_id, const std::string& password_hash) override;
  Status SetRole(std::int64_t user_id, Role role) override;
  Status RecordLogin(std::int64_t user_id, bool success, const std::string& locked_until) override;
  Result<TokenRecord> CreateToken(std::int64_t user_id, const std::string& name,
                                  const std::string& kind, const std::string& token_hash,
                                  const std::string& expires_at) override;
  Result<std::vector<TokenRecord>> ListTokens(std::optional<std::int64_t> user_id) override;
  Result<TokenRecord> FindToken(const std::string& token_hash) override;
  Status RevokeToken(std::int64_t token_id) override;
  Status AppendAudit(const AuditRecord& entry) override;
  Result<std::vector<AuditRecord>> ListAudit(int limit, int offset) override;

  struct Impl;

 private:
  explicit PgStore(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// `url` with any password removed (from the user part and from a password=
// parameter): what error messages and path() show.
std::string RedactPostgresUrl(const std::string& url);

}  // namespace corridor::store
