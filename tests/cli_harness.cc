#include "tests/cli_harness.h"

#include <sys/wait.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

namespace corridor::testing {
namespace {

std::string Quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') out += "'\\''";
    else out += c;
  }
  return out + "'";
}

std::string RoundNumber(const std::string& number, int digits) {
  const double v = std::stod(number);
  if (v == 0.0) return "0";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*g", digits, v);
  return buf;
}

}  // namespace

std::string SourceDir() { return CORRIDOR_SOURCE_DIR; }
std::string CorridorBinary() { return CORRIDOR_BINARY; }
std::string SharedDir() { return CORRIDOR_SHARED_DIR; }

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string TempDir(const std::string& name) {
  const auto dir = std::filesystem::temp_directory_path() /
                   ("corridor_test_" + name + "_" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir.string();
}

CommandResult RunCorridor(const std::vector<std::string>& args, const std::string& workdir) {
  const std::string dir = TempDir("run");
  const std::string out_file = dir + "/stdout";
  const std::string err_file = dir + "/stderr";
  std::string cmd;
  if (!workdir.empty()) cmd += "cd " + Quote(workdir) + " && ";
  cmd += Quote(CORRIDOR_BINARY);
  for (const auto& a : args) cmd += " " + Quote(a);
  cmd += " >" + Quote(out_file) + " 2>" + Quote(err_file);
  const int raw = std::system(cmd.c_str());
  CommandResult r;
  r.exit_code = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  r.out = ReadFile(out_file);
  r.err = ReadFile(err_file);
  std::filesystem::remove_all(dir);
  return r;
}

std::string Normalise(const std::string& text, int digits) {
  std::string s = text;
  s = std::regex_replace(s, std::regex("Corridor [^|]*\\|"), "Corridor <version> |");
  s = std::regex_replace(s, std::regex("hash [0-9a-f]{16}"), "hash <hash>");
  s = std::regex_replace(s, std::regex("in [0-9.]+ s \\([0-9]+ iterations"),
                         "in <time> s (<n> iterations");
  s = std::regex_replace(s, std::regex("proven gap [0-9.e+-]+"), "proven gap <gap>");
  // The equilibrium's headline: its gap and time vary with the machine.
  s = std::regex_replace(s, std::regex("relative gap [0-9.e+-]+, [0-9.]+ s"),
                         "relative gap <gap>, <time> s");
  s = std::regex_replace(s, std::regex("worst capacity excess ([0-9.e+-]+), [0-9.]+ s"),
                         "worst capacity excess $1, <time> s");
  s = std::regex_replace(s, std::regex("conservation error [0-9.e+-]+ t"), "conservation error <e> t");
  s = std::regex_replace(s, std::regex("capacity excess [0-9.e+-]+ t"), "capacity excess <e> t");
  // Round every remaining number.
  static const std::regex kNumber("-?[0-9]+(\\.[0-9]+)?(e[+-]?[0-9]+)?");
  std::string out;
  auto begin = std::sregex_iterator(s.begin(), s.end(), kNumber);
  std::size_t last = 0;
  for (auto it = begin; it != std::sregex_iterator(); ++it) {
    out += s.substr(last, static_cast<std::size_t>(it->position()) - last);
    out += RoundNumber(it->str(), digits);
    last = static_cast<std::size_t>(it->position() + it->length());
  }
  out += s.substr(last);
  return out;
}

}  // namespace corridor::testing
