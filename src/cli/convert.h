// `corridor convert`: datasets <-> GMNS, TNTP -> GMNS (docs/cli.md).
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace corridor::cli {

class ConvertCommand {
 public:
  explicit ConvertCommand(CLI::App& app);
  bool parsed() const;
  int Run(std::ostream& out, std::ostream& err);

 private:
  CLI::App* cmd_;
  std::vector<std::string> from_, to_;
  std::string nodes_;
};

}  // namespace corridor::cli
