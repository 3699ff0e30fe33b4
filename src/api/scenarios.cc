#include <algorithm>

#include <nlohmann/json.hpp>

#include "io/scenario_reader.h"

#include "api/errors.h"
#include "api/service_impl.h"

namespace corridor::api {

using nlohmann::json;
using http::Request;
using http::Response;

Response Service::Impl::ListScenarios(const Request& req) {
  std::optional<std::int64_t> dataset;
  if (auto it = req.query.find("dataset"); it != req.query.end()) {
    dataset = ParseId(it->second);
    if (!dataset) return BadRequest("query 'dataset' must be an id, got '" + it->second + "'");
  }
  auto list = store.ListScenarios(dataset);
  if (!list.ok()) return ErrorFromStatus(list.status());
  json out = json::array();
  for (const auto& s : *list) out.push_back(ScenarioJson(s, false));
  return Json(200, {{"scenarios", out}});
}

// The name given, else the TOML's own `name`, else "" (then the caller asks for one).
std::string Service::Impl::ScenarioName(const std::optional<std::string>& given, const std::string& text) {
  if (given && !given->empty()) return *given;
  Diagnostics ignored;
  auto parsed = io::ParseScenario(text, "scenario.toml", ignored);
  return parsed.ok() && parsed->name != "scenario" ? parsed->name : "";
}

Response Service::Impl::CreateScenario(const Request& req, const Caller& caller) {
  Response error;
  auto body = JsonBody(req, &error);
  if (!body) return error;
  Fields f(*body);
  const auto dataset = f.Id("dataset_id", true);
  const auto name_given = f.String("name", false);
  const auto text = f.String("text", true);
  if (!f.ok()) return BadRequest(f.error());
  const std::string name = ScenarioName(name_given, *text);
  Diagnostics diags;
  if (Status s = ValidateScenario(*dataset, name.empty() ? "scenario" : name, *text, diags);
      !s.ok()) {
    return ErrorFromStatus(s, &diags);
  }
  if (name.empty()) return BadRequest("field 'name' is required (the text has no name either)");
  auto created = store.CreateScenario(*dataset, name, *text, caller.user_id);
  if (!created.ok()) return ErrorFromStatus(created.status());
  Audit(caller, "scenario.create", "scenario " + std::to_string(created->id),
        {{"name", name}, {"dataset_id", *dataset}, {"content_hash", created->content_hash}});
  json out = ScenarioJson(*created, true);
  out["warnings"] = DiagnosticsArray(diags);
  return Json(201, out);
}

Response Service::Impl::GetScenario(const Request& req) {
  const auto id = PathId(req);
  if (!id) return BadId(req);
  auto s = store.GetScenario(*id);
  return s.ok() ? Json(200, ScenarioJson(*s, true)) : ErrorFromStatus(s.status());
}

Response Service::Impl::UpdateScenario(const Request& req, const Caller& caller) {
  const auto id = PathId(req);
  if (!id) return BadId(req);
  Response error;
  auto body = JsonBody(req, &error);
  if (!body) return error;
  Fields f(*body);
  const auto name = f.String("name", false);
  const auto text = f.String("text", false);
  if (!f.ok()) return BadRequest(f.error());
  auto current = store.GetScenario(*id);
  if (!current.ok()) return ErrorFromStatus(current.status());
  if (Status s = RequireOwner(caller, current->owner_id, "scenario " + std::to_string(*id)); !s.ok()) {
    return ErrorFromStatus(s);
  }
  const std::string new_name = name ? *name : current->name;
  const std::string new_text = text ? *text : current->text;
  if (new_name.empty()) return BadRequest("field 'name' must not be empty");
  Diagnostics diags;
  if (Status s = ValidateScenario(current->dataset_id, new_name, new_text, diags); !s.ok()) {
    return ErrorFromStatus(s, &diags);
  }
  auto updated = store.UpdateScenario(*id, new_name, new_text);
  if (!updated.ok()) return ErrorFromStatus(updated.status());
  Audit(caller, "scenario.update", "scenario " + std::to_string(*id),
        {{"name", new_name}, {"content_hash", updated->content_hash},
         {"previous_hash", current->content_hash}});
  json out = ScenarioJson(*updated, true);
  out["warnings"] = DiagnosticsArray(diags);
  return Json(200, out);
}

Response Service::Impl::DeleteScenario(const Request& req, const Caller& caller) {
  const auto id = PathId(req);
  if (!id) return BadId(req);
  auto current = store.GetScenario(*id);
  if (!current.ok()) return ErrorFromStatus(current.status());
  const std::string target = "scenario " + std::to_string(*id);
  if (Status s = RequireOwner(caller, current->owner_id, target); !s.ok()) return ErrorFromStatus(s);
  Status s = store.DeleteScenario(*id);
  if (!s.ok()) return ErrorFromStatus(s);
  Audit(caller, "scenario.delete", target,
        {{"name", current->name}, {"content_hash", current->content_hash}});
  return NoContent();
}

// Validation answers 200 either way: a scenario with errors is a valid request.
Response Service::Impl::ValidationAnswer(std::int64_t dataset, const std::string& name, const std::string& text) {
  Diagnostics diags;
  Status s = ValidateScenario(dataset, name, text, diags);
  if (!s.ok() && s.code() != StatusCode::kInvalidInput) return ErrorFromStatus(s, &diags);
  return Json(200, {{"valid", s.ok()}, {"diagnostics", DiagnosticsArray(diags)}});
}

Response Service::Impl::ValidateText(const Request& req) {
  Response error;
  auto body = JsonBody(req, &error);
  if (!body) return error;
  Fields f(*body);
  const auto dataset = f.Id("dataset_id", true);
  const auto name = f.String("name", false);
  const auto text = f.String("text", true);
  if (!f.ok()) return BadRequest(f.error());
  const std::string n = ScenarioName(name, *text);
  return ValidationAnswer(*dataset, n.empty() ? "scenario" : n, *text);
}

Response Service::Impl::ValidateStored(const Request& req) {
  const auto id = PathId(req);
  if (!id) return BadId(req);
  auto s = store.GetScenario(*id);
  if (!s.ok()) return ErrorFromStatus(s.status());
  return ValidationAnswer(s->dataset_id, s->name, s->text);
}

}  // namespace corridor::api
