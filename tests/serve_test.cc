// `corridor serve` as a process: start, answer over the wire, stop on SIGTERM, refuse
// a busy port and a newer store, and survive SIGKILL at random points during runs
// with a consistent store (the crash test, label "crash").
#include <gtest/gtest.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <map>
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
#ifdef CORRIDOR_HAVE_POSTGRESQL
#include "store/pg_test_cluster.h"
#endif
#include "tests/cli_harness.h"

namespace corridor {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;
namespace client = http::testing;

// A `corridor serve` child process; the port is read from its ready line.
class ServeProcess {
 public:
  explicit ServeProcess(std::vector<std::string> args, const std::string& stderr_file = "") {
    int out[2];
    if (pipe(out) != 0) return;
    pid_ = fork();
    if (pid_ == 0) {
      dup2(out[1], STDOUT_FILENO);
      if (!stderr_file.empty()) {
        const int fd = open(stderr_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (fd >= 0) dup2(fd, STDERR_FILENO);
      }
      close(out[0]);
      close(out[1]);
      std::vector<std::string> all = {CORRIDOR_BINARY, stderr_file.empty() ? "-q" : "-v", "serve"};
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
        // "listening on http://host:port", then "open ...?token=T" (local token) or
        // "accounts of the store ..." (docs/http_api.md).
        const auto at = buf.find("listening on http://");
        const auto nl = buf.find('\n', at);
        const auto second = nl == std::string::npos ? nl : buf.find('\n', nl + 1);
        if (at != std::string::npos && second != std::string::npos) {
          const std::string url = buf.substr(at, nl - at);
          const int port = std::atoi(url.substr(url.rfind(':') + 1).c_str());
          const std::string line = buf.substr(nl + 1, second - nl - 1);
          const auto t = line.find("token=");
          token_ = t == std::string::npos ? "" : line.substr(t + 6);
          Tokens()[port] = token_;
          return port;
        }
      }
    }
    return 0;
  }

  // The start token the server printed ("" with accounts).
  const std::string& token() const { return token_; }
  // The start token of the server on each port, for the helpers below.
  static std::map<int, std::string>& Tokens() {
    static std::map<int, std::string> tokens;
    return tokens;
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
  std::string token_;
};

// A request with the start token of the server on `port`, as every client sends it.
client::FetchResult Call(int port, const std::string& method, const std::string& target,
                         const std::string& body = "", client::Headers headers = {}) {
  const auto it = ServeProcess::Tokens().find(port);
  if (it != ServeProcess::Tokens().end() && !it->second.empty()) {
    headers.emplace_back("Authorization", "Bearer " + it->second);
  }
  return client::Fetch(port, method, target, body, headers);
}

const std::string kExample = testing::SourceDir() + "/examples/example-corridor";

json Get(int port, const std::string& target, int expect = 200) {
  const auto r = Call(port, "GET", target);
  EXPECT_EQ(r.status, expect) << target << ": " << r.error << r.body;
  return json::parse(r.body, nullptr, false);
}

json Post(int port, const std::string& target, const json& body, int expect) {
  const auto r = Call(port, "POST", target, body.dump(), {{"Content-Type", "application/json"}});
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
  const auto bad = Call(port, "POST", "/v1/runs", "{\"kind\": ", {{"Content-Type", "application/json"}});
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
        const auto resp = Call(port, "POST", "/v1/runs", body.dump(), {{"Content-Type", "application/json"}});
        ASSERT_TRUE(resp.status == 202 || resp.status == 400) << resp.body;  // assign rejects ranging
      }
      // Example runs take tens of milliseconds: half the kills land early (runs queued
      // or running), half late (runs finishing or finished).
      const int wait_ms = static_cast<int>(rng() % 2 ? rng() % 40 : 100 + rng() % 300);
      std::this_thread::sleep_for(std::chrono::milliseconds(wait_ms));
      // What the API reported finished just before the kill must survive it.
      const auto listed = Call(port, "GET", "/v1/runs?limit=1000");
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


// ---- security (docs/http_api.md, "Security model") ----

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// `corridor users ARGS` with `input` on standard input; the exit code.
int Users(const std::string& db, const std::string& args, const std::string& input) {
  const std::string cmd = "printf '%s\\n' '" + input + "' | " + CORRIDOR_BINARY + " users " + args +
                          " --db '" + db + "' >/dev/null 2>&1";
  const int rc = std::system(cmd.c_str());
  return WIFEXITED(rc) ? WEXITSTATUS(rc) : 128;
}

// A dataset folder's files as the JSON object of an upload.
json UploadOf(const std::string& folder) {
  json files = json::object();
  for (const auto& e : fs::recursive_directory_iterator(folder)) {
    const std::string ext = e.path().extension().string();
    if (!e.is_regular_file() || (ext != ".csv" && ext != ".toml")) continue;
    files[fs::relative(e.path(), folder).generic_string()] = ReadAll(e.path().string());
  }
  return files;
}

// The DNS-rebinding request (a foreign Host), a cross-site POST, no token, a wrong
// token: each refused with its status and code, while the server's own requests pass.
TEST(ServeSecurityTest, LocalServerRefusesForeignHostsCrossSitePostsAndMissingTokens) {
  const std::string dir = testing::TempDir("serve_security_local");
  ServeProcess serve({"--db", dir + "/c.db", "--port", "0", "--web", dir, "--import", kExample});
  const int port = serve.WaitReady();
  ASSERT_GT(port, 0);
  ASSERT_EQ(serve.token().size(), 64u);
  const client::Headers bearer = {{"Authorization", "Bearer " + serve.token()}};
  const std::string own_host = "127.0.0.1:" + std::to_string(port);

  auto rebinding = client::Fetch(port, "GET", "/v1/datasets", "",
                                 {{"Host", "attacker.example:" + std::to_string(port)}, bearer[0]});
  EXPECT_EQ(rebinding.status, 421) << rebinding.body;
  EXPECT_NE(rebinding.body.find("misdirected_request"), std::string::npos);
  EXPECT_EQ(client::Fetch(port, "GET", "/", "", {{"Host", "attacker.example"}}).status, 421);
  EXPECT_EQ(client::Fetch(port, "GET", "/v1/health", "", {{"Host", "localhost:" + std::to_string(port)}}).status, 200);

  const auto no_token = client::Fetch(port, "GET", "/v1/datasets");
  EXPECT_EQ(no_token.status, 401);
  EXPECT_NE(no_token.body.find("unauthenticated"), std::string::npos);
  EXPECT_EQ(client::Fetch(port, "GET", "/v1/runs", "", {{"Authorization", "Bearer 00ff"}}).status, 401);
  EXPECT_EQ(client::Fetch(port, "GET", "/v1/datasets", "", bearer).status, 200);

  // A page of another site posting with the user's cookie.
  const std::string scenario = json{{"dataset_id", 1}, {"name", "x"}, {"text", "name = \"x\"\n"}}.dump();
  const client::Headers cookie = {{"Cookie", "corridor_session=" + serve.token()},
                                  {"Content-Type", "application/json"}};
  auto cross = cookie;
  cross.emplace_back("Origin", "http://attacker.example");
  EXPECT_EQ(client::Fetch(port, "POST", "/v1/scenarios", scenario, cross).status, 403);
  auto fetch_site = cookie;
  fetch_site.emplace_back("Sec-Fetch-Site", "cross-site");
  const auto refused = client::Fetch(port, "DELETE", "/v1/datasets/1", "", fetch_site);
  EXPECT_EQ(refused.status, 403);
  EXPECT_NE(refused.body.find("cross_site_request"), std::string::npos);
  auto same = cookie;
  same.emplace_back("Host", own_host);
  same.emplace_back("Origin", "http://" + own_host);
  same.emplace_back("Sec-Fetch-Site", "same-origin");
  EXPECT_EQ(client::Fetch(port, "POST", "/v1/scenarios", scenario, same).status, 201);

  // The printed URL sets an HttpOnly, SameSite=Strict cookie and leaves for the page.
  const auto login = client::Fetch(port, "GET", "/v1/login?token=" + serve.token());
  EXPECT_EQ(login.status, 303);
  const std::string set_cookie = login.Header("Set-Cookie");
  EXPECT_NE(set_cookie.find("HttpOnly"), std::string::npos) << set_cookie;
  EXPECT_NE(set_cookie.find("SameSite=Strict"), std::string::npos) << set_cookie;
  EXPECT_EQ(client::Fetch(port, "GET", "/v1/login?token=wrong").status, 401);
  EXPECT_EQ(serve.Kill(SIGTERM), 0);
}

// Folders are read only under --data-root: "..", encoded "..", an absolute path out of
// it and symlinks out of it are refused; without a data root every folder is; uploads
// work either way.
TEST(ServeSecurityTest, DatasetsAreUploadedAndFoldersConfinedToTheDataRoot) {
  const std::string dir = testing::TempDir("serve_security_root");
  const std::string root = dir + "/root";
  fs::create_directories(root);
  fs::copy(kExample, root + "/example", fs::copy_options::recursive);
  fs::create_directory_symlink("/etc", root + "/etc-link");
  fs::create_directories(root + "/sneaky");
  for (const auto& e : fs::directory_iterator(kExample)) {
    if (e.is_regular_file()) fs::copy(e.path(), root + "/sneaky/" + e.path().filename().string());
  }
  fs::remove(root + "/sneaky/nodes.csv");
  fs::create_symlink("/etc/passwd", root + "/sneaky/nodes.csv");

  ServeProcess serve({"--db", dir + "/c.db", "--port", "0", "--web", dir, "--data-root", root});
  const int port = serve.WaitReady();
  ASSERT_GT(port, 0);
  for (const std::string folder : {"../root/example", "example/../../root/example", "%2e%2e/root/example",
                                   "/etc", "etc-link", "sneaky"}) {
    const json answer = Post(port, "/v1/datasets", {{"folder", folder}}, 403);
    EXPECT_EQ(answer["error"]["code"], "forbidden") << folder << ": " << answer.dump();
  }
  EXPECT_EQ(Post(port, "/v1/datasets", {{"folder", "example"}}, 201)["name"], "example-corridor");
  EXPECT_EQ(serve.Kill(SIGTERM), 0);

  ServeProcess no_root({"--db", dir + "/d.db", "--port", "0", "--web", dir});
  const int port2 = no_root.WaitReady();
  ASSERT_GT(port2, 0);
  EXPECT_EQ(Post(port2, "/v1/datasets", {{"folder", kExample}}, 403)["error"]["code"], "forbidden");
  json files = UploadOf(kExample);
  const json created = Post(port2, "/v1/datasets", {{"name", "example"}, {"files", files}}, 201);
  EXPECT_EQ(created["name"], "example-corridor");
  files["links.csv"] = "id,from,to\nL1,NOPE,ALSO_NOPE\n";
  const json bad = Post(port2, "/v1/datasets", {{"files", files}}, 422);
  EXPECT_NE(bad.dump().find("links.csv"), std::string::npos) << bad.dump();
  files = UploadOf(kExample);
  files["../evil.csv"] = "x";
  EXPECT_EQ(Post(port2, "/v1/datasets", {{"files", files}}, 422)["error"]["code"], "invalid_input");
  EXPECT_EQ(no_root.Kill(SIGTERM), 0);
}

// A team server: two users with different roles do exactly what their roles allow;
// tokens are revoked at once; passwords appear nowhere in clear.
// Scans `files` (a store file, its WAL, a cluster's data folder) for `secret`.
bool AnyFileHolds(const std::vector<std::string>& paths, const std::string& secret) {
  for (const std::string& p : paths) {
    std::error_code ec;
    if (fs::is_directory(p, ec)) {
      for (const auto& e : fs::recursive_directory_iterator(p, ec)) {
        if (e.is_regular_file() && ReadAll(e.path().string()).find(secret) != std::string::npos) return true;
      }
    } else if (ReadAll(p).find(secret) != std::string::npos) {
      return true;
    }
  }
  return false;
}

// The accounts scenario on the store `db` (a SQLite file or a PostgreSQL URL) whose
// bytes on disk are in `store_files`.
void CheckAccounts(const std::string& dir, const std::string& db, const std::vector<std::string>& store_files) {
  const std::string admin_pw = "admin-Pa55-word-91", viewer_pw = "viewer-Pa55-word-27",
                    planner_pw = "planner-Pa55-word-63";
  ASSERT_EQ(Users(db, "add root --role admin", admin_pw), 0);
  ASSERT_EQ(Users(db, "add vera --role viewer", viewer_pw), 0);
  ASSERT_EQ(Users(db, "add pavel --role planner", planner_pw), 0);
  EXPECT_EQ(Users(db, "add vera --role viewer", viewer_pw), 7);   // taken: conflict
  EXPECT_EQ(Users(db, "add shorty --role viewer", "short"), 2);   // too short

  const std::string log = dir + "/serve.log";
  ServeProcess serve({"--db", db, "--port", "0", "--web", dir, "--auth", "accounts", "--import", kExample}, log);
  const int port = serve.WaitReady();
  ASSERT_GT(port, 0);
  ASSERT_TRUE(serve.token().empty());
  std::string bodies;
  const auto login = [&](const std::string& user, const std::string& pw) {
    const auto r = client::Fetch(port, "POST", "/v1/login", json{{"user", user}, {"password", pw}}.dump(),
                                 {{"Content-Type", "application/json"}});
    bodies += r.body;
    const std::string c = r.Header("Set-Cookie");
    return r.status == 200 ? c.substr(0, c.find(';')) : std::string();
  };
  const std::string viewer = login("vera", viewer_pw), planner = login("pavel", planner_pw);
  ASSERT_FALSE(viewer.empty());
  ASSERT_FALSE(planner.empty());
  EXPECT_TRUE(login("vera", "wrong-password-000").empty());
  const auto as = [&](const std::string& cookie, const std::string& method, const std::string& target,
                      const json& body = nullptr) {
    const auto r = client::Fetch(port, method, target, body.is_null() ? "" : body.dump(),
                                 {{"Cookie", cookie}, {"Content-Type", "application/json"}});
    bodies += r.body;
    return r;
  };
  // The viewer reads but may not write.
  EXPECT_EQ(as(viewer, "GET", "/v1/datasets").status, 200);
  const json text = {{"dataset_id", 1}, {"name", "half"}, {"text", "[[change]]\ntype = \"scale_demand\"\nfactor = 0.5\n"}};
  const auto denied = as(viewer, "POST", "/v1/scenarios", text);
  EXPECT_EQ(denied.status, 403);
  EXPECT_NE(denied.body.find("\"forbidden\""), std::string::npos) << denied.body;
  EXPECT_EQ(as(viewer, "POST", "/v1/runs", {{"kind", "solve"}, {"dataset_id", 1}}).status, 403);
  EXPECT_EQ(as(viewer, "GET", "/v1/users").status, 403);
  // The planner creates and runs its scenario; the run records its owner.
  const auto created = as(planner, "POST", "/v1/scenarios", text);
  ASSERT_EQ(created.status, 201) << created.body;
  const json scenario = json::parse(created.body);
  const int planner_id = scenario["owner_id"];
  EXPECT_GT(planner_id, 0);
  const auto run = as(planner, "POST", "/v1/runs", {{"kind", "solve"}, {"dataset_id", 1}, {"scenario_id", scenario["id"]}});
  ASSERT_EQ(run.status, 202) << run.body;
  EXPECT_EQ(json::parse(run.body)["owner_id"], planner_id);
  // ... but not a scenario imported at start (owner 0), nor a dataset.
  EXPECT_EQ(as(planner, "DELETE", "/v1/scenarios/1").status, 403);
  EXPECT_EQ(as(planner, "DELETE", "/v1/datasets/1").status, 403);
  // A token: works, then revoked, refused at once.
  const auto token = as(planner, "POST", "/v1/tokens", {{"name", "script"}});
  ASSERT_EQ(token.status, 201) << token.body;
  const json t = json::parse(token.body);
  const client::Headers bearer = {{"Authorization", "Bearer " + t["secret"].get<std::string>()}};
  EXPECT_EQ(client::Fetch(port, "GET", "/v1/me", "", bearer).status, 200);
  EXPECT_EQ(as(viewer, "DELETE", "/v1/tokens/" + std::to_string(t["id"].get<int>())).status, 403);
  EXPECT_EQ(as(planner, "DELETE", "/v1/tokens/" + std::to_string(t["id"].get<int>())).status, 204);
  EXPECT_EQ(client::Fetch(port, "GET", "/v1/me", "", bearer).status, 401);
  // The admin sees the audit trail of all of it.
  const std::string admin = login("root", admin_pw);
  const auto audit = as(admin, "GET", "/v1/audit?limit=100");
  ASSERT_EQ(audit.status, 200);
  for (const char* action : {"scenario.create", "run.start", "token.create", "token.revoke", "login.fail"}) {
    EXPECT_NE(audit.body.find(action), std::string::npos) << action;
  }
  EXPECT_EQ(as(planner, "POST", "/v1/logout").status, 204);
  EXPECT_EQ(as(planner, "GET", "/v1/me").status, 401);
  EXPECT_EQ(serve.Kill(SIGTERM), 0);

  const std::string said = ReadAll(log) + bodies;
  for (const std::string& pw : {admin_pw, viewer_pw, planner_pw}) {
    EXPECT_EQ(said.find(pw), std::string::npos) << "a password in the log or an answer";
    EXPECT_FALSE(AnyFileHolds(store_files, pw)) << "a password in the store";
  }
  EXPECT_FALSE(AnyFileHolds(store_files, t["secret"].get<std::string>())) << "a token secret in the store";
}

TEST(ServeSecurityTest, AccountsRolesTokensAndNoPasswordInClear) {
  const std::string dir = testing::TempDir("serve_security_accounts");
  CheckAccounts(dir, dir + "/team.db", {dir + "/team.db", dir + "/team.db-wal"});
}

#ifdef CORRIDOR_HAVE_POSTGRESQL
// The same on a PostgreSQL store (a throw-away cluster the test starts), and two
// servers sharing it: a run started on one is seen by the other, and stopping one
// does not fail the other's runs.
TEST(ServeSecurityTest, PostgresTeamServerWithTwoServersOnOneStore) {
  Status error;
  store::testing::PgTestCluster* cluster = store::testing::SharedPgTestCluster(&error);
  ASSERT_NE(cluster, nullptr) << error.ToString();
  ASSERT_TRUE(cluster->CreateDatabase("team").ok());
  const std::string url = cluster->Url("team");
  const std::string dir = testing::TempDir("serve_security_pg");
  CheckAccounts(dir, url, {cluster->dir()});

  ServeProcess a({"--db", url, "--port", "0", "--web", dir});
  ServeProcess b({"--db", url, "--port", "0", "--web", dir});
  const int pa = a.WaitReady(), pb = b.WaitReady();
  ASSERT_GT(pa, 0);
  ASSERT_GT(pb, 0);
  const std::int64_t run = Post(pa, "/v1/runs", {{"kind", "solve"}, {"dataset_id", 1}, {"options", {{"ranging", 2}}}}, 202)["id"];
  EXPECT_EQ(Get(pb, "/v1/runs/" + std::to_string(run))["id"], run);
  EXPECT_EQ(b.Kill(SIGTERM), 0);
  ServeProcess c({"--db", url, "--port", "0", "--web", dir});  // opens the store again: recovers only dead servers' runs
  ASSERT_GT(c.WaitReady(), 0);
  const json ended = WaitEnded(pa, run);
  EXPECT_EQ(ended["status"], "finished") << ended.dump();
  EXPECT_EQ(a.Kill(SIGTERM), 0);
  EXPECT_EQ(c.Kill(SIGTERM), 0);
}
#endif

}  // namespace
}  // namespace corridor
