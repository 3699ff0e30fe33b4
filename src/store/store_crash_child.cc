// store_crash_child DB SEED: works on the store at DB until it is killed, as a server
// would: runs go queued -> running -> finished (or failed/cancelled), scenarios come and
// go. store_crash_test SIGKILLs it at random instants and checks what survived.
//
// Protocol on stdout, one line per event, written with write(2) so nothing sits in a
// buffer when the kill comes:
//   "ready"           the store is open (migrated, recovered) and the dataset imported
//   "finishing <id>"  FinishRun is about to start (the test may aim its kill here)
//   "finished <id>"   FinishRun returned OK: the run must survive the kill
//   "ended <id>"      EndRun (failed or cancelled) returned OK
// Exit code 0 never happens; 2 = the store did not open, 3 = a call failed unexpectedly.
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>

#include "store/crash_payload.h"
#include "store/store.h"

namespace {

using corridor::StatusCode;
namespace store = corridor::store;

void WriteLine(const std::string& line) {
  const std::string text = line + "\n";
  std::size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = ::write(STDOUT_FILENO, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) std::exit(4);
    done += static_cast<std::size_t>(n);
  }
}

[[noreturn]] void Die(const char* what, const corridor::Status& st) {
  std::fprintf(stderr, "store_crash_child: %s: %s\n", what, st.ToString().c_str());
  std::exit(3);
}

void Expect(const char* what, const corridor::Status& st) {
  if (!st.ok()) Die(what, st);
}

// Scenario churn; names clash on purpose, so Conflict and NotFound are expected.
void TouchScenarios(store::Store& s, std::int64_t dataset_id, std::mt19937_64& rng) {
  const std::string name = "scenario" + std::to_string(rng() % 8);
  const std::string text = "factor = " + std::to_string(rng() % 100) + "\n";
  auto list = s.ListScenarios(dataset_id);
  if (!list.ok()) Die("listing scenarios", list.status());
  const int action = static_cast<int>(rng() % 3);
  if (action == 0 || list->empty()) {
    auto created = s.CreateScenario(dataset_id, name, text);
    if (!created.ok() && created.status().code() != StatusCode::kConflict) {
      Die("creating a scenario", created.status());
    }
    return;
  }
  const std::int64_t id = (*list)[rng() % list->size()].id;
  if (action == 1) {
    auto updated = s.UpdateScenario(id, name, text);
    if (!updated.ok() && updated.status().code() != StatusCode::kConflict) {
      Die("updating a scenario", updated.status());
    }
  } else {
    Expect("deleting a scenario", s.DeleteScenario(id));
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: store_crash_child DB SEED\n");
    return 2;
  }
  auto opened = store::Store::Open(argv[1]);
  if (!opened.ok()) {
    std::fprintf(stderr, "store_crash_child: %s\n", opened.status().ToString().c_str());
    return 2;
  }
  store::Store& s = **opened;
  std::mt19937_64 rng(std::strtoull(argv[2], nullptr, 10));

  store::DatasetRecord meta;
  meta.name = "crash";
  meta.content_hash = "crash-dataset";
  meta.reference_year = 2024;
  auto dataset = s.ImportDataset(meta, {{"nodes.csv", "id\nA\n"}});
  if (!dataset.ok()) Die("importing the dataset", dataset.status());
  WriteLine("ready");

  for (;;) {
    if (rng() % 4 == 0) TouchScenarios(s, dataset->id, rng);

    store::RunRecord run;
    run.kind = "solve";
    run.dataset_id = dataset->id;
    run.dataset_hash = meta.content_hash;
    run.options_json = "{}";
    run.seed = rng();
    auto created = s.CreateRun(run);
    if (!created.ok()) Die("creating a run", created.status());
    const std::int64_t id = created->id;
    Expect("marking a run running", s.MarkRunning(id));
    for (int step = 1; step <= 3; ++step) {
      Expect("recording progress",
             s.UpdateProgress(id, step / 4.0, "stage " + std::to_string(step) + "/3"));
    }

    const int outcome = static_cast<int>(rng() % 10);
    if (outcome == 0 || outcome == 1) {
      const auto status = outcome == 0 ? store::RunStatus::kFailed : store::RunStatus::kCancelled;
      Expect("ending a run",
             s.EndRun(id, status, R"({"code":"solver_failure","message":"test"})", 0.5));
      WriteLine("ended " + std::to_string(id));
      continue;
    }
    store::RunResults results;
    results.artifacts = store::crash::ArtifactsFor(id);
    results.summary_json = store::crash::SummaryFor(results.artifacts);
    WriteLine("finishing " + std::to_string(id));
    Expect("finishing a run", s.FinishRun(id, results, 1.0));
    WriteLine("finished " + std::to_string(id));
  }
}
