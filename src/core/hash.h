// FNV-1a 64-bit: a fast, stable fingerprint of input bytes, recorded with every run
// so a result can be traced to the exact dataset files. Not a cryptographic hash.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace corridor {

class Fnv1a64 {
 public:
  void Update(std::string_view bytes);
  std::uint64_t value() const { return state_; }
  std::string Hex() const;  // 16 lowercase hex digits

 private:
  std::uint64_t state_ = 0xcbf29ce484222325ULL;
};

}  // namespace corridor
