// `corridor settle`: the payments behind the freight, netted (docs/cli.md).
#pragma once

#include <iosfwd>
#include <memory>

namespace CLI {
class App;
}

namespace corridor::cli {

class SettleCommand {
 public:
  explicit SettleCommand(CLI::App& app);
  ~SettleCommand();
  bool parsed() const;
  int Run(std::ostream& out, std::ostream& err);

 private:
  struct Flags;
  CLI::App* cmd_;
  std::unique_ptr<Flags> flags_;
};

}  // namespace corridor::cli
