// What the two store implementations share (sqlite_*.cc, pg_*.cc): the column lists,
// the readers of a row into a record, and the checks of arguments made before any
// SQL. A reader takes any row type with Int(col), Double(col) and Text(col), columns
// in the order of the lists. Internal to store/.
#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/hash.h"
#include "store/store.h"

namespace corridor::store::rows {

inline constexpr std::string_view kDatasetColumns =
    "id, name, content_hash, reference_year, source_folder, imported_at";
inline constexpr std::string_view kScenarioColumns =
    "id, dataset_id, name, text, content_hash, created_at, updated_at, owner_id";
inline constexpr std::string_view kRunColumns =
    "id, kind, dataset_id, dataset_hash, scenario_ids, scenario_hashes, options_json, "
    "program_version, seed, status, progress, stage, created_at, started_at, finished_at, "
    "wall_seconds, error_json, summary_json, owner_id";
inline constexpr std::string_view kUserColumns =
    "id, name, role, created_at, failed_logins, locked_until";
inline constexpr std::string_view kTokenColumns =
    "id, user_id, name, kind, created_at, expires_at, revoked_at";
inline constexpr std::string_view kAuditColumns =
    "id, at, user_id, user_name, action, target, detail_json";

inline constexpr std::string_view kInterruptedError =
    R"({"code":"interrupted","message":"interrupted: the run was queued or running when )"
    R"(the process that owned it stopped"})";

inline std::string HashText(const std::string& text) {
  Fnv1a64 h;
  h.Update(text);
  return h.Hex();
}

// "run 12 not found": every NotFound names what and which id.
inline Status Missing(std::string_view noun, std::int64_t id) {
  return NotFound(std::string(noun) + " " + std::to_string(id) + " not found");
}

// "" or a JSON object: the shapes error_json and summary_json may take.
inline bool IsEmptyOrJsonObject(const std::string& text) {
  if (text.empty()) return true;
  return nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false).is_object();
}

template <typename Row>
DatasetRecord ReadDataset(const Row& s) {
  return {s.Int(0), s.Text(1), s.Text(2), static_cast<int>(s.Int(3)), s.Text(4), s.Text(5)};
}

template <typename Row>
ScenarioRecord ReadScenario(const Row& s) {
  return {s.Int(0), s.Int(1), s.Text(2), s.Text(3), s.Text(4), s.Text(5), s.Text(6), s.Int(7)};
}

template <typename Row>
Result<RunRecord> ReadRun(const Row& s) {
  RunRecord r;
  r.id = s.Int(0);
  r.kind = s.Text(1);
  r.dataset_id = s.Int(2);
  r.dataset_hash = s.Text(3);
  const auto ids = nlohmann::json::parse(s.Text(4), nullptr, /*allow_exceptions=*/false);
  if (!ids.is_array()) {
    return Internal("store: run " + std::to_string(r.id) + ": scenario_ids is not a JSON array");
  }
  for (const auto& v : ids) {
    if (!v.is_number_integer()) {
      return Internal("store: run " + std::to_string(r.id) + ": scenario_ids holds a non-integer");
    }
    r.scenario_ids.push_back(v.template get<std::int64_t>());
  }
  r.scenario_hashes = s.Text(5);
  r.options_json = s.Text(6);
  r.program_version = s.Text(7);
  r.seed = static_cast<std::uint64_t>(s.Int(8));
  const auto status = ParseRunStatus(s.Text(9));
  if (!status) {
    return Internal("store: run " + std::to_string(r.id) + " has unknown status '" + s.Text(9) +
                    "'");
  }
  r.status = *status;
  r.progress = s.Double(10);
  r.stage = s.Text(11);
  r.created_at = s.Text(12);
  r.started_at = s.Text(13);
  r.finished_at = s.Text(14);
  r.wall_seconds = s.Double(15);
  r.error_json = s.Text(16);
  r.summary_json = s.Text(17);
  r.owner_id = s.Int(18);
  return r;
}

template <typename Row>
Result<UserRecord> ReadUser(const Row& s) {
  UserRecord u;
  u.id = s.Int(0);
  u.name = s.Text(1);
  const auto role = ParseRole(s.Text(2));
  if (!role) return Internal("store: user " + std::to_string(u.id) + " has unknown role");
  u.role = *role;
  u.created_at = s.Text(3);
  u.failed_logins = static_cast<int>(s.Int(4));
  u.locked_until = s.Text(5);
  return u;
}

template <typename Row>
TokenRecord ReadToken(const Row& s) {
  return {s.Int(0), s.Int(1), s.Text(2), s.Text(3), s.Text(4), s.Text(5), s.Text(6)};
}

template <typename Row>
AuditRecord ReadAudit(const Row& s) {
  return {s.Int(0), s.Text(1), s.Int(2), s.Text(3), s.Text(4), s.Text(5), s.Text(6)};
}

// ImportDataset's arguments: a content hash, each file name once.
inline Status CheckImport(const DatasetRecord& meta, const std::vector<DatasetFile>& files) {
  if (meta.content_hash.empty()) {
    return InvalidInput("dataset '" + meta.name + "' has no content hash");
  }
  std::set<std::string> names;
  for (const auto& f : files) {
    if (!names.insert(f.name).second) {
      return InvalidInput("dataset '" + meta.name + "' lists file '" + f.name + "' twice");
    }
  }
  return Status::Ok();
}

// FinishRun's artifacts: each named, each name once.
inline Status CheckArtifacts(std::int64_t id, const RunResults& results) {
  std::set<std::string> names;
  for (const auto& a : results.artifacts) {
    if (a.name.empty()) {
      return InvalidInput("run " + std::to_string(id) + ": an artifact has no name");
    }
    if (!names.insert(a.name).second) {
      return InvalidInput("run " + std::to_string(id) + ": artifact '" + a.name + "' given twice");
    }
  }
  return Status::Ok();
}

// EndRun's arguments: failed or cancelled, with "" or a JSON object as the error.
inline Status CheckEndRun(std::int64_t id, RunStatus status, const std::string& error_json) {
  if (status != RunStatus::kFailed && status != RunStatus::kCancelled) {
    return InvalidInput("run " + std::to_string(id) +
                        " can only be ended as failed or cancelled, not " + RunStatusName(status));
  }
  if (!IsEmptyOrJsonObject(error_json)) {
    return InvalidInput("run " + std::to_string(id) + ": the error is not a JSON object");
  }
  return Status::Ok();
}

}  // namespace corridor::store::rows
