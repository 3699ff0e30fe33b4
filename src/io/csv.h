// CSV tables as docs/file_formats.md defines them: RFC 4180 quoting, UTF-8 with or
// without a byte-order mark, LF or CRLF, empty lines and '#' comment lines skipped.
//
// Parsing is in two steps. ParseCsv splits text into records that remember the
// physical line they start on. A CsvRow then reads typed fields by column name and
// reports every bad value as a located Diagnostic ("links.csv:14: capacity_t_per_year
// must be >= 0, got -5"), so a reader can check a whole file and report all problems.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/bounds.h"
#include "core/status.h"

namespace corridor::io {

struct CsvRecord {
  int line = 0;  // 1-based physical line on which the record starts
  std::vector<std::string> fields;
};

struct CsvTable {
  std::string file;     // name used in messages, e.g. "links.csv"
  int header_line = 0;  // 0 when the text has no header row
  std::vector<std::string> header;
  std::vector<CsvRecord> records;  // data rows, header excluded

  // Index of the column named `name`, or -1.
  int ColumnIndex(std::string_view name) const;
};

// Splits `text` into a header and records. Syntax errors (an unterminated quote, text
// after a closing quote, a row with the wrong number of fields) go to `diags`; such
// rows are dropped. Never fails otherwise.
CsvTable ParseCsv(std::string_view text, std::string file, Diagnostics& diags);

struct CsvColumn {
  std::string_view name;
  bool required = false;
};

// Checks the header against the columns a table knows: a warning per unknown column,
// one error naming every missing required column. Returns false if one is missing.
bool CheckColumns(const CsvTable& table, std::span<const CsvColumn> known, Diagnostics& diags);

// Numeric bounds of a field: core/bounds.h, with the named ranges of every input.
using corridor::Bounds;

// Parses a whole trimmed field as a finite decimal number (std::from_chars; a leading
// '+' is allowed). Returns nullopt on NaN, infinities, overflow, empty text or garbage.
std::optional<double> ParseNumber(std::string_view text);
// true/false, yes/no, 1/0.
std::optional<bool> ParseBool(std::string_view text);
// Shortest round-trip text of a number ("-5", "0.25", "1e+06").
std::string FormatNumber(double value);

// Typed, located access to one record. Every getter reports its own problems to the
// Diagnostics and returns nullopt (or the fallback) for a bad value; had_error() says
// whether any field of the row was bad. A column missing from the header reads as an
// empty field without further messages (CheckColumns already reported it).
class CsvRow {
 public:
  CsvRow(const CsvTable& table, const CsvRecord& record, Diagnostics& diags)
      : table_(&table), record_(&record), diags_(&diags) {}

  int line() const { return record_->line; }
  const std::string& file() const { return table_->file; }
  bool had_error() const { return had_error_; }

  // The field with surrounding blanks removed; empty if the column is absent.
  std::string_view Field(std::string_view column) const;

  std::optional<std::string> RequiredText(std::string_view column);
  std::string OptionalText(std::string_view column) const { return std::string(Field(column)); }
  std::optional<double> RequiredDouble(std::string_view column, Bounds bounds);
  // An empty field gives `fallback`; a bad one gives nullopt.
  std::optional<double> OptionalDouble(std::string_view column, double fallback, Bounds bounds);
  // Empty means "absent" (e.g. unlimited capacity): the outer optional is the parse
  // result, the inner one the value.
  std::optional<std::optional<double>> MaybeDouble(std::string_view column, Bounds bounds);
  std::optional<bool> OptionalBool(std::string_view column, bool fallback);

  // Reports an error on this row ("<file>:<line>: <column> <message>").
  void Error(std::string_view column, std::string message);

 private:
  bool present(std::string_view column) const { return table_->ColumnIndex(column) >= 0; }
  std::optional<double> CheckedDouble(std::string_view column, std::string_view text,
                                      const Bounds& bounds);

  const CsvTable* table_;
  const CsvRecord* record_;
  Diagnostics* diags_;
  bool had_error_ = false;
};

}  // namespace corridor::io
