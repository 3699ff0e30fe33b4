// Internal to gmns/: writing CSV tables and copying files, for the converters.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "core/status.h"

namespace corridor::gmns {

// One CSV table being written: a header and rows of text fields, RFC 4180 quoted.
class TableWriter {
 public:
  explicit TableWriter(std::vector<std::string> header) : header_(std::move(header)) {}
  void Add(std::vector<std::string> row) { rows_.push_back(std::move(row)); }
  std::string Text() const;

 private:
  std::vector<std::string> header_;
  std::vector<std::vector<std::string>> rows_;
};

// Creates `folder` (and its parents) when missing.
Status MakeFolder(const std::string& folder);
Status WriteText(const std::string& path, const std::string& text);
// Copies every file and subfolder of `from` into `to` except the names in `skip`
// (top level only); returns how many top-level entries were copied.
Result<int> CopyOtherFiles(const std::string& from, const std::string& to,
                           const std::set<std::string>& skip);

// Shortest text that reads back as the same double.
std::string Number(double value);

}  // namespace corridor::gmns
