#include "cli/abort_report.h"

#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/sanitizer.h"

namespace corridor::cli {
namespace {

const char* g_command = "";

void Write(const char* text) {
  const ssize_t ignored = write(STDERR_FILENO, text, strlen(text));
  (void)ignored;
}

// Async-signal-safe: only write() and _exit().
void OnFatalSignal(int sig) {
  Write("corridor ");
  Write(g_command);
  Write(": aborted by signal SIG");
  const char* name = sigabbrev_np(sig);
  Write(name ? name : "?");
  Write(" inside the run (a solver library gave up on this input); no answer was written. "
        "Please report the input (exit code 8)\n");
  _exit(kExitAborted);
}

}  // namespace

void InstallAbortReport(const char* command) {
  if (kSanitizedBuild) return;
  g_command = command;
  for (int sig : {SIGABRT, SIGSEGV, SIGFPE, SIGBUS, SIGILL}) signal(sig, OnFatalSignal);
}

}  // namespace corridor::cli
