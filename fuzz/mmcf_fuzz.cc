// Any bytes as a grid/planar multicommodity instance.
#include <cstdint>
#include <string_view>

#include "io/mmcf_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)corridor::io::ParseGridPlanarInstance(text, "fuzz.txt");
  return 0;
}
