// Any bytes through the CSV splitter and the typed field readers: located diagnostics,
// never a crash, a hang or an unbounded allocation.
#include <cstdint>
#include <string_view>

#include "io/csv.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace corridor;
  Diagnostics diags;
  const io::CsvTable table =
      io::ParseCsv(std::string_view(reinterpret_cast<const char*>(data), size), "fuzz.csv", diags);
  for (const io::CsvRecord& record : table.records) {
    io::CsvRow row(table, record, diags);
    for (const std::string& column : table.header) {
      (void)row.RequiredText(column);
      (void)row.RequiredDouble(column, io::Bounds::NonNegative());
      (void)row.MaybeDouble(column, io::Bounds::Fraction());
      (void)row.OptionalBool(column, false);
    }
  }
  for (const Diagnostic& d : diags.items()) (void)d.ToString();
  return 0;
}
