// `corridor users`: the accounts of a team server, managed against its store
// (docs/http_api.md, "Users and tokens"): add, list, role, passwd, token, tokens, revoke.
#pragma once

#include <iosfwd>
#include <memory>

namespace CLI {
class App;
}

namespace corridor::cli {

class UsersCommand {
 public:
  explicit UsersCommand(CLI::App& app);
  ~UsersCommand();
  bool parsed() const;
  // Passwords are read from `in` (one line), never from the command line.
  int Run(std::istream& in, std::ostream& out, std::ostream& err);

 private:
  struct Flags;
  CLI::App* cmd_;
  std::unique_ptr<Flags> flags_;
};

}  // namespace corridor::cli
