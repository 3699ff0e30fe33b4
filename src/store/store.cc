#include "store/store.h"

#include "store/sqlite_store.h"
#ifdef CORRIDOR_HAVE_POSTGRESQL
#include "store/pg_store.h"
#endif

namespace corridor::store {

const char* RunStatusName(RunStatus s) {
  switch (s) {
    case RunStatus::kQueued: return "queued";
    case RunStatus::kRunning: return "running";
    case RunStatus::kFinished: return "finished";
    case RunStatus::kFailed: return "failed";
    case RunStatus::kCancelled: return "cancelled";
  }
  return "unknown";
}

std::optional<RunStatus> ParseRunStatus(const std::string& name) {
  for (RunStatus s : {RunStatus::kQueued, RunStatus::kRunning, RunStatus::kFinished,
                      RunStatus::kFailed, RunStatus::kCancelled}) {
    if (name == RunStatusName(s)) return s;
  }
  return std::nullopt;
}

const char* RoleName(Role r) {
  switch (r) {
    case Role::kViewer: return "viewer";
    case Role::kPlanner: return "planner";
    case Role::kAdmin: return "admin";
  }
  return "unknown";
}

std::optional<Role> ParseRole(const std::string& name) {
  for (Role r : {Role::kViewer, Role::kPlanner, Role::kAdmin}) {
    if (name == RoleName(r)) return r;
  }
  return std::nullopt;
}

bool IsPostgresUrl(const std::string& location) {
  return location.rfind("postgresql://", 0) == 0 || location.rfind("postgres://", 0) == 0;
}

Result<std::unique_ptr<Store>> Store::Open(const std::string& location) {
  if (!IsPostgresUrl(location)) return SqliteStore::Open(location);
#ifdef CORRIDOR_HAVE_POSTGRESQL
  return PgStore::Open(location);
#else
  return Unavailable("store '" + location +
                     "': this corridor was built without PostgreSQL support "
                     "(CORRIDOR_POSTGRESQL=OFF or libpqxx-dev missing)");
#endif
}

}  // namespace corridor::store
