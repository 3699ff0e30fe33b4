#include "store/sqlite_store.h"

#include "store/sqlite_internal.h"

namespace corridor::store {

SqliteStore::SqliteStore(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
SqliteStore::~SqliteStore() = default;

int SqliteStore::schema_version() const { return impl_->version; }
const std::string& SqliteStore::path() const { return impl_->path; }

Result<std::unique_ptr<Store>> SqliteStore::Open(const std::string& path) {
  sqlite3* handle = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &handle,
                                 SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
  // SQLite returns a handle even when opening fails; Impl closes it either way.
  auto impl = std::make_unique<Impl>(handle, path);
  if (handle == nullptr) return Unavailable("store '" + path + "': out of memory opening it");
  if (rc != SQLITE_OK) {
    return Unavailable("cannot open store '" + path + "': " + sqlite3_errmsg(handle));
  }
  sqlite3_extended_result_codes(handle, 1);
  sqlite3_busy_timeout(handle, kBusyTimeoutMs);

  // The first read of the file: this is where a file that is not a database shows.
  auto tables = impl->QueryInt("SELECT count(*) FROM sqlite_schema",
                               "reading the schema of '" + path + "'");
  if (!tables.ok()) {
    const int code = sqlite3_errcode(handle) & 0xff;
    if (code == SQLITE_NOTADB || code == SQLITE_CORRUPT) {
      return InvalidInput("'" + path + "' is not a SQLite database (or is damaged): " +
                          sqlite3_errmsg(handle));
    }
    return tables.status();
  }
  // WAL lets readers proceed during a FinishRun; FULL syncs the WAL on every commit so a
  // run reported finished survives a crash.
  auto mode = impl->QueryRow<std::string>(
      "PRAGMA journal_mode = WAL", "setting WAL mode on '" + path + "'",
      [](const Stmt& s) { return s.Text(0); }, Internal("store: journal_mode gave no row"));
  if (!mode.ok()) return mode.status();
  if (*mode != "wal" && *mode != "memory") {
    return Unavailable("store '" + path + "': cannot use WAL journal mode (got '" + *mode + "')");
  }
  const std::string setup = "configuring '" + path + "'";
  if (auto st = impl->Exec("PRAGMA synchronous = FULL", setup); !st.ok()) return st;
  if (auto st = impl->Exec("PRAGMA foreign_keys = ON", setup); !st.ok()) return st;
  if (auto st = impl->Migrate(); !st.ok()) return st;
  auto recovered = impl->RecoverInterrupted();
  if (!recovered.ok()) return recovered.status();
  return std::unique_ptr<Store>(new SqliteStore(std::move(impl)));
}

// ---- datasets ----

Result<DatasetRecord> SqliteStore::ImportDataset(const DatasetRecord& meta,
                                           const std::vector<DatasetFile>& files) {
  if (auto st = rows::CheckImport(meta, files); !st.ok()) return st;
  Impl& db = *impl_;
  const std::string what = "import dataset '" + meta.name + "'";
  return db.Write(what, [&]() -> Result<DatasetRecord> {
    auto existing = db.QueryRow<DatasetRecord>(
        "SELECT " + std::string(kDatasetColumns) + " FROM datasets WHERE content_hash = ?", what,
        ReadDataset, NotFound("no dataset with this hash"), meta.content_hash);
    if (existing.ok() || existing.status().code() != StatusCode::kNotFound) return existing;

    auto insert = db.Prepare(
        "INSERT INTO datasets (name, content_hash, reference_year, source_folder, imported_at) "
        "VALUES (?, ?, ?, ?, ?)",
        what);
    if (!insert.ok()) return insert.status();
    insert->Bind(meta.name).Bind(meta.content_hash).Bind(meta.reference_year)
        .Bind(meta.source_folder).Bind(NowUtcIso8601());
    if (auto st = insert->Run(); !st.ok()) return st;
    const std::int64_t id = sqlite3_last_insert_rowid(db.db);
    auto file = db.Prepare(
        "INSERT INTO dataset_files (dataset_id, name, content) VALUES (?, ?, ?)", what);
    if (!file.ok()) return file.status();
    for (const auto& f : files) {
      file->Reset();
      file->Bind(id).Bind(f.name).BindBlob(f.content);
      if (auto st = file->Run(); !st.ok()) return st;
    }
    return db.LoadDataset(id);
  });
}

Result<std::vector<DatasetRecord>> SqliteStore::ListDatasets() {
  std::lock_guard lock(impl_->mu);
  auto s = impl_->Prepare("SELECT " + std::string(kDatasetColumns) + " FROM datasets ORDER BY id",
                          "listing datasets");
  if (!s.ok()) return s.status();
  return Collect<DatasetRecord>(*s, ReadDataset);
}

Result<DatasetRecord> SqliteStore::GetDataset(std::int64_t id) {
  std::lock_guard lock(impl_->mu);
  return impl_->LoadDataset(id);
}

Result<std::vector<DatasetFile>> SqliteStore::GetDatasetFiles(std::int64_t id) {
  std::lock_guard lock(impl_->mu);
  // Insertion order is the order the files were given in.
  auto s = impl_->Prepare(
      "SELECT d.id, f.name, f.content FROM datasets d "
      "LEFT JOIN dataset_files f ON f.dataset_id = d.id WHERE d.id = ? ORDER BY f.rowid",
      "reading the files of dataset " + std::to_string(id));
  if (!s.ok()) return s.status();
  s->Bind(id);
  std::vector<DatasetFile> files;
  bool exists = false;
  for (;;) {
    auto row = s->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    exists = true;
    if (s->IsNull(1)) continue;  // the LEFT JOIN's row of a dataset without files
    files.push_back({s->Text(1), s->Text(2)});
  }
  if (!exists) return Missing("dataset", id);
  return files;
}

Status SqliteStore::DeleteDataset(std::int64_t id) {
  Impl& db = *impl_;
  const std::string what = "delete dataset " + std::to_string(id);
  return db.Write(what, [&]() -> Status {
    if (auto record = db.LoadDataset(id); !record.ok()) return record.status();
    auto scenarios = db.QueryInt("SELECT count(*) FROM scenarios WHERE dataset_id = ?", what, id);
    if (!scenarios.ok()) return scenarios.status();
    auto runs = db.QueryInt("SELECT count(*) FROM runs WHERE dataset_id = ?", what, id);
    if (!runs.ok()) return runs.status();
    if (*scenarios > 0 || *runs > 0) {
      return Conflict("dataset " + std::to_string(id) + " is used by " +
                      std::to_string(*scenarios) + " scenario(s) and " + std::to_string(*runs) +
                      " run(s)");
    }
    return db.Execute("DELETE FROM datasets WHERE id = ?", what, id);
  });
}

// ---- scenarios ----

Result<ScenarioRecord> SqliteStore::CreateScenario(std::int64_t dataset_id, const std::string& name,
                                             const std::string& text, std::int64_t owner_id) {
  if (name.empty()) return InvalidInput("a scenario needs a name");
  Impl& db = *impl_;
  const std::string what = "create scenario '" + name + "'";
  return db.Write(what, [&]() -> Result<ScenarioRecord> {
    if (auto d = db.LoadDataset(dataset_id); !d.ok()) return d.status();
    if (auto st = db.CheckScenarioName(dataset_id, name, 0); !st.ok()) return st;
    const std::string now = NowUtcIso8601();
    auto st = db.Execute(
        "INSERT INTO scenarios (dataset_id, name, text, content_hash, created_at, updated_at, "
        "owner_id) VALUES (?, ?, ?, ?, ?, ?, ?)",
        what, dataset_id, name, text, HashText(text), now, now, owner_id);
    if (!st.ok()) return st;
    return db.LoadScenario(sqlite3_last_insert_rowid(db.db));
  });
}

Result<ScenarioRecord> SqliteStore::GetScenario(std::int64_t id) {
  std::lock_guard lock(impl_->mu);
  return impl_->LoadScenario(id);
}

Result<std::vector<ScenarioRecord>> SqliteStore::ListScenarios(std::optional<std::int64_t> dataset_id) {
  std::lock_guard lock(impl_->mu);
  auto s = impl_->Prepare("SELECT " + std::string(kScenarioColumns) +
                              " FROM scenarios WHERE ?1 IS NULL OR dataset_id = ?1 ORDER BY id",
                          "listing scenarios");
  if (!s.ok()) return s.status();
  s->Bind(dataset_id);
  return Collect<ScenarioRecord>(*s, ReadScenario);
}

Result<ScenarioRecord> SqliteStore::UpdateScenario(std::int64_t id, const std::string& name,
                                             const std::string& text) {
  if (name.empty()) return InvalidInput("a scenario needs a name");
  Impl& db = *impl_;
  const std::string what = "update scenario " + std::to_string(id);
  return db.Write(what, [&]() -> Result<ScenarioRecord> {
    auto current = db.LoadScenario(id);
    if (!current.ok()) return current.status();
    if (auto st = db.CheckScenarioName(current->dataset_id, name, id); !st.ok()) return st;
    auto st = db.Execute(
        "UPDATE scenarios SET name = ?, text = ?, content_hash = ?, updated_at = ? WHERE id = ?",
        what, name, text, HashText(text), NowUtcIso8601(), id);
    if (!st.ok()) return st;
    return db.LoadScenario(id);
  });
}

Status SqliteStore::DeleteScenario(std::int64_t id) {
  std::lock_guard lock(impl_->mu);
  auto st = impl_->Execute("DELETE FROM scenarios WHERE id = ?",
                           "deleting scenario " + std::to_string(id), id);
  if (!st.ok()) return st;
  if (sqlite3_changes(impl_->db) == 0) return Missing("scenario", id);
  return Status::Ok();
}

// ---- runs ----

Result<RunRecord> SqliteStore::CreateRun(const RunRecord& run) {
  if (run.kind.empty()) return InvalidInput("a run needs a kind");
  Impl& db = *impl_;
  const std::string what = "create a " + run.kind + " run";
  return db.Write(what, [&]() -> Result<RunRecord> {
    if (auto d = db.LoadDataset(run.dataset_id); !d.ok()) return d.status();
    auto st = db.Execute(
        "INSERT INTO runs (kind, dataset_id, dataset_hash, scenario_ids, scenario_hashes, "
        "options_json, program_version, seed, status, progress, stage, created_at, started_at, "
        "finished_at, wall_seconds, error_json, summary_json, owner_id) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'queued', 0, '', ?, '', '', 0, '', '', ?)",
        what, run.kind, run.dataset_id, run.dataset_hash, json(run.scenario_ids).dump(),
        run.scenario_hashes, run.options_json, run.program_version,
        static_cast<std::int64_t>(run.seed), NowUtcIso8601(), run.owner_id);
    if (!st.ok()) return st;
    return db.LoadRun(sqlite3_last_insert_rowid(db.db));
  });
}

Status SqliteStore::MarkRunning(std::int64_t id) {
  const std::string what = "start run " + std::to_string(id);
  return impl_->Write(what, [&] {
    return impl_->UpdateRun(id, {RunStatus::kQueued}, "start it",
                            "UPDATE runs SET status = 'running', started_at = ? WHERE id = ?",
                            what, NowUtcIso8601());
  });
}

Status SqliteStore::UpdateProgress(std::int64_t id, double progress, const std::string& stage) {
  if (std::isnan(progress)) {
    return InvalidInput("progress of run " + std::to_string(id) + " is NaN");
  }
  const std::string what = "record the progress of run " + std::to_string(id);
  return impl_->Write(what, [&] {
    return impl_->UpdateRun(id, {RunStatus::kQueued, RunStatus::kRunning}, "record progress",
                            "UPDATE runs SET progress = ?, stage = ? WHERE id = ?", what,
                            std::clamp(progress, 0.0, 1.0), stage);
  });
}

Status SqliteStore::FinishRun(std::int64_t id, const RunResults& results, double wall_seconds) {
  if (auto st = rows::CheckArtifacts(id, results); !st.ok()) return st;
  Impl& db = *impl_;
  const std::string what = "store the results of run " + std::to_string(id);
  // The status and the artifacts commit together: nobody sees one without the other.
  return db.Write(what, [&]() -> Status {
    auto st = db.UpdateRun(id, {RunStatus::kQueued, RunStatus::kRunning}, "store results",
                           "UPDATE runs SET status = 'finished', progress = 1, summary_json = ?, "
                           "finished_at = ?, wall_seconds = ? WHERE id = ?",
                           what, results.summary_json, NowUtcIso8601(), wall_seconds);
    if (!st.ok()) return st;
    auto insert = db.Prepare(
        "INSERT INTO artifacts (run_id, name, media_type, content) VALUES (?, ?, ?, ?)", what);
    if (!insert.ok()) return insert.status();
    for (const auto& a : results.artifacts) {
      insert->Reset();
      insert->Bind(id).Bind(a.name).Bind(a.media_type).BindBlob(a.content);
      if (st = insert->Run(); !st.ok()) return st;
    }
    return Status::Ok();
  });
}

Status SqliteStore::EndRun(std::int64_t id, RunStatus status, const std::string& error_json,
                     double wall_seconds) {
  if (auto st = rows::CheckEndRun(id, status, error_json); !st.ok()) return st;
  const std::string what = "end run " + std::to_string(id);
  const char* action = status == RunStatus::kFailed ? "mark it failed" : "cancel it";
  return impl_->Write(what, [&] {
    return impl_->UpdateRun(
        id, {RunStatus::kQueued, RunStatus::kRunning}, action,
        "UPDATE runs SET status = ?, error_json = ?, finished_at = ?, wall_seconds = ? "
        "WHERE id = ?",
        what, RunStatusName(status), error_json, NowUtcIso8601(), wall_seconds);
  });
}

Result<RunRecord> SqliteStore::GetRun(std::int64_t id) {
  std::lock_guard lock(impl_->mu);
  return impl_->LoadRun(id);
}

Result<std::vector<RunRecord>> SqliteStore::ListRuns(int limit, int offset,
                                               std::optional<std::int64_t> dataset_id) {
  if (limit < 0 || offset < 0) return InvalidInput("limit and offset must be >= 0");
  std::lock_guard lock(impl_->mu);
  auto s = impl_->Prepare("SELECT " + std::string(kRunColumns) +
                              " FROM runs WHERE ?1 IS NULL OR dataset_id = ?1"
                              " ORDER BY id DESC LIMIT ?2 OFFSET ?3",
                          "listing runs");
  if (!s.ok()) return s.status();
  s->Bind(dataset_id).Bind(limit).Bind(offset);
  return Collect<RunRecord>(*s, ReadRun);
}

Result<Artifact> SqliteStore::GetArtifact(std::int64_t run_id, const std::string& name) {
  std::lock_guard lock(impl_->mu);
  auto s = impl_->Prepare(
      "SELECT r.id, a.media_type, a.content FROM runs r "
      "LEFT JOIN artifacts a ON a.run_id = r.id AND a.name = ?2 WHERE r.id = ?1",
      "reading artifact '" + name + "' of run " + std::to_string(run_id));
  if (!s.ok()) return s.status();
  s->Bind(run_id).Bind(name);
  auto row = s->Step();
  if (!row.ok()) return row.status();
  if (!*row) return Missing("run", run_id);
  if (s->IsNull(1)) {
    return NotFound("run " + std::to_string(run_id) + " has no artifact '" + name + "'");
  }
  return Artifact{name, s->Text(1), s->Text(2)};
}

Result<std::vector<std::string>> SqliteStore::ListArtifacts(std::int64_t run_id) {
  std::lock_guard lock(impl_->mu);
  if (auto r = impl_->LoadRunStatus(run_id); !r.ok()) return r.status();
  auto s = impl_->Prepare("SELECT name FROM artifacts WHERE run_id = ? ORDER BY rowid",
                          "listing the artifacts of run " + std::to_string(run_id));
  if (!s.ok()) return s.status();
  s->Bind(run_id);
  return Collect<std::string>(*s, [](const Stmt& st) { return st.Text(0); });
}

Result<int> SqliteStore::RecoverInterrupted() {
  std::lock_guard lock(impl_->mu);
  return impl_->RecoverInterrupted();
}

Status SqliteStore::CheckIntegrity() {
  std::lock_guard lock(impl_->mu);
  const std::string what = "checking the integrity of '" + impl_->path + "'";
  auto s = impl_->Prepare("PRAGMA integrity_check", what);
  if (!s.ok()) return s.status();
  auto lines = Collect<std::string>(*s, [](const Stmt& st) { return st.Text(0); });
  if (!lines.ok()) return lines.status();
  if (lines->size() != 1 || lines->front() != "ok") {
    std::string message = "store '" + impl_->path + "' is damaged:";
    for (const auto& l : *lines) message += "\n  " + l;
    return Internal(message);
  }
  // Foreign keys are enforced on every write; a violation here means the file was
  // written without them.
  auto fk = impl_->Prepare("PRAGMA foreign_key_check", what);
  if (!fk.ok()) return fk.status();
  auto violation = fk->Step();
  if (!violation.ok()) return violation.status();
  if (*violation) {
    return Internal("store '" + impl_->path + "' has a dangling reference in table '" +
                    fk->Text(0) + "'");
  }
  return Status::Ok();
}

}  // namespace corridor::store
