// The embedded SQLite implementation of the store (store.h): one file, WAL journal
// with synchronous=FULL, one connection whose calls are serialised. Internal to
// store/: callers use Store::Open.
#pragma once

#include <memory>
#include <string>

#include "store/store.h"

namespace corridor::store {

class SqliteStore final : public Store {
 public:
  // Opens or creates the database at `path` (":memory:" for tests), sets WAL mode,
  // migrates and recovers interrupted runs. InvalidInput if the file is not a
  // SQLite database; Unavailable if it is locked or its schema is newer.
  static Result<std::unique_ptr<Store>> Open(const std::string& path);
  ~SqliteStore() override;

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
                                  const std::string& kind, const std::string& token_hash, const std::string& expires_at) override;
  Result<std::vector<TokenRecord>> ListTokens(std::optional<std::int64_t> user_id) override;
  Result<TokenRecord> FindToken(const std::string& token_hash) override;
  Status RevokeToken(std::int64_t token_id) override;
  Status AppendAudit(const AuditRecord& entry) override;
  Result<std::vector<AuditRecord>> ListAudit(int limit, int offset) override;

  struct Impl;

 private:
  explicit SqliteStore(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace corridor::store
