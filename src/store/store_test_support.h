// What the store tests share: a fresh store location per test for each backend (a
// SQLite file in a temporary folder, or a new database in the test process's
// throw-away PostgreSQL cluster) and the fixture of the backend-independent suite.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "store/store.h"
#ifdef CORRIDOR_HAVE_POSTGRESQL
#include "store/pg_test_cluster.h"
#endif

namespace corridor::store {

enum class Backend { kSqlite, kPostgres };

inline void PrintTo(Backend b, std::ostream* os) {
  *os << (b == Backend::kSqlite ? "sqlite" : "postgresql");
}

inline std::string BackendName(const ::testing::TestParamInfo<Backend>& info) {
  return info.param == Backend::kSqlite ? "sqlite" : "postgresql";
}

// A fresh folder per test for file-backed stores (WAL needs a real file).
class TempDir {
 public:
  TempDir() {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "corridor_store_XXXXXX").string();
    path_ = mkdtemp(pattern.data());
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  std::string File(const std::string& name) const {
    return (std::filesystem::path(path_) / name).string();
  }

 private:
  std::string path_;
};

#ifdef CORRIDOR_HAVE_POSTGRESQL
// The process's cluster; fails the test (never skips) when it cannot start.
inline testing::PgTestCluster* Cluster() {
  Status error;
  testing::PgTestCluster* cluster = testing::SharedPgTestCluster(&error);
  EXPECT_NE(cluster, nullptr) << error.ToString();
  return cluster;
}

// A new empty database in the cluster; its URL, or "" after a test failure.
inline std::string NewPgDatabase(std::string* name_out = nullptr) {
  static std::atomic<int> counter{0};
  testing::PgTestCluster* cluster = Cluster();
  if (cluster == nullptr) return "";
  const std::string name = "store_" + std::to_string(++counter);
  if (name_out != nullptr) *name_out = name;
  const Status st = cluster->CreateDatabase(name);
  EXPECT_TRUE(st.ok()) << st.ToString();
  return st.ok() ? cluster->Url(name) : "";
}
#endif

// Where a test's store lives: a file in `dir`, or a new PostgreSQL database.
inline std::string NewLocation(Backend backend, const TempDir& dir) {
  if (backend == Backend::kSqlite) return dir.File("store.db");
#ifdef CORRIDOR_HAVE_POSTGRESQL
  return NewPgDatabase();
#else
  ADD_FAILURE() << "built without PostgreSQL";
  return "";
#endif
}

inline std::unique_ptr<Store> OpenOrDie(const std::string& location) {
  auto store = Store::Open(location);
  EXPECT_TRUE(store.ok()) << store.status().ToString();
  return store.ok() ? std::move(store).value() : nullptr;
}

inline DatasetRecord Meta(const std::string& hash) {
  DatasetRecord m;
  m.name = "china-russia";
  m.content_hash = hash;
  m.reference_year = 2024;
  m.source_folder = "data/china_russia";
  return m;
}

inline const std::vector<DatasetFile> kFiles = {{"nodes.csv", "id,name\nA,a\n"},
                                                {"links.csv", std::string("x\0y", 3)},
                                                {"empty.csv", ""}};

// The backend-independent suite: a store with one dataset, on the backend given.
class StoreTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    location_ = NewLocation(GetParam(), dir_);
    ASSERT_FALSE(location_.empty());
    store_ = OpenOrDie(location_);
    ASSERT_NE(store_, nullptr);
    auto d = store_->ImportDataset(Meta("aaaa"), kFiles);
    ASSERT_TRUE(d.ok()) << d.status().ToString();
    dataset_id_ = d->id;
  }

 public:  // for the helpers of the tests
  RunRecord NewRun(const std::string& kind = "solve") { return NewRunIn(*store_, kind); }

  RunRecord NewRunIn(Store& store, const std::string& kind = "solve") {
    RunRecord r;
    r.kind = kind;
    r.dataset_id = dataset_id_;
    r.dataset_hash = "aaaa";
    r.scenario_ids = {0, 7};
    r.scenario_hashes = ",9f0c";
    r.options_json = R"({"ranging":3})";
    r.program_version = "0.1.0 (git test)";
    r.seed = 0xfedcba9876543210ULL;  // above INT64_MAX: stored by bit pattern
    auto created = store.CreateRun(r);
    EXPECT_TRUE(created.ok()) << created.status().ToString();
    return created.ok() ? *created : RunRecord{};
  }

 protected:
  TempDir dir_;
  std::string location_;
  std::unique_ptr<Store> store_;
  std::int64_t dataset_id_ = 0;
};

}  // namespace corridor::store
