#include "store/pg_test_cluster.h"

#include <fcntl.h>
#include <pwd.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

#include <pqxx/pqxx>

extern char** environ;

namespace corridor::store::testing {
namespace {

namespace fs = std::filesystem;

std::string ReadTail(const fs::path& file, std::size_t max = 2000) {
  std::ifstream in(file);
  std::stringstream s;
  s << in.rdbuf();
  std::string text = s.str();
  return text.size() > max ? text.substr(text.size() - max) : text;
}

std::string BinDir() {
  const char* env = std::getenv("CORRIDOR_PG_BINDIR");
  return env != nullptr && *env != '\0' ? env : CORRIDOR_PG_BINDIR;
}

}  // namespace

Result<std::unique_ptr<PgTestCluster>> PgTestCluster::Start() {
  const std::string bindir = BinDir();
  for (const char* tool : {"initdb", "pg_ctl", "postgres"}) {
    if (access((fs::path(bindir) / tool).c_str(), X_OK) != 0) {
      return Unavailable(std::string("PostgreSQL server program '") + tool + "' not found in " +
                         bindir + ": install the Debian package postgresql (postgresql-15), "
                         "or set CORRIDOR_PG_BINDIR to the folder holding initdb and pg_ctl");
    }
  }
  std::string pattern = (fs::temp_directory_path() / "corridor_pg_XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) return Unavailable("cannot create " + pattern);
  std::unique_ptr<PgTestCluster> cluster(new PgTestCluster(pattern, bindir));
  if (geteuid() == 0) {
    const passwd* pw = getpwnam("postgres");
    if (pw == nullptr) {
      return Unavailable("running as root, the test cluster needs the 'postgres' system user "
                         "(created by the Debian package postgresql)");
    }
    if (chown(pattern.c_str(), pw->pw_uid, pw->pw_gid) != 0) {
      return Unavailable("cannot hand " + pattern + " to the postgres user");
    }
  }
  const std::string data = pattern + "/data";
  if (auto st = cluster->Run("initdb", {"-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8",
                                        "--locale=C", "--no-sync"},
                             "initdb");
      !st.ok()) {
    return st;
  }
  // No TCP at all; the socket lives in the cluster's own folder. fsync stays on (the
  // default), as in production: the crash tests rely on it. --no-sync above only
  // skips initdb's flush of the template files.
  const std::string options = "-c listen_addresses='' -c unix_socket_directories='" + pattern +
                              "' -c fsync=on -c max_connections=40";
  if (auto st = cluster->Run("pg_ctl", {"-D", data, "-l", pattern + "/server.log", "-w", "-t",
                                        "120", "-o", options, "start"},
                             "starting the server");
      !st.ok()) {
    return Unavailable(st.message() + "\nserver log:\n" + ReadTail(pattern + "/server.log"));
  }
  cluster->started_ = true;
  return cluster;
}

PgTestCluster::~PgTestCluster() {
  if (started_) {
    (void)Run("pg_ctl", {"-D", dir_ + "/data", "-w", "stop", "-m", "immediate"}, "stopping");
  }
  std::error_code ec;
  fs::remove_all(dir_, ec);
}

Status PgTestCluster::Run(const std::string& tool, const std::vector<std::string>& args,
                          const std::string& what) {
  std::vector<std::string> argv;
  if (geteuid() == 0) argv = {"/usr/sbin/runuser", "-u", "postgres", "--"};
  argv.push_back((fs::path(bindir_) / tool).string());
  argv.insert(argv.end(), args.begin(), args.end());
  std::vector<char*> cargv;
  for (auto& a : argv) cargv.push_back(a.data());
  cargv.push_back(nullptr);

  const std::string log = dir_ + "/" + tool + ".out";
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, log.c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
  pid_t pid = -1;
  const int rc = posix_spawn(&pid, cargv[0], &actions, nullptr, cargv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) return Unavailable("test cluster: cannot run " + argv[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return Status::Ok();
  return Unavailable("test cluster: " + what + " failed (" + tool + " in " + dir_ +
                     "):\n" + ReadTail(log));
}

std::string PgTestCluster::Url(const std::string& database) const {
  return "postgresql://postgres@/" + database + "?host=" + dir_;
}

Status PgTestCluster::Exec(const std::string& database, const std::string& sql) {
  try {
    pqxx::connection c(Url(database));
    pqxx::nontransaction n(c);
    n.exec(sql);
    return Status::Ok();
  } catch (const std::exception& e) {
    return Internal("test cluster: in database " + database + ": " + e.what());
  }
}

Status PgTestCluster::CreateDatabase(const std::string& name) {
  // Two calls: CREATE DATABASE cannot run inside the implicit transaction of a
  // multi-statement query.
  if (auto st = Exec("postgres", "DROP DATABASE IF EXISTS \"" + name + "\" WITH (FORCE)");
      !st.ok()) {
    return st;
  }
  return Exec("postgres",
              "CREATE DATABASE \"" + name + "\" ENCODING 'UTF8' TEMPLATE template0");
}

Result<int> PgTestCluster::Sessions(const std::string& database) {
  try {
    pqxx::connection c(Url("postgres"));
    pqxx::nontransaction n(c);
    return n.exec_params1("SELECT count(*) FROM pg_stat_activity "
                          "WHERE datname = $1 AND pid <> pg_backend_pid()",
                          database)[0]
        .as<int>();
  } catch (const std::exception& e) {
    return Internal(std::string("test cluster: counting sessions: ") + e.what());
  }
}

PgTestCluster* SharedPgTestCluster(Status* error) {
  static Result<std::unique_ptr<PgTestCluster>> shared = PgTestCluster::Start();
  if (!shared.ok()) {
    *error = shared.status();
    return nullptr;
  }
  return shared->get();
}

}  // namespace corridor::store::testing
