#include "engine/compare.h"

#include <algorithm>
#include <atomic>
#include <thread>

namespace corridor::engine {

Result<std::vector<SolveResult>> Compare(const CompareRequest& request, Diagnostics& diags) {
  const std::size_t n = request.inputs.size();
  if (n == 0) return InvalidInput("compare needs at least one scenario");
  std::vector<std::optional<Result<SolveResult>>> results(n);
  std::vector<Diagnostics> per_run(n);
  std::atomic<std::size_t> next{0};
  std::atomic<std::size_t> finished{0};
  const RunControl* control = request.control;
  auto worker = [&] {
    for (std::size_t i = next++; i < n; i = next++) {
      if (control && control->cancelled()) {
        results[i].emplace(Cancelled("cancelled before scenario " + std::to_string(i + 1)));
        continue;
      }
      SolveRequest req;
      req.input = request.inputs[i];
      req.options = request.options;
      req.option_record = request.option_record;
      if (control) {
        req.options.on_ranging = [control](int, int) { return !control->cancelled(); };
      }
      results[i].emplace(Solve(req, per_run[i]));
      const std::size_t done = ++finished;
      if (control) {
        control->Report(static_cast<double>(done) / static_cast<double>(n),
                        "solved " + std::to_string(done) + "/" + std::to_string(n) + " scenarios");
      }
    }
  };
  unsigned threads = request.threads > 0 ? static_cast<unsigned>(request.threads)
                                         : std::max(1u, std::thread::hardware_concurrency());
  threads = std::min<unsigned>(threads, static_cast<unsigned>(n));
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(worker);
  worker();
  for (auto& t : pool) t.join();

  Status first_error;
  std::vector<SolveResult> out;
  out.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    diags.Append(per_run[i]);
    if (!results[i]->ok()) {
      if (first_error.ok()) first_error = results[i]->status();
      continue;
    }
    out.push_back(std::move(*results[i]).value());
  }
  if (!first_error.ok()) return first_error;
  return out;
}

}  // namespace corridor::engine
