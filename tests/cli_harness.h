// Runs the corridor binary as a user would and captures what it prints.
#pragma once

#include <string>
#include <vector>

namespace corridor::testing {

struct CommandResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs `corridor <args...>` (arguments are shell-quoted) in `workdir`.
CommandResult RunCorridor(const std::vector<std::string>& args, const std::string& workdir = "");

// Makes printed output comparable across runs and machines: hashes, versions, times,
// iteration counts and paths are replaced by placeholders, and every number is rounded
// to `digits` significant digits.
std::string Normalise(const std::string& text, int digits = 4);

std::string ReadFile(const std::string& path);
std::string SourceDir();
std::string CorridorBinary();  // the corridor program under test
std::string SharedDir();
std::string TempDir(const std::string& name);  // fresh, empty

}  // namespace corridor::testing
