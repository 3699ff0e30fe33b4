#include "api/handlers.h"

#include <algorithm>

#include "api/errors.h"

namespace corridor::api {

using nlohmann::json;
using http::Request;
using http::Response;

Response Json(int status, const json& body) {
  Response r;
  r.status = status;
  r.body = body.dump();
  return r;
}

Response NoContent() {
  Response r;
  r.status = 204;
  r.content_type = "";
  return r;
}

// "" or a JSON text -> the JSON value, null when empty or unreadable.
json ParseOrNull(const std::string& text) {
  if (text.empty()) return nullptr;
  json j = json::parse(text, nullptr, false);
  return j.is_discarded() ? json(nullptr) : j;
}

// Parses a request body that must be a JSON object; on failure `error` is the answer.
std::optional<json> JsonBody(const Request& req, Response* error) {
  const std::string type = req.Header("Content-Type");
  if (type.rfind("application/json", 0) != 0) {
    *error = http::ErrorResponse(415, "unsupported_media_type",
                                 "the body must be application/json, got '" + type + "'");
    return std::nullopt;
  }
  try {
    json body = json::parse(req.body);
    if (!body.is_object()) {
      *error = BadRequest("the body must be a JSON object, got " + std::string(body.type_name()));
      return std::nullopt;
    }
    return body;
  } catch (const json::parse_error& e) {
    // e.byte is the 1-based offset of the problem; give line and column too.
    const std::size_t at = std::min<std::size_t>(e.byte > 0 ? e.byte - 1 : 0, req.body.size());
    const auto line = 1 + std::count(req.body.begin(), req.body.begin() + static_cast<long>(at), '\n');
    const auto last_nl = req.body.rfind('\n', at == 0 ? 0 : at - 1);
    const auto column = at - (last_nl == std::string::npos ? 0 : last_nl + 1) + 1;
    *error = http::ErrorResponse(400, "invalid_json",
                                 "body is not valid JSON at line " + std::to_string(line) +
                                     ", column " + std::to_string(column) + ": " + e.what());
    return std::nullopt;
  }
}

// A non-negative decimal id (at most 18 digits, so it fits), or nullopt.
std::optional<std::int64_t> ParseId(const std::string& text) {
  if (text.empty() || text.size() > 18) return std::nullopt;
  std::int64_t v = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + (c - '0');
  }
  return v;
}

std::optional<std::int64_t> PathId(const Request& req) {
  const auto it = req.params.find("id");
  return it == req.params.end() ? std::nullopt : ParseId(it->second);
}

Response BadId(const Request& req) {
  const auto it = req.params.find("id");
  return BadRequest("id must be a non-negative integer, got '" +
                    (it == req.params.end() ? std::string() : it->second) + "'");
}

json DatasetJson(const store::DatasetRecord& d) {
  return {{"id", d.id},
          {"name", d.name},
          {"content_hash", d.content_hash},
          {"reference_year", d.reference_year},
          {"source_folder", d.source_folder},
          {"imported_at", d.imported_at}};
}

json ScenarioJson(const store::ScenarioRecord& s, bool with_text) {
  json j = {{"id", s.id},           {"dataset_id", s.dataset_id}, {"name", s.name},
            {"content_hash", s.content_hash}, {"created_at", s.created_at},
            {"updated_at", s.updated_at}, {"owner_id", s.owner_id}};
  if (with_text) j["text"] = s.text;
  return j;
}

json RunJson(const store::RunRecord& r, const std::vector<std::string>& artifacts) {
  return {{"id", r.id},
          {"kind", r.kind},
          {"owner_id", r.owner_id},
          {"status", store::RunStatusName(r.status)},
          {"progress", r.progress},
          {"stage", r.stage},
          {"dataset_id", r.dataset_id},
          {"dataset_hash", r.dataset_hash},
          {"scenario_ids", r.scenario_ids},
          {"scenario_hashes", r.scenario_hashes},
          {"options", ParseOrNull(r.options_json)},
          {"program_version", r.program_version},
          {"seed", r.seed},
          {"created_at", r.created_at},
          {"started_at", r.started_at},
          {"finished_at", r.finished_at},
          {"wall_seconds", r.wall_seconds},
          {"error", ParseOrNull(r.error_json)},
          {"summary", ParseOrNull(r.summary_json)},
          {"artifacts", artifacts}};
}

}  // namespace corridor::api
