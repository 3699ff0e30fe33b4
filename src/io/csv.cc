#include "io/csv.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <system_error>

namespace corridor::io {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

std::string_view Trim(std::string_view s) {
  const auto first = s.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  const auto last = s.find_last_not_of(" \t");
  return s.substr(first, last - first + 1);
}

bool AllBlank(const std::vector<std::string>& fields) {
  return std::all_of(fields.begin(), fields.end(),
                     [](const std::string& f) { return Trim(f).empty(); });
}

// Splits CSV text into records; see ParseCsv.
class Splitter {
 public:
  Splitter(std::string_view text, const std::string& file, Diagnostics& diags)
      : text_(text), file_(file), diags_(diags) {
    if (text_.starts_with(kBom)) text_.remove_prefix(kBom.size());
  }

  // Reads the next record into *out; false at the end of the text.
  bool Next(CsvRecord* out) {
    while (pos_ < text_.size()) {
      if (SkipEmptyOrComment()) continue;
      CsvRecord record;
      record.line = line_;
      if (ReadRecord(&record.fields) && !AllBlank(record.fields)) {
        *out = std::move(record);
        return true;
      }
    }
    return false;
  }

 private:
  // Line end at pos_ ("\n" or "\r\n"): its length, or 0.
  std::size_t LineEndAt(std::size_t p) const {
    if (p < text_.size() && text_[p] == '\n') return 1;
    if (p + 1 < text_.size() && text_[p] == '\r' && text_[p + 1] == '\n') return 2;
    if (p + 1 == text_.size() && text_[p] == '\r') return 1;
    return 0;
  }

  bool SkipEmptyOrComment() {
    if (std::size_t n = LineEndAt(pos_)) {
      pos_ += n;
      ++line_;
      return true;
    }
    if (text_[pos_] != '#') return false;
    const std::size_t nl = text_.find('\n', pos_);
    pos_ = nl == std::string_view::npos ? text_.size() : nl + 1;
    ++line_;
    return true;
  }

  // Reads one record starting at pos_; false if it is malformed (already reported).
  bool ReadRecord(std::vector<std::string>* fields) {
    const int start_line = line_;
    bool good = true;
    std::string field;
    while (true) {
      if (pos_ < text_.size() && text_[pos_] == '"') {
        if (!ReadQuoted(&field, start_line)) return false;
        if (pos_ < text_.size() && text_[pos_] != ',' && LineEndAt(pos_) == 0) {
          if (good) {
            diags_.Error(file_, start_line, "",
                         "text after a closing quote (a quote inside a field must be doubled)");
          }
          good = false;
        }
      }
      while (pos_ < text_.size() && text_[pos_] != ',' && LineEndAt(pos_) == 0) {
        field += text_[pos_++];
      }
      fields->push_back(std::move(field));
      field.clear();
      if (pos_ >= text_.size()) return good;
      if (text_[pos_] == ',') {
        ++pos_;
        continue;
      }
      pos_ += LineEndAt(pos_);
      ++line_;
      return good;
    }
  }

  bool ReadQuoted(std::string* field, int start_line) {
    ++pos_;  // opening quote
    while (pos_ < text_.size()) {
      const char c = text_[pos_];
      if (c == '"') {
        if (pos_ + 1 < text_.size() && text_[pos_ + 1] == '"') {
          *field += '"';
          pos_ += 2;
          continue;
        }
        ++pos_;
        return true;
      }
      if (std::size_t n = LineEndAt(pos_)) {
        *field += '\n';
        pos_ += n;
        ++line_;
        continue;
      }
      *field += c;
      ++pos_;
    }
    diags_.Error(file_, start_line, "", "unterminated quoted field");
    return false;
  }

  std::string_view text_;
  const std::string& file_;
  Diagnostics& diags_;
  std::size_t pos_ = 0;
  int line_ = 1;
};

enum class NumberStatus { kOk, kNotNumber, kNotFinite };

NumberStatus ParseNumberImpl(std::string_view text, double* value) {
  text = Trim(text);
  if (text.starts_with('+')) text.remove_prefix(1);
  if (text.empty() || text.front() == '+') return NumberStatus::kNotNumber;
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, *value);
  if (ec == std::errc::result_out_of_range && ptr == end) return NumberStatus::kNotFinite;
  if (ec != std::errc() || ptr != end) return NumberStatus::kNotNumber;
  if (!std::isfinite(*value)) return NumberStatus::kNotFinite;
  return NumberStatus::kOk;
}

}  // namespace

int CsvTable::ColumnIndex(std::string_view name) const {
  for (std::size_t i = 0; i < header.size(); ++i) {
    if (header[i] == name) return static_cast<int>(i);
  }
  return -1;
}

CsvTable ParseCsv(std::string_view text, std::string file, Diagnostics& diags) {
  CsvTable table;
  table.file = std::move(file);
  Splitter splitter(text, table.file, diags);
  CsvRecord record;
  if (!splitter.Next(&record)) return table;
  table.header_line = record.line;
  for (const auto& name : record.fields) table.header.emplace_back(Trim(name));
  while (splitter.Next(&record)) {
    if (record.fields.size() != table.header.size()) {
      diags.Error(table.file, record.line, "",
                  "row has " + std::to_string(record.fields.size()) + " fields, header has " +
                      std::to_string(table.header.size()));
      continue;
    }
    table.records.push_back(std::move(record));
  }
  return table;
}

bool CheckColumns(const CsvTable& table, std::span<const CsvColumn> known, Diagnostics& diags) {
  for (std::size_t i = 0; i < table.header.size(); ++i) {
    const std::string& name = table.header[i];
    const bool is_known = std::any_of(known.begin(), known.end(),
                                      [&](const CsvColumn& c) { return c.name == name; });
    if (!is_known) diags.Warning(table.file, table.header_line, "", "unknown column '" + name + "' is ignored");
    if (table.ColumnIndex(name) != static_cast<int>(i)) {
      diags.Error(table.file, table.header_line, "", "column '" + name + "' appears twice");
    }
  }
  std::vector<std::string_view> missing;
  for (const CsvColumn& c : known) {
    if (c.required && table.ColumnIndex(c.name) < 0) missing.push_back(c.name);
  }
  if (missing.empty()) return true;
  std::string msg = missing.size() == 1 ? "missing required column " : "missing required columns ";
  for (std::size_t i = 0; i < missing.size(); ++i) {
    if (i > 0) msg += ", ";
    msg += '\'';
    msg += missing[i];
    msg += '\'';
  }
  diags.Error(table.file, table.header_line, "", std::move(msg));
  return false;
}

std::optional<double> ParseNumber(std::string_view text) {
  double v = 0.0;
  if (ParseNumberImpl(text, &v) != NumberStatus::kOk) return std::nullopt;
  return v;
}

std::optional<bool> ParseBool(std::string_view text) {
  std::string lower(Trim(text));
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (lower == "true" || lower == "yes" || lower == "1") return true;
  if (lower == "false" || lower == "no" || lower == "0") return false;
  return std::nullopt;
}

std::string FormatNumber(double value) {
  char buf[32];
  const auto res = std::to_chars(buf, buf + sizeof buf, value);
  return std::string(buf, res.ptr);
}

std::string_view CsvRow::Field(std::string_view column) const {
  const int i = table_->ColumnIndex(column);
  if (i < 0) return {};
  return Trim(record_->fields[static_cast<std::size_t>(i)]);
}

void CsvRow::Error(std::string_view column, std::string message) {
  had_error_ = true;
  diags_->Error(table_->file, record_->line, std::string(column), std::move(message));
}

std::optional<std::string> CsvRow::RequiredText(std::string_view column) {
  const std::string_view f = Field(column);
  if (f.empty()) {
    if (present(column)) Error(column, "is required");
    return std::nullopt;
  }
  return std::string(f);
}

std::optional<double> CsvRow::CheckedDouble(std::string_view column, std::string_view text,
                                            const Bounds& bounds) {
  double v = 0.0;
  switch (ParseNumberImpl(text, &v)) {
    case NumberStatus::kNotNumber:
      Error(column, "must be a number, got '" + std::string(text) + "'");
      return std::nullopt;
    case NumberStatus::kNotFinite:
      Error(column, "must be a finite number, got '" + std::string(text) + "'");
      return std::nullopt;
    case NumberStatus::kOk:
      break;
  }
  if (auto violation = BoundViolation(v, bounds, text)) {
    Error(column, std::move(*violation));
    return std::nullopt;
  }
  return v;
}

std::optional<double> CsvRow::RequiredDouble(std::string_view column, Bounds bounds) {
  const std::string_view f = Field(column);
  if (f.empty()) {
    if (present(column)) Error(column, "is required");
    return std::nullopt;
  }
  return CheckedDouble(column, f, bounds);
}

std::optional<double> CsvRow::OptionalDouble(std::string_view column, double fallback,
                                             Bounds bounds) {
  const std::string_view f = Field(column);
  if (f.empty()) return fallback;
  return CheckedDouble(column, f, bounds);
}

std::optional<std::optional<double>> CsvRow::MaybeDouble(std::string_view column, Bounds bounds) {
  const std::string_view f = Field(column);
  if (f.empty()) return std::optional<double>();
  auto v = CheckedDouble(column, f, bounds);
  if (!v) return std::nullopt;
  return std::optional<double>(*v);
}

std::optional<bool> CsvRow::OptionalBool(std::string_view column, bool fallback) {
  const std::string_view f = Field(column);
  if (f.empty()) return fallback;
  if (auto b = ParseBool(f)) return b;
  Error(column, "must be true/false/yes/no/1/0, got '" + std::string(f) + "'");
  return std::nullopt;
}

}  // namespace corridor::io
