// A small, hardened HTTP/1.1 server (Boost.Beast on Asio) with a route table and
// static files. It knows nothing of Corridor's engine: api/ registers the routes.
//
// Hardening (every limit is in Limits and tested in server_test.cc):
// - body size limit, also for chunked bodies (413 payload_too_large);
// - header section size limit, which bounds header lines and header counts, plus an
//   explicit header count limit (431 header_too_large);
// - a read timeout for a request once its first byte arrived and an idle timeout
//   between keep-alive requests (408 / connection closed), so slow clients cannot
//   hold a connection forever;
// - a cap on open connections (503 overloaded, then closed); asynchronous I/O on a
//   fixed pool of threads, so a few slow clients do not starve the others;
// - handlers run on a separate small pool, so one slow handler does not stop I/O;
// - static files only from under the static root (no "..", no symlink escape,
//   no Range requests honoured), GET and HEAD only;
// - loopback by default; the Host header checked against the server's names (DNS
//   rebinding) and cross-site state-changing requests refused (http/origin.h).
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/status.h"

namespace corridor::http {

struct Limits {
  std::size_t max_body_bytes = 8u << 20;    // request body, after de-chunking
  std::size_t max_header_bytes = 16u << 10; // whole header section
  std::size_t max_header_count = 100;
  std::chrono::milliseconds read_timeout{10'000};  // one whole request
  std::chrono::milliseconds idle_timeout{30'000};  // between keep-alive requests
  std::size_t max_connections = 256;
};

struct Request {
  std::string method;  // "GET", "POST", ...
  std::string target;  // as sent: "/v1/runs?limit=5"
  std::string path;    // percent-decoded path without the query: "/v1/runs"
  std::map<std::string, std::string> query;   // decoded query parameters
  std::map<std::string, std::string> params;  // path parameters filled by the router ("id")
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::string Header(const std::string& name) const;  // case-insensitive; "" if absent
};

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // extra headers
};

// The one JSON error body every error uses:
//   {"error": {"code": "<stable code>", "message": "<what and where>", "details": [...]}}
// `details_json` is a JSON array text ("" = no details).
Response ErrorResponse(int status, const std::string& code, const std::string& message,
                       const std::string& details_json = "");

using Handler = std::function<Response(const Request&)>;

// Routes by method and path pattern; "{name}" matches one path segment and fills
// Request::params[name]. Unknown path -> 404 not_found; known path with another
// method -> 405 method_not_allowed with an Allow header. A handler that throws gets
// a 500 internal error response (logged), never a crash.
class Router {
 public:
  void Add(const std::string& method, const std::string& pattern, Handler handler);
  Response Dispatch(Request& request) const;
  // True if some route's pattern matches the path (any method).
  bool Matches(const std::string& path) const;

 private:
  struct Route {
    std::string method;
    std::vector<std::string> segments;
    Handler handler;
  };
  std::vector<Route> routes_;
};

struct ServerOptions {
  std::string bind = "127.0.0.1";
  int port = 8080;              // 0 = any free port (see Server::port())
  Limits limits;
  int io_threads = 2;
  int handler_threads = 4;
  std::string static_root;      // "" = no static files; otherwise GET /x serves root/x
  std::string api_prefix = "/v1/";  // paths under it go to the router, never to files
  // Names this server answers to (http/origin.h): a request with another Host gets
  // 421 misdirected_request. Empty = any Host (tests only; `corridor serve` always
  // sets them).
  std::vector<std::string> allowed_hosts;
  // State-changing requests sent by a browser from another site get 403
  // cross_site_request (http/origin.h).
  bool refuse_cross_site = true;
};

class Server {
 public:
  Server(ServerOptions options, std::shared_ptr<const Router> router);
  ~Server();  // stops
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and starts the threads. Unavailable if the address is in use.
  Status Start();
  int port() const;  // the bound port
  // Stops accepting, closes connections, joins threads. Idempotent.
  void Stop();
  // Blocks until Stop() is called (from another thread or a signal handler thread).
  void Wait();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace corridor::http
