#include "io/observation_reader.h"

#include <array>
#include <filesystem>
#include <map>

#include "io/csv.h"
#include "io/text_file.h"

namespace corridor::io {
namespace {

bool KnownElementKind(std::string_view element) {
  for (std::string_view kind :
       {"crossing:", "link:", "transfer:", "port:", "resource:", "commodity:", "group:"}) {
    if (element.substr(0, kind.size()) == kind && element.size() > kind.size()) return true;
  }
  return false;
}

}  // namespace

Result<model::Observations> ReadObservations(const std::string& folder, Diagnostics& diags,
                                             const std::string& observed_file) {
  namespace fs = std::filesystem;
  model::Observations obs;
  const std::string path =
      observed_file.empty() ? (fs::path(folder) / "observed.csv").string() : observed_file;
  const std::string name = fs::path(path).filename().string();
  const auto text = ReadTextFile(path);
  if (!text) return NotFound(path + ": not found");

  const std::size_t errors_before = static_cast<std::size_t>(diags.error_count());
  {
    const CsvTable table = ParseCsv(*text, name, diags);
    static constexpr std::array<CsvColumn, 8> kColumns = {
        CsvColumn{"element", true}, CsvColumn{"metric", true},  CsvColumn{"period", true},
        CsvColumn{"value_t", true}, CsvColumn{"target_rel_tol", false},
        CsvColumn{"source", false}, CsvColumn{"confidence", false}, CsvColumn{"note", false}};
    if (CheckColumns(table, kColumns, diags)) {
      for (const CsvRecord& record : table.records) {
        CsvRow row(table, record, diags);
        model::Observation o;
        o.origin = {name, record.line};
        auto element = row.RequiredText("element");
        auto metric = row.RequiredText("metric");
        auto period = row.RequiredText("period");
        auto value = row.RequiredDouble("value_t", bounds::kTonnes);
        auto tol = row.MaybeDouble("target_rel_tol",
                                   Bounds::Ceiling(1e6, bounds::kMinNonzero, true));
        if (element && !KnownElementKind(*element)) {
          row.Error("element", "must start with crossing:, link:, transfer:, port:, resource:, "
                               "commodity: or group:, got '" + *element + "'");
        }
        if (row.had_error() || !element || !metric || !period || !value || !tol) continue;
        o.element = *element;
        o.metric = *metric;
        o.period = *period;
        o.value_t = *value;
        o.target_rel_tol = *tol;
        o.provenance = {row.OptionalText("source"), row.OptionalText("confidence")};
        obs.rows.push_back(std::move(o));
      }
    }
  }
  if (const auto groups_text = ReadTextFile((fs::path(folder) / "calibration_groups.csv").string())) {
    const CsvTable table = ParseCsv(*groups_text, "calibration_groups.csv", diags);
    static constexpr std::array<CsvColumn, 3> kColumns = {
        CsvColumn{"group", true}, CsvColumn{"member", true}, CsvColumn{"note", false}};
    if (CheckColumns(table, kColumns, diags)) {
      std::map<std::string, std::size_t> index;
      for (const CsvRecord& record : table.records) {
        CsvRow row(table, record, diags);
        auto group = row.RequiredText("group");
        auto member = row.RequiredText("member");
        if (member && (!KnownElementKind(*member) || member->rfind("group:", 0) == 0)) {
          row.Error("member", "must be a crossing:, link:, transfer:, port:, resource: or "
                              "commodity: element, got '" + *member + "'");
          continue;
        }
        if (!group || !member) continue;
        auto [it, inserted] = index.emplace(*group, obs.groups.size());
        if (inserted) obs.groups.push_back({*group, {}});
        obs.groups[it->second].members.push_back(*member);
      }
    }
  }
  // Every group an observation names must be defined.
  for (const model::Observation& o : obs.rows) {
    if (o.element.rfind("group:", 0) != 0) continue;
    const std::string name = o.element.substr(6);
    bool found = false;
    for (const auto& g : obs.groups) found = found || g.name == name;
    if (!found) {
      diags.Error(name, o.origin.line, "element",
                  "names group '" + name + "' that calibration_groups.csv does not define");
    }
  }
  if (static_cast<std::size_t>(diags.error_count()) > errors_before) {
    return diags.ToStatus("observations in " + folder);
  }
  return obs;
}

}  // namespace corridor::io
