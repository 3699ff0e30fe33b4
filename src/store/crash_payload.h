// What store_crash_child writes and store_crash_test verifies: a run's artifacts are a
// pure function of its id, and its summary records their count and checksums, so the
// test can tell a complete result from a torn or foreign one after a SIGKILL.
#pragma once

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/hash.h"
#include "store/store.h"

namespace corridor::store::crash {

inline std::string Checksum(const std::string& content) {
  Fnv1a64 h;
  h.Update(content);
  return h.Hex();
}

// 3 to 6 artifacts; the first is 100 KB to 400 KB so FinishRun spans many pages and
// a kill can land inside it, the others are small or empty.
inline std::vector<Artifact> ArtifactsFor(std::int64_t run_id) {
  std::mt19937_64 rng(static_cast<std::uint64_t>(run_id) * 0x9e3779b97f4a7c15ULL + 1);
  const int count = 3 + static_cast<int>(rng() % 4);
  std::vector<Artifact> out;
  for (int i = 0; i < count; ++i) {
    const std::size_t size = i == 0 ? 100'000 + rng() % 300'000 : rng() % 20'000;
    std::string content(size, '\0');
    for (auto& c : content) c = static_cast<char>(rng());
    out.push_back({"artifact" + std::to_string(i) + ".bin", "application/octet-stream",
                   std::move(content)});
  }
  return out;
}

inline std::string SummaryFor(const std::vector<Artifact>& artifacts) {
  nlohmann::json checksums = nlohmann::json::object();
  for (const auto& a : artifacts) checksums[a.name] = Checksum(a.content);
  return nlohmann::json{{"artifacts", artifacts.size()}, {"checksums", checksums}}.dump();
}

}  // namespace corridor::store::crash
