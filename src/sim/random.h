// Seeded, reproducible random streams for the simulation.
//
// Every source of randomness (an element's arrivals of one stream, its service times)
// draws from its own generator, seeded from (run seed, replication, element id, stream
// kind) through FNV-1a and SplitMix64. Adding an element or a stream therefore never
// changes the draws of another, and a replication's draws do not depend on which
// thread runs it.
#pragma once

#include <cmath>
#include <cstdint>
#include <string_view>

namespace corridor::sim {

inline std::uint64_t SplitMix64(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

// The key of one stream: FNV-1a over the seed, the replication, the element id and
// the stream kind/index.
std::uint64_t StreamKey(std::uint64_t seed, int replication, std::string_view element,
                        std::string_view kind, int index);

// xoshiro256** (Blackman & Vigna): fast, 2^256 - 1 period, good statistical quality.
class Stream {
 public:
  explicit Stream(std::uint64_t key) {
    std::uint64_t sm = key;
    for (auto& w : s_) w = SplitMix64(sm);
  }
  std::uint64_t Next() {
    const std::uint64_t result = Rotl(s_[1] * 5, 7) * 9;
    const std::uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = Rotl(s_[3], 45);
    return result;
  }
  // Uniform in (0, 1]: never 0, so log() is finite.
  double Uniform01() { return (static_cast<double>(Next() >> 11) + 1.0) * 0x1.0p-53; }
  // Exponential with the given mean.
  double Exponential(double mean) { return -mean * std::log(Uniform01()); }
  // Erlang-k with the given mean (sum of k exponentials of mean / k).
  double Erlang(int k, double mean) {
    double prod = 1.0;
    for (int i = 0; i < k; ++i) prod *= Uniform01();
    return -mean / k * std::log(prod);
  }

 private:
  static std::uint64_t Rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  std::uint64_t s_[4];
};

}  // namespace corridor::sim
