#include "api/worker.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <iostream>
#include <iterator>

namespace corridor::api {
namespace {

using nlohmann::json;
using Clock = std::chrono::steady_clock;

// ---- the protocol ---------------------------------------------------------------

json JobJson(const RunJob& job) {
  json scenarios = json::array();
  for (const auto& [name, text] : job.scenarios) {
    scenarios.push_back({{"name", name}, {"text", text ? json(*text) : json(nullptr)}});
  }
  return {{"kind", job.kind},
          {"dataset_name", job.dataset_name},
          {"dataset_files", *job.dataset_files},
          {"scenarios", scenarios},
          {"settings", job.settings},
          {"risk_model", job.risk_model}};
}

RunJob JobFromJson(const json& j) {
  RunJob job;
  job.kind = j.at("kind").get<std::string>();
  job.dataset_name = j.at("dataset_name").get<std::string>();
  job.dataset_files = std::make_shared<const Files>(j.at("dataset_files").get<Files>());
  for (const json& s : j.at("scenarios")) {
    const json& text = s.at("text");
    job.scenarios.emplace_back(s.at("name").get<std::string>(),
                               text.is_null() ? std::nullopt
                                              : std::optional<std::string>(text.get<std::string>()));
  }
  job.settings = j.at("settings");
  job.risk_model = j.value("risk_model", std::string());
  return job;
}

json ResultsJson(const store::RunResults& r) {
  json artifacts = json::array();
  for (const auto& a : r.artifacts) {
    artifacts.push_back({{"name", a.name}, {"media_type", a.media_type}, {"content", a.content}});
  }
  return {{"summary_json", r.summary_json}, {"artifacts", artifacts}};
}

store::RunResults ResultsFromJson(const json& j) {
  store::RunResults r;
  r.summary_json = j.at("summary_json").get<std::string>();
  for (const json& a : j.at("artifacts")) {
    r.artifacts.push_back({a.at("name").get<std::string>(), a.at("media_type").get<std::string>(),
                           a.at("content").get<std::string>()});
  }
  return r;
}

json DiagnosticsToJson(const Diagnostics& diags) {
  json out = json::array();
  for (const Diagnostic& d : diags.items()) {
    out.push_back({{"warning", d.severity == Diagnostic::Severity::kWarning},
                   {"file", d.file},
                   {"line", d.line},
                   {"column", d.column},
                   {"message", d.message}});
  }
  return out;
}

void DiagnosticsFromJson(const json& j, Diagnostics& diags) {
  for (const json& d : j) {
    Diagnostic item;
    item.severity = d.at("warning").get<bool>() ? Diagnostic::Severity::kWarning
                                                : Diagnostic::Severity::kError;
    item.file = d.at("file").get<std::string>();
    item.line = d.at("line").get<int>();
    item.column = d.at("column").get<std::string>();
    item.message = d.at("message").get<std::string>();
    diags.Add(std::move(item));
  }
}

StatusCode CodeFromName(const std::string& name) {
  for (int c = 0; c <= static_cast<int>(StatusCode::kInternal); ++c) {
    if (name == StatusCodeName(static_cast<StatusCode>(c))) return static_cast<StatusCode>(c);
  }
  return StatusCode::kInternal;
}

// ---- the parent's side ------------------------------------------------------------

// A child process with its standard input (a socket: writes to a dead child fail with
// EPIPE instead of raising SIGPIPE), output and error connected to the parent.
struct Child {
  pid_t pid = -1;
  int in = -1, out = -1, err = -1;
};

void CloseFd(int& fd) {
  if (fd >= 0) close(fd);
  fd = -1;
}

Result<Child> Spawn(const WorkerOptions& options) {
  int in[2], out[2], err[2];
  if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, in) != 0) {
    return Unavailable(std::string("cannot start a worker: ") + std::strerror(errno));
  }
  if (pipe2(out, O_CLOEXEC) != 0 || pipe2(err, O_CLOEXEC) != 0) {
    close(in[0]);
    close(in[1]);
    return Unavailable(std::string("cannot start a worker: ") + std::strerror(errno));
  }
  // Everything the child needs is prepared before fork: after it, only
  // async-signal-safe calls until exec.
  std::vector<std::string> argv_text{options.executable};
  argv_text.insert(argv_text.end(), options.args.begin(), options.args.end());
  std::vector<char*> argv;
  for (auto& a : argv_text) argv.push_back(a.data());
  argv.push_back(nullptr);
  const rlimit memory{options.memory_limit_bytes, options.memory_limit_bytes};
  const pid_t parent = getpid();

  const pid_t pid = fork();
  if (pid == 0) {
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent) _exit(127);
    // The server blocks SIGINT/SIGTERM for sigwait; the worker takes the defaults,
    // in a process group of its own so that a terminal's ^C reaches the server only.
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, nullptr);
    setpgid(0, 0);
    dup2(in[1], STDIN_FILENO);
    dup2(out[1], STDOUT_FILENO);
    dup2(err[1], STDERR_FILENO);
    // No descriptor of the server (its listening socket, client connections, the
    // store) stays open in the worker, whether or not it was opened close-on-exec.
    close_range(3, ~0U, 0);
    if (options.memory_limit_bytes > 0) setrlimit(RLIMIT_AS, &memory);
    execv(argv[0], argv.data());
    _exit(127);
  }
  close(in[1]);
  close(out[1]);
  close(err[1]);
  if (pid < 0) {
    close(in[0]);
    close(out[0]);
    close(err[0]);
    return Unavailable(std::string("cannot start a worker: ") + std::strerror(errno));
  }
  return Child{pid, in[0], out[0], err[0]};
}

bool SendAll(int fd, const std::string& text) {
  std::size_t sent = 0;
  while (sent < text.size()) {
    const ssize_t n = send(fd, text.data() + sent, text.size() - sent, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    sent += static_cast<std::size_t>(n);
  }
  return true;
}

// What the parent learns from a worker while it runs.
class Reader {
 public:
  Reader(const engine::RunControl& control, std::size_t log_lines)
      : control_(control), log_lines_(log_lines) {}

  // Reads what is available on `fd`; false at end of file.
  bool Drain(int fd, bool is_log) {
    char buf[65536];
    const ssize_t n = read(fd, buf, sizeof buf);
    if (n < 0 && (errno == EINTR || errno == EAGAIN)) return true;
    if (n <= 0) return false;
    std::string& pending = is_log ? log_pending_ : out_pending_;
    pending.append(buf, static_cast<std::size_t>(n));
    for (auto nl = pending.find('\n'); nl != std::string::npos; nl = pending.find('\n')) {
      const std::string line = pending.substr(0, nl);
      pending.erase(0, nl + 1);
      is_log ? KeepLog(line) : Message(line);
    }
    return true;
  }

  const std::optional<json>& outcome() const { return outcome_; }
  std::string LastLog() const {
    std::string out;
    for (const auto& l : log_) out += (out.empty() ? "" : "\n") + l;
    if (!log_pending_.empty()) out += (out.empty() ? "" : "\n") + log_pending_;
    return out;
  }

 private:
  void KeepLog(const std::string& line) {
    log_.push_back(line);
    while (log_.size() > log_lines_) log_.pop_front();
  }
  void Message(const std::string& line) {
    json j = json::parse(line, nullptr, false);
    if (!j.is_object()) return KeepLog("(worker wrote) " + line.substr(0, 200));
    if (j.contains("progress") && j["progress"].is_number() && j.contains("stage")) {
      control_.Report(j["progress"].get<double>(), j["stage"].get<std::string>());
    } else if (j.contains("result") || j.contains("error")) {
      outcome_ = std::move(j);
    }
  }

  const engine::RunControl& control_;
  std::size_t log_lines_;
  std::string out_pending_, log_pending_;
  std::deque<std::string> log_;
  std::optional<json> outcome_;
};

std::string DescribeExit(int wait_status) {
  if (WIFSIGNALED(wait_status)) {
    const int sig = WTERMSIG(wait_status);
    const char* name = sigabbrev_np(sig);
    return "the worker process died of signal " + std::to_string(sig) + " (SIG" +
           (name ? name : "?") + ")";
  }
  return "the worker process exited with code " + std::to_string(WEXITSTATUS(wait_status)) +
         " without an answer";
}

Result<store::RunResults> Outcome(const json& j, Diagnostics& diags) {
  if (j.contains("result")) return ResultsFromJson(j["result"]);
  const json& e = j["error"];
  DiagnosticsFromJson(e.value("diagnostics", json::array()), diags);
  return Status(CodeFromName(e.value("code", "internal")), e.value("message", ""));
}

// kTestHookVariable: "abort:NAME" or "hang:NAME".
void RunTestHook(const RunJob& job) {
  const char* hook = std::getenv(kTestHookVariable);
  if (!hook) return;
  const std::string text(hook);
  const auto colon = text.find(':');
  if (colon == std::string::npos) return;
  const std::string action = text.substr(0, colon), name = text.substr(colon + 1);
  for (const auto& s : job.scenarios) {
    if (s.first != name) continue;
    std::cerr << "corridor worker: test hook: " << action << " on scenario '" << name << "'"
              << std::endl;
    if (action == "abort") std::abort();
    if (action == "hang") {
      for (;;) pause();
    }
  }
}

}  // namespace

Result<store::RunResults> RunInWorker(const RunJob& job, const WorkerOptions& options,
                                      const engine::RunControl& control, Diagnostics& diags) {
  auto child = Spawn(options);
  if (!child.ok()) return child.status();
  Child c = *child;
  const bool sent = SendAll(c.in, JobJson(job).dump(-1, ' ', false, json::error_handler_t::replace));
  CloseFd(c.in);
  const auto deadline =
      Clock::now() + std::chrono::duration_cast<Clock::duration>(
                         std::chrono::duration<double>(WallLimitSeconds(job)));
  Reader reader(control, options.log_lines_kept);
  bool killed_for_time = false, killed_for_cancel = false;
  while (c.out >= 0 || c.err >= 0) {
    pollfd fds[2] = {{c.out, POLLIN, 0}, {c.err, POLLIN, 0}};
    if (poll(fds, 2, 50) > 0) {
      if (fds[0].revents && !reader.Drain(c.out, false)) CloseFd(c.out);
      if (fds[1].revents && !reader.Drain(c.err, true)) CloseFd(c.err);
    }
    if (killed_for_time || killed_for_cancel) continue;
    if (control.cancelled()) {
      killed_for_cancel = true;
      kill(c.pid, SIGKILL);
    } else if (Clock::now() > deadline) {
      killed_for_time = true;
      kill(c.pid, SIGKILL);
    }
  }
  int wait_status = 0;
  while (waitpid(c.pid, &wait_status, 0) < 0 && errno == EINTR) {
  }
  if (killed_for_cancel) return Cancelled("cancelled");
  const bool clean_exit = WIFEXITED(wait_status) && WEXITSTATUS(wait_status) == 0;
  if (clean_exit && reader.outcome()) return Outcome(*reader.outcome(), diags);
  std::string message = killed_for_time
                            ? "the run exceeded its wall limit of " +
                                  std::to_string(static_cast<long>(WallLimitSeconds(job))) +
                                  " s and its worker process was killed"
                            : DescribeExit(wait_status);
  if (!sent) message += " (it did not read its job)";
  const std::string log = reader.LastLog();
  if (!log.empty()) message += "; last log lines:\n" + log;
  return Status(StatusCode::kSolverFailure, message);
}

int WorkerMain() {
  const std::string input(std::istreambuf_iterator<char>(std::cin), {});
  json job_json = json::parse(input, nullptr, false);
  if (job_json.is_discarded()) {
    std::cerr << "corridor worker: the job on standard input is not JSON\n";
    return 2;
  }
  RunJob job;
  try {
    job = JobFromJson(job_json);
  } catch (const json::exception& e) {
    std::cerr << "corridor worker: malformed job: " << e.what() << "\n";
    return 2;
  }
  RunTestHook(job);
  const engine::RunControl control([](double fraction, const std::string& stage) {
    std::cout << json{{"progress", fraction}, {"stage", stage}}.dump() << std::endl;
  });
  Diagnostics diags;
  Result<store::RunResults> results = Internal("not run");
  try {
    results = ExecuteRunJob(job, control, diags);
  } catch (const std::bad_alloc&) {
    results = Status(StatusCode::kSolverFailure, "out of memory (the worker's memory limit)");
  } catch (const std::exception& e) {
    results = Internal(std::string("worker: ") + e.what());
  }
  constexpr auto kReplace = json::error_handler_t::replace;
  if (results.ok()) {
    std::cout << json{{"result", ResultsJson(*results)}}.dump(-1, ' ', false, kReplace)
              << std::endl;
  } else {
    std::cout << json{{"error",
                       {{"code", StatusCodeName(results.status().code())},
                        {"message", results.status().message()},
                        {"diagnostics", DiagnosticsToJson(diags)}}}}
                     .dump(-1, ' ', false, kReplace)
              << std::endl;
  }
  return std::cout.good() ? 0 : 1;
}

}  // namespace corridor::api
