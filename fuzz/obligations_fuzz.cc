// Any bytes as an obligations CSV, then netted with compression when they parse:
// located diagnostics or a checked result, never a crash, a hang, an overflow or a
// failed invariant.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "settle/netting.h"
#include "settle/obligations_csv.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace corridor;
  Diagnostics diags;
  auto set = settle::ParseObligationsCsv(std::string_view(reinterpret_cast<const char*>(data), size),
                                         "fuzz.csv", diags);
  for (const Diagnostic& d : diags.items()) (void)d.ToString();
  if (!set.ok()) return 0;
  for (settle::Cycle c : {settle::Cycle::kDay, settle::Cycle::kMonth}) {
    settle::SettleOptions options;
    options.cycle = c;
    auto r = settle::Net(*set, options);
    if (r.ok() && !r->check.passed) std::abort();  // an invariant failed
  }
  return 0;
}
