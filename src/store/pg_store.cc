// The PostgreSQL store: connection, migrations, recovery, datasets, scenarios, runs
// (pg_store.h). The accounts are in pg_auth.cc.
#include "store/pg_store.h"

#include <libpq-fe.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <set>

#include <nlohmann/json.hpp>

#include "core/clock.h"
#include "core/hash.h"
#include "store/pg_internal.h"

namespace corridor::store {

using namespace pg_internal;  // NOLINT: internal header of one module
using json = nlohmann::json;

namespace {

using rows::HashText;
using rows::kDatasetColumns;
using rows::kRunColumns;
using rows::kScenarioColumns;
using rows::Missing;

template <typename T, typename Read>
Result<std::vector<T>> CollectRows(const pqxx::result& rows, Read read) {
  std::vector<T> out;
  out.reserve(rows.size());
  for (const auto& row : rows) {
    Result<T> item = read(row);
    if (!item.ok()) return item.status();
    out.push_back(std::move(item).value());
  }
  return out;
}

Result<DatasetRecord> LoadDataset(pqxx::work& txn, std::int64_t id) {
  auto rows = txn.exec_params(Select(kDatasetColumns, "FROM datasets WHERE id = $1"), id);
  if (rows.empty()) return Missing("dataset", id);
  return ReadDataset(rows[0]);
}

Result<ScenarioRecord> LoadScenario(pqxx::work& txn, std::int64_t id) {
  auto rows = txn.exec_params(Select(kScenarioColumns, "FROM scenarios WHERE id = $1"), id);
  if (rows.empty()) return Missing("scenario", id);
  return ReadScenario(rows[0]);
}

Result<RunRecord> LoadRun(pqxx::work& txn, std::int64_t id) {
  auto rows = txn.exec_params(Select(kRunColumns, "FROM runs WHERE id = $1"), id);
  if (rows.empty()) return Missing("run", id);
  return ReadRun(rows[0]);
}

// NotFound, or Conflict unless the run's status is one of `from`. Locks the run's row
// until the transaction ends, so two servers cannot both move it on.
Status LockRunIn(pqxx::work& txn, std::int64_t id, std::initializer_list<RunStatus> from,
                 std::string_view action) {
  auto rows = txn.exec_params("SELECT status FROM runs WHERE id = $1 FOR UPDATE", id);
  if (rows.empty()) return Missing("run", id);
  const std::string status = rows[0][0].as<std::string>();
  for (RunStatus allowed : from) {
    if (status == RunStatusName(allowed)) return Status::Ok();
  }
  return Conflict("run " + std::to_string(id) + " is " + status + "; cannot " +
                  std::string(action));
}

// Conflict if `name` is taken by a scenario of `dataset_id` other than `except_id`.
// (A clash with a concurrent writer shows as a unique violation, also Conflict.)
Status CheckScenarioName(pqxx::work& txn, std::int64_t dataset_id, const std::string& name,
                         std::int64_t except_id) {
  auto rows = txn.exec_params(
      "SELECT count(*) FROM scenarios WHERE dataset_id = $1 AND name = $2 AND id <> $3",
      dataset_id, name, except_id);
  if (rows[0][0].as<std::int64_t>() == 0) return Status::Ok();
  return Conflict("dataset " + std::to_string(dataset_id) + " already has a scenario named '" +
                  name + "'");
}

// A random positive 63-bit id, 0 never.
std::int64_t NewInstanceId() {
  std::random_device rd;
  std::uint64_t v = 0;
  while (v == 0) {
    v = (static_cast<std::uint64_t>(rd()) << 32 | rd()) & 0x7fffffffffffffffULL;
  }
  return static_cast<std::int64_t>(v);
}

}  // namespace

// ---- errors, connection, migrations ----

namespace pg_internal {

namespace {
// libpq's messages end in a newline and may add a DETAIL line: keep the first line.
std::string FirstLine(const char* text) {
  std::string s(text);
  s = s.substr(0, s.find('\n'));
  return s.rfind("ERROR:  ", 0) == 0 ? s.substr(8) : s;
}
}  // namespace

Status CurrentError(const std::string& shown_url, std::string_view what) {
  const std::string where = "store '" + shown_url + "': " + std::string(what) + ": ";
  try {
    throw;
  } catch (const pqxx::broken_connection& e) {
    return Unavailable(where + "lost the connection: " + FirstLine(e.what()));
  } catch (const pqxx::in_doubt_error& e) {
    return Unavailable(where + "the connection broke during commit; the change may or may "
                               "not be stored: " + FirstLine(e.what()));
  } catch (const pqxx::transaction_rollback& e) {
    return Unavailable(where + "the server rolled the transaction back, try again: " +
                       FirstLine(e.what()));
  } catch (const pqxx::unique_violation& e) {
    return Conflict(where + FirstLine(e.what()));
  } catch (const pqxx::foreign_key_violation& e) {
    return Conflict(where + FirstLine(e.what()));
  } catch (const pqxx::data_exception& e) {
    return InvalidInput(where + FirstLine(e.what()));
  } catch (const pqxx::sql_error& e) {
    if (e.sqlstate() == "55P03") {  // lock_not_available: lock_timeout ran out
      return Unavailable(where + "another server held a lock too long: " + FirstLine(e.what()));
    }
    return Internal(where + FirstLine(e.what()) + " (SQLSTATE " + e.sqlstate() + ")");
  } catch (const std::exception& e) {
    return Internal(where + FirstLine(e.what()));
  }
}

}  // namespace pg_internal

std::string RedactPostgresUrl(const std::string& url) {
  std::string out = url;
  const auto scheme = out.find("://");
  if (scheme != std::string::npos) {
    const auto start = scheme + 3;
    const auto end = std::min(out.find_first_of("/?", start), out.size());
    const auto at = out.rfind('@', end == out.size() ? std::string::npos : end - 1);
    if (at != std::string::npos && at >= start) {
      const auto colon = out.find(':', start);
      if (colon != std::string::npos && colon < at) out.erase(colon, at - colon);
    }
  }
  // A password given as a query parameter: drop "password=...".
  const auto q = out.find('?');
  if (q == std::string::npos) return out;
  std::string query;
  for (std::size_t i = q + 1; i <= out.size();) {
    const auto amp = std::min(out.find('&', i), out.size());
    const std::string param = out.substr(i, amp - i);
    if (param.rfind("password=", 0) != 0 && !param.empty()) {
      query += (query.empty() ? "" : "&") + param;
    }
    i = amp + 1;
  }
  out.erase(q);
  if (!query.empty()) out += "?" + query;
  return out;
}

PgStore::Impl::~Impl() {
  if (!conn || !conn->is_open()) return;
  // Free the lock at once: a server starting right after sees this instance as gone
  // (closing alone frees it only when the server notices the closed socket).
  try {
    pqxx::nontransaction n(*conn);
    n.exec_params("SELECT pg_advisory_unlock($1)", instance);
  } catch (...) {  // NOLINT(bugprone-empty-catch): closing frees it anyway
  }
  conn->disconnect();
}

Status PgStore::Impl::Connect() {
  conn.reset();
  try {
    auto c = std::make_unique<pqxx::connection>(url);
    // libpqxx would otherwise reconnect silently and lose the session's lock.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
    c->inhibit_reactivation(true);
#pragma GCC diagnostic pop
    c->set_client_encoding("UTF8");
    pqxx::nontransaction n(*c);
    // As SQLite's busy timeout: a lock held too long by another server is Unavailable.
    n.exec("SET lock_timeout = '" + std::to_string(kLockTimeoutMs) + "ms'");
    const std::int64_t previous = instance;
    for (int attempt = 0;; ++attempt) {
      if (instance == 0) instance = NewInstanceId();
      if (n.exec_params("SELECT pg_try_advisory_lock($1)", instance)[0][0].as<bool>()) break;
      // Held by our own previous session the server has not seen die yet (or, by
      // chance, by an instance with the same random id): take a new id.
      if (attempt == 3) return Unavailable("store '" + shown + "': cannot take an instance lock");
      instance = 0;
    }
    if (previous != 0 && previous != instance) {
      // Our open runs move to the new id, or a successor would fail them once the old
      // session ends.
      n.exec_params(
          "UPDATE runs SET claimed_by = $1 WHERE claimed_by = $2 AND status IN "
          "('queued', 'running')",
          instance, previous);
    }
    conn = std::move(c);
    return Status::Ok();
  } catch (const pqxx::broken_connection& e) {
    std::string m = e.what();
    while (!m.empty() && m.back() == '\n') m.pop_back();
    return Unavailable("cannot reach store '" + shown + "': " + m);
  } catch (...) {
    return CurrentError(shown, "connecting");
  }
}

Status PgStore::Impl::Migrate() {
  for (;;) {
    int found = 0;
    auto st = Tx("migrating the schema", [&](pqxx::work& txn) -> Status {
      // One migrator at a time; the version is read under the lock.
      txn.exec_params("SELECT pg_advisory_xact_lock($1, $2)", kLockSpace, kMigrationLock);
      if (!txn.exec("SELECT to_regclass('schema_version')")[0][0].is_null()) {
        auto rows = txn.exec("SELECT version FROM schema_version");
        if (rows.size() != 1) {
          return Internal("store '" + shown + "': schema_version has " +
                          std::to_string(rows.size()) + " rows, not 1");
        }
        found = rows[0][0].as<int>();
      }
      if (found > kSchemaVersion) {
        return Unavailable("store '" + shown + "' has schema version " + std::to_string(found) +
                           ", newer than version " + std::to_string(kSchemaVersion) +
                           " written by this program; use a newer corridor");
      }
      if (found == kSchemaVersion) return Status::Ok();
      txn.exec(kPgMigrations[found]);
      txn.exec_params(
          "INSERT INTO schema_version (version) VALUES ($1) "
          "ON CONFLICT (one) DO UPDATE SET version = EXCLUDED.version",
          found + 1);
      return Status::Ok();
    });
    if (!st.ok()) return st;
    if (found == kSchemaVersion) break;
  }
  version = kSchemaVersion;
  return Status::Ok();
}

Result<int> PgStore::Impl::RecoverInterrupted(pqxx::work& txn) {
  // Open runs of other instances; 0 = claimed by none (cannot be alive).
  auto claimants = txn.exec_params(
      "SELECT DISTINCT claimed_by FROM runs "
      "WHERE status IN ('queued', 'running') AND claimed_by <> $1",
      instance);
  int failed = 0;
  const std::string now = NowUtcIso8601();
  for (const auto& row : claimants) {
    const auto id = row[0].as<std::int64_t>();
    // Free lock = dead instance. Held until commit, so a concurrent recovery by
    // another server skips these runs instead of counting them twice.
    if (id != 0 &&
        !txn.exec_params("SELECT pg_try_advisory_xact_lock($1)", id)[0][0].as<bool>()) {
      continue;
    }
    auto done = txn.exec_params(
        "UPDATE runs SET status = 'failed', error_json = $1, finished_at = $2 "
        "WHERE claimed_by = $3 AND status IN ('queued', 'running')",
        std::string(rows::kInterruptedError), now, id);
    failed += static_cast<int>(done.affected_rows());
  }
  return failed;
}

PgStore::PgStore(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
PgStore::~PgStore() = default;

std::int64_t PgStore::instance_id() const { return impl_->instance; }
int PgStore::schema_version() const { return impl_->version; }
const std::string& PgStore::path() const { return impl_->shown; }

Result<std::unique_ptr<Store>> PgStore::Open(const std::string& url) {
  auto impl = std::make_unique<Impl>();
  impl->url = url;
  impl->shown = RedactPostgresUrl(url);
  // libpq's own parser: a malformed URL is the caller's mistake, not an outage.
  char* error = nullptr;
  PQconninfoOption* options = PQconninfoParse(url.c_str(), &error);
  if (options == nullptr) {
    std::string m = error != nullptr ? error : "out of memory";
    PQfreemem(error);
    while (!m.empty() && m.back() == '\n') m.pop_back();
    return InvalidInput("store URL '" + impl->shown + "' is malformed: " + m);
  }
  PQconninfoFree(options);
  {
    std::lock_guard lock(impl->mu);
    if (auto st = impl->Connect(); !st.ok()) return st;
  }
  if (auto st = impl->Migrate(); !st.ok()) return st;
  Impl& db = *impl;
  auto recovered = db.Tx("recovering interrupted runs",
                         [&](pqxx::work& txn) { return db.RecoverInterrupted(txn); });
  if (!recovered.ok()) return recovered.status();
  return std::unique_ptr<Store>(new PgStore(std::move(impl)));
}

// ---- datasets ----

Result<DatasetRecord> PgStore::ImportDataset(const DatasetRecord& meta,
                                             const std::vector<DatasetFile>& files) {
  if (auto st = rows::CheckImport(meta, files); !st.ok()) return st;
  for (const auto& f : files) {
    if (auto st = CheckTexts("dataset '" + meta.name + "'", {f.name}); !st.ok()) return st;
  }
  if (auto st = CheckTexts("dataset '" + meta.name + "'",
                           {meta.name, meta.content_hash, meta.source_folder});
      !st.ok()) {
    return st;
  }
  const std::string what = "import dataset '" + meta.name + "'";
  return impl_->Tx(what, [&](pqxx::work& txn) -> Result<DatasetRecord> {
    const std::string by_hash = Select(kDatasetColumns, "FROM datasets WHERE content_hash = $1");
    if (auto rows = txn.exec_params(by_hash, meta.content_hash); !rows.empty()) {
      return ReadDataset(rows[0]);
    }
    // A concurrent import of the same dataset by another server: ours waits for its
    // commit, then inserts nothing, and the stored record is returned.
    auto inserted = txn.exec_params(
        "INSERT INTO datasets (name, content_hash, reference_year, source_folder, imported_at) "
        "VALUES ($1, $2, $3, $4, $5) ON CONFLICT (content_hash) DO NOTHING RETURNING id",
        meta.name, meta.content_hash, meta.reference_year, meta.source_folder, NowUtcIso8601());
    if (inserted.empty()) return ReadDataset(txn.exec_params1(by_hash, meta.content_hash));
    const auto id = inserted[0][0].as<std::int64_t>();
    for (std::size_t i = 0; i < files.size(); ++i) {
      txn.exec_params(
          "INSERT INTO dataset_files (dataset_id, position, name, content) "
          "VALUES ($1, $2, $3, $4)",
          id, static_cast<int>(i), files[i].name, pqxx::binarystring(files[i].content));
    }
    return LoadDataset(txn, id);
  });
}

Result<std::vector<DatasetRecord>> PgStore::ListDatasets() {
  return impl_->Tx("listing datasets", [&](pqxx::work& txn) {
    return CollectRows<DatasetRecord>(
        txn.exec(Select(kDatasetColumns, "FROM datasets ORDER BY id")), ReadDataset);
  });
}

Result<DatasetRecord> PgStore::GetDataset(std::int64_t id) {
  return impl_->Tx("reading dataset " + std::to_string(id),
                   [&](pqxx::work& txn) { return LoadDataset(txn, id); });
}

Result<std::vector<DatasetFile>> PgStore::GetDatasetFiles(std::int64_t id) {
  return impl_->Tx("reading the files of dataset " + std::to_string(id),
                   [&](pqxx::work& txn) -> Result<std::vector<DatasetFile>> {
    auto rows = txn.exec_params(
        "SELECT d.id, f.name, f.content FROM datasets d "
        "LEFT JOIN dataset_files f ON f.dataset_id = d.id WHERE d.id = $1 ORDER BY f.position",
        id);
    if (rows.empty()) return Missing("dataset", id);
    std::vector<DatasetFile> files;
    for (const auto& row : rows) {
      if (row[1].is_null()) continue;  // the LEFT JOIN's row of a dataset without files
      files.push_back({row[1].as<std::string>(), pqxx::binarystring(row[2]).str()});
    }
    return files;
  });
}

Status PgStore::DeleteDataset(std::int64_t id) {
  const std::string what = "delete dataset " + std::to_string(id);
  return impl_->Tx(what, [&](pqxx::work& txn) -> Status {
    if (auto record = LoadDataset(txn, id); !record.ok()) return record.status();
    const auto scenarios =
        txn.exec_params1("SELECT count(*) FROM scenarios WHERE dataset_id = $1", id)[0]
            .as<std::int64_t>();
    const auto runs =
        txn.exec_params1("SELECT count(*) FROM runs WHERE dataset_id = $1", id)[0]
            .as<std::int64_t>();
    if (scenarios > 0 || runs > 0) {
      return Conflict("dataset " + std::to_string(id) + " is used by " +
                      std::to_string(scenarios) + " scenario(s) and " + std::to_string(runs) +
                      " run(s)");
    }
    // A scenario or run added meanwhile by another server fails the delete with a
    // reference violation, which is Conflict too.
    txn.exec_params0("DELETE FROM datasets WHERE id = $1", id);
    return Status::Ok();
  });
}

// ---- scenarios ----

Result<ScenarioRecord> PgStore::CreateScenario(std::int64_t dataset_id, const std::string& name,
                                               const std::string& text, std::int64_t owner_id) {
  if (name.empty()) return InvalidInput("a scenario needs a name");
  if (auto st = CheckTexts("scenario '" + name + "'", {name, text}); !st.ok()) return st;
  return impl_->Tx("create scenario '" + name + "'", [&](pqxx::work& txn) -> Result<ScenarioRecord> {
    if (auto d = LoadDataset(txn, dataset_id); !d.ok()) return d.status();
    if (auto st = CheckScenarioName(txn, dataset_id, name, 0); !st.ok()) return st;
    const std::string now = NowUtcIso8601();
    auto row = txn.exec_params1(
        "INSERT INTO scenarios (dataset_id, name, text, content_hash, created_at, updated_at, "
        "owner_id) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        dataset_id, name, text, HashText(text), now, now, owner_id);
    return LoadScenario(txn, row[0].as<std::int64_t>());
  });
}

Result<ScenarioRecord> PgStore::GetScenario(std::int64_t id) {
  return impl_->Tx("reading scenario " + std::to_string(id),
                   [&](pqxx::work& txn) { return LoadScenario(txn, id); });
}

Result<std::vector<ScenarioRecord>> PgStore::ListScenarios(std::optional<std::int64_t> dataset_id) {
  return impl_->Tx("listing scenarios", [&](pqxx::work& txn) {
    auto rows = dataset_id
                    ? txn.exec_params(Select(kScenarioColumns,
                                              "FROM scenarios WHERE dataset_id = $1 ORDER BY id"),
                                      *dataset_id)
                    : txn.exec(Select(kScenarioColumns, "FROM scenarios ORDER BY id"));
    return CollectRows<ScenarioRecord>(rows, ReadScenario);
  });
}

Result<ScenarioRecord> PgStore::UpdateScenario(std::int64_t id, const std::string& name,
                                               const std::string& text) {
  if (name.empty()) return InvalidInput("a scenario needs a name");
  if (auto st = CheckTexts("scenario '" + name + "'", {name, text}); !st.ok()) return st;
  return impl_->Tx("update scenario " + std::to_string(id),
                   [&](pqxx::work& txn) -> Result<ScenarioRecord> {
    auto current = LoadScenario(txn, id);
    if (!current.ok()) return current.status();
    if (auto st = CheckScenarioName(txn, current->dataset_id, name, id); !st.ok()) return st;
    txn.exec_params0(
        "UPDATE scenarios SET name = $1, text = $2, content_hash = $3, updated_at = $4 "
        "WHERE id = $5",
        name, text, HashText(text), NowUtcIso8601(), id);
    return LoadScenario(txn, id);
  });
}

Status PgStore::DeleteScenario(std::int64_t id) {
  return impl_->Tx("deleting scenario " + std::to_string(id), [&](pqxx::work& txn) -> Status {
    auto done = txn.exec_params("DELETE FROM scenarios WHERE id = $1", id);
    if (done.affected_rows() == 0) return Missing("scenario", id);
    return Status::Ok();
  });
}

// ---- runs ----

Result<RunRecord> PgStore::CreateRun(const RunRecord& run) {
  if (run.kind.empty()) return InvalidInput("a run needs a kind");
  if (auto st = CheckTexts("a " + run.kind + " run", {run.kind, run.dataset_hash,
                                                       run.scenario_hashes, run.options_json,
                                                       run.program_version});
      !st.ok()) {
    return st;
  }
  return impl_->Tx("create a " + run.kind + " run", [&](pqxx::work& txn) -> Result<RunRecord> {
    if (auto d = LoadDataset(txn, run.dataset_id); !d.ok()) return d.status();
    auto row = txn.exec_params1(
        "INSERT INTO runs (kind, dataset_id, dataset_hash, scenario_ids, scenario_hashes, "
        "options_json, program_version, seed, status, progress, stage, created_at, started_at, "
        "finished_at, wall_seconds, error_json, summary_json, owner_id, claimed_by) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'queued', 0, '', $9, '', '', 0, '', '', $10, "
        "$11) RETURNING id",
        run.kind, run.dataset_id, run.dataset_hash, json(run.scenario_ids).dump(),
        run.scenario_hashes, run.options_json, run.program_version,
        static_cast<std::int64_t>(run.seed), NowUtcIso8601(), run.owner_id, impl_->instance);
    return LoadRun(txn, row[0].as<std::int64_t>());
  });
}

Status PgStore::MarkRunning(std::int64_t id) {
  return impl_->Tx("start run " + std::to_string(id), [&](pqxx::work& txn) -> Status {
    if (auto st = LockRunIn(txn, id, {RunStatus::kQueued}, "start it"); !st.ok()) return st;
    txn.exec_params0(
        "UPDATE runs SET status = 'running', started_at = $1, claimed_by = $2 WHERE id = $3",
        NowUtcIso8601(), impl_->instance, id);
    return Status::Ok();
  });
}

Status PgStore::UpdateProgress(std::int64_t id, double progress, const std::string& stage) {
  if (std::isnan(progress)) {
    return InvalidInput("progress of run " + std::to_string(id) + " is NaN");
  }
  if (auto st = CheckTexts("progress of run " + std::to_string(id), {stage}); !st.ok()) {
    return st;
  }
  return impl_->Tx("record the progress of run " + std::to_string(id),
                   [&](pqxx::work& txn) -> Status {
    if (auto st = LockRunIn(txn, id, {RunStatus::kQueued, RunStatus::kRunning},
                            "record progress");
        !st.ok()) {
      return st;
    }
    txn.exec_params0("UPDATE runs SET progress = $1, stage = $2 WHERE id = $3",
                     std::clamp(progress, 0.0, 1.0), stage, id);
    return Status::Ok();
  });
}

Status PgStore::FinishRun(std::int64_t id, const RunResults& results, double wall_seconds) {
  if (auto st = CheckTexts("run " + std::to_string(id), {results.summary_json}); !st.ok()) {
    return st;
  }
  if (auto st = rows::CheckArtifacts(id, results); !st.ok()) return st;
  for (const auto& a : results.artifacts) {
    if (auto st = CheckTexts("run " + std::to_string(id), {a.name, a.media_type}); !st.ok()) {
      return st;
    }
  }
  // The status and the artifacts commit together: nobody sees one without the other.
  return impl_->Tx("store the results of run " + std::to_string(id),
                   [&](pqxx::work& txn) -> Status {
    if (auto st = LockRunIn(txn, id, {RunStatus::kQueued, RunStatus::kRunning}, "store results");
        !st.ok()) {
      return st;
    }
    txn.exec_params0(
        "UPDATE runs SET status = 'finished', progress = 1, summary_json = $1, "
        "finished_at = $2, wall_seconds = $3 WHERE id = $4",
        results.summary_json, NowUtcIso8601(), wall_seconds, id);
    for (std::size_t i = 0; i < results.artifacts.size(); ++i) {
      const Artifact& a = results.artifacts[i];
      txn.exec_params0(
          "INSERT INTO artifacts (run_id, position, name, media_type, content) "
          "VALUES ($1, $2, $3, $4, $5)",
          id, static_cast<int>(i), a.name, a.media_type, pqxx::binarystring(a.content));
    }
    return Status::Ok();
  });
}

Status PgStore::EndRun(std::int64_t id, RunStatus status, const std::string& error_json,
                       double wall_seconds) {
  if (auto st = rows::CheckEndRun(id, status, error_json); !st.ok()) return st;
  if (auto st = CheckTexts("run " + std::to_string(id), {error_json}); !st.ok()) return st;
  const char* action = status == RunStatus::kFailed ? "mark it failed" : "cancel it";
  return impl_->Tx("end run " + std::to_string(id), [&](pqxx::work& txn) -> Status {
    if (auto st = LockRunIn(txn, id, {RunStatus::kQueued, RunStatus::kRunning}, action);
        !st.ok()) {
      return st;
    }
    txn.exec_params0(
        "UPDATE runs SET status = $1, error_json = $2, finished_at = $3, wall_seconds = $4 "
        "WHERE id = $5",
        RunStatusName(status), error_json, NowUtcIso8601(), wall_seconds, id);
    return Status::Ok();
  });
}

Result<RunRecord> PgStore::GetRun(std::int64_t id) {
  return impl_->Tx("reading run " + std::to_string(id),
                   [&](pqxx::work& txn) { return LoadRun(txn, id); });
}

Result<std::vector<RunRecord>> PgStore::ListRuns(int limit, int offset,
                                                 std::optional<std::int64_t> dataset_id) {
  if (limit < 0 || offset < 0) return InvalidInput("limit and offset must be >= 0");
  return impl_->Tx("listing runs", [&](pqxx::work& txn) {
    auto rows =
        dataset_id
            ? txn.exec_params(Select(kRunColumns, "FROM runs WHERE dataset_id = $1 "
                                                   "ORDER BY id DESC LIMIT $2 OFFSET $3"),
                              *dataset_id, limit, offset)
            : txn.exec_params(Select(kRunColumns, "FROM runs ORDER BY id DESC LIMIT $1 OFFSET $2"),
                              limit, offset);
    return CollectRows<RunRecord>(rows, ReadRun);
  });
}

Result<Artifact> PgStore::GetArtifact(std::int64_t run_id, const std::string& name) {
  if (auto st = CheckTexts("run " + std::to_string(run_id), {name}); !st.ok()) return st;
  return impl_->Tx("reading artifact '" + name + "' of run " + std::to_string(run_id),
                   [&](pqxx::work& txn) -> Result<Artifact> {
    auto rows = txn.exec_params(
        "SELECT r.id, a.media_type, a.content FROM runs r "
        "LEFT JOIN artifacts a ON a.run_id = r.id AND a.name = $2 WHERE r.id = $1",
        run_id, name);
    if (rows.empty()) return Missing("run", run_id);
    if (rows[0][1].is_null()) {
      return NotFound("run " + std::to_string(run_id) + " has no artifact '" + name + "'");
    }
    return Artifact{name, rows[0][1].as<std::string>(), pqxx::binarystring(rows[0][2]).str()};
  });
}

Result<std::vector<std::string>> PgStore::ListArtifacts(std::int64_t run_id) {
  return impl_->Tx("listing the artifacts of run " + std::to_string(run_id),
                   [&](pqxx::work& txn) -> Result<std::vector<std::string>> {
    if (txn.exec_params("SELECT 1 FROM runs WHERE id = $1", run_id).empty()) {
      return Missing("run", run_id);
    }
    auto rows = txn.exec_params(
        "SELECT name FROM artifacts WHERE run_id = $1 ORDER BY position", run_id);
    std::vector<std::string> names;
    for (const auto& row : rows) names.push_back(row[0].as<std::string>());
    return names;
  });
}

Result<int> PgStore::RecoverInterrupted() {
  return impl_->Tx("recovering interrupted runs",
                   [&](pqxx::work& txn) { return impl_->RecoverInterrupted(txn); });
}

Status PgStore::CheckIntegrity() {
  // The server keeps its pages and references sound; these are the store's own rules.
  return impl_->Tx("checking the integrity of the store", [&](pqxx::work& txn) -> Status {
    const std::string where = "store '" + impl_->shown + "' ";
    auto versions = txn.exec("SELECT version FROM schema_version");
    if (versions.size() != 1 || versions[0][0].as<int>() != impl_->version) {
      return Internal(where + "has a damaged schema_version table");
    }
    auto stray = txn.exec(
        "SELECT a.run_id, r.status FROM artifacts a JOIN runs r ON r.id = a.run_id "
        "WHERE r.status <> 'finished' LIMIT 1");
    if (!stray.empty()) {
      return Internal(where + "has artifacts of run " + stray[0][0].as<std::string>() +
                      ", which is " + stray[0][1].as<std::string>());
    }
    auto open_ended = txn.exec(
        "SELECT id FROM runs WHERE (status IN ('queued', 'running')) = (finished_at <> '') "
        "LIMIT 1");
    if (!open_ended.empty()) {
      return Internal(where + "has run " + open_ended[0][0].as<std::string>() +
                      " whose finished_at does not match its status");
    }
    return Status::Ok();
  });
}

}  // namespace corridor::store
