// The PostgreSQL store's internals shared by pg_store.cc (datasets, scenarios, runs)
// and pg_auth.cc (users, tokens, audit): the schema migrations, the connection with
// its advisory lock, transactions and the mapping of libpqxx errors to Status.
// Internal to store/.
#pragma once

#include <pqxx/pqxx>

#include <cstdint>
#include <initializer_list>
#include <iterator>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "store/pg_store.h"
#include "store/store_rows.h"

namespace corridor::store::pg_internal {

// kPgMigrations[i] takes the schema from version i to i + 1, as kMigrations does for
// SQLite (sqlite_internal.h): the same tables and columns, translated (BIGSERIAL,
// BYTEA for contents, DOUBLE PRECISION), plus what PostgreSQL needs and SQLite has
// implicitly: a `position` column keeping dataset files and artifacts in the order
// given (SQLite's rowid), and runs.claimed_by, the instance that owns an open run. A
// released entry is never edited.
inline constexpr const char* kPgMigrations[] = {
    R"sql(
CREATE TABLE schema_version (
  one BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK (one),  -- a single row
  version INTEGER NOT NULL
);
CREATE TABLE datasets (
  id BIGSERIAL PRIMARY KEY,
  name TEXT NOT NULL,
  content_hash TEXT NOT NULL UNIQUE,
  reference_year INTEGER NOT NULL,
  source_folder TEXT NOT NULL,
  imported_at TEXT NOT NULL
);
CREATE TABLE dataset_files (
  dataset_id BIGINT NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  name TEXT NOT NULL,
  content BYTEA NOT NULL,
  PRIMARY KEY (dataset_id, name)
);
CREATE TABLE scenarios (
  id BIGSERIAL PRIMARY KEY,
  dataset_id BIGINT NOT NULL REFERENCES datasets(id),
  name TEXT NOT NULL,
  text TEXT NOT NULL,
  content_hash TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (dataset_id, name)
);
CREATE TABLE runs (
  id BIGSERIAL PRIMARY KEY,
  kind TEXT NOT NULL,
  dataset_id BIGINT NOT NULL REFERENCES datasets(id),
  dataset_hash TEXT NOT NULL,
  scenario_ids TEXT NOT NULL,  -- JSON array; scenarios may be deleted, runs stay
  scenario_hashes TEXT NOT NULL,
  options_json TEXT NOT NULL,
  program_version TEXT NOT NULL,
  seed BIGINT NOT NULL,        -- the uint64 seed's bit pattern
  status TEXT NOT NULL
    CHECK (status IN ('queued', 'running', 'finished', 'failed', 'cancelled')),
  progress DOUBLE PRECISION NOT NULL,
  stage TEXT NOT NULL,
  created_at TEXT NOT NULL,
  started_at TEXT NOT NULL,
  finished_at TEXT NOT NULL,
  wall_seconds DOUBLE PRECISION NOT NULL,
  error_json TEXT NOT NULL,
  summary_json TEXT NOT NULL
);
CREATE INDEX runs_by_dataset ON runs (dataset_id);
CREATE INDEX runs_by_status ON runs (status);
CREATE INDEX scenarios_by_dataset ON scenarios (dataset_id);
CREATE TABLE artifacts (
  run_id BIGINT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  name TEXT NOT NULL,
  media_type TEXT NOT NULL,
  content BYTEA NOT NULL,
  PRIMARY KEY (run_id, name)
);
)sql",
    // 2: accounts of a shared server, owners of scenarios and runs, the audit trail;
    // the instance that claimed each run.
    R"sql(
CREATE TABLE users (
  id BIGSERIAL PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  role TEXT NOT NULL CHECK (role IN ('viewer', 'planner', 'admin')),
  password_hash TEXT NOT NULL,
  created_at TEXT NOT NULL,
  failed_logins INTEGER NOT NULL DEFAULT 0,
  locked_until TEXT NOT NULL DEFAULT ''
);
CREATE TABLE tokens (
  id BIGSERIAL PRIMARY KEY,
  user_id BIGINT NOT NULL REFERENCES users(id),
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('api', 'session')),
  token_hash TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  revoked_at TEXT NOT NULL DEFAULT ''
);
CREATE INDEX tokens_by_user ON tokens (user_id);
CREATE TABLE audit (
  id BIGSERIAL PRIMARY KEY,
  at TEXT NOT NULL,
  user_id BIGINT NOT NULL,
  user_name TEXT NOT NULL,
  action TEXT NOT NULL,
  target TEXT NOT NULL,
  detail_json TEXT NOT NULL
);
ALTER TABLE scenarios ADD COLUMN owner_id BIGINT NOT NULL DEFAULT 0;
ALTER TABLE runs ADD COLUMN owner_id BIGINT NOT NULL DEFAULT 0;
ALTER TABLE runs ADD COLUMN claimed_by BIGINT NOT NULL DEFAULT 0;
CREATE INDEX runs_by_claimant ON runs (claimed_by) WHERE status IN ('queued', 'running');
)sql",
};
static_assert(std::size(kPgMigrations) == kSchemaVersion, "one migration per schema version");

// Advisory lock keys. Instances lock their random 63-bit id with the one-bigint form;
// migrations lock this pair with the two-int form, a separate key space.
inline constexpr int kLockSpace = 0x636f7272;  // "corr"
inline constexpr int kMigrationLock = 1;

// How long a statement waits for a row or advisory lock held by another server.
inline constexpr int kLockTimeoutMs = 5000;

// Maps the exception being handled (call inside a catch block) to a Status: a lost
// connection or a transaction the server rolled back is Unavailable (try again), a
// uniqueness or reference clash Conflict, a value the server refuses (a NUL byte or
// invalid UTF-8 in a text) InvalidInput, anything else Internal.
Status CurrentError(const std::string& shown_url, std::string_view what);

// libpq sends text parameters NUL-terminated, so a NUL byte would silently cut a value
// short (SQLite stores it): InvalidInput naming `what` instead.
inline Status CheckTexts(std::string_view what, std::initializer_list<std::string_view> texts) {
  for (std::string_view t : texts) {
    if (t.find('\0') != std::string_view::npos) {
      return InvalidInput(std::string(what) + ": a text holds a NUL byte, which the "
                          "PostgreSQL store cannot keep");
    }
  }
  return Status::Ok();
}

// A libpqxx row as the shared readers take it (store_rows.h).
struct PgRow {
  const pqxx::row& r;
  std::int64_t Int(int col) const { return r[col].as<std::int64_t>(); }
  double Double(int col) const { return r[col].as<double>(); }
  std::string Text(int col) const { return r[col].as<std::string>(); }
};

inline DatasetRecord ReadDataset(const pqxx::row& r) { return rows::ReadDataset(PgRow{r}); }
inline ScenarioRecord ReadScenario(const pqxx::row& r) { return rows::ReadScenario(PgRow{r}); }
inline Result<RunRecord> ReadRun(const pqxx::row& r) { return rows::ReadRun(PgRow{r}); }
inline Result<UserRecord> ReadUser(const pqxx::row& r) { return rows::ReadUser(PgRow{r}); }
inline TokenRecord ReadToken(const pqxx::row& r) { return rows::ReadToken(PgRow{r}); }
inline AuditRecord ReadAudit(const pqxx::row& r) { return rows::ReadAudit(PgRow{r}); }

// "SELECT <columns> <rest>".
inline std::string Select(std::string_view columns, std::string_view rest) {
  return "SELECT " + std::string(columns) + " " + std::string(rest);
}

}  // namespace corridor::store::pg_internal

namespace corridor::store {

struct PgStore::Impl {
  std::string url;    // as given, password included: only for connecting
  std::string shown;  // RedactPostgresUrl(url)
  std::int64_t instance = 0;
  int version = 0;
  std::mutex mu;  // serialises every call on the one connection
  std::unique_ptr<pqxx::connection> conn;

  ~Impl();

  // Connects (again) and takes this instance's advisory lock. Caller holds `mu`.
  Status Connect();

  // Runs `body(txn)` (returning Status or Result<T>) in one transaction, which commits
  // only if the body succeeds; holds the connection's lock throughout. Reads use it too.
  template <typename Body>
  auto Tx(const std::string& what, Body body) -> decltype(body(std::declval<pqxx::work&>())) {
    std::lock_guard lock(mu);
    if (!conn || !conn->is_open()) {
      if (auto st = Connect(); !st.ok()) return st;
    }
    try {
      pqxx::work txn(*conn);
      auto out = body(txn);
      if (!out.ok()) return out;  // the transaction's destructor rolls back
      txn.commit();
      return out;
    } catch (const pqxx::broken_connection&) {
      Status st = pg_internal::CurrentError(shown, what);
      conn.reset();  // the next call reconnects
      return st;
    } catch (...) {
      return pg_internal::CurrentError(shown, what);
    }
  }

  Status Migrate();
  Result<int> RecoverInterrupted(pqxx::work& txn);
};

}  // namespace corridor::store
