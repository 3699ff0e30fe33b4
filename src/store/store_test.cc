#include "store/store.h"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <thread>

#include "core/hash.h"
#include "store/store_test_support.h"

namespace corridor::store {
namespace {

namespace fs = std::filesystem;

TEST(RunStatusTest, NamesRoundTrip) {
  for (RunStatus s : {RunStatus::kQueued, RunStatus::kRunning, RunStatus::kFinished,
                      RunStatus::kFailed, RunStatus::kCancelled}) {
    EXPECT_EQ(ParseRunStatus(RunStatusName(s)), s);
  }
  EXPECT_FALSE(ParseRunStatus("done").has_value());
}

TEST_P(StoreTest, OpensAtCurrentSchemaVersion) {
  EXPECT_EQ(store_->schema_version(), kSchemaVersion);
  EXPECT_EQ(store_->path(), location_);
  EXPECT_TRUE(store_->CheckIntegrity().ok());
}

TEST(StoreMemoryTest, InMemoryStoreWorks) {
  auto store = OpenOrDie(":memory:");
  ASSERT_NE(store, nullptr);
  auto d = store->ImportDataset(Meta("h"), {});
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_TRUE(store->CheckIntegrity().ok());
}

TEST_P(StoreTest, DatasetRoundTrip) {
  auto d = store_->GetDataset(dataset_id_);
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->name, "china-russia");
  EXPECT_EQ(d->content_hash, "aaaa");
  EXPECT_EQ(d->reference_year, 2024);
  EXPECT_EQ(d->source_folder, "data/china_russia");
  ASSERT_EQ(d->imported_at.size(), 20u);
  EXPECT_EQ(d->imported_at[10], 'T');
  EXPECT_EQ(d->imported_at.back(), 'Z');

  auto files = store_->GetDatasetFiles(dataset_id_);
  ASSERT_TRUE(files.ok());
  ASSERT_EQ(files->size(), kFiles.size());
  for (std::size_t i = 0; i < kFiles.size(); ++i) {
    EXPECT_EQ((*files)[i].name, kFiles[i].name);
    EXPECT_EQ((*files)[i].content, kFiles[i].content);
  }

  auto list = store_->ListDatasets();
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 1u);
  EXPECT_EQ(list->front().id, dataset_id_);
}

TEST_P(StoreTest, ImportIsIdempotentByHash) {
  auto again = store_->ImportDataset(Meta("aaaa"), {{"other.csv", "x"}});
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->id, dataset_id_);
  auto files = store_->GetDatasetFiles(dataset_id_);
  ASSERT_TRUE(files.ok());
  EXPECT_EQ(files->size(), kFiles.size());  // unchanged

  auto other = store_->ImportDataset(Meta("bbbb"), {});
  ASSERT_TRUE(other.ok());
  EXPECT_NE(other->id, dataset_id_);
  auto empty = store_->GetDatasetFiles(other->id);
  ASSERT_TRUE(empty.ok());
  EXPECT_TRUE(empty->empty());
  EXPECT_EQ(store_->ListDatasets()->size(), 2u);
}

TEST_P(StoreTest, ImportRejectsBadInput) {
  EXPECT_EQ(store_->ImportDataset(Meta(""), {}).status().code(), StatusCode::kInvalidInput);
  EXPECT_EQ(store_->ImportDataset(Meta("c"), {{"a.csv", "1"}, {"a.csv", "2"}}).status().code(),
            StatusCode::kInvalidInput);
  EXPECT_EQ(store_->ListDatasets()->size(), 1u);
}

TEST_P(StoreTest, DatasetNotFound) {
  auto d = store_->GetDataset(42);
  EXPECT_EQ(d.status().code(), StatusCode::kNotFound);
  EXPECT_NE(d.status().message().find("42"), std::string::npos);
  EXPECT_EQ(store_->GetDatasetFiles(42).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->DeleteDataset(42).code(), StatusCode::kNotFound);
}

TEST_P(StoreTest, DeleteDataset) {
  auto other = store_->ImportDataset(Meta("bbbb"), kFiles);
  ASSERT_TRUE(other.ok());
  EXPECT_TRUE(store_->DeleteDataset(other->id).ok());
  EXPECT_EQ(store_->GetDataset(other->id).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->GetDatasetFiles(other->id).status().code(), StatusCode::kNotFound);
  EXPECT_TRUE(store_->CheckIntegrity().ok());
}

TEST_P(StoreTest, DeleteDatasetInUseIsConflict) {
  auto sc = store_->CreateScenario(dataset_id_, "half", "x = 1\n");
  ASSERT_TRUE(sc.ok());
  EXPECT_EQ(store_->DeleteDataset(dataset_id_).code(), StatusCode::kConflict);
  ASSERT_TRUE(store_->DeleteScenario(sc->id).ok());

  NewRun();
  const Status st = store_->DeleteDataset(dataset_id_);
  EXPECT_EQ(st.code(), StatusCode::kConflict);
  EXPECT_NE(st.message().find("1 run"), std::string::npos) << st.message();
  EXPECT_TRUE(store_->GetDataset(dataset_id_).ok());
}

TEST_P(StoreTest, ScenarioRoundTrip) {
  const std::string text = "[scenario]\nname = \"half\"\n";
  auto sc = store_->CreateScenario(dataset_id_, "half", text);
  ASSERT_TRUE(sc.ok()) << sc.status().ToString();
  Fnv1a64 h;
  h.Update(text);
  EXPECT_EQ(sc->content_hash, h.Hex());
  EXPECT_EQ(sc->dataset_id, dataset_id_);
  EXPECT_EQ(sc->created_at, sc->updated_at);

  auto got = store_->GetScenario(sc->id);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->name, "half");
  EXPECT_EQ(got->text, text);

  auto updated = store_->UpdateScenario(sc->id, "third", "y = 2\n");
  ASSERT_TRUE(updated.ok());
  EXPECT_EQ(updated->name, "third");
  EXPECT_EQ(updated->text, "y = 2\n");
  EXPECT_NE(updated->content_hash, sc->content_hash);
  EXPECT_EQ(updated->created_at, sc->created_at);
  // Keeping the same name is not a clash with itself.
  EXPECT_TRUE(store_->UpdateScenario(sc->id, "third", "y = 3\n").ok());

  auto other = store_->ImportDataset(Meta("bbbb"), {});
  ASSERT_TRUE(other.ok());
  ASSERT_TRUE(store_->CreateScenario(other->id, "third", "z").ok());  // other dataset: fine
  EXPECT_EQ(store_->ListScenarios(std::nullopt)->size(), 2u);
  auto mine = store_->ListScenarios(dataset_id_);
  ASSERT_TRUE(mine.ok());
  ASSERT_EQ(mine->size(), 1u);
  EXPECT_EQ(mine->front().id, sc->id);

  EXPECT_TRUE(store_->DeleteScenario(sc->id).ok());
  EXPECT_EQ(store_->GetScenario(sc->id).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->DeleteScenario(sc->id).code(), StatusCode::kNotFound);
}

TEST_P(StoreTest, DuplicateScenarioNameIsConflict) {
  ASSERT_TRUE(store_->CreateScenario(dataset_id_, "half", "a").ok());
  auto dup = store_->CreateScenario(dataset_id_, "half", "b");
  EXPECT_EQ(dup.status().code(), StatusCode::kConflict);
  EXPECT_NE(dup.status().message().find("half"), std::string::npos);

  auto second = store_->CreateScenario(dataset_id_, "third", "c");
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(store_->UpdateScenario(second->id, "half", "c").status().code(),
            StatusCode::kConflict);
  EXPECT_EQ(store_->GetScenario(second->id)->name, "third");
}

TEST_P(StoreTest, ScenarioNotFound) {
  EXPECT_EQ(store_->CreateScenario(99, "x", "").status().code(), StatusCode::kNotFound);
  auto missing = store_->GetScenario(77);
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
  EXPECT_NE(missing.status().message().find("77"), std::string::npos);
  EXPECT_EQ(store_->UpdateScenario(77, "x", "").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->CreateScenario(dataset_id_, "", "").status().code(),
            StatusCode::kInvalidInput);
}

TEST_P(StoreTest, RunRoundTrip) {
  const RunRecord run = NewRun();
  EXPECT_GT(run.id, 0);
  EXPECT_EQ(run.status, RunStatus::kQueued);
  EXPECT_EQ(run.kind, "solve");
  EXPECT_EQ(run.dataset_id, dataset_id_);
  EXPECT_EQ(run.dataset_hash, "aaaa");
  EXPECT_EQ(run.scenario_ids, (std::vector<std::int64_t>{0, 7}));
  EXPECT_EQ(run.scenario_hashes, ",9f0c");
  EXPECT_EQ(run.options_json, R"({"ranging":3})");
  EXPECT_EQ(run.program_version, "0.1.0 (git test)");
  EXPECT_EQ(run.seed, 0xfedcba9876543210ULL);
  EXPECT_EQ(run.progress, 0.0);
  EXPECT_EQ(run.created_at.size(), 20u);
  EXPECT_EQ(run.started_at, "");
  EXPECT_EQ(run.finished_at, "");

  RunRecord bad;
  bad.kind = "solve";
  bad.dataset_id = 999;
  EXPECT_EQ(store_->CreateRun(bad).status().code(), StatusCode::kNotFound);
  bad.kind = "";
  EXPECT_EQ(store_->CreateRun(bad).status().code(), StatusCode::kInvalidInput);
}

TEST_P(StoreTest, RunLifecycleFinished) {
  const RunRecord run = NewRun();
  ASSERT_TRUE(store_->MarkRunning(run.id).ok());
  EXPECT_EQ(store_->MarkRunning(run.id).code(), StatusCode::kConflict);
  ASSERT_TRUE(store_->UpdateProgress(run.id, 0.4, "ranging 2/3").ok());
  auto mid = store_->GetRun(run.id);
  ASSERT_TRUE(mid.ok());
  EXPECT_EQ(mid->status, RunStatus::kRunning);
  EXPECT_DOUBLE_EQ(mid->progress, 0.4);
  EXPECT_EQ(mid->stage, "ranging 2/3");
  EXPECT_FALSE(mid->started_at.empty());
  ASSERT_TRUE(store_->UpdateProgress(run.id, 7.0, "clamped").ok());
  EXPECT_DOUBLE_EQ(store_->GetRun(run.id)->progress, 1.0);

  // Results are invisible before FinishRun.
  EXPECT_TRUE(store_->ListArtifacts(run.id)->empty());
  EXPECT_EQ(store_->GetArtifact(run.id, "result.json").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->GetRun(run.id)->summary_json, "");

  RunResults results;
  results.summary_json = R"({"served_t":5})";
  results.artifacts = {{"result.json", "application/json", "{}"},
                       {"flows.csv", "text/csv", std::string(200000, 'f')},
                       {"empty.txt", "text/plain", ""}};
  ASSERT_TRUE(store_->FinishRun(run.id, results, 12.5).ok());

  auto done = store_->GetRun(run.id);
  ASSERT_TRUE(done.ok());
  EXPECT_EQ(done->status, RunStatus::kFinished);
  EXPECT_EQ(done->summary_json, R"({"served_t":5})");
  EXPECT_DOUBLE_EQ(done->wall_seconds, 12.5);
  EXPECT_FALSE(done->finished_at.empty());
  EXPECT_EQ(*store_->ListArtifacts(run.id),
            (std::vector<std::string>{"result.json", "flows.csv", "empty.txt"}));
  for (const auto& a : results.artifacts) {
    auto got = store_->GetArtifact(run.id, a.name);
    ASSERT_TRUE(got.ok()) << a.name;
    EXPECT_EQ(got->name, a.name);
    EXPECT_EQ(got->media_type, a.media_type);
    EXPECT_EQ(got->content, a.content);
  }
  auto missing = store_->GetArtifact(run.id, "od.csv");
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
  EXPECT_NE(missing.status().message().find("od.csv"), std::string::npos);

  // An ended run cannot change.
  EXPECT_EQ(store_->FinishRun(run.id, results, 1).code(), StatusCode::kConflict);
  EXPECT_EQ(store_->EndRun(run.id, RunStatus::kCancelled, "", 1).code(), StatusCode::kConflict);
  EXPECT_EQ(store_->UpdateProgress(run.id, 0.5, "late").code(), StatusCode::kConflict);
  EXPECT_EQ(store_->MarkRunning(run.id).code(), StatusCode::kConflict);
  EXPECT_EQ(store_->GetRun(run.id)->status, RunStatus::kFinished);
}

// Doubles and the 64-bit seed come back bit for bit (PostgreSQL passes them as text).
TEST_P(StoreTest, NumbersRoundTripExactly) {
  const RunRecord run = NewRun();
  ASSERT_TRUE(store_->UpdateProgress(run.id, 1.0 / 3.0, "third").ok());
  EXPECT_EQ(store_->GetRun(run.id)->progress, 1.0 / 3.0);
  ASSERT_TRUE(store_->UpdateProgress(run.id, 5e-324, "denormal").ok());
  EXPECT_EQ(store_->GetRun(run.id)->progress, 5e-324);
  ASSERT_TRUE(store_->EndRun(run.id, RunStatus::kFailed, "", 0.1 + 0.2).ok());
  EXPECT_EQ(store_->GetRun(run.id)->wall_seconds, 0.1 + 0.2);
  EXPECT_EQ(store_->GetRun(run.id)->seed, 0xfedcba9876543210ULL);
}

TEST_P(StoreTest, FinishRunIsAllOrNothing) {
  const RunRecord run = NewRun();
  ASSERT_TRUE(store_->MarkRunning(run.id).ok());
  RunResults twice;
  twice.artifacts = {{"a", "text/plain", "1"}, {"a", "text/plain", "2"}};
  EXPECT_EQ(store_->FinishRun(run.id, twice, 1).code(), StatusCode::kInvalidInput);
  EXPECT_EQ(store_->GetRun(run.id)->status, RunStatus::kRunning);
  EXPECT_TRUE(store_->ListArtifacts(run.id)->empty());
  // A queued run may finish directly (a run that never reported running).
  const RunRecord queued = NewRun();
  EXPECT_TRUE(store_->FinishRun(queued.id, {"{}", {}}, 0).ok());
}

TEST_P(StoreTest, RunLifecycleFailedAndCancelled) {
  const RunRecord failed = NewRun();
  ASSERT_TRUE(store_->MarkRunning(failed.id).ok());
  const std::string error = R"({"code":"solver_failure","message":"numerical trouble"})";
  ASSERT_TRUE(store_->EndRun(failed.id, RunStatus::kFailed, error, 3).ok());
  auto f = store_->GetRun(failed.id);
  EXPECT_EQ(f->status, RunStatus::kFailed);
  EXPECT_EQ(f->error_json, error);
  EXPECT_DOUBLE_EQ(f->wall_seconds, 3);
  EXPECT_FALSE(f->finished_at.empty());
  EXPECT_EQ(store_->EndRun(failed.id, RunStatus::kCancelled, "", 0).code(),
            StatusCode::kConflict);
  EXPECT_EQ(store_->FinishRun(failed.id, {}, 0).code(), StatusCode::kConflict);
  EXPECT_TRUE(store_->ListArtifacts(failed.id)->empty());

  const RunRecord cancelled = NewRun("compare");  // cancelled while queued
  ASSERT_TRUE(store_->EndRun(cancelled.id, RunStatus::kCancelled, "", 0).ok());
  EXPECT_EQ(store_->GetRun(cancelled.id)->status, RunStatus::kCancelled);
  EXPECT_EQ(store_->MarkRunning(cancelled.id).code(), StatusCode::kConflict);
  const Status again = store_->EndRun(cancelled.id, RunStatus::kCancelled, "", 0);
  EXPECT_EQ(again.code(), StatusCode::kConflict);
  EXPECT_NE(again.message().find("cancelled"), std::string::npos);

  const RunRecord other = NewRun();
  EXPECT_EQ(store_->EndRun(other.id, RunStatus::kFinished, "", 0).code(),
            StatusCode::kInvalidInput);
  EXPECT_EQ(store_->EndRun(other.id, RunStatus::kFailed, "[1]", 0).code(),
            StatusCode::kInvalidInput);
  EXPECT_EQ(store_->GetRun(other.id)->status, RunStatus::kQueued);
}

TEST_P(StoreTest, RunNotFound) {
  auto r = store_->GetRun(555);
  EXPECT_EQ(r.status().code(), StatusCode::kNotFound);
  EXPECT_NE(r.status().message().find("555"), std::string::npos);
  EXPECT_EQ(store_->MarkRunning(555).code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->UpdateProgress(555, 0.1, "").code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->FinishRun(555, {}, 0).code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->EndRun(555, RunStatus::kFailed, "", 0).code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->GetArtifact(555, "result.json").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->ListArtifacts(555).status().code(), StatusCode::kNotFound);
}

TEST_P(StoreTest, ListRunsNewestFirstWithPaging) {
  std::vector<std::int64_t> ids;
  for (int i = 0; i < 5; ++i) ids.push_back(NewRun().id);
  auto all = store_->ListRuns(50, 0);
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 5u);
  EXPECT_EQ(all->front().id, ids.back());
  EXPECT_EQ(all->back().id, ids.front());
  auto page = store_->ListRuns(2, 1);
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->size(), 2u);
  EXPECT_EQ((*page)[0].id, ids[3]);
  EXPECT_EQ((*page)[1].id, ids[2]);
  EXPECT_TRUE(store_->ListRuns(0, 0)->empty());
  EXPECT_EQ(store_->ListRuns(-1, 0).status().code(), StatusCode::kInvalidInput);
  EXPECT_EQ(store_->ListRuns(50, 0, dataset_id_)->size(), 5u);
  EXPECT_TRUE(store_->ListRuns(50, 0, dataset_id_ + 1)->empty());
}

// Runs queued, running and finished: what recovery must tell apart.
struct OpenRuns {
  RunRecord queued, running, finished;
};

OpenRuns MakeOpenRuns(StoreTest& t, Store& store) {
  OpenRuns runs{t.NewRunIn(store), t.NewRunIn(store), t.NewRunIn(store)};
  EXPECT_TRUE(store.MarkRunning(runs.running.id).ok());
  EXPECT_TRUE(store.FinishRun(runs.finished.id, {"{}", {}}, 1).ok());
  return runs;
}

void ExpectRecovered(Store& store, const OpenRuns& runs) {
  for (auto id : {runs.queued.id, runs.running.id}) {
    auto r = store.GetRun(id);
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->status, RunStatus::kFailed);
    EXPECT_NE(r->error_json.find("interrupted"), std::string::npos);
    EXPECT_FALSE(r->finished_at.empty());
  }
  EXPECT_EQ(store.GetRun(runs.finished.id)->status, RunStatus::kFinished);
  EXPECT_EQ(*store.RecoverInterrupted(), 0);
}

// Open() recovers the open runs its predecessor left (SQLite: every open run, the
// file has one server; PostgreSQL: those of instances whose lock is free).
TEST_P(StoreTest, ReopenMarksOpenRunsFailed) {
  const OpenRuns runs = MakeOpenRuns(*this, *store_);
  store_.reset();
  store_ = OpenOrDie(location_);
  ASSERT_NE(store_, nullptr);
  ExpectRecovered(*store_, runs);
  EXPECT_TRUE(store_->CheckIntegrity().ok());
}

class SqliteStoreTest : public StoreTest {};

// SQLite has one server per file: recovery fails every open run, its own included.
TEST_P(SqliteStoreTest, RecoverInterruptedMarksOpenRunsFailed) {
  const OpenRuns runs = MakeOpenRuns(*this, *store_);
  auto n = store_->RecoverInterrupted();
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(*n, 2);
  ExpectRecovered(*store_, runs);
}

TEST_P(StoreTest, ReopenRecoversAndKeepsData) {
  const RunRecord running = NewRun();
  ASSERT_TRUE(store_->MarkRunning(running.id).ok());
  store_.reset();
  auto reopened = OpenOrDie(location_);
  ASSERT_NE(reopened, nullptr);
  EXPECT_EQ(reopened->GetRun(running.id)->status, RunStatus::kFailed);
  EXPECT_EQ(reopened->GetDatasetFiles(dataset_id_)->size(), kFiles.size());
}

// Writes a database by hand with the raw SQLite API.
void WriteRawDatabase(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  char* err = nullptr;
  const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err);
  EXPECT_EQ(rc, SQLITE_OK) << (err ? err : "");
  sqlite3_free(err);
  sqlite3_close(db);
}

TEST(StoreMigrationTest, MigratesVersionZeroDatabase) {
  TempDir dir;
  const std::string path = dir.File("old.db");
  // A version 0 file: a valid SQLite database without our schema.
  WriteRawDatabase(path, "CREATE TABLE unrelated (x); PRAGMA user_version = 0;");
  auto store = OpenOrDie(path);
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(store->schema_version(), kSchemaVersion);
  EXPECT_TRUE(store->ImportDataset(Meta("h"), kFiles).ok());
  EXPECT_TRUE(store->CheckIntegrity().ok());
  store.reset();
  // Reopening applies nothing again.
  auto again = OpenOrDie(path);
  ASSERT_NE(again, nullptr);
  EXPECT_EQ(again->ListDatasets()->size(), 1u);
}

TEST(StoreMigrationTest, RefusesNewerSchema) {
  TempDir dir;
  const std::string path = dir.File("new.db");
  WriteRawDatabase(path, "PRAGMA user_version = 99;");
  auto store = Store::Open(path);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), StatusCode::kUnavailable);
  const std::string& m = store.status().message();
  EXPECT_NE(m.find(path), std::string::npos) << m;
  EXPECT_NE(m.find("99"), std::string::npos) << m;
  EXPECT_NE(m.find(std::to_string(kSchemaVersion)), std::string::npos) << m;
}

TEST(StoreMigrationTest, RefusesGarbageFile) {
  TempDir dir;
  const std::string path = dir.File("garbage.db");
  {
    std::ofstream out(path, std::ios::binary);
    for (int i = 0; i < 512; ++i) out << "this is not a database\n";
  }
  auto store = Store::Open(path);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), StatusCode::kInvalidInput);
  EXPECT_NE(store.status().message().find(path), std::string::npos) << store.status().message();
}

TEST(StoreMigrationTest, MissingFolderIsUnavailable) {
  auto store = Store::Open("/nonexistent-corridor-dir/store.db");
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), StatusCode::kUnavailable);
  EXPECT_NE(store.status().message().find("/nonexistent-corridor-dir/store.db"),
            std::string::npos);
}

TEST_P(StoreTest, ConcurrentUseFromSeveralThreads) {
  constexpr int kThreads = 4;
  constexpr int kRunsPerThread = 15;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kRunsPerThread; ++i) {
        const RunRecord run = NewRun();
        bool ok = run.id > 0 && store_->MarkRunning(run.id).ok() &&
                  store_->UpdateProgress(run.id, 0.5, "half").ok();
        // Built by appending: GCC 12 warns (-Wrestrict, a false positive) on "s" + string.
        std::string name = "s";
        name += std::to_string(t) + "_" + std::to_string(i);
        ok = ok && store_->CreateScenario(dataset_id_, name, name).ok();
        RunResults results{"{}", {{"r", "text/plain", name}}};
        ok = ok && store_->FinishRun(run.id, results, 0.1).ok();
        auto art = store_->GetArtifact(run.id, "r");
        ok = ok && art.ok() && art->content == name && store_->ListRuns(10, 0).ok();
        if (!ok) ++failures;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(store_->ListRuns(1000, 0)->size(), static_cast<std::size_t>(kThreads * kRunsPerThread));
  EXPECT_EQ(store_->ListScenarios(dataset_id_)->size(),
            static_cast<std::size_t>(kThreads * kRunsPerThread));
  EXPECT_TRUE(store_->CheckIntegrity().ok());
}

TEST(StoreConcurrencyTest, TwoConnectionsToOneFile) {
  TempDir dir;
  const std::string path = dir.File("shared.db");
  auto a = OpenOrDie(path);
  auto b = OpenOrDie(path);
  ASSERT_NE(a, nullptr);
  ASSERT_NE(b, nullptr);
  auto d = a->ImportDataset(Meta("h"), kFiles);
  ASSERT_TRUE(d.ok());
  // The other connection sees the committed import and deduplicates against it.
  auto same = b->ImportDataset(Meta("h"), {});
  ASSERT_TRUE(same.ok());
  EXPECT_EQ(same->id, d->id);
}

#ifndef CORRIDOR_HAVE_POSTGRESQL
TEST(StoreMigrationTest, PostgresUrlWithoutPostgresSupportNamesTheOption) {
  auto store = Store::Open("postgresql://alice@db/corridor");
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), StatusCode::kUnavailable);
  EXPECT_NE(store.status().message().find("CORRIDOR_POSTGRESQL"), std::string::npos)
      << store.status().message();
}
#endif

INSTANTIATE_TEST_SUITE_P(Sqlite, StoreTest, ::testing::Values(Backend::kSqlite), BackendName);
INSTANTIATE_TEST_SUITE_P(Sqlite, SqliteStoreTest, ::testing::Values(Backend::kSqlite),
                         BackendName);
#ifdef CORRIDOR_HAVE_POSTGRESQL
INSTANTIATE_TEST_SUITE_P(Postgres, StoreTest, ::testing::Values(Backend::kPostgres),
                         BackendName);
#endif

}  // namespace
}  // namespace corridor::store
