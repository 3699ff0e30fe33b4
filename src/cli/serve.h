// `corridor serve`: the scenario store, the HTTP API and the web page
// (docs/http_api.md). Runs until SIGINT or SIGTERM.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace corridor::cli {

struct ServeFlags {
  std::string db = "corridor.db";
  std::string bind = "127.0.0.1";
  int port = 8080;
  std::string web = "web/dist";
  std::vector<std::string> imports;
  int jobs = 2;
  int worker_memory_mib = 4096;  // address-space limit of each run's worker; 0 = none
  std::string auth = "local-token";   // or "accounts"
  std::vector<std::string> hosts;      // extra names accepted in the Host header
  std::string data_root;               // "" = POST /v1/datasets reads no folder
};

// Prints "corridor serve: listening on http://<bind>:<port>" on `out` once ready and,
// with a local token, "corridor serve: open http://<bind>:<port>/v1/login?token=<T>".
// Returns the exit code (docs/cli.md).
int RunServe(const ServeFlags& flags, std::ostream& out, std::ostream& err);

}  // namespace corridor::cli
