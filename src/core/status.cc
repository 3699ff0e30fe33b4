#include "core/status.h"

#include <sstream>

namespace corridor {

const char* StatusCodeName(StatusCode code) {
  switch (code) {
    case StatusCode::kOk: return "ok";
    case StatusCode::kInvalidInput: return "invalid_input";
    case StatusCode::kNotFound: return "not_found";
    case StatusCode::kSolverFailure: return "solver_failure";
    case StatusCode::kCheckFailed: return "check_failed";
    case StatusCode::kConflict: return "conflict";
    case StatusCode::kCancelled: return "cancelled";
    case StatusCode::kUnavailable: return "unavailable";
    case StatusCode::kUnauthenticated: return "unauthenticated";
    case StatusCode::kPermissionDenied: return "forbidden";
    case StatusCode::kInternal: return "internal";
  }
  return "unknown";
}

std::string Status::ToString() const {
  if (ok()) return "ok";
  return std::string(StatusCodeName(code_)) + ": " + message_;
}

std::string Diagnostic::ToString() const {
  std::ostringstream out;
  if (!file.empty()) {
    out << file;
    if (line > 0) out << ':' << line;
    out << ": ";
  }
  if (severity == Severity::kWarning) out << "warning: ";
  if (!column.empty()) out << column << ' ';
  out << message;
  return out.str();
}

void Diagnostics::Error(std::string file, int line, std::string column, std::string message) {
  items_.push_back({Diagnostic::Severity::kError, std::move(file), line, std::move(column),
                    std::move(message)});
}

void Diagnostics::Warning(std::string file, int line, std::string column, std::string message) {
  items_.push_back({Diagnostic::Severity::kWarning, std::move(file), line, std::move(column),
                    std::move(message)});
}

void Diagnostics::Append(const Diagnostics& other) {
  items_.insert(items_.end(), other.items_.begin(), other.items_.end());
}

bool Diagnostics::has_errors() const { return error_count() > 0; }

int Diagnostics::error_count() const {
  int n = 0;
  for (const auto& d : items_) n += d.severity == Diagnostic::Severity::kError;
  return n;
}

int Diagnostics::warning_count() const {
  return static_cast<int>(items_.size()) - error_count();
}

std::string Diagnostics::ToString() const {
  std::string out;
  for (const auto& d : items_) {
    out += d.ToString();
    out += '\n';
  }
  return out;
}

Status Diagnostics::ToStatus(const std::string& what) const {
  if (!has_errors()) return Status::Ok();
  std::string msg = what + ": " + std::to_string(error_count()) + " error(s)\n";
  for (const auto& d : items_) {
    if (d.severity == Diagnostic::Severity::kError) msg += d.ToString() + '\n';
  }
  return InvalidInput(std::move(msg));
}

}  // namespace corridor
