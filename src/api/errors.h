// The one table that turns a Status into an HTTP status and a stable error code
// (docs/http_api.md, "Errors"), and the JSON forms of located diagnostics.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "core/status.h"
#include "http/server.h"

namespace corridor::api {

struct HttpError {
  int status;
  const char* code;
};

// kInvalidInput -> 422 invalid_input, kNotFound -> 404 not_found, kConflict -> 409,
// kCancelled -> 409 conflict, kUnavailable -> 503 unavailable, kSolverFailure ->
// 500 solver_failure, kCheckFailed / kInternal -> 500.
HttpError HttpErrorFor(StatusCode code);

// [{"severity", "file", "line", "field", "message"}, ...]
nlohmann::json DiagnosticsArray(const Diagnostics& diags);
std::string DiagnosticsJson(const Diagnostics& diags);  // DiagnosticsArray(...).dump()

// The error response for `status`, with the diagnostics as details when given.
http::Response ErrorFromStatus(const Status& status, const Diagnostics* diags = nullptr);

// The error object ({"code", "message", "details"}) stored with a failed run.
std::string ErrorObjectJson(const Status& status, const Diagnostics* diags = nullptr);

// 400 bad_request with `message`.
http::Response BadRequest(const std::string& message);

}  // namespace corridor::api
