// Status and Result<T>: did a call work, and if not, why.
//
// A Status says whether an operation could be carried out (a file could be read,
// a request was well formed). It is not the answer of a solver: an infeasible LP is
// a successful call whose answer says "infeasible" (see routing::SolveStatus).
// Codes map one to one to the CLI's exit codes (docs/cli.md) and, later, HTTP statuses.
#pragma once

#include <cassert>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace corridor {

enum class StatusCode : int {
  kOk = 0,
  kInvalidInput = 2,     // a file or request is malformed or inconsistent
  kNotFound = 3,         // a named file, dataset, scenario or id does not exist
  kSolverFailure = 4,    // the solver could not produce an answer (numerical trouble)
  kCheckFailed = 5,      // the answer checker rejected a solver's answer
  kConflict = 9,         // the request clashes with the current state (e.g. a run not finished)
  kCancelled = 10,       // the caller cancelled the operation
  kUnavailable = 11,     // a resource (database, worker pool) cannot serve the request now
  kUnauthenticated = 12, // no credential, or one that is unknown, expired or revoked
  kPermissionDenied = 13,  // the caller is known but its role does not allow the action
  kInternal = 70,        // a bug: an invariant did not hold
};

const char* StatusCodeName(StatusCode code);

class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}
  static Status Ok() { return {}; }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  std::string ToString() const;

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

inline Status InvalidInput(std::string m) { return {StatusCode::kInvalidInput, std::move(m)}; }
inline Status NotFound(std::string m) { return {StatusCode::kNotFound, std::move(m)}; }
inline Status Internal(std::string m) { return {StatusCode::kInternal, std::move(m)}; }
inline Status Conflict(std::string m) { return {StatusCode::kConflict, std::move(m)}; }
inline Status Cancelled(std::string m) { return {StatusCode::kCancelled, std::move(m)}; }
inline Status Unavailable(std::string m) { return {StatusCode::kUnavailable, std::move(m)}; }
inline Status Unauthenticated(std::string m) { return {StatusCode::kUnauthenticated, std::move(m)}; }
inline Status PermissionDenied(std::string m) { return {StatusCode::kPermissionDenied, std::move(m)}; }

// Result<T> holds either a value or a non-OK Status.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : data_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Status status) : data_(std::move(status)) {  // NOLINT
    assert(!std::get<Status>(data_).ok() && "Result built from an OK status");
  }

  bool ok() const { return std::holds_alternative<T>(data_); }
  const Status& status() const {
    static const Status kOkStatus;
    return ok() ? kOkStatus : std::get<Status>(data_);
  }
  T& value() & { assert(ok()); return std::get<T>(data_); }
  const T& value() const& { assert(ok()); return std::get<T>(data_); }
  T&& value() && { assert(ok()); return std::get<T>(std::move(data_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::variant<T, Status> data_;
};

// One located problem in an input: "links.csv:14: capacity_t_per_year must be >= 0, got -5".
struct Diagnostic {
  enum class Severity { kError, kWarning };
  Severity severity = Severity::kError;
  std::string file;    // file name as given (may be empty for whole-dataset checks)
  int line = 0;        // 1-based physical line; 0 when the problem is not tied to a line
  std::string column;  // column or field name; may be empty
  std::string message;
  std::string ToString() const;
};

// Collects all problems of an input so they can be reported together.
class Diagnostics {
 public:
  void Error(std::string file, int line, std::string column, std::string message);
  void Warning(std::string file, int line, std::string column, std::string message);
  void Add(Diagnostic d) { items_.push_back(std::move(d)); }
  void Append(const Diagnostics& other);

  bool has_errors() const;
  int error_count() const;
  int warning_count() const;
  const std::vector<Diagnostic>& items() const { return items_; }
  std::string ToString() const;  // one diagnostic a line
  // An InvalidInput status listing every error, or OK when there is none.
  Status ToStatus(const std::string& what) const;

 private:
  std::vector<Diagnostic> items_;
};

}  // namespace corridor
