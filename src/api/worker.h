// Runs a RunJob in a child process, so that a solver that aborts (an assertion inside
// a library, a segmentation fault, running out of memory) ends that run, not the
// server.
//
// The parent forks and execs `executable args...` (the corridor binary's hidden
// `__worker` command), sends the job as one JSON document on the child's standard
// input, and reads one JSON object per line from its standard output: progress
// ({"progress": f, "stage": s}) and finally the outcome ({"result": ...} or
// {"error": ...}). The child's standard error is its log; the parent keeps its last
// lines for the error of a run whose worker died. The parent kills the child
// (SIGKILL) at once when the run is cancelled and when it exceeds its wall limit
// (WallLimitSeconds); the child's address space is limited with setrlimit(RLIMIT_AS)
// and it is killed when the parent dies (PR_SET_PDEATHSIG).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "api/run_work.h"

namespace corridor::api {

struct WorkerOptions {
  std::string executable;               // empty: jobs run on the job thread, unisolated
  std::vector<std::string> args;        // after argv[0]
  std::size_t memory_limit_bytes = 0;   // RLIMIT_AS of each worker; 0 = none
  std::size_t log_lines_kept = 20;      // last stderr lines in a dead worker's error
};

// Runs the job in a worker process. A worker that dies, is killed at its wall limit or
// exits without an outcome gives a kSolverFailure naming the signal or exit code and
// its last log lines; a cancelled one kCancelled.
Result<store::RunResults> RunInWorker(const RunJob& job, const WorkerOptions& options,
                                      const engine::RunControl& control, Diagnostics& diags);

// The child's side: reads a job from standard input, runs it, writes the protocol
// above to standard output. Returns the process exit code (0 when an outcome, even
// an error, was written).
int WorkerMain();

// The argument that makes the corridor binary a worker (`corridor __worker`).
inline constexpr std::string_view kWorkerCommand = "__worker";

// Test hook, an environment variable read by the worker only: "abort:NAME" makes a
// worker whose job has a scenario called NAME abort (SIGABRT) as a solver assertion
// would; "hang:NAME" makes it sleep without end, as a solver that never returns.
inline constexpr const char* kTestHookVariable = "CORRIDOR_TEST_WORKER_HOOK";

}  // namespace corridor::api
