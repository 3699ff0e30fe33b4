#include "io/toml_fields.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace corridor::io {

namespace {

bool IsBareKeyChar(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-';
}

// What toml++ 3.3 cannot be trusted to report: a table header whose key starts with a
// character that can start no key ("[=]", "[é]", a line break), on which it asserts in
// debug builds (and assumes it away under clang), and a non-ASCII character outside
// strings and comments (TOML allows none there), whose whitespace test reaches
// __builtin_unreachable for some code points. Both were found by fuzz/api_fuzz.
// Returns the line and the message of the first, or line 0. The contents of strings
// and comments are skipped, and brackets inside values are counted, so a nested array
// on its own line inside a multi-line array ("  [{a = 1}],") is not taken for a header.
struct TextProblem {
  int line = 0;
  const char* message = "";
};

TextProblem FindUnsafeToml(std::string_view text) {
  int line = 1;
  int depth = 0;  // open '[' / '{' of values
  bool line_start = true;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\n') {
      ++line;
      line_start = true;
      continue;
    }
    if (c == ' ' || c == '\t' || c == '\r') continue;
    if (line_start && depth == 0 && c == '[') {
      std::size_t j = i + 1;
      if (j < text.size() && text[j] == '[') ++j;
      while (j < text.size() && (text[j] == ' ' || text[j] == '\t')) ++j;
      if (j < text.size() && !IsBareKeyChar(text[j]) && text[j] != '"' && text[j] != '\'' &&
          text[j] != ']') {
        // Also a line break or a comment inside the header.
        return {line, "table header: expected a key (bare or quoted) after '['"};
      }
      // The keys of the header are scanned like the rest (strings, non-ASCII).
      i = j - 1;
      line_start = false;
      continue;
    }
    line_start = false;
    if (static_cast<unsigned char>(c) >= 0x80) {
      return {line, "non-ASCII character outside a string or comment"};
    }
    if (c == '#') {  // comment to the end of the line
      while (i + 1 < text.size() && text[i + 1] != '\n') ++i;
    } else if (c == '"' || c == '\'') {
      const bool multi = text.substr(i, 3) == std::string(3, c);
      const std::string close = multi ? std::string(3, c) : std::string(1, c);
      std::size_t j = i + close.size();
      while (j < text.size()) {
        if (c == '"' && text[j] == '\\') {
          j += 2;
          continue;
        }
        if (text.substr(j, close.size()) == close) break;
        if (!multi && text[j] == '\n') break;  // unterminated: toml++ reports it
        if (text[j] == '\n') ++line;
        ++j;
      }
      i = std::min(text.size(), j + close.size()) - 1;
      if (!multi && j < text.size() && text[j] == '\n') i = j - 1;
    } else if (c == '[' || c == '{') {
      ++depth;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return {};
}

}  // namespace

std::optional<toml::table> ParseToml(std::string_view text, const std::string& file,
                                     Diagnostics& diags) {
  // TOML allows no control character but tab, LF and CR (in strings and comments
  // alike); toml++ 3 asserts on one in a key instead of reporting it (found by
  // fuzz/api_fuzz), so they are refused here, located.
  const auto bad = std::find_if(text.begin(), text.end(), [](char ch) {
    const auto c = static_cast<unsigned char>(ch);
    return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f;
  });
  if (bad != text.end()) {
    const auto line = 1 + std::count(text.begin(), bad, '\n');
    char code[8];
    std::snprintf(code, sizeof code, "0x%02X", static_cast<unsigned char>(*bad));
    diags.Error(file, static_cast<int>(line), "",
                std::string("contains the control character ") + code + " (not a text file?)");
    return std::nullopt;
  }
  if (const TextProblem problem = FindUnsafeToml(text); problem.line > 0) {
    diags.Error(file, problem.line, "", problem.message);
    return std::nullopt;
  }
  try {
    return toml::parse(text, std::string_view(file));
  } catch (const toml::parse_error& e) {
    diags.Error(file, static_cast<int>(e.source().begin.line), "", std::string(e.description()));
  }
  return std::nullopt;
}

int LineOf(const toml::node& node) { return static_cast<int>(node.source().begin.line); }

std::string_view TomlTypeName(const toml::node& node) {
  switch (node.type()) {
    case toml::node_type::table: return "table";
    case toml::node_type::array: return "array";
    case toml::node_type::string: return "string";
    case toml::node_type::integer: return "integer";
    case toml::node_type::floating_point: return "floating-point";
    case toml::node_type::boolean: return "boolean";
    case toml::node_type::date: return "date";
    case toml::node_type::time: return "time";
    case toml::node_type::date_time: return "date-time";
    case toml::node_type::none: break;
  }
  return "nothing";
}

const toml::node* TomlFields::Get(std::string_view key) {
  if (std::find(read_.begin(), read_.end(), key) == read_.end()) read_.emplace_back(key);
  return table_.get(key);
}

void TomlFields::Error(std::string_view key, const std::string& message) {
  had_error_ = true;
  const toml::node* n = table_.get(key);
  const int line = n ? LineOf(*n) : line_;
  diags_.Error(file_, line, "", context_ + std::string(key) + " " + message);
}

void TomlFields::Missing(std::string_view key) {
  had_error_ = true;
  diags_.Error(file_, line_, "", context_ + "missing key '" + std::string(key) + "'");
}

const toml::node* TomlFields::Find(std::string_view key, bool required) {
  const toml::node* n = Get(key);
  if (!n && required) Missing(key);
  return n;
}

template <typename T>
std::optional<T> TomlFields::Typed(std::string_view key, bool required,
                                   std::string_view expected) {
  const toml::node* n = Find(key, required);
  if (!n) return std::nullopt;
  if (auto v = n->value_exact<T>()) return v;
  Error(key, "must be " + std::string(expected) + ", got " + std::string(TomlTypeName(*n)));
  return std::nullopt;
}

std::optional<std::string> TomlFields::String(std::string_view key, bool required) {
  return Typed<std::string>(key, required, "a string");
}

std::optional<std::int64_t> TomlFields::Integer(std::string_view key, bool required) {
  return Typed<std::int64_t>(key, required, "an integer");
}

std::optional<bool> TomlFields::Bool(std::string_view key, bool required) {
  return Typed<bool>(key, required, "true or false");
}

std::optional<double> TomlFields::Number(std::string_view key, bool required,
                                         const Bounds& bounds) {
  const toml::node* n = Find(key, required);
  if (!n) return std::nullopt;
  double v = 0.0;
  if (const auto* i = n->as_integer()) {
    v = static_cast<double>(i->get());
  } else if (const auto* f = n->as_floating_point()) {
    v = f->get();
  } else {
    Error(key, "must be a number, got " + std::string(TomlTypeName(*n)));
    return std::nullopt;
  }
  if (!std::isfinite(v)) {
    Error(key, "must be a finite number, got " + FormatNumber(v));
    return std::nullopt;
  }
  if (auto violation = BoundViolation(v, bounds)) {
    Error(key, std::move(*violation));
    return std::nullopt;
  }
  return v;
}

void TomlFields::ItemIsNotATable(int line, const std::string& item) {
  had_error_ = true;
  diags_.Error(file_, line, "", context_ + item + ": must be a table");
}

void TomlFields::WarnUnreadKeys() {
  for (const auto& [key, node] : table_) {
    if (std::find(read_.begin(), read_.end(), key.str()) != read_.end()) continue;
    diags_.Warning(file_, LineOf(node), "",
                   context_ + "unknown key '" + std::string(key.str()) + "' is ignored");
  }
}

}  // namespace corridor::io
