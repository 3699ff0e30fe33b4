// The TOML form of a projects file (docs/file_formats.md): one [[project]] table per
// project with the CSV's columns as keys; `changes`, `requires` and `excludes` may be
// arrays of strings. Internal to plan/projects.cc.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace corridor::plan {

// The CSV text the TOML stands for, and the TOML line of each project (CSV row i + 2).
// Syntax errors and keys of the wrong type go to `diags` (nullopt).
std::optional<std::string> ProjectsTomlToCsv(std::string_view text, const std::string& file,
                                             Diagnostics& diags, std::vector<int>* lines);

}  // namespace corridor::plan
