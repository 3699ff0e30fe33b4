// Kills store_crash_child with SIGKILL at random instants, many times over one store
// (a SQLite file; a PostgreSQL database), and checks after each kill that the store keeps its promises (store.h): it
// opens, it is intact, every run reported finished is there with all its artifacts,
// no other run has any, and nothing is left queued or running.
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <climits>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <thread>

#include <nlohmann/json.hpp>

#include "store/crash_payload.h"
#include "store/store.h"
#ifdef CORRIDOR_HAVE_POSTGRESQL
#include "store/pg_test_cluster.h"
#endif

extern char** environ;

namespace corridor::store {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

// The number of kills: `variable` from the environment, else `fallback`.
int Iterations(const char* variable, int fallback) {
  const char* env = std::getenv(variable);
  if (env == nullptr || *env == '\0') return fallback;
  return std::max(1, std::atoi(env));
}

// One child process with its stdout on a pipe.
class Child {
 public:
  Child(const std::string& db, std::uint64_t seed) {
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) != 0) return;
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO);
    const std::string seed_text = std::to_string(seed);
    char* argv[] = {const_cast<char*>(CORRIDOR_STORE_CRASH_CHILD), const_cast<char*>(db.c_str()),
                    const_cast<char*>(seed_text.c_str()), nullptr};
    if (posix_spawn(&pid_, CORRIDOR_STORE_CRASH_CHILD, &actions, nullptr, argv, environ) != 0) {
      pid_ = -1;
    }
    posix_spawn_file_actions_destroy(&actions);
    close(fds[1]);
    out_ = fds[0];
  }
  ~Child() {
    if (pid_ > 0) Kill();
    if (out_ >= 0) close(out_);
  }

  bool started() const { return pid_ > 0 && out_ >= 0; }

  // Reads what the child wrote until `deadline`, or until a line starting with
  // `until` has arrived (when given). False if the child's stdout closed.
  bool ReadUntil(Clock::time_point deadline, const std::string& until = "") {
    for (;;) {
      if (!until.empty() && Saw(until)) return true;
      const auto left =
          std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
      if (left <= 0) return true;
      pollfd p{out_, POLLIN, 0};
      if (poll(&p, 1, static_cast<int>(left)) <= 0) continue;
      char buf[4096];
      const ssize_t n = read(out_, buf, sizeof buf);
      if (n <= 0) return false;
      text_.append(buf, static_cast<std::size_t>(n));
    }
  }

  // SIGKILL and reap; the wait status.
  int Kill() {
    kill(pid_, SIGKILL);
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
    // Whatever the child wrote before it died is still in the pipe.
    char buf[4096];
    ssize_t n;
    while ((n = read(out_, buf, sizeof buf)) > 0) text_.append(buf, static_cast<std::size_t>(n));
    return status;
  }

  // Ids of the complete lines "<word> <id>"; a torn last line is ignored.
  std::vector<std::int64_t> Ids(const std::string& word) const {
    std::vector<std::int64_t> ids;
    for (const auto& line : Lines()) {
      if (line.rfind(word + " ", 0) == 0) ids.push_back(std::stoll(line.substr(word.size() + 1)));
    }
    return ids;
  }

 private:
  std::vector<std::string> Lines() const {
    std::vector<std::string> lines;
    std::istringstream in(text_.substr(0, text_.rfind('\n') + 1));
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
  }

  // Has a complete line starting with `word` arrived?
  bool Saw(const std::string& word) const {
    for (const auto& line : Lines()) {
      if (line.rfind(word, 0) == 0) return true;
    }
    return false;
  }

  pid_t pid_ = -1;
  int out_ = -1;
  std::string text_;
};

// A finished run's artifacts must be exactly those the child generated for its id, and
// match the checksums its summary recorded in the same transaction.
void VerifyFinished(Store& store, const RunRecord& run) {
  SCOPED_TRACE("run " + std::to_string(run.id));
  const auto summary = nlohmann::json::parse(run.summary_json, nullptr, false);
  ASSERT_TRUE(summary.is_object()) << run.summary_json;
  const auto expected = crash::ArtifactsFor(run.id);
  auto names = store.ListArtifacts(run.id);
  ASSERT_TRUE(names.ok()) << names.status().ToString();
  ASSERT_EQ(names->size(), expected.size());
  ASSERT_EQ(summary.at("artifacts").get<std::size_t>(), expected.size());
  for (const auto& want : expected) {
    auto got = store.GetArtifact(run.id, want.name);
    ASSERT_TRUE(got.ok()) << got.status().ToString();
    EXPECT_EQ(crash::Checksum(got->content),
              summary.at("checksums").at(want.name).get<std::string>())
        << want.name;
    EXPECT_TRUE(got->content == want.content) << want.name << " differs";
  }
}

// Kills a child working on the store at `db` `iterations` times and checks the store
// after each kill; `after_kill` runs between the kill and the check. `scale`
// stretches the random waits for a store whose calls take longer (a server's round
// trips), so that kills still land all over the child's work.
void KillAndCheck(const std::string& db, int iterations, int scale,
                  const std::function<void()>& after_kill) {

  std::mt19937_64 rng(20240611);  // fixed: a failure replays with the same kill times
  std::set<std::int64_t> reported;  // every id a child said was finished
  std::int64_t verified_up_to = 0;  // runs at or below this id were checked in full
  int aimed_kills = 0;
  int early_kills = 0;
  int committed = 0;    // kills inside FinishRun after its commit
  int rolled_back = 0;  // kills inside FinishRun before its commit
  const auto start = Clock::now();

  for (int i = 0; i < iterations; ++i) {
    SCOPED_TRACE("iteration " + std::to_string(i));
    Child child(db, rng());
    ASSERT_TRUE(child.started()) << "cannot start " << CORRIDOR_STORE_CRASH_CHILD;
    // Some kills land in the child's start-up (open, migration, recovery); a quarter aim
    // at the middle of a large FinishRun (which takes a few ms); the rest come 0-60 ms
    // into the child's work, wherever that is, and a few let it run longer first.
    const int mode = static_cast<int>(rng() % 8);
    const auto limit = Clock::now() + std::chrono::seconds(10);
    if (mode == 0) {
      ++early_kills;
      child.ReadUntil(Clock::now() + std::chrono::milliseconds(scale * (rng() % 61)));
    } else if (mode <= 2) {
      ++aimed_kills;
      child.ReadUntil(limit, "finishing");
      std::this_thread::sleep_for(std::chrono::microseconds(scale * (rng() % 10'000)));
    } else {
      child.ReadUntil(limit, "ready");
      const auto ms = scale * (mode == 7 ? 60 + rng() % 241 : rng() % 61);
      child.ReadUntil(Clock::now() + std::chrono::milliseconds(ms));
    }
    const int status = child.Kill();
    ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)
        << "the child ended by itself with exit code "
        << (WIFEXITED(status) ? WEXITSTATUS(status) : -1) << " (see its stderr)";
    after_kill();
    if (::testing::Test::HasFatalFailure()) return;
    const auto finished = child.Ids("finished");
    reported.insert(finished.begin(), finished.end());
    // A run the child began to finish but did not report: the kill came inside FinishRun
    // (or just after it). Either outcome is fine; a mix of both is not.
    std::set<std::int64_t> inside_finish;
    for (std::int64_t id : child.Ids("finishing")) {
      if (std::find(finished.begin(), finished.end(), id) == finished.end()) {
        inside_finish.insert(id);
      }
    }

    auto opened = Store::Open(db);
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    Store& store = **opened;
    ASSERT_TRUE(store.CheckIntegrity().ok()) << store.CheckIntegrity().ToString();
    auto runs = store.ListRuns(INT_MAX, 0);
    ASSERT_TRUE(runs.ok()) << runs.status().ToString();
    std::set<std::int64_t> finished_in_store;
    for (const auto& run : *runs) {
      ASSERT_NE(run.status, RunStatus::kQueued) << "run " << run.id;
      ASSERT_NE(run.status, RunStatus::kRunning) << "run " << run.id;
      if (inside_finish.count(run.id)) {
        ++(run.status == RunStatus::kFinished ? committed : rolled_back);
      }
      if (run.status == RunStatus::kFinished) {
        finished_in_store.insert(run.id);
        // A finished run never changes, so checking it once in full is enough.
        if (run.id > verified_up_to) VerifyFinished(store, run);
      } else {
        auto names = store.ListArtifacts(run.id);
        ASSERT_TRUE(names.ok());
        ASSERT_TRUE(names->empty()) << "run " << run.id << " is " << RunStatusName(run.status)
                                    << " but has " << names->size() << " artifacts";
      }
      if (::testing::Test::HasFatalFailure()) return;
    }
    for (std::int64_t id : reported) {
      ASSERT_TRUE(finished_in_store.count(id)) << "run " << id << " was reported finished";
    }
    if (!runs->empty()) verified_up_to = runs->front().id;
  }

  // Once more in full at the end: nothing changed under earlier checks.
  auto opened = Store::Open(db);
  ASSERT_TRUE(opened.ok());
  auto runs = (*opened)->ListRuns(INT_MAX, 0);
  ASSERT_TRUE(runs.ok());
  int finished = 0;
  for (const auto& run : *runs) {
    if (run.status != RunStatus::kFinished) continue;
    ++finished;
    VerifyFinished(**opened, run);
  }
  const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  std::printf("%d kills (%d in start-up, %d aimed at FinishRun; %d inside FinishRun: %d "
              "committed, %d rolled back), %zu runs, %d finished, %zu reported finished, "
              "%.1f s\n",
              iterations, early_kills, aimed_kills, committed + rolled_back, committed,
              rolled_back, runs->size(), finished, reported.size(), seconds);
  EXPECT_FALSE(reported.empty()) << "no child ever finished a run: the kills came too early";
}

TEST(StoreCrashTest, SigkillAtAnyInstantKeepsFinishedRunsWhole) {
  char tmpl[] = "/tmp/corridor_store_crash_XXXXXX";
  ASSERT_NE(mkdtemp(tmpl), nullptr);
  const fs::path dir = tmpl;
  KillAndCheck((dir / "crash.db").string(), Iterations("CORRIDOR_CRASH_ITERATIONS", 200), 1,
               [] {});
  std::error_code ec;
  fs::remove_all(dir, ec);
}

#ifdef CORRIDOR_HAVE_POSTGRESQL
// The same on a PostgreSQL database: the server survives, the client dies. Its
// session ends (aborting an open transaction, freeing its instance lock) when the
// server reads the closed socket; the check waits for that, as a real successor
// sees the dead instance's lock free only then.
// A run's calls are round trips to a server: 1.4-1.7x the time of a run on SQLite
// (bench/README.md, "Store backends"), and the child's start-up is slower still.
constexpr int kPgScale = 3;

TEST(StoreCrashTest, PostgresSigkillAtAnyInstantKeepsFinishedRunsWhole) {
  Status error;
  testing::PgTestCluster* cluster = testing::SharedPgTestCluster(&error);
  ASSERT_NE(cluster, nullptr) << error.ToString();
  ASSERT_TRUE(cluster->CreateDatabase("crash").ok());
  KillAndCheck(cluster->Url("crash"), Iterations("CORRIDOR_PG_CRASH_ITERATIONS", 50), kPgScale,
               [&] {
    const auto deadline = Clock::now() + std::chrono::seconds(30);
    for (;;) {
      auto sessions = cluster->Sessions("crash");
      ASSERT_TRUE(sessions.ok()) << sessions.status().ToString();
      if (*sessions == 0) return;
      ASSERT_LT(Clock::now(), deadline) << *sessions << " session(s) outlived the killed child";
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
  });
}
#endif

}  // namespace
}  // namespace corridor::store
