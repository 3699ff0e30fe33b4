// Located, typed reading of TOML tables (internal to io: only .cc files include it,
// so toml++ stays out of the public headers).
//
// Every problem becomes a Diagnostic "<file>:<line>: <context><key> <problem>", with
// the line of the offending value from toml++'s source regions, e.g.
// "bridges.toml:14: change 2 (scale_capacity): factor must be >= 0, got -1".
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <toml++/toml.h>

#include "core/status.h"
#include "io/csv.h"

namespace corridor::io {

// Parses TOML text. A syntax error is reported as "<file>:<line>: <description>"
// and gives nullopt.
std::optional<toml::table> ParseToml(std::string_view text, const std::string& file,
                                     Diagnostics& diags);

// 1-based line where the node starts, 0 if unknown.
int LineOf(const toml::node& node);

// "string", "integer", "floating-point", ...
std::string_view TomlTypeName(const toml::node& node);

class TomlFields {
 public:
  // `line` is used for keys that are missing (the table's header line, or 0);
  // `context` prefixes every message (e.g. "change 3 (set_capacity): ").
  TomlFields(const toml::table& table, std::string file, int line, std::string context,
             Diagnostics& diags)
      : table_(table), file_(std::move(file)), line_(line), context_(std::move(context)),
        diags_(diags) {}

  bool had_error() const { return had_error_; }
  // The value of `key` or nullptr; marks the key as read.
  const toml::node* Get(std::string_view key);

  // Each getter gives nullopt when the key is absent (reporting it if `required`)
  // or when its value is bad (always reported).
  std::optional<std::string> String(std::string_view key, bool required);
  std::optional<double> Number(std::string_view key, bool required, const Bounds& bounds);
  std::optional<std::int64_t> Integer(std::string_view key, bool required);
  std::optional<bool> Bool(std::string_view key, bool required);

  // Reports "<key> <message>" at the value of `key` (or the table line if absent).
  void Error(std::string_view key, const std::string& message);
  void Missing(std::string_view key);
  // A warning per key of the table no getter has asked for (call it last).
  void WarnUnreadKeys();

  // Calls fn(table, index, item, line) for each table of the array of tables at `key`,
  // where index is 1-based and `item` is "<item_name> <index>" for messages; reports
  // anything else.
  template <typename Fn>
  void ForEachTable(std::string_view key, std::string_view item_name, Fn fn) {
    const toml::node* n = Get(key);
    if (!n) return;
    const toml::array* list = n->as_array();
    if (!list) {
      Error(key, "must be an array of tables ([[" + std::string(key) + "]]), got " +
                     std::string(TomlTypeName(*n)));
      return;
    }
    for (std::size_t i = 0; i < list->size(); ++i) {
      const toml::node& node = *list->get(i);
      const std::string item = std::string(item_name) + " " + std::to_string(i + 1);
      if (const toml::table* t = node.as_table()) {
        fn(*t, static_cast<int>(i) + 1, item, LineOf(node));
      } else {
        ItemIsNotATable(LineOf(node), item);
      }
    }
  }

 private:
  const toml::node* Find(std::string_view key, bool required);  // reports a missing key
  template <typename T>
  std::optional<T> Typed(std::string_view key, bool required, std::string_view expected);
  void ItemIsNotATable(int line, const std::string& item);

  const toml::table& table_;
  std::string file_;
  int line_;
  std::string context_;
  Diagnostics& diags_;
  bool had_error_ = false;
  std::vector<std::string> read_;
};

}  // namespace corridor::io
