// Any bytes against the HTTP API's route table (no sockets): a request target
// (percent-decoding, query parsing, routing, id parsing), a JSON body, a scenario text
// (TOML parsing, scenario validation against the example dataset) or a compare query.
// The answer must be one of the documented client statuses; a 5xx is a bug and aborts.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "api/service.h"
#include "http/internal.h"
#include "http/server.h"
#include "store/store.h"

namespace {

struct Fixture {
  std::unique_ptr<corridor::store::Store> store;
  std::unique_ptr<corridor::api::Service> service;
  corridor::http::Router router;

  Fixture() {
    store = std::move(corridor::store::Store::Open(":memory:")).value();
    service = std::make_unique<corridor::api::Service>(*store, corridor::api::ServiceOptions{});
    corridor::Diagnostics diags;
    if (!service->ImportFolder(CORRIDOR_SOURCE_DIR "/examples/example-corridor", diags).ok()) {
      std::fprintf(stderr, "api_fuzz: cannot import the example dataset\n");
      std::abort();
    }
    service->Register(router);
  }
};

corridor::http::Request Make(const std::string& method, const std::string& target,
                             const std::string& body) {
  corridor::http::Request req;
  req.method = method;
  req.target = target;
  const auto q = target.find('?');
  req.path = corridor::http::internal::PercentDecode(target.substr(0, q), false).value_or("/v1/");
  if (q != std::string::npos) {
    req.query = corridor::http::internal::ParseQuery(target.substr(q + 1)).value_or(
        std::map<std::string, std::string>{});
  }
  req.headers.emplace_back("Content-Type", "application/json");
  req.body = body;
  return req;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static Fixture fixture;
  if (size == 0) return 0;
  const std::string payload(reinterpret_cast<const char*>(data) + 1, size - 1);
  corridor::http::Request req;
  switch (data[0] % 5) {
    case 0: req = Make("GET", "/v1/" + payload, ""); break;
    case 1: req = Make("POST", "/v1/scenarios", payload); break;
    case 2:
      req = Make("POST", "/v1/scenarios/validate",
                 nlohmann::json{{"dataset_id", 1}, {"text", payload}}.dump(-1, ' ', false,
                                                                           nlohmann::json::error_handler_t::replace));
      break;
    case 3: req = Make("GET", "/v1/compare?runs=" + payload, ""); break;
    default: req = Make("PUT", "/v1/scenarios/1", payload); break;
  }
  const corridor::http::Response r = fixture.router.Dispatch(req);
  if (r.status >= 500 || r.status < 200) {
    std::fprintf(stderr, "api_fuzz: %s %s -> %d %s\n", req.method.c_str(), req.target.c_str(),
                 r.status, r.body.c_str());
    std::abort();
  }
  return 0;
}
