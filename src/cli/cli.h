// The `corridor` command line: subcommands, options and exit codes.
//
// Exit codes (docs/cli.md):
//   0  success (for solve: optimal and the answer checker passed)
//   1  command-line usage error
//   2  invalid input (every located problem is printed)
//   3  a named file or folder does not exist
//   4  the solver failed numerically (no answer)
//   5  the answer checker rejected the solver's answer (results are still written)
//   6  stopped at the time or iteration limit (best answer written, gap printed)
//   7  a resource is unavailable (port in use, database locked or newer)
//   70 internal error (a bug)
#pragma once

#include <iosfwd>

#include "core/status.h"

namespace corridor::cli {

enum ExitCode : int {
  kExitOk = 0,
  kExitUsage = 1,
  kExitInvalidInput = 2,
  kExitNotFound = 3,
  kExitSolverFailure = 4,
  kExitCheckFailed = 5,
  kExitLimit = 6,
  kExitUnavailable = 7,  // port in use, database locked or of a newer schema, cancelled
  kExitAborted = 8,      // a solver library aborted the process (signal); no answer
  kExitDenied = 9,       // a wrong password or a role that does not allow the action
  kExitInternal = 70,
};

// The exit code of a failed call: one code per StatusCode (the table above).
int ExitFor(const Status& status);

// Runs the command line; results go to `out`, logs and diagnostics to `err`.
int Run(int argc, const char* const* argv, std::ostream& out, std::ostream& err);

}  // namespace corridor::cli
