// `corridor serve` as a process: start, answer over the wire, stop on SIGTERM, refuse
// a busy port and a newer store, and survive SIGKILL at random points during runs
// with a consistent store (the crash test, label "crash").
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <memory>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "http/test_client.h"
#include "store/store.h"
#include "tests/cli_harness.h"

namespace corridor {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;
namespace client = http::testing;

// A `corridor serve` child process; the port is read from its ready line.
class ServeProcess {
 public:
  explicit ServeProcess(std::vector<std::string> args) {
    int out[2];
    if (pipe(out) != 0) return;
    pid_ = fork();
    if (pid_ == 0) {
      dup2(out[1], STDOUT_FILENO);
      close(out[0]);
      close(out[1]);
      std::vector<std::string> all = {CORRIDOR_BINARY, "-q", "serve"};
      all.insert(all.end(), args.begin(), args.end());
      std::vector<char*> argv;
      for (auto& a : all) argv.push_back(a.data());
      argv.push_back(nullptr);
      execv(argv[0], argv.data());
      _exit(127);
    }
    close(out[1]);
    fd_ = out[0];
  }
  ~ServeProcess() {
    Kill(SIGKILL);
    if (fd_ >= 0) close(fd_);
  }

  // The port from "corridor serve: listening on http://host:port"; 0 if the process
  // ended or said nothing within `timeout`.
  int WaitReady(std::chrono::seconds timeout = std::chrono::seconds(60)) {
    std::string buf;
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
      fd_set set;
      FD_ZERO(&set);
      FD_SET(fd_, &set);
      timeval tv{0, 100'000};
      if (select(fd_ + 1, &set, nullptr, nullptr, &tv) > 0) {
        char chunk[256];
        const ssize_t n = read(fd_, chunk, sizeof chunk);
        if (n <= 0) return 0;
        buf.append(chunk, static_cast<std::size_t>(n));
        const auto at = buf.find("listening on http://");
        const auto nl = buf.find('\n', at);
        if (at != std::string::npos && nl != std::string::npos) {
          const std::string url = buf.substr(at, nl - at);
          return std::atoi(url.substr(url.rfind(':') + 1).c_str());
        }
      }
    }
    return 0;
  }

  // Sends `signal` and reaps; the exit code (or 128 + signal).
  int Kill(int signal) {
    if (pid_ <= 0) return exit_code_;
    kill(pid_, signal);
    return Wait();
  }

  int Wait() {
    if (pid_ <= 0) return exit_code_;
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
    exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return exit_code_;
  }

 private:
  pid_t pid_ = -1;
  int fd_ = -1;
  int exit_code_ = -1;
};

const std::string kExample = testing::SourceDir() + "/examples/example-corridor";

json Get(int port, const std::string& target, int expect = 200) {
  const auto r = client::Fetch(port, "GET", target);
  EXPECT_EQ(r.status, expect) << target << ": " << r.error << r.body;
  return json::parse(r.body, nullptr, false);
}

json Post(int port, const std::string& target, const json& body, int expect) {
  const auto r = client::Fetch(port, "POST", target, body.dump(), {{"Content-Type", "application/json"}});
  EXPECT_EQ(r.status, expect) << target << ": " << r.error << r.body;
  return json::parse(r.body, nullptr, false);
}

bool Ended(const json& run) { return run["status"] != "queued" && run["status"] != "running"; }

// Polls run `id` until it ends (at most a minute); its last state.
json WaitEnded(int port, std::int64_t id) {
  json run;
  for (int i = 0; i < 1200; ++i) {
    run = Get(port, "/v1/runs/" + std::to_string(id));
    if (Ended(run)) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return run;
}

TEST(ServeTest, ServesTheApiAndThePageAndStopsOnSigterm) {
  const std::string dir = testing::TempDir("serve_basic");
  fs::create_directories(dir + "/web");
  {
    std::ofstream(dir + "/web/index.html") << "<!doctype html><title>Corridor</title>";
  }
  ServeProcess serve({"--db", dir + "/c.db", "--port", "0", "--web", dir + "/web", "--import", kExample});
  const int port = serve.WaitReady();
  ASSERT_GT(port, 0);
  EXPECT_EQ(Get(port, "/v1/health")["status"], "ok");
  const auto page = client::Fetch(port, "GET", "/");
  EXPECT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("Corridor"), std::string::npos);
  EXPECT_EQ(Get(port, "/v1/nothing", 404)["error"]["code"], "not_found");
  const json ds = Get(port, "/v1/datasets");
  ASSERT_EQ(ds["datasets"].size(), 1u);
  // Concurrent runs over the wire all finish.
  std::vector<std::int64_t> runs;
  for (int i = 0; i < 4; ++i) {
    runs.push_back(Post(port, "/v1/runs", {{"kind", "solve"}, {"dataset_id", 1}, {"options", {{"ranging", 1}}}}, 202)["id"]);
  }
  for (auto id : runs) {
    const json run = WaitEnded(port, id);
    EXPECT_EQ(run["status"], "finished") << run.dump();
  }
  const auto bad = client::Fetch(port, "POST", "/v1/runs", "{\"kind\": ", {{"Content-Type", "application/json"}});
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(serve.Kill(SIGTERM), 0);
}

TEST(ServeTest, ABusyPortAndANewerStoreExitWith7) {
  const std::string dir = testing::TempDir("serve_refuse");
  ServeProcess first({"--db", dir + "/a.db", "--port", "0", "--web", dir, "--import", kExample});
  const int port = first.WaitReady();
  ASSERT_GT(port, 0);
  ServeProcess second({"--db", dir + "/b.db", "--port", std::to_string(port), "--web", dir, "--import", kExample});
  EXPECT_EQ(second.WaitReady(std::chrono::seconds(30)), 0);
  EXPECT_EQ(second.Wait(), 7);
  EXPECT_EQ(first.Kill(SIGTERM), 0);

  // A store written by a newer program is refused, not migrated down.
  sqlite3* handle = nullptr;
  ASSERT_EQ(sqlite3_open((dir + "/a.db").c_str(), &handle), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(handle, "PRAGMA user_version = 99", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(handle);
  const auto newer = testing::RunCorridor({"serve", "--db", dir + "/a.db", "--port", "0"});
  EXPECT_EQ(newer.exit_code, 7) << newer.err;
  EXPECT_NE(newer.err.find("99"), std::string::npos) << newer.err;

  const auto garbage_path = dir + "/garbage.db";
  std::ofstream(garbage_path) << std::string(4096, 'x');
  const auto garbage = testing::RunCorridor({"serve", "--db", garbage_path, "--port", "0"});
  EXPECT_EQ(garbage.exit_code, 2) << garbage.err;
  EXPECT_NE(garbage.err.find("garbage.db"), std::string::npos) << garbage.err;
}

// A server on the example dataset whose workers get the test hook `hook` (api/worker.h).
std::unique_ptr<ServeProcess> ServeWithWorkerHook(const std::string& dir, const std::string& hook) {
  setenv("CORRIDOR_TEST_WORKER_HOOK", hook.c_str(), 1);
  auto serve = std::make_unique<ServeProcess>(
      std::vector<std::string>{"--db", dir + "/c.db", "--port", "0", "--web", dir, "--import", kExample});
  unsetenv("CORRIDOR_TEST_WORKER_HOOK");
  return serve;
}

// Stores a scenario scaling all demand by `factor`; the answer (expected status `expect`).
json PostScaleDemand(int port, const std::string& name, const std::string& factor, int expect) {
  return Post(port, "/v1/scenarios",
              {{"dataset_id", 1}, {"name", name},
               {"text", "[[change]]\ntype = \"scale_demand\"\nfactor = " + factor + "\n"}},
              expect);
}

// Every run is solved in a worker process: a worker that aborts (here by the test hook
// of api/worker.h, as a solver assertion would) fails its own run with the signal and
// its last log lines, while the server keeps answering within a second and a run
// beside it finishes. Numbers past the bounds are refused before any run (422).
TEST(ServeTest, AWorkerThatAbortsFailsOnlyItsRunAndTheServerKeepsAnswering) {
  const auto serve = ServeWithWorkerHook(testing::TempDir("serve_worker_abort"), "abort:crash-me");
  const int port = serve->WaitReady();
  ASSERT_GT(port, 0);

  const json huge = PostScaleDemand(port, "huge", "1e300", 422);
  EXPECT_NE(huge.dump().find("factor must be <= 1e6, got 1e300"), std::string::npos) << huge.dump();

  const json crash = PostScaleDemand(port, "crash-me", "1.5", 201);
  const std::int64_t normal =
      Post(port, "/v1/runs", {{"kind", "solve"}, {"dataset_id", 1}, {"options", {{"ranging", 3}}}}, 202)["id"];
  const std::int64_t doomed =
      Post(port, "/v1/runs", {{"kind", "solve"}, {"dataset_id", 1}, {"scenario_id", crash["id"]}}, 202)["id"];

  // Poll both runs; every GET /v1/datasets answers within a second meanwhile.
  json normal_run, doomed_run;
  double slowest_s = 0.0;
  for (int i = 0; i < 1200; ++i) {
    const auto t0 = std::chrono::steady_clock::now();
    EXPECT_EQ(Get(port, "/v1/datasets")["datasets"].size(), 1u);
    slowest_s = std::max(slowest_s, std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
    normal_run = Get(port, "/v1/runs/" + std::to_string(normal));
    doomed_run = Get(port, "/v1/runs/" + std::to_string(doomed));
    if (Ended(normal_run) && Ended(doomed_run)) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
  }
  EXPECT_LT(slowest_s, 1.0);
  EXPECT_EQ(normal_run["status"], "finished") << normal_run.dump();
  ASSERT_EQ(doomed_run["status"], "failed") << doomed_run.dump();
  EXPECT_EQ(doomed_run["error"]["code"], "solver_failure") << doomed_run.dump();
  const std::string message = doomed_run["error"]["message"];
  EXPECT_NE(message.find("signal 6 (SIGABRT)"), std::string::npos) << message;
  EXPECT_NE(message.find("test hook: abort on scenario 'crash-me'"), std::string::npos) << message;

  // The server still takes and finishes runs afterwards.
  const std::int64_t after =
      Post(port, "/v1/runs", {{"kind", "assign"}, {"dataset_id", 1}}, 202)["id"];
  const json after_run = WaitEnded(port, after);
  EXPECT_EQ(after_run["status"], "finished") << after_run.dump();
  EXPECT_EQ(Get(port, "/v1/health")["status"], "ok");
  EXPECT_EQ(serve->Kill(SIGTERM), 0);
}

// A run whose worker never returns (the hang test hook) is cancelled at once: the
// worker is killed, not asked to stop at its next stage boundary.
TEST(ServeTest, CancelKillsARunningWorkerAtOnce) {
  const auto serve = ServeWithWorkerHook(testing::TempDir("serve_worker_cancel"), "hang:stuck");
  const int port = serve->WaitReady();
  ASSERT_GT(port, 0);
  const json stuck = PostScaleDemand(port, "stuck", "1.1", 201);
  const std::int64_t id =
      Post(port, "/v1/runs", {{"kind", "solve"}, {"dataset_id", 1}, {"scenario_id", stuck["id"]}}, 202)["id"];
  json run = json::object();
  for (int i = 0; i < 200 && run.value("status", "") != "running"; ++i) {
    run = Get(port, "/v1/runs/" + std::to_string(id));
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
  }
  ASSERT_EQ(run["status"], "running") << run.dump();
  std::this_thread::sleep_for(std::chrono::milliseconds(200));  // the worker is in its hook
  const auto t0 = std::chrono::steady_clock::now();
  Post(port, "/v1/runs/" + std::to_string(id) + "/cancel", json::object(), 202);
  for (int i = 0; i < 200 && !Ended(run); ++i) {
    run = Get(port, "/v1/runs/" + std::to_string(id));
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  const double took_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  EXPECT_EQ(run["status"], "cancelled") << run.dump();
  EXPECT_LT(took_s, 1.0);
  EXPECT_EQ(serve->Kill(SIGTERM), 0);
}

// Kills the server with SIGKILL at random moments while runs are queued, running and
// being written, then checks the store: integrity, every finished run has all its
// results, nothing half-written is visible, nothing is left running.
TEST(ServeCrashTest, SigkillDuringRunsLeavesAConsistentStore) {
  const char* env = std::getenv("CORRIDOR_SERVE_CRASH_ITERATIONS");
  const int iterations = env ? std::atoi(env) : 200;
  const std::string dir = testing::TempDir("serve_crash");
  const std::string db = dir + "/crash.db";
  std::mt19937 rng(20261128);
  const std::set<std::string> solve_files = {"result.json", "flows.csv",     "od.csv",
                                             "resources.csv", "flows.geojson", "summary.txt"};
  int finished_total = 0, interrupted_total = 0;
  std::set<std::int64_t> reported_finished;
  for (int it = 0; it < iterations; ++it) {
    {
      ServeProcess serve({"--db", db, "--port", "0", "--web", dir, "--import", kExample, "--jobs", "2"});
      const int port = serve.WaitReady();
      ASSERT_GT(port, 0) << "iteration " << it;
      const int runs = 1 + static_cast<int>(rng() % 4);
      for (int r = 0; r < runs; ++r) {
        const json body = {{"kind", rng() % 5 == 0 ? "assign" : "solve"},
                           {"dataset_id", 1},
                           {"scenario_id", static_cast<int>(rng() % 3)},
                           {"options", rng() % 5 == 0 ? json{{"gap", 1e-4}} : json{{"ranging", static_cast<int>(rng() % 4)}}}};
        const auto resp = client::Fetch(port, "POST", "/v1/runs", body.dump(), {{"Content-Type", "application/json"}});
        ASSERT_TRUE(resp.status == 202 || resp.status == 400) << resp.body;  // assign rejects ranging
      }
      // Example runs take tens of milliseconds: half the kills land early (runs queued
      // or running), half late (runs finishing or finished).
      const int wait_ms = static_cast<int>(rng() % 2 ? rng() % 40 : 100 + rng() % 300);
      std::this_thread::sleep_for(std::chrono::milliseconds(wait_ms));
      // What the API reported finished just before the kill must survive it.
      const auto listed = client::Fetch(port, "GET", "/v1/runs?limit=1000");
      if (listed.status == 200) {
        const json list = json::parse(listed.body);
        for (const json& r : list["runs"]) {
          if (r["status"] == "finished") reported_finished.insert(r["id"].get<std::int64_t>());
        }
      }
      serve.Kill(SIGKILL);
    }
    auto store = store::Store::Open(db);  // what the next server start does: recovers
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    ASSERT_TRUE((*store)->CheckIntegrity().ok()) << "iteration " << it;
    auto list = (*store)->ListRuns(100000, 0);
    ASSERT_TRUE(list.ok());
    for (const auto& run : *list) {
      if (reported_finished.count(run.id)) {
        ASSERT_EQ(run.status, store::RunStatus::kFinished) << "run " << run.id << " was reported finished";
      }
      auto names = (*store)->ListArtifacts(run.id);
      ASSERT_TRUE(names.ok());
      const std::set<std::string> have(names->begin(), names->end());
      ASSERT_NE(run.status, store::RunStatus::kQueued) << "run " << run.id;
      ASSERT_NE(run.status, store::RunStatus::kRunning) << "run " << run.id;
      if (run.status != store::RunStatus::kFinished) {
        ASSERT_TRUE(have.empty()) << "run " << run.id << " is not finished but has results";
        continue;
      }
      if (run.kind == "solve") {
        for (const auto& f : solve_files) ASSERT_TRUE(have.count(f)) << "run " << run.id << " lacks " << f;
        auto result = (*store)->GetArtifact(run.id, "result.json");
        ASSERT_TRUE(result.ok());
        ASSERT_FALSE(json::parse(result->content, nullptr, false).is_discarded()) << "run " << run.id;
      } else {
        ASSERT_TRUE(have.count("ue_result.json")) << "run " << run.id;
      }
    }
    if (it + 1 == iterations) {
      for (const auto& run : *list) {
        finished_total += run.status == store::RunStatus::kFinished;
        interrupted_total += run.status == store::RunStatus::kFailed &&
                             run.error_json.find("interrupted") != std::string::npos;
      }
    }
  }
  // The test means something only if kills hit both before and after runs finished.
  EXPECT_GT(finished_total, 0);
  EXPECT_GT(interrupted_total, 0);
  EXPECT_GT(reported_finished.size(), 0u);
  std::cout << "serve crash test: " << iterations << " kills, " << reported_finished.size()
            << " runs reported finished before a kill, " << finished_total
            << " runs finished, " << interrupted_total << " interrupted\n";
}

}  // namespace
}  // namespace corridor
