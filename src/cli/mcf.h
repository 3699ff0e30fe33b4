// `corridor mcf`: a published linear multicommodity flow instance (docs/cli.md).
#pragma once

#include <iosfwd>
#include <string>

namespace CLI {
class App;
}

namespace corridor::cli {

class McfCommand {
 public:
  explicit McfCommand(CLI::App& app);
  bool parsed() const;
  int Run(std::ostream& out, std::ostream& err);

 private:
  CLI::App* cmd_;
  std::string file_;
  std::string format_ = "auto";
  std::string method_ = "cg";
  int threads_ = 0;
  double time_limit_s_ = 600.0;
  double gap_ = 1e-6;
};

}  // namespace corridor::cli
