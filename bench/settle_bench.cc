// Settlement netting at scale (bench/README.md, "Settlement netting"): N random
// obligations among P parties over a year in 4 currencies, netted per cycle:
// bilateral + multilateral alone, then with conservative compression, in one run, with
// the time of each, their ratio and the peak memory. Deterministic (std::mt19937_64).
//
//   settle_bench [--obligations N] [--parties P] [--cycle day|week|month] [--seed S]
//                [--no-compress]
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>

#include "process_stats.h"
#include "settle/netting.h"

using namespace corridor;
using namespace corridor::settle;

namespace {

ObligationSet Generate(long n, int parties, std::uint64_t seed) {
  ObligationSet set;
  set.source = "settle_bench";
  for (int p = 0; p < parties; ++p) {
    set.Party("p" + std::to_string(p), "b" + std::to_string(p % 100), p % 2 ? "RU" : "CN");
  }
  std::mt19937_64 rng(seed);
  auto uniform = [&] { return static_cast<double>(rng() >> 11) * 0x1.0p-53; };
  // Party activity skewed like firm sizes: index = P * u^2 (a few parties are busy).
  auto party = [&] { return static_cast<int>(parties * uniform() * uniform()); };
  const Day first = DayFromCivil(2022, 1, 1);
  set.obligations.reserve(static_cast<std::size_t>(n));
  for (long i = 0; i < n; ++i) {
    const int a = party();
    int b = party();
    if (b == a) b = (a + 1) % parties;
    const Minor amount = 100 + static_cast<Minor>(std::pow(10.0, 2.0 + 6.0 * uniform()));
    set.Add({a, b, static_cast<Currency>(rng() % 4), first + static_cast<Day>(rng() % 365), amount, 0});
  }
  return set;
}

double Seconds(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

}  // namespace

int main(int argc, char** argv) {
  long n = 1'000'000;
  int parties = 10'000;
  std::uint64_t seed = 1;
  Cycle cycle = Cycle::kMonth;
  bool compress = true;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    const char* next = i + 1 < argc ? argv[i + 1] : nullptr;
    if (a == "--obligations" && next) n = std::atol(argv[++i]);
    else if (a == "--parties" && next) parties = std::atoi(argv[++i]);
    else if (a == "--seed" && next) seed = std::strtoull(argv[++i], nullptr, 10);
    else if (a == "--cycle" && next && ParseCycle(next)) cycle = *ParseCycle(argv[++i]);
    else if (a == "--no-compress") compress = false;
    else {
      std::fprintf(stderr, "usage: settle_bench [--obligations N] [--parties P] [--cycle C] "
                           "[--seed S] [--no-compress]\n");
      return 1;
    }
  }
  if (n < 1 || parties < 2) return 1;
  auto t0 = std::chrono::steady_clock::now();
  const ObligationSet set = Generate(n, parties, seed);
  std::printf("generated %ld obligations among %d parties in %.2f s; peak RSS %.0f MiB\n", n,
              parties, Seconds(t0), bench::PeakRssMiB());
  t0 = std::chrono::steady_clock::now();
  auto plain = Net(set, {.cycle = cycle, .compress = false, .keep_details = true, .progress = {}});
  const double t_plain = Seconds(t0);
  if (!plain.ok() || !plain->check.passed) {
    std::fprintf(stderr, "netting failed\n");
    return 2;
  }
  const Volumes& v = plain->per_currency[0];
  std::printf("bilateral + multilateral (%s cycles, %zu groups): %.2f s; peak RSS %.0f MiB; "
              "USD gross %s bilateral %s multilateral %s\n",
              std::string(CycleName(cycle)).c_str(), plain->groups.size(), t_plain,
              bench::PeakRssMiB(), FormatMinor(v.gross).c_str(), FormatMinor(v.bilateral).c_str(),
              FormatMinor(v.multilateral).c_str());
  if (!compress) return 0;
  t0 = std::chrono::steady_clock::now();
  auto full = Net(set, {.cycle = cycle, .compress = true, .keep_details = true, .progress = {}});
  const double t_full = Seconds(t0);
  if (!full.ok() || !full->check.passed) {
    std::fprintf(stderr, "netting with compression failed\n");
    return 2;
  }
  std::printf("with conservative compression: %.2f s (%.1f x bilateral + multilateral); peak RSS "
              "%.0f MiB; USD compressed %s; %lld of %zu groups proven optimal\n",
              t_full, t_full / t_plain, bench::PeakRssMiB(),
              FormatMinor(full->per_currency[0].compressed).c_str(),
              static_cast<long long>(full->groups.size()) - full->compression_uncertified,
              full->groups.size());
  return full->compression_uncertified == 0 ? 0 : 3;
}
