// What every handler of the API shares (internal to api/): JSON answers, typed access
// to request bodies and path ids, and the JSON of the store's records.
#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "http/server.h"
#include "store/store.h"

namespace corridor::api {

using Files = std::map<std::string, std::string>;  // dataset file name -> bytes

http::Response Json(int status, const nlohmann::json& body);
http::Response NoContent();
// "" or a JSON text -> the JSON value, null when empty or unreadable.
nlohmann::json ParseOrNull(const std::string& text);
// Parses a request body that must be a JSON object; on failure `error` is the answer.
std::optional<nlohmann::json> JsonBody(const http::Request& req, http::Response* error);

// A non-negative decimal id (at most 18 digits, so it fits), or nullopt.
std::optional<std::int64_t> ParseId(const std::string& text);
std::optional<std::int64_t> PathId(const http::Request& req);
http::Response BadId(const http::Request& req);

nlohmann::json DatasetJson(const store::DatasetRecord& d);
nlohmann::json ScenarioJson(const store::ScenarioRecord& s, bool with_text);
nlohmann::json RunJson(const store::RunRecord& r, const std::vector<std::string>& artifacts);

// Typed access to request fields with a located 400 on a wrong type.
class Fields {
 public:
  explicit Fields(const nlohmann::json& obj) : obj_(obj) {}

  std::optional<std::string> String(const char* key, bool required) {
    const nlohmann::json* v = Find(key, required, "a string");
    if (!v) return std::nullopt;
    if (!v->is_string()) return Wrong(key, "a string", *v);
    return v->get<std::string>();
  }
  std::optional<std::int64_t> Id(const char* key, bool required) {
    const nlohmann::json* v = Find(key, required, "an id");
    if (!v) return std::nullopt;
    if (!v->is_number_integer() || v->get<std::int64_t>() < 0) return Wrong(key, "an id", *v);
    return v->get<std::int64_t>();
  }
  const std::string& error() const { return error_; }
  bool ok() const { return error_.empty(); }

 private:
  const nlohmann::json* Find(const char* key, bool required, const char* what) {
    const auto it = obj_.find(key);
    if (it == obj_.end() || it->is_null()) {
      if (required && error_.empty()) error_ = std::string("field '") + key + "' (" + what + ") is required";
      return nullptr;
    }
    return &*it;
  }
  std::nullopt_t Wrong(const char* key, const char* what, const nlohmann::json& v) {
    if (error_.empty()) {
      error_ = std::string("field '") + key + "' must be " + what + ", got " + v.dump();
    }
    return std::nullopt;
  }
  const nlohmann::json& obj_;
  std::string error_;
};

}  // namespace corridor::api
