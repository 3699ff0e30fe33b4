#include "io/toml_fields.h"

#include <algorithm>
#include <cmath>

namespace corridor::io {

std::optional<toml::table> ParseToml(std::string_view text, const std::string& file,
                                     Diagnostics& diags) {
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
  if (!bounds.Contains(v)) {
    Error(key, bounds.Describe() + ", got " + FormatNumber(v));
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
