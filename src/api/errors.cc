#include "api/errors.h"

#include <nlohmann/json.hpp>

namespace corridor::api {

using nlohmann::json;

HttpError HttpErrorFor(StatusCode code) {
  switch (code) {
    case StatusCode::kOk: return {200, "ok"};
    case StatusCode::kInvalidInput: return {422, "invalid_input"};
    case StatusCode::kNotFound: return {404, "not_found"};
    case StatusCode::kConflict: return {409, "conflict"};
    case StatusCode::kCancelled: return {409, "conflict"};
    case StatusCode::kUnavailable: return {503, "unavailable"};
    case StatusCode::kUnauthenticated: return {401, "unauthenticated"};
    case StatusCode::kPermissionDenied: return {403, "forbidden"};
    case StatusCode::kSolverFailure: return {500, "solver_failure"};
    case StatusCode::kCheckFailed: return {500, "internal"};
    case StatusCode::kInternal: return {500, "internal"};
  }
  return {500, "internal"};
}

json DiagnosticsArray(const Diagnostics& diags) {
  json out = json::array();
  for (const Diagnostic& d : diags.items()) {
    out.push_back({{"severity", d.severity == Diagnostic::Severity::kError ? "error" : "warning"},
                   {"file", d.file},
                   {"line", d.line},
                   {"field", d.column},
                   {"message", d.message}});
  }
  return out;
}

std::string DiagnosticsJson(const Diagnostics& diags) { return DiagnosticsArray(diags).dump(); }

http::Response ErrorFromStatus(const Status& status, const Diagnostics* diags) {
  const HttpError e = HttpErrorFor(status.code());
  const bool details = diags != nullptr && !diags->items().empty();
  return http::ErrorResponse(e.status, e.code, status.message(),
                             details ? DiagnosticsJson(*diags) : "");
}

std::string ErrorObjectJson(const Status& status, const Diagnostics* diags) {
  // A cancelled run says so in its error code; elsewhere cancelled maps to conflict.
  const char* code =
      status.code() == StatusCode::kCancelled ? "cancelled" : HttpErrorFor(status.code()).code;
  json e = {{"code", code}, {"message", status.message()}};
  if (diags != nullptr && !diags->items().empty()) e["details"] = DiagnosticsArray(*diags);
  return e.dump();
}

http::Response BadRequest(const std::string& message) {
  return http::ErrorResponse(400, "bad_request", message);
}

}  // namespace corridor::api
