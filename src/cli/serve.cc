#include "cli/serve.h"

#include <spdlog/spdlog.h>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <ostream>
#include <fcntl.h>
#include <pthread.h>
#include <sys/file.h>
#include <thread>

#include "api/service.h"
#include "cli/cli.h"
#include "core/sanitizer.h"
#include "auth/auth.h"
#include "http/origin.h"
#include "http/server.h"
#include "store/store.h"

namespace corridor::cli {
namespace {

// <prefix>/share/corridor of an installed program (<prefix>/bin/corridor, cmake/Package.cmake);
// "" when there is none.
std::string InstalledShareDir() {
  std::error_code ec;
  const auto self = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec) return "";
  const auto share = self.parent_path().parent_path() / "share" / "corridor";
  return std::filesystem::is_directory(share, ec) ? share.string() : "";
}

// The built-in dataset named by default_dataset: scripts/default_dataset from the working
// directory (a source tree), else the installed one; "" when there is none.
std::string DefaultDataset() {
  for (const std::string& root : {std::string("."), InstalledShareDir()}) {
    if (root.empty()) continue;
    const std::string list = root == "." ? "scripts/default_dataset" : root + "/default_dataset";
    std::ifstream in(list);
    std::string folder;
    if (!(in >> folder)) continue;
    if (root != ".") folder = root + "/" + folder;
    std::error_code ec;
    if (std::filesystem::is_directory(folder, ec)) return folder;
  }
  return "";
}

// --web as given; the default web/dist, when the working directory has none, falls back
// to the installed page.
std::string WebFolder(const ServeFlags& flags) {
  std::error_code ec;
  if (flags.web != ServeFlags{}.web || std::filesystem::is_directory(flags.web, ec)) return flags.web;
  const std::string share = InstalledShareDir();
  if (!share.empty() && std::filesystem::is_directory(share + "/web", ec)) return share + "/web";
  return flags.web;
}

// Every run is solved by `<this binary> __worker` (api/worker.h).
Status ConfigureWorkers(const ServeFlags& flags, api::WorkerOptions& worker) {
  std::error_code ec;
  const auto self = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec) return Unavailable("cannot find this program for its worker processes: " + ec.message());
  worker.executable = self.string();
  worker.args = {std::string(api::kWorkerCommand)};
  // A sanitizer build reserves terabytes of address space: no RLIMIT_AS there.
  worker.memory_limit_bytes =
      kSanitizedBuild ? 0 : static_cast<std::size_t>(flags.worker_memory_mib) << 20;
  return Status::Ok();
}

// The access rules: the authentication mode and the data root.
Status ConfigureAccess(const ServeFlags& flags, store::Store& store, api::ServiceOptions& o) {
  if (flags.auth == "accounts") {
    auto users = store.ListUsers();
    if (!users.ok()) return users.status();
    if (users->empty()) {
      return InvalidInput("--auth accounts: the store has no users; add an admin first with "
                          "'corridor users add NAME --role admin --db " + flags.db + "'");
    }
    o.auth.mode = auth::Mode::kAccounts;
  } else {
    o.auth.mode = auth::Mode::kLocalToken;
    o.auth.local_token = auth::NewSecret();
    if (o.auth.local_token.empty()) return Internal("libsodium could not make a random token");
  }
  if (!flags.data_root.empty()) {
    std::error_code ec;
    if (!std::filesystem::is_directory(flags.data_root, ec)) {
      return NotFound("--data-root " + flags.data_root + ": not a folder");
    }
    o.data_root = flags.data_root;
  }
  return Status::Ok();
}

// An address as it goes into a URL: IPv6 in brackets.
std::string UrlHost(const std::string& bind) {
  return bind.find(':') != std::string::npos ? "[" + bind + "]" : bind;
}

}  // namespace

int RunServe(const ServeFlags& flags, std::ostream& out, std::ostream& err) {
  // SIGINT and SIGTERM are taken by sigwait below; block them before any thread
  // starts so that every thread inherits the mask.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  // One server per SQLite store: opening a store marks the runs it finds unfinished as
  // interrupted, which must never hit the runs of a server still alive. PostgreSQL
  // stores are shared by several servers (each recovers only dead servers' runs).
  if (!store::IsPostgresUrl(flags.db)) {
    const std::string lock_path = flags.db + ".serve-lock";
    const int lock_fd = open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (lock_fd < 0 || flock(lock_fd, LOCK_EX | LOCK_NB) != 0) {
      err << "corridor serve: " << flags.db << " is in use by another corridor serve (lock "
          << lock_path << ")\n";
      return kExitUnavailable;
    }
  }
  auto store = store::Store::Open(flags.db);
  if (!store.ok()) {
    err << "corridor serve: " << store.status().message() << '\n';
    return ExitFor(store.status());
  }
  api::ServiceOptions service_options;
  service_options.workers = flags.jobs;
  if (Status s = ConfigureAccess(flags, **store, service_options); !s.ok()) {
    err << "corridor serve: " << s.message() << '\n';
    return ExitFor(s);
  }
  if (Status s = ConfigureWorkers(flags, service_options.worker); !s.ok()) {
    err << "corridor serve: " << s.message() << '\n';
    return ExitFor(s);
  }
  api::Service service(**store, service_options);

  std::vector<std::string> imports = flags.imports;
  if (imports.empty()) {
    auto existing = (*store)->ListDatasets();
    if (existing.ok() && existing->empty()) {
      const std::string builtin = DefaultDataset();
      if (!builtin.empty()) imports.push_back(builtin);
    }
  }
  for (const std::string& folder : imports) {
    Diagnostics diags;
    auto imported = service.ImportFolder(folder, diags);
    for (const auto& d : diags.items()) err << d.ToString() << '\n';
    if (!imported.ok()) {
      err << "corridor serve: cannot import " << folder << ": " << imported.status().message() << '\n';
      return ExitFor(imported.status());
    }
    spdlog::info("dataset {} ({}) {}; {} scenario(s) imported", imported->dataset.name,
                 imported->dataset.content_hash, imported->created ? "imported" : "already stored",
                 imported->scenarios_imported);
  }

  auto router = std::make_shared<http::Router>();
  service.Register(*router);
  http::ServerOptions options;
  options.bind = flags.bind;
  options.port = flags.port;
  options.allowed_hosts = http::DefaultHostNames(flags.bind);
  for (const std::string& h : flags.hosts) {
    if (auto name = http::HostName(h)) options.allowed_hosts.push_back(*name);
  }
  std::error_code ec;
  const std::string web = WebFolder(flags);
  if (std::filesystem::is_directory(web, ec)) {
    options.static_root = web;
  } else {
    spdlog::warn("web page folder {} not found: serving the API only (build it with "
                 "scripts/install_deps.sh)", web);
  }
  http::Server server(options, router);
  if (Status s = server.Start(); !s.ok()) {
    err << "corridor serve: " << s.message() << '\n';
    return ExitFor(s);
  }
  const std::string url = "http://" + UrlHost(flags.bind) + ':' + std::to_string(server.port());
  out << "corridor serve: listening on " << url << std::endl;
  if (service_options.auth.mode == auth::Mode::kLocalToken) {
    out << "corridor serve: open " << url << "/v1/login?token=" << service_options.auth.local_token
        << std::endl;
  } else {
    out << "corridor serve: accounts of the store; log in at " << url << '/' << std::endl;
  }

  int signal_number = 0;
  sigwait(&stop_signals, &signal_number);
  spdlog::info("signal {}: stopping", signal_number);
  server.Stop();
  service.Shutdown();
  return kExitOk;
}

}  // namespace corridor::cli
