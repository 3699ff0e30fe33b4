// Runs a libFuzzer target without libFuzzer (GCC builds and the test suite): every file
// of the seed corpus, then deterministic mutations of each (bit flips, byte insertions
// and deletions, truncations, splices). With clang, build the `fuzz` preset instead and
// the same target runs under real coverage-guided fuzzing.
//
// Usage: <target>_fuzz CORPUS_DIR [mutations per seed, default 2000]
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

std::uint64_t Next(std::uint64_t& s) {
  s += 0x9e3779b97f4a7c15ULL;
  std::uint64_t z = s;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

// The input being run, written to ./fuzz-crash-input when the target aborts (an
// assertion or a sanitizer report), so the crash can be replayed and kept as a seed.
const std::string* g_current = nullptr;

void SaveCurrentInput(int) {
  if (g_current != nullptr) {
    if (std::FILE* f = std::fopen("fuzz-crash-input", "wb")) {
      std::fwrite(g_current->data(), 1, g_current->size(), f);
      std::fclose(f);
      std::fprintf(stderr, "fuzz: the failing input is in ./fuzz-crash-input\n");
    }
  }
  std::signal(SIGABRT, SIG_DFL);
  std::abort();
}

void Run(const std::string& bytes) {
  g_current = &bytes;
  LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
  g_current = nullptr;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s CORPUS_DIR [mutations per seed]\n", argv[0]);
    return 2;
  }
  std::signal(SIGABRT, SaveCurrentInput);
  const long mutations = argc > 2 ? std::strtol(argv[2], nullptr, 10) : 2000;
  std::vector<std::string> seeds;
  for (const auto& e : std::filesystem::directory_iterator(argv[1])) {
    std::ifstream in(e.path(), std::ios::binary);
    seeds.emplace_back(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  if (seeds.empty()) {
    std::fprintf(stderr, "no seeds in %s\n", argv[1]);
    return 2;
  }
  static const char kTokens[] = ",\"\n\r\t;:~<>-.eE0123456789 #\xef\xbb\xbf\xd0\x96\xe4\xb8\xad";
  std::uint64_t state = 42;
  long runs = 0;
  Run("");
  for (const std::string& seed : seeds) {
    Run(seed);
    for (long m = 0; m < mutations; ++m) {
      std::string s = seed;
      const int edits = 1 + static_cast<int>(Next(state) % 8);
      for (int e = 0; e < edits; ++e) {
        const std::size_t pos = s.empty() ? 0 : Next(state) % s.size();
        switch (Next(state) % 6) {
          case 0: if (!s.empty()) s[pos] = static_cast<char>(s[pos] ^ (1 << (Next(state) % 8))); break;
          case 1: s.insert(pos, 1, kTokens[Next(state) % (sizeof kTokens - 1)]); break;
          case 2: if (!s.empty()) s.erase(pos, 1 + Next(state) % 16); break;
          case 3: s.resize(pos); break;
          case 4: s.insert(pos, seeds[Next(state) % seeds.size()].substr(0, 64)); break;
          case 5: if (!s.empty()) s.insert(pos, s.substr(pos, 1 + Next(state) % 32)); break;
        }
      }
      Run(s);
      ++runs;
    }
  }
  std::printf("%ld mutated inputs over %zu seeds: no crash\n", runs, seeds.size());
  return 0;
}
