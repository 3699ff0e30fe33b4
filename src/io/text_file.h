// Reading a whole input file, the one way every reader does it.
#pragma once

#include <optional>
#include <string>

namespace corridor::io {

// The file's bytes, or nullopt when it cannot be opened or read.
std::optional<std::string> ReadTextFile(const std::string& path);

// "a/b/links.csv" -> "links.csv" (for messages that name the file).
std::string BaseName(const std::string& path);

}  // namespace corridor::io
