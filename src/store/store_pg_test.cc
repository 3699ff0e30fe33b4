// PostgreSQL-only store tests: URLs, reachability, the schema version table, several
// instances on one database. The backend-independent suite (store_test.cc) runs on
// PostgreSQL too.
#ifdef CORRIDOR_HAVE_POSTGRESQL

#include <gtest/gtest.h>

#include <pqxx/pqxx>

#include <thread>

#include "store/pg_store.h"
#include "store/store_test_support.h"

namespace corridor::store {
namespace {

TEST(StorePostgresUrlTest, RedactsPasswords) {
  EXPECT_EQ(RedactPostgresUrl("postgresql://alice:s3cret@db.example:5432/corridor"),
            "postgresql://alice@db.example:5432/corridor");
  EXPECT_EQ(RedactPostgresUrl("postgres://alice@h/c?password=x&sslmode=require"),
            "postgres://alice@h/c?sslmode=require");
  EXPECT_EQ(RedactPostgresUrl("postgresql:///c?host=/tmp/s&password=x"),
            "postgresql:///c?host=/tmp/s");
  EXPECT_EQ(RedactPostgresUrl("postgresql://h/c?password=x"), "postgresql://h/c");
  EXPECT_EQ(RedactPostgresUrl("postgresql://alice@h/c"), "postgresql://alice@h/c");
  // A colon after the '@' is the port, not a password.
  EXPECT_EQ(RedactPostgresUrl("postgresql://h:5433/c"), "postgresql://h:5433/c");
}

TEST(StorePostgresTest, MalformedUrlIsInvalidInput) {
  for (const std::string url : {"postgresql://[::1/corridor", "postgresql://h/c?nosuch=1",
                                "postgresql://alice:pw@h/c?nosuch=1"}) {
    auto store = Store::Open(url);
    ASSERT_FALSE(store.ok()) << url;
    EXPECT_EQ(store.status().code(), StatusCode::kInvalidInput) << store.status().ToString();
    EXPECT_NE(store.status().message().find("malformed"), std::string::npos);
    EXPECT_EQ(store.status().message().find(":pw@"), std::string::npos)
        << store.status().message();
  }
}

TEST(StorePostgresTest, UnreachableServerIsUnavailableWithoutPassword) {
  TempDir dir;  // an empty folder: no server's socket in it
  const std::string url = "postgresql://alice:s3cret@/corridor?host=" + dir.File("");
  auto store = Store::Open(url);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), StatusCode::kUnavailable);
  const std::string& m = store.status().message();
  EXPECT_NE(m.find("postgresql://alice@/corridor?host="), std::string::npos) << m;
  EXPECT_EQ(m.find("s3cret"), std::string::npos) << m;
}

TEST(StorePostgresTest, PathHasNoPassword) {
  const std::string url = NewPgDatabase();
  ASSERT_FALSE(url.empty());
  // Trust authentication ignores the password; the store must not show it.
  const std::string with_password =
      "postgresql://postgres:hunter2@" + url.substr(std::string("postgresql://postgres@").size());
  auto store = OpenOrDie(with_password);
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(store->path(), url);
}

TEST(StorePostgresTest, RefusesNewerSchema) {
  std::string db;
  const std::string url = NewPgDatabase(&db);
  ASSERT_FALSE(url.empty());
  ASSERT_TRUE(Cluster()
                  ->Exec(db, "CREATE TABLE schema_version (one BOOLEAN PRIMARY KEY DEFAULT TRUE, "
                             "version INTEGER NOT NULL); "
                             "INSERT INTO schema_version (version) VALUES (99)")
                  .ok());
  auto store = Store::Open(url);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), StatusCode::kUnavailable);
  const std::string& m = store.status().message();
  EXPECT_NE(m.find(url), std::string::npos) << m;
  EXPECT_NE(m.find("schema version 99"), std::string::npos) << m;
  EXPECT_NE(m.find("version " + std::to_string(kSchemaVersion)), std::string::npos) << m;
}

TEST(StorePostgresTest, MigratesDatabaseWithOtherTablesOnceAndKeepsOneVersionRow) {
  std::string db;
  const std::string url = NewPgDatabase(&db);
  ASSERT_FALSE(url.empty());
  ASSERT_TRUE(Cluster()->Exec(db, "CREATE TABLE unrelated (x INTEGER)").ok());
  {
    auto store = OpenOrDie(url);
    ASSERT_NE(store, nullptr);
    EXPECT_EQ(store->schema_version(), kSchemaVersion);
    EXPECT_TRUE(store->ImportDataset(Meta("h"), kFiles).ok());
  }
  auto again = OpenOrDie(url);
  ASSERT_NE(again, nullptr);
  EXPECT_EQ(again->ListDatasets()->size(), 1u);
  pqxx::connection c(url);
  pqxx::nontransaction n(c);
  auto rows = n.exec("SELECT version FROM schema_version");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0][0].as<int>(), kSchemaVersion);
  // The single-row rule is the table's own.
  EXPECT_THROW(n.exec("INSERT INTO schema_version (one, version) VALUES (false, 1)"),
               pqxx::check_violation);
}

TEST(StorePostgresTest, ConcurrentOpensMigrateOnce) {
  const std::string url = NewPgDatabase();
  ASSERT_FALSE(url.empty());
  constexpr int kOpeners = 4;
  std::vector<Status> results(kOpeners);
  std::vector<std::unique_ptr<Store>> stores(kOpeners);
  std::vector<std::thread> threads;
  for (int i = 0; i < kOpeners; ++i) {
    threads.emplace_back([&, i] {
      auto s = Store::Open(url);
      results[i] = s.status();
      if (s.ok()) stores[i] = std::move(s).value();
    });
  }
  for (auto& t : threads) t.join();
  for (const auto& st : results) EXPECT_TRUE(st.ok()) << st.ToString();
  for (const auto& s : stores) {
    ASSERT_NE(s, nullptr);
    EXPECT_EQ(s->schema_version(), kSchemaVersion);
  }
  EXPECT_TRUE(stores[0]->ImportDataset(Meta("h"), {}).ok());
  EXPECT_EQ(stores[kOpeners - 1]->ListDatasets()->size(), 1u);
  EXPECT_TRUE(stores[0]->CheckIntegrity().ok());
}

// Two servers on one database: neither fails the other's open runs while both live;
// once one is gone, the next Open fails its runs as interrupted and only those.
class StorePostgresInstancesTest : public StoreTest {};

TEST_P(StorePostgresInstancesTest, OpenRecoversOnlyDeadInstancesRuns) {
  auto* first = dynamic_cast<PgStore*>(store_.get());
  ASSERT_NE(first, nullptr);
  const RunRecord queued = NewRun();
  const RunRecord running = NewRun();
  ASSERT_TRUE(store_->MarkRunning(running.id).ok());

  auto second = OpenOrDie(location_);
  ASSERT_NE(second, nullptr);
  EXPECT_NE(dynamic_cast<PgStore*>(second.get())->instance_id(), first->instance_id());
  EXPECT_EQ(second->GetRun(queued.id)->status, RunStatus::kQueued);
  EXPECT_EQ(second->GetRun(running.id)->status, RunStatus::kRunning);
  EXPECT_EQ(*second->RecoverInterrupted(), 0);
  EXPECT_EQ(*store_->RecoverInterrupted(), 0);  // its own runs are alive too
  const RunRecord seconds = NewRunIn(*second);

  store_.reset();  // the first server stops
  auto third = OpenOrDie(location_);
  ASSERT_NE(third, nullptr);
  for (auto id : {queued.id, running.id}) {
    auto r = third->GetRun(id);
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->status, RunStatus::kFailed) << "run " << id;
    EXPECT_NE(r->error_json.find("interrupted"), std::string::npos);
  }
  EXPECT_EQ(third->GetRun(seconds.id)->status, RunStatus::kQueued);
  // The second server carries on with its run.
  EXPECT_TRUE(second->MarkRunning(seconds.id).ok());
  EXPECT_TRUE(second->FinishRun(seconds.id, {"{}", {{"r", "text/plain", "x"}}}, 1).ok());
  EXPECT_TRUE(third->CheckIntegrity().ok());
}

// A server whose process died without closing (no destructor): its session ends when
// the server notices, and the lock with it.
TEST_P(StorePostgresInstancesTest, SessionEndFreesTheInstanceLock) {
  const RunRecord queued = NewRun();
  const std::int64_t instance = dynamic_cast<PgStore*>(store_.get())->instance_id();
  // Ending the backend of the first store from outside stands in for its death.
  pqxx::connection c(location_);
  pqxx::nontransaction n(c);
  auto killed = n.exec_params(
      "SELECT pg_terminate_backend(pid, 10000) FROM pg_locks "
      "WHERE locktype = 'advisory' AND classid = ($1::bigint >> 32)::oid "
      "AND objid = ($1::bigint & 4294967295)::oid AND objsubid = 1",
      instance);
  ASSERT_EQ(killed.size(), 1u);
  EXPECT_TRUE(killed[0][0].as<bool>());
  auto other = OpenOrDie(location_);
  ASSERT_NE(other, nullptr);
  EXPECT_EQ(other->GetRun(queued.id)->status, RunStatus::kFailed);
  // The first store reconnects on its next call and takes its lock again.
  EXPECT_FALSE(store_->GetRun(queued.id).ok());  // the call that finds the connection lost
  auto again = store_->GetRun(queued.id);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(again->status, RunStatus::kFailed);
  const RunRecord later = NewRun();
  auto third = OpenOrDie(location_);
  ASSERT_NE(third, nullptr);
  EXPECT_EQ(third->GetRun(later.id)->status, RunStatus::kQueued);
}

TEST_P(StorePostgresInstancesTest, TextWithNulByteIsInvalidInput) {
  auto sc = store_->CreateScenario(dataset_id_, "nul", std::string("a\0b", 3));
  EXPECT_EQ(sc.status().code(), StatusCode::kInvalidInput) << sc.status().ToString();
  auto bad = store_->CreateScenario(dataset_id_, "latin1", "caf\xe9");
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidInput) << bad.status().ToString();
  EXPECT_TRUE(store_->ListScenarios(std::nullopt)->empty());
}

// A row another server keeps locked past the lock timeout (5 s) is Unavailable, not a
// hang or an internal error, and leaves the run as it was.
TEST_P(StorePostgresInstancesTest, LockHeldTooLongIsUnavailable) {
  const RunRecord run = NewRun();
  pqxx::connection other(location_);
  pqxx::work holder(other);
  holder.exec_params("SELECT 1 FROM runs WHERE id = $1 FOR UPDATE", run.id);
  const Status st = store_->MarkRunning(run.id);
  EXPECT_EQ(st.code(), StatusCode::kUnavailable) << st.ToString();
  EXPECT_NE(st.message().find("start run " + std::to_string(run.id)), std::string::npos)
      << st.message();
  holder.abort();
  EXPECT_EQ(store_->GetRun(run.id)->status, RunStatus::kQueued);
  EXPECT_TRUE(store_->MarkRunning(run.id).ok());
}

INSTANTIATE_TEST_SUITE_P(Postgres, StorePostgresInstancesTest,
                         ::testing::Values(Backend::kPostgres), BackendName);

}  // namespace
}  // namespace corridor::store

#endif  // CORRIDOR_HAVE_POSTGRESQL
