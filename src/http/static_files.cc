// Static files for the web page (docs/http_api.md, "Web page and static files").
//
// Every way out of the root answers 404 rather than 403, so a probe learns nothing
// about what lies outside: ".." segments (checked on the decoded path), and, after
// resolving symlinks, any file whose canonical path is not under the canonical root.
#include <fstream>
#include <iterator>
#include <system_error>

#include "http/internal.h"

namespace corridor::http::internal {
namespace {

namespace fs = std::filesystem;

Response NotFoundFile(const std::string& path) {
  return ErrorResponse(404, "not_found", "no file " + path);
}

bool HasDotDotSegment(std::string_view path) {
  while (!path.empty()) {
    const std::size_t slash = path.find('/');
    if (path.substr(0, slash) == "..") return true;
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return false;
}

bool IsUnder(const fs::path& root, const fs::path& file) {
  auto r = root.begin();
  auto f = file.begin();
  for (; r != root.end(); ++r, ++f) {
    // A trailing "" element (root given as "/x/") matches anything.
    if (r->empty() && std::next(r) == root.end()) return true;
    if (f == file.end() || *r != *f) return false;
  }
  return true;
}

}  // namespace

std::string ContentTypeFor(const fs::path& file) {
  static const std::pair<const char*, const char*> kTypes[] = {
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json"},
      {".map", "application/json"},
      {".geojson", "application/geo+json"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".ico", "image/x-icon"},
      {".woff2", "font/woff2"},
      {".txt", "text/plain; charset=utf-8"},
  };
  const std::string ext = file.extension().string();
  for (const auto& [suffix, type] : kTypes) {
    if (ext == suffix) return type;
  }
  return "application/octet-stream";
}

Response ServeStatic(const fs::path& root, const Request& request) {
  if (request.method != "GET" && request.method != "HEAD") {
    Response r = ErrorResponse(405, "method_not_allowed",
                               request.method + " not allowed on static file " + request.path);
    r.headers.emplace_back("Allow", "GET, HEAD");
    return r;
  }
  std::string path = request.path == "/" ? "/index.html" : request.path;
  // No listings: a path naming a directory is not found, with or without the slash.
  if (path.empty() || path.front() != '/' || path.back() == '/' || HasDotDotSegment(path)) {
    return NotFoundFile(request.path);
  }
  std::error_code ec;
  const fs::path file = fs::weakly_canonical(root / fs::path(path.substr(1)), ec);
  if (ec || !IsUnder(root, file) || !fs::is_regular_file(file, ec)) {
    return NotFoundFile(request.path);
  }
  std::ifstream in(file, std::ios::binary);
  if (!in) return NotFoundFile(request.path);
  Response response;
  response.content_type = ContentTypeFor(file);
  response.body.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  if (in.bad()) {
    return ErrorResponse(500, "internal", "reading static file " + request.path + " failed");
  }
  // The page must pick up a new build at once; hashed assets may be cached as usual.
  if (file.filename() == "index.html") response.headers.emplace_back("Cache-Control", "no-cache");
  return response;
}

}  // namespace corridor::http::internal
