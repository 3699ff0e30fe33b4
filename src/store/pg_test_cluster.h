// A throw-away PostgreSQL cluster for the store tests: initdb and pg_ctl in a fresh
// temporary folder, listening only on a Unix socket in that folder (no TCP), fsync
// on; stopped (pg_ctl stop -m immediate) and removed when the object is destroyed.
// As root (CI), the server runs as the `postgres` system user, since initdb refuses
// root. Built only with the tests.
#pragma once

#include <memory>
#include <string>

#include "core/status.h"

namespace corridor::store::testing {

class PgTestCluster {
 public:
  // Unavailable naming the Debian package when the server binaries are missing
  // (CORRIDOR_PG_BINDIR, or the folder set at configure time), or with the server's
  // log when it does not start.
  static Result<std::unique_ptr<PgTestCluster>> Start();
  ~PgTestCluster();
  PgTestCluster(const PgTestCluster&) = delete;
  PgTestCluster& operator=(const PgTestCluster&) = delete;

  // postgresql://postgres@/DB?host=DIR: libpq takes a host that starts with '/' as
  // the folder of the server's socket.
  std::string Url(const std::string& database) const;
  // Creates an empty database (UTF8), dropping one of that name first.
  Status CreateDatabase(const std::string& name);
  // Runs `sql` (one or more statements) in `database`.
  Status Exec(const std::string& database, const std::string& sql);
  // Sessions connected to `database`, not counting the one asking.
  Result<int> Sessions(const std::string& database);
  const std::string& dir() const { return dir_; }

 private:
  explicit PgTestCluster(std::string dir, std::string bindir)
      : dir_(std::move(dir)), bindir_(std::move(bindir)) {}
  Status Run(const std::string& tool, const std::vector<std::string>& args,
             const std::string& what);
  std::string dir_;
  std::string bindir_;
  bool started_ = false;
};

// One cluster per test process, started on first use and stopped at exit; nullptr
// with `error` set when it cannot start.
PgTestCluster* SharedPgTestCluster(Status* error);

}  // namespace corridor::store::testing
