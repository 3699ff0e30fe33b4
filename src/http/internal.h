// Pieces of the server that need no socket: target decoding and static files.
// Kept apart from server.cc so they can be tested without a connection.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "http/server.h"

namespace corridor::http::internal {

// Decodes %XX escapes; with `plus_is_space` also "+" (query strings only).
// nullopt for a bad escape or a decoded NUL, which no path or parameter may hold.
std::optional<std::string> PercentDecode(std::string_view text, bool plus_is_space);

// Splits "a=1&b=x%20y" into decoded pairs; a later repeat of a key wins.
// nullopt if some part does not decode.
std::optional<std::map<std::string, std::string>> ParseQuery(std::string_view query);

// "text/css; charset=utf-8" etc. by file extension; application/octet-stream otherwise.
std::string ContentTypeFor(const std::filesystem::path& file);

// Serves `request` (GET or HEAD, any other method gets 405) from under `root`,
// which must already be canonical. Never follows a path out of the root.
Response ServeStatic(const std::filesystem::path& root, const Request& request);

}  // namespace corridor::http::internal
