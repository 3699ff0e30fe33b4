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

std::optional<std::string> TomlFields::String(std::string_view key, bool required) {
  const toml::node* n = Get(key);
  if (!n) {
    if (required) Missing(key);
    return std::nullopt;
  }
  if (const auto* s = n->as_string()) return s->get();
  Error(key, "must be a string, got " + std::string(TomlTypeName(*n)));
  return std::nullopt;
}

std::optional<double> TomlFields::Number(std::string_view key, bool required,
                                         const Bounds& bounds) {
  const toml::node* n = Get(key);
  if (!n) {
    if (required) Missing(key);
    return std::nullopt;
  }
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

std::optional<std::int64_t> TomlFields::Integer(std::string_view key, bool required) {
  const toml::node* n = Get(key);
  if (!n) {
    if (required) Missing(key);
    return std::nullopt;
  }
  if (const auto* i = n->as_integer()) return i->get();
  Error(key, "must be an integer, got " + std::string(TomlTypeName(*n)));
  return std::nullopt;
}

std::optional<bool> TomlFields::Bool(std::string_view key, bool required) {
  const toml::node* n = Get(key);
  if (!n) {
    if (required) Missing(key);
    return std::nullopt;
  }
  if (const auto* b = n->as_boolean()) return b->get();
  Error(key, "must be true or false, got " + std::string(TomlTypeName(*n)));
  return std::nullopt;
}

void TomlFields::WarnUnreadKeys() {
  for (const auto& [key, node] : table_) {
    if (std::find(read_.begin(), read_.end(), key.str()) != read_.end()) continue;
    diags_.Warning(file_, LineOf(node), "",
                   context_ + "unknown key '" + std::string(key.str()) + "' is ignored");
  }
}

}  // namespace corridor::io
