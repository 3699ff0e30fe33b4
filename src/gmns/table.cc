#include "gmns/table.h"

#include <filesystem>
#include <fstream>

#include <fmt/format.h>

namespace corridor::gmns {
namespace {

namespace fs = std::filesystem;

void AppendField(std::string& out, const std::string& field) {
  if (field.find_first_of(",\"\n\r") == std::string::npos) {
    out += field;
    return;
  }
  out += '"';
  for (char c : field) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  out += '"';
}

void AppendRow(std::string& out, const std::vector<std::string>& row) {
  for (std::size_t i = 0; i < row.size(); ++i) {
    if (i > 0) out += ',';
    AppendField(out, row[i]);
  }
  out += '\n';
}

}  // namespace

std::string TableWriter::Text() const {
  std::string out;
  AppendRow(out, header_);
  for (const auto& row : rows_) AppendRow(out, row);
  return out;
}

Status MakeFolder(const std::string& folder) {
  std::error_code ec;
  fs::create_directories(folder, ec);
  if (ec) return Unavailable(fmt::format("cannot create folder {}: {}", folder, ec.message()));
  return Status::Ok();
}

Status WriteText(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  out.close();
  if (!out) return Unavailable("cannot write " + path);
  return Status::Ok();
}

Result<int> CopyOtherFiles(const std::string& from, const std::string& to,
                           const std::set<std::string>& skip) {
  std::error_code ec;
  int copied = 0;
  for (const auto& entry : fs::directory_iterator(from, ec)) {
    const std::string name = entry.path().filename().string();
    if (skip.count(name) > 0) continue;
    fs::copy(entry.path(), fs::path(to) / name,
             fs::copy_options::recursive | fs::copy_options::overwrite_existing, ec);
    if (ec) return Unavailable(fmt::format("cannot copy {} to {}: {}", entry.path().string(), to, ec.message()));
    ++copied;
  }
  if (ec) return Unavailable(fmt::format("cannot read folder {}: {}", from, ec.message()));
  return copied;
}

std::string Number(double value) { return fmt::format("{}", value); }

}  // namespace corridor::gmns
