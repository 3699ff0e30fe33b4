// Any bytes as a TNTP network, trips and flow file.
#include <cstdint>
#include <string_view>

#include "io/tntp_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)corridor::io::ParseTntpNetwork(text, "fuzz_net.tntp");
  (void)corridor::io::ParseTntpTrips(text, "fuzz_trips.tntp");
  (void)corridor::io::ParseTntpFlow(text, "fuzz_flow.tntp");
  return 0;
}
