// The SQLite store's internals shared by sqlite_store.cc (datasets, scenarios, runs)
// and sqlite_auth.cc (users, tokens, audit): statements, transactions, the schema
// migrations and the connection. Internal to store/.
#pragma once

#include <sqlite3.h>
#include <algorithm>
#include <cmath>
#include <ctime>
#include <initializer_list>
#include <iterator>
#include <mutex>
#include <set>
#include <string_view>
#include <utility>
#include <fmt/chrono.h>
#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include "core/clock.h"
#include "core/hash.h"

#include "store/sqlite_store.h"
#include "store/store_rows.h"

namespace corridor::store::sqlite_internal {


using json = nlohmann::json;

// Long enough to ride out another process's write transaction (a FinishRun with large
// artifacts), short enough that a wedged peer surfaces as Unavailable, not a hang.
inline constexpr int kBusyTimeoutMs = 5000;

// kMigrations[i] takes the schema from version i to i + 1. A released entry is never
// edited: a schema change is a new entry and a bump of kSchemaVersion.
inline constexpr const char* kMigrations[] = {
    R"sql(
CREATE TABLE datasets (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  name TEXT NOT NULL,
  content_hash TEXT NOT NULL UNIQUE,
  reference_year INTEGER NOT NULL,
  source_folder TEXT NOT NULL,
  imported_at TEXT NOT NULL
);
CREATE TABLE dataset_files (
  dataset_id INTEGER NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  content BLOB NOT NULL,
  PRIMARY KEY (dataset_id, name)
);
CREATE TABLE scenarios (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  dataset_id INTEGER NOT NULL REFERENCES datasets(id),
  name TEXT NOT NULL,
  text TEXT NOT NULL,
  content_hash TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (dataset_id, name)
);
CREATE TABLE runs (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  kind TEXT NOT NULL,
  dataset_id INTEGER NOT NULL REFERENCES datasets(id),
  dataset_hash TEXT NOT NULL,
  scenario_ids TEXT NOT NULL,  -- JSON array; scenarios may be deleted, runs stay
  scenario_hashes TEXT NOT NULL,
  options_json TEXT NOT NULL,
  program_version TEXT NOT NULL,
  seed INTEGER NOT NULL,       -- the uint64 seed's bit pattern
  status TEXT NOT NULL
    CHECK (status IN ('queued', 'running', 'finished', 'failed', 'cancelled')),
  progress REAL NOT NULL,
  stage TEXT NOT NULL,
  created_at TEXT NOT NULL,
  started_at TEXT NOT NULL,
  finished_at TEXT NOT NULL,
  wall_seconds REAL NOT NULL,
  error_json TEXT NOT NULL,
  summary_json TEXT NOT NULL
);
CREATE INDEX runs_by_dataset ON runs (dataset_id);
CREATE INDEX runs_by_status ON runs (status);
CREATE INDEX scenarios_by_dataset ON scenarios (dataset_id);
CREATE TABLE artifacts (
  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  media_type TEXT NOT NULL,
  content BLOB NOT NULL,
  PRIMARY KEY (run_id, name)
);
)sql",
    // 2: accounts of a shared server, owners of scenarios and runs, the audit trail.
    R"sql(
CREATE TABLE users (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  name TEXT NOT NULL UNIQUE,
  role TEXT NOT NULL CHECK (role IN ('viewer', 'planner', 'admin')),
  password_hash TEXT NOT NULL,
  created_at TEXT NOT NULL,
  failed_logins INTEGER NOT NULL DEFAULT 0,
  locked_until TEXT NOT NULL DEFAULT ''
);
CREATE TABLE tokens (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  user_id INTEGER NOT NULL REFERENCES users(id),
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('api', 'session')),
  token_hash TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  revoked_at TEXT NOT NULL DEFAULT ''
);
CREATE INDEX tokens_by_user ON tokens (user_id);
CREATE TABLE audit (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at TEXT NOT NULL,
  user_id INTEGER NOT NULL,
  user_name TEXT NOT NULL,
  action TEXT NOT NULL,
  target TEXT NOT NULL,
  detail_json TEXT NOT NULL
);
ALTER TABLE scenarios ADD COLUMN owner_id INTEGER NOT NULL DEFAULT 0;
ALTER TABLE runs ADD COLUMN owner_id INTEGER NOT NULL DEFAULT 0;
)sql",
};
static_assert(std::size(kMigrations) == kSchemaVersion, "one migration per schema version");

using rows::HashText;
using rows::IsEmptyOrJsonObject;
using rows::kAuditColumns;
using rows::kDatasetColumns;
using rows::kInterruptedError;
using rows::kRunColumns;
using rows::kScenarioColumns;
using rows::kTokenColumns;
using rows::kUserColumns;
using rows::Missing;

// Busy or locked means another process held the database past busy_timeout: the
// request may work later. Anything else is a fault of this program or of the file.
inline Status SqlError(sqlite3* db, int rc, std::string_view what) {
  std::string message = "store: " + std::string(what) + ": " + sqlite3_errmsg(db) +
                        " (SQLite code " + std::to_string(rc) + ")";
  const int primary = rc & 0xff;
  if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) return Unavailable(std::move(message));
  return Internal(std::move(message));
}

// One prepared statement. Parameters are bound in order; a binding error is kept and
// reported by the next Step so call sites stay linear.
class Stmt {
 public:
  Stmt(sqlite3* db, sqlite3_stmt* stmt, std::string what)
      : db_(db), stmt_(stmt), what_(std::move(what)) {}
  ~Stmt() { sqlite3_finalize(stmt_); }
  Stmt(Stmt&& o) noexcept
      : db_(o.db_), stmt_(std::exchange(o.stmt_, nullptr)), what_(std::move(o.what_)),
        next_(o.next_), bind_rc_(o.bind_rc_) {}
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;
  Stmt& operator=(Stmt&&) = delete;

  Stmt& Bind(std::int64_t v) { return Check(sqlite3_bind_int64(stmt_, ++next_, v)); }
  Stmt& Bind(int v) { return Bind(static_cast<std::int64_t>(v)); }
  Stmt& Bind(double v) { return Check(sqlite3_bind_double(stmt_, ++next_, v)); }
  Stmt& Bind(std::string_view v) {
    return Check(sqlite3_bind_text64(stmt_, ++next_, v.data(), v.size(), SQLITE_TRANSIENT,
                                     SQLITE_UTF8));
  }
  Stmt& Bind(const char* v) { return Bind(std::string_view(v)); }
  Stmt& Bind(const std::string& v) { return Bind(std::string_view(v)); }
  Stmt& BindBlob(std::string_view v) {
    // A zero-length blob needs a non-null pointer or SQLite stores NULL.
    static const char kEmpty = 0;
    return Check(sqlite3_bind_blob64(stmt_, ++next_, v.empty() ? &kEmpty : v.data(), v.size(),
                                     SQLITE_TRANSIENT));
  }
  Stmt& Bind(std::optional<std::int64_t> v) {
    if (v) return Bind(*v);
    return Check(sqlite3_bind_null(stmt_, ++next_));
  }

  // True while a row is available, false once the statement is done.
  Result<bool> Step() {
    if (bind_rc_ != SQLITE_OK) return SqlError(db_, bind_rc_, "binding parameters for " + what_);
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    return SqlError(db_, rc, what_);
  }
  // Runs a statement that returns no rows.
  Status Run() {
    auto r = Step();
    return r.ok() ? Status::Ok() : r.status();
  }
  // Makes the statement ready to run again with new parameters.
  void Reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
    next_ = 0;
  }

  bool IsNull(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }
  std::int64_t Int(int col) const { return sqlite3_column_int64(stmt_, col); }
  double Double(int col) const { return sqlite3_column_double(stmt_, col); }
  // Text and blob columns alike (a blob's bytes are returned unchanged).
  std::string Text(int col) const {
    const void* data = sqlite3_column_blob(stmt_, col);
    const int size = sqlite3_column_bytes(stmt_, col);
    if (data == nullptr || size <= 0) return {};
    return std::string(static_cast<const char*>(data), static_cast<std::size_t>(size));
  }

 private:
  Stmt& Check(int rc) {
    if (rc != SQLITE_OK && bind_rc_ == SQLITE_OK) bind_rc_ = rc;
    return *this;
  }

  sqlite3* db_;
  sqlite3_stmt* stmt_;
  std::string what_;
  int next_ = 0;
  int bind_rc_ = SQLITE_OK;
};

// BEGIN IMMEDIATE takes the write lock up front, so a transaction that reads before it
// writes cannot fail half-way with SQLITE_BUSY. Not committed means rolled back.
class Transaction {
 public:
  explicit Transaction(sqlite3* db) : db_(db) {}
  ~Transaction() {
    if (!sqlite3_get_autocommit(db_)) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
  }
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  Status Begin(std::string_view what) {
    const int rc = sqlite3_exec(db_, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr);
    if (rc != SQLITE_OK) return SqlError(db_, rc, "starting a transaction to " + std::string(what));
    return Status::Ok();
  }
  Status Commit(std::string_view what) {
    const int rc = sqlite3_exec(db_, "COMMIT", nullptr, nullptr, nullptr);
    if (rc != SQLITE_OK) return SqlError(db_, rc, "committing " + std::string(what));
    return Status::Ok();
  }

 private:
  sqlite3* db_;
};

// Rows read by the shared readers (store_rows.h), one name each for passing around.
inline DatasetRecord ReadDataset(const Stmt& s) { return rows::ReadDataset(s); }
inline ScenarioRecord ReadScenario(const Stmt& s) { return rows::ReadScenario(s); }
inline Result<RunRecord> ReadRun(const Stmt& s) { return rows::ReadRun(s); }
inline Result<UserRecord> ReadUser(const Stmt& s) { return rows::ReadUser(s); }
inline TokenRecord ReadToken(const Stmt& s) { return rows::ReadToken(s); }
inline AuditRecord ReadAudit(const Stmt& s) { return rows::ReadAudit(s); }

// Steps `s` to the end, reading every row with `read` (which returns T or Result<T>).
template <typename T, typename Read>
Result<std::vector<T>> Collect(Stmt& s, Read read) {
  std::vector<T> out;
  for (;;) {
    auto row = s.Step();
    if (!row.ok()) return row.status();
    if (!*row) return out;
    Result<T> item = read(s);
    if (!item.ok()) return item.status();
    out.push_back(std::move(item).value());
  }
}

}  // namespace corridor::store::sqlite_internal

namespace corridor::store {

using namespace sqlite_internal;  // NOLINT: internal header of one module


struct SqliteStore::Impl {
  Impl(sqlite3* handle, std::string file) : db(handle), path(std::move(file)) {}
  ~Impl() { sqlite3_close_v2(db); }
  Impl(const Impl&) = delete;
  Impl& operator=(const Impl&) = delete;

  sqlite3* db;
  std::string path;
  int version = 0;
  std::mutex mu;  // serialises every call on the one connection

  Result<Stmt> Prepare(std::string_view sql, std::string what) {
    sqlite3_stmt* stmt = nullptr;
    const int rc = sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr);
    if (rc != SQLITE_OK) {
      sqlite3_finalize(stmt);
      return SqlError(db, rc, "preparing the statement for " + what);
    }
    return Stmt(db, stmt, std::move(what));
  }

  Status Exec(const std::string& sql, std::string_view what) {
    const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr);
    if (rc != SQLITE_OK) return SqlError(db, rc, what);
    return Status::Ok();
  }

  // `sql` with `args` bound in order, run to completion (no rows expected).
  template <typename... Args>
  Status Execute(std::string_view sql, const std::string& what, const Args&... args) {
    auto s = Prepare(sql, what);
    if (!s.ok()) return s.status();
    (s->Bind(args), ...);
    return s->Run();
  }

  // The first row of `sql` with `args` bound, read by `read` (returning T or Result<T>);
  // `missing` when there is no row.
  template <typename T, typename Read, typename... Args>
  Result<T> QueryRow(std::string_view sql, const std::string& what, Read read, Status missing,
                     const Args&... args) {
    auto s = Prepare(sql, what);
    if (!s.ok()) return s.status();
    (s->Bind(args), ...);
    auto row = s->Step();
    if (!row.ok()) return row.status();
    if (!*row) return missing;
    return read(*s);
  }

  // A statement returning one integer (a count or a pragma value).
  template <typename... Args>
  Result<std::int64_t> QueryInt(std::string_view sql, const std::string& what,
                                const Args&... args) {
    return QueryRow<std::int64_t>(sql, what, [](const Stmt& s) { return s.Int(0); },
                                  Internal("store: " + what + ": no row"), args...);
  }

  // Runs `body` (returning Status or Result<T>) in one BEGIN IMMEDIATE transaction,
  // which commits only if the body succeeds. Holds the connection's lock throughout.
  template <typename Body>
  auto Write(const std::string& what, Body body) -> decltype(body()) {
    std::lock_guard lock(mu);
    Transaction txn(db);
    if (auto st = txn.Begin(what); !st.ok()) return st;
    auto out = body();
    if (!out.ok()) return out;
    if (auto st = txn.Commit(what); !st.ok()) return st;
    return out;
  }

  Result<std::int64_t> UserVersion() {
    return QueryInt("PRAGMA user_version", "reading the schema version of '" + path + "'");
  }

  Status TooNew(std::int64_t found) const {
    return Unavailable("store '" + path + "' has schema version " + std::to_string(found) +
                       ", newer than version " + std::to_string(kSchemaVersion) +
                       " written by this program; use a newer corridor");
  }

  Status Migrate() {
    auto found = UserVersion();
    if (!found.ok()) return found.status();
    if (*found > kSchemaVersion) return TooNew(*found);
    while (*found < kSchemaVersion) {
      Transaction txn(db);
      const std::string what = "migrate '" + path + "' to schema version " +
                               std::to_string(*found + 1);
      if (auto st = txn.Begin(what); !st.ok()) return st;
      // Another process may have migrated between our read and our lock.
      found = UserVersion();
      if (!found.ok()) return found.status();
      if (*found > kSchemaVersion) return TooNew(*found);
      if (*found == kSchemaVersion) break;
      const std::int64_t next = *found + 1;
      if (auto st = Exec(kMigrations[*found], what); !st.ok()) return st;
      // A pragma takes no parameters; `next` is our own integer, not input.
      if (auto st = Exec("PRAGMA user_version = " + std::to_string(next), what); !st.ok()) {
        return st;
      }
      if (auto st = txn.Commit(what); !st.ok()) return st;
      found = next;
    }
    version = kSchemaVersion;
    return Status::Ok();
  }

  Result<DatasetRecord> LoadDataset(std::int64_t id) {
    return QueryRow<DatasetRecord>(
        "SELECT " + std::string(kDatasetColumns) + " FROM datasets WHERE id = ?",
        "reading dataset " + std::to_string(id), ReadDataset, Missing("dataset", id), id);
  }

  Result<ScenarioRecord> LoadScenario(std::int64_t id) {
    return QueryRow<ScenarioRecord>(
        "SELECT " + std::string(kScenarioColumns) + " FROM scenarios WHERE id = ?",
        "reading scenario " + std::to_string(id), ReadScenario, Missing("scenario", id), id);
  }

  Result<UserRecord> LoadUser(std::int64_t id) {
    return QueryRow<UserRecord>("SELECT " + std::string(kUserColumns) + " FROM users WHERE id = ?",
                                "reading user " + std::to_string(id), ReadUser,
                                Missing("user", id), id);
  }

  Result<RunRecord> LoadRun(std::int64_t id) {
    return QueryRow<RunRecord>("SELECT " + std::string(kRunColumns) + " FROM runs WHERE id = ?",
                               "reading run " + std::to_string(id), ReadRun, Missing("run", id),
                               id);
  }

  // The run's status as stored; NotFound for an unknown run.
  Result<std::string> LoadRunStatus(std::int64_t id) {
    return QueryRow<std::string>("SELECT status FROM runs WHERE id = ?",
                                 "reading the status of run " + std::to_string(id),
                                 [](const Stmt& s) { return s.Text(0); }, Missing("run", id), id);
  }

  // NotFound, or Conflict unless the run's status is one of `from`.
  Status CheckRunStatus(std::int64_t id, std::initializer_list<RunStatus> from,
                        std::string_view action) {
    auto status = LoadRunStatus(id);
    if (!status.ok()) return status.status();
    for (RunStatus allowed : from) {
      if (*status == RunStatusName(allowed)) return Status::Ok();
    }
    return Conflict("run " + std::to_string(id) + " is " + *status + "; cannot " +
                    std::string(action));
  }

  // Checks that run `id` is in one of the states `from`, then runs `sql`, an UPDATE of
  // that run with `args` bound and the id last.
  template <typename... Args>
  Status UpdateRun(std::int64_t id, std::initializer_list<RunStatus> from,
                   std::string_view action, std::string_view sql, const std::string& what,
                   const Args&... args) {
    if (auto st = CheckRunStatus(id, from, action); !st.ok()) return st;
    return Execute(sql, what, args..., id);
  }

  // Conflict if `name` is taken by a scenario of `dataset_id` other than `except_id`.
  Status CheckScenarioName(std::int64_t dataset_id, const std::string& name,
                           std::int64_t except_id) {
    auto taken = QueryInt(
        "SELECT count(*) FROM scenarios WHERE dataset_id = ? AND name = ? AND id != ?",
        "checking scenario names of dataset " + std::to_string(dataset_id), dataset_id, name,
        except_id);
    if (!taken.ok()) return taken.status();
    if (*taken == 0) return Status::Ok();
    return Conflict("dataset " + std::to_string(dataset_id) + " already has a scenario named '" +
                    name + "'");
  }

  Result<int> RecoverInterrupted() {
    auto st = Execute(
        "UPDATE runs SET status = 'failed', error_json = ?, finished_at = ? "
        "WHERE status IN ('queued', 'running')",
        "marking interrupted runs failed", kInterruptedError, NowUtcIso8601());
    if (!st.ok()) return st;
    return sqlite3_changes(db);
  }
};

}  // namespace corridor::store
