// Turns a fatal signal inside a command (an assertion in a solver library: SIGABRT;
// SIGSEGV, SIGFPE, SIGBUS, SIGILL) into a one-line diagnostic on standard error and
// exit code 8 (docs/cli.md), instead of a bare "Aborted (core dumped)". Not
// installed under the sanitizers, whose own reports must stay visible.
#pragma once

namespace corridor::cli {

// `command` (e.g. "solve") is named in the message; it must outlive the process.
void InstallAbortReport(const char* command);

}  // namespace corridor::cli
