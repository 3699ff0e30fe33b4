// Route table: method + path pattern -> handler (see server.h).
#include <algorithm>
#include <exception>

#include <spdlog/spdlog.h>

#include "http/server.h"

namespace corridor::http {
namespace {

// "/v1/runs/{id}" -> {"v1", "runs", "{id}"}. Empty segments are kept so that
// "/v1/runs/" and "/v1/runs" stay different paths.
std::vector<std::string> SplitPath(const std::string& path) {
  std::vector<std::string> segments;
  std::size_t start = path.starts_with('/') ? 1 : 0;
  while (true) {
    const std::size_t slash = path.find('/', start);
    segments.push_back(path.substr(start, slash - start));
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  return segments;
}

bool IsParam(const std::string& segment) {
  return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

bool SegmentsMatch(const std::vector<std::string>& pattern,
                   const std::vector<std::string>& path) {
  if (pattern.size() != path.size()) return false;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (IsParam(pattern[i]) ? path[i].empty() : pattern[i] != path[i]) return false;
  }
  return true;
}

// True if `a` is more specific than `b`: at the first segment where one is a
// literal and the other a parameter, the literal wins ("/runs/latest" before
// "/runs/{id}"), whatever order the routes were added in.
bool MoreSpecific(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  for (std::size_t i = 0; i < a.size() && i < b.size(); ++i) {
    if (IsParam(a[i]) != IsParam(b[i])) return !IsParam(a[i]);
  }
  return false;
}

std::string JoinPattern(const std::vector<std::string>& segments) {
  std::string out;
  for (const auto& s : segments) out += "/" + s;
  return out;
}

}  // namespace

void Router::Add(const std::string& method, const std::string& pattern, Handler handler) {
  routes_.push_back(Route{method, SplitPath(pattern), std::move(handler)});
}

bool Router::Matches(const std::string& path) const {
  const auto segments = SplitPath(path);
  return std::any_of(routes_.begin(), routes_.end(),
                     [&](const Route& r) { return SegmentsMatch(r.segments, segments); });
}

Response Router::Dispatch(Request& request) const {
  const auto segments = SplitPath(request.path);
  const Route* best = nullptr;
  std::vector<std::string> allowed;
  for (const Route& route : routes_) {
    if (!SegmentsMatch(route.segments, segments)) continue;
    allowed.push_back(route.method);
    if (route.method != request.method) continue;
    if (best == nullptr || MoreSpecific(route.segments, best->segments)) best = &route;
  }
  if (best == nullptr && allowed.empty()) {
    return ErrorResponse(404, "not_found", "no route for " + request.method + " " + request.path);
  }
  if (best == nullptr) {
    std::sort(allowed.begin(), allowed.end());
    allowed.erase(std::unique(allowed.begin(), allowed.end()), allowed.end());
    std::string allow;
    for (const auto& m : allowed) allow += (allow.empty() ? "" : ", ") + m;
    Response r = ErrorResponse(405, "method_not_allowed",
                               request.method + " not allowed on " + request.path +
                                   " (allowed: " + allow + ")");
    r.headers.emplace_back("Allow", allow);
    return r;
  }
  request.params.clear();
  for (std::size_t i = 0; i < segments.size(); ++i) {
    const std::string& p = best->segments[i];
    if (IsParam(p)) request.params[p.substr(1, p.size() - 2)] = segments[i];
  }
  const std::string route = best->method + " " + JoinPattern(best->segments);
  // A handler bug must cost one request, not the server; the log keeps the cause.
  try {
    return best->handler(request);
  } catch (const std::exception& e) {
    spdlog::error("handler for {} threw: {}", route, e.what());
    return ErrorResponse(500, "internal", "handler for " + route + " failed: " + e.what());
  } catch (...) {
    spdlog::error("handler for {} threw a non-standard exception", route);
    return ErrorResponse(500, "internal", "handler for " + route + " failed");
  }
}

}  // namespace corridor::http
