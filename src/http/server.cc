// The Beast server behind server.h.
//
// Threads: `io_threads` run the io_context (accept, read, write, timers); each
// connection is a Session whose handlers run on its own strand, so a session never
// needs a lock. Requests go to a separate pool of `handler_threads` (route handlers
// and static files may block on disk or on the store), and the answer is posted back
// to the session's strand for writing.
//
// Timeouts: waiting for the first byte of a request is the idle timeout and uses the
// tcp_stream's own expiry, which closes the socket (nothing to answer). Once a byte
// has arrived, the read timeout runs on a separate timer that only cancels the read,
// so the client still gets a 408 before the connection is closed.
//
// Closing after an error answer is "lingering": send our FIN, then read and discard
// what the client is still sending for a short while. Closing with unread bytes
// would make the kernel send RST, which can destroy the answer before the client
// reads it (e.g. a 413 while the client is still uploading).
#include "http/origin.h"
#include "http/server.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>
#include <variant>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <spdlog/spdlog.h>

#include "http/internal.h"

namespace corridor::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;
using BeastResponse = bhttp::response<bhttp::string_body>;

constexpr std::size_t kFirstReadBytes = 4096;
// Bounds on the lingering close: what a client may still send after an error answer.
constexpr std::size_t kMaxDrainBytes = 16u << 20;
constexpr std::chrono::milliseconds kMaxLinger{2000};
constexpr std::chrono::milliseconds kAcceptRetry{50};

// Which error answer a failed read gets; nullopt = the client went away or the
// connection broke, so there is nobody to answer.
std::optional<Response> ReadErrorResponse(const beast::error_code& ec, const Limits& limits) {
  if (ec == bhttp::error::body_limit) {
    return ErrorResponse(413, "payload_too_large",
                         "request body over " + std::to_string(limits.max_body_bytes) + " bytes");
  }
  if (ec == bhttp::error::header_limit || ec == bhttp::error::buffer_overflow) {
    return ErrorResponse(431, "header_too_large",
                         "request header section over " +
                             std::to_string(limits.max_header_bytes) + " bytes");
  }
  if (ec == bhttp::error::end_of_stream || ec == bhttp::error::partial_message) {
    return std::nullopt;
  }
  if (ec.category() == bhttp::make_error_code(bhttp::error::bad_target).category()) {
    return ErrorResponse(400, "bad_request", "malformed HTTP request: " + ec.message());
  }
  return std::nullopt;
}

// The request as handlers see it; an error answer if the target does not decode.
std::variant<Request, Response> ToRequest(bhttp::request<bhttp::string_body>&& in) {
  Request out;
  out.method = std::string(in.method_string());
  out.target = std::string(in.target());
  if (out.target.empty() || out.target.front() != '/') {
    return ErrorResponse(400, "bad_request", "request target must start with '/'");
  }
  const std::size_t q = out.target.find('?');
  const std::string_view raw_path = std::string_view(out.target).substr(0, q);
  auto path = internal::PercentDecode(raw_path, /*plus_is_space=*/false);
  if (!path) return ErrorResponse(400, "bad_request", "bad percent-encoding in the path");
  out.path = std::move(*path);
  if (q != std::string::npos) {
    auto query = internal::ParseQuery(std::string_view(out.target).substr(q + 1));
    if (!query) return ErrorResponse(400, "bad_request", "bad percent-encoding in the query");
    out.query = std::move(*query);
  }
  for (const auto& field : in) {
    out.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
  }
  out.body = std::move(in.body());
  return out;
}

class Session;

// The server's state, shared with its sessions (Server::Impl is private to Server).
struct Core {
  Core(ServerOptions o, std::shared_ptr<const Router> r)
      : options(std::move(o)), router(std::move(r)) {}

  // Runs on the handler pool.
  Response Handle(Request& request) const;
  void Accept();
  void OnAccept(beast::error_code ec, tcp::socket socket);
  std::chrono::milliseconds Linger() const {
    return std::min(options.limits.read_timeout, kMaxLinger);
  }

  const ServerOptions options;
  const std::shared_ptr<const Router> router;
  std::filesystem::path static_root;  // canonical; empty = no static files

  // Declared before the io_context: sessions destroyed with it still use these.
  std::mutex mu;
  std::condition_variable stopped_cv;
  bool started = false;
  bool stopping = false;
  bool stopped = false;
  std::unordered_map<Session*, std::weak_ptr<Session>> sessions;
  std::atomic<std::size_t> live{0};  // sessions counted against max_connections
  std::mutex stop_mu;                // serialises Stop() calls

  asio::io_context ioc;
  std::optional<tcp::acceptor> acceptor;
  std::optional<asio::steady_timer> accept_retry;
  std::optional<asio::thread_pool> pool;
  std::vector<std::thread> io_threads;
  int bound_port = 0;
};

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(Core& server, tcp::socket socket, bool counted)
      : server_(server),
        limits_(server.options.limits),
        stream_(std::move(socket)),
        deadline_(stream_.get_executor()),
        counted_(counted) {}

  ~Session() {
    if (counted_) server_.live.fetch_sub(1);
    std::lock_guard lock(server_.mu);
    server_.sessions.erase(this);
  }

  void Run() {
    asio::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->AwaitRequest(); });
  }

  // Over the connection cap: answer 503 and close without reading a request.
  void Reject() {
    asio::dispatch(stream_.get_executor(), [self = shared_from_this()] {
      Response r = ErrorResponse(503, "overloaded",
                                 "too many open connections (limit " +
                                     std::to_string(self->limits_.max_connections) + ")");
      r.headers.emplace_back("Retry-After", "1");
      self->Send(std::move(r), /*keep_alive=*/false, /*head=*/false);
    });
  }

  // From Stop(): ends every pending operation, which releases the session.
  void Close() {
    asio::post(stream_.get_executor(), [self = shared_from_this()] {
      self->closed_ = true;
      self->deadline_.cancel();
      self->stream_.close();
    });
  }

 private:
  void AwaitRequest() {
    if (closed_) return;
    if (buffer_.size() > 0) return StartRequest();  // pipelined bytes already here
    stream_.expires_after(limits_.idle_timeout);
    stream_.async_read_some(buffer_.prepare(kFirstReadBytes),
                            [self = shared_from_this()](beast::error_code ec, std::size_t n) {
                              if (ec) return;  // idle timeout, client closed, or Stop()
                              self->buffer_.commit(n);
                              self->StartRequest();
                            });
  }

  // The first byte of a request is here: the read timeout starts now.
  void StartRequest() {
    stream_.expires_never();
    reading_ = true;
    timed_out_ = false;
    deadline_.expires_after(limits_.read_timeout);
    deadline_.async_wait([self = shared_from_this()](beast::error_code ec) {
      if (ec || !self->reading_) return;
      self->timed_out_ = true;
      self->stream_.socket().cancel(ec);
    });
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(
        std::min<std::size_t>(limits_.max_header_bytes, UINT32_MAX)));
    parser_->body_limit(limits_.max_body_bytes);
    bhttp::async_read_header(stream_, buffer_, *parser_,
                             [self = shared_from_this()](beast::error_code ec, std::size_t) {
                               self->OnHeader(ec);
                             });
  }

  void OnHeader(beast::error_code ec) {
    if (ec) return OnReadError(ec);
    const auto& header = parser_->get();
    const auto count = static_cast<std::size_t>(std::distance(header.begin(), header.end()));
    if (count > limits_.max_header_count) {
      return Fail(ErrorResponse(431, "header_too_large",
                                std::to_string(count) + " header fields, limit " +
                                    std::to_string(limits_.max_header_count)));
    }
    if (parser_->is_done()) return OnRequest();
    auto on_body = [self = shared_from_this()](beast::error_code ec, std::size_t) {
      if (ec) return self->OnReadError(ec);
      self->OnRequest();
    };
    // Clients that wait for permission before an upload (curl does for large bodies).
    if (beast::iequals(header[bhttp::field::expect], "100-continue")) {
      static constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
      return asio::async_write(
          stream_, asio::buffer(kContinue.data(), kContinue.size()),
          [self = shared_from_this(), on_body](beast::error_code ec, std::size_t) {
            if (ec) return self->OnReadError(ec);
            bhttp::async_read(self->stream_, self->buffer_, *self->parser_, on_body);
          });
    }
    bhttp::async_read(stream_, buffer_, *parser_, on_body);
  }

  void OnReadError(beast::error_code ec) {
    reading_ = false;
    deadline_.cancel();
    if (closed_) return;
    if (timed_out_) {
      return Fail(ErrorResponse(
          408, "request_timeout",
          "request not received within " + std::to_string(limits_.read_timeout.count()) + " ms"));
    }
    if (auto response = ReadErrorResponse(ec, limits_)) return Fail(std::move(*response));
  }

  void OnRequest() {
    reading_ = false;
    deadline_.cancel();
    auto message = parser_->release();
    const bool keep_alive = message.keep_alive();
    const bool head = message.method() == bhttp::verb::head;
    auto converted = ToRequest(std::move(message));
    if (auto* error = std::get_if<Response>(&converted)) return Fail(std::move(*error));
    // Ownership of the request moves to the pool; the session waits for the answer.
    asio::post(*server_.pool, [self = shared_from_this(),
                               request = std::move(std::get<Request>(converted)), keep_alive,
                               head]() mutable {
      Response response = self->server_.Handle(request);
      asio::post(self->stream_.get_executor(),
                 [self, response = std::move(response), keep_alive, head]() mutable {
                   self->Send(std::move(response), keep_alive, head);
                 });
    });
  }

  void Fail(Response response) { Send(std::move(response), /*keep_alive=*/false, false); }

  void Send(Response response, bool keep_alive, bool head) {
    if (closed_) return;
    res_.emplace();
    BeastResponse& res = *res_;
    res.result(static_cast<unsigned>(response.status));
    res.version(11);
    res.set(bhttp::field::server, "corridor");
    res.set(bhttp::field::content_type, response.content_type);
    res.set("X-Content-Type-Options", "nosniff");
    for (const auto& [name, value] : response.headers) res.insert(name, value);
    res.keep_alive(keep_alive);
    const std::size_t length = response.body.size();
    // RFC 9110: no Content-Length on 204 and 304; HEAD gets the length, not the bytes.
    if (response.status != 204 && response.status != 304) res.content_length(length);
    if (!head) res.body() = std::move(response.body);
    stream_.expires_after(limits_.idle_timeout);
    bhttp::async_write(stream_, res, [self = shared_from_this(), keep_alive](
                                         beast::error_code ec, std::size_t) {
      self->res_.reset();
      if (ec) return;
      if (keep_alive) return self->AwaitRequest();
      self->LingerAndClose();
    });
  }

  void LingerAndClose() {
    if (closed_) return;
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    if (ec) return stream_.close();
    stream_.expires_after(server_.Linger());
    Drain();
  }

  void Drain() {
    stream_.async_read_some(asio::buffer(drain_),
                            [self = shared_from_this()](beast::error_code ec, std::size_t n) {
                              self->drained_ += n;
                              if (ec || self->drained_ > kMaxDrainBytes) {
                                return self->stream_.close();
                              }
                              self->Drain();
                            });
  }

  Core& server_;
  const Limits& limits_;
  beast::tcp_stream stream_;
  asio::steady_timer deadline_;  // read timeout of the request being read
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  std::optional<BeastResponse> res_;  // the answer being written
  std::array<char, 8192> drain_;
  std::size_t drained_ = 0;
  const bool counted_;
  bool reading_ = false;
  bool timed_out_ = false;
  bool closed_ = false;
};

Response Core::Handle(Request& request) const {
  try {
    if (auto refused = CheckOrigin(request, options.allowed_hosts, options.refuse_cross_site)) {
      return *refused;
    }
    if (!static_root.empty() && !request.path.starts_with(options.api_prefix)) {
      return internal::ServeStatic(static_root, request);
    }
    if (!router) return ErrorResponse(404, "not_found", "no route for " + request.path);
    return router->Dispatch(request);
  } catch (const std::exception& e) {
    spdlog::error("serving {} {} failed: {}", request.method, request.path, e.what());
    return ErrorResponse(500, "internal",
                         "serving " + request.method + " " + request.path + " failed");
  }
}

void Core::Accept() {
  acceptor->async_accept(asio::make_strand(ioc), [this](beast::error_code ec, tcp::socket s) {
    OnAccept(ec, std::move(s));
  });
}

void Core::OnAccept(beast::error_code ec, tcp::socket socket) {
  if (ec == asio::error::operation_aborted || !acceptor->is_open()) return;
  if (ec) {
    // E.g. out of file descriptors: retry shortly rather than spin.
    spdlog::warn("accept failed: {}", ec.message());
    accept_retry->expires_after(kAcceptRetry);
    accept_retry->async_wait([this](beast::error_code e) {
      if (!e && acceptor->is_open()) Accept();
    });
    return;
  }
  const bool over_cap = live.fetch_add(1) >= options.limits.max_connections;
  if (over_cap) live.fetch_sub(1);
  auto session = std::make_shared<Session>(*this, std::move(socket), !over_cap);
  {
    std::lock_guard lock(mu);
    if (stopping) return;  // the session closes its socket as it is destroyed
    sessions.emplace(session.get(), session);
  }
  if (over_cap) {
    session->Reject();
  } else {
    session->Run();
  }
  Accept();
}

}  // namespace

struct Server::Impl : Core {
  using Core::Core;
};

Server::Server(ServerOptions options, std::shared_ptr<const Router> router)
    : impl_(std::make_unique<Impl>(std::move(options), std::move(router))) {}

Server::~Server() { Stop(); }

Status Server::Start() {
  Impl& s = *impl_;
  {
    std::lock_guard lock(s.mu);
    if (s.started || s.stopping) return Internal("HTTP server started twice or after Stop()");
    s.started = true;
  }
  const std::string where = s.options.bind + ":" + std::to_string(s.options.port);
  beast::error_code ec;
  const auto address = asio::ip::make_address(s.options.bind, ec);
  if (ec) return InvalidInput("bad bind address '" + s.options.bind + "': " + ec.message());
  if (!s.options.static_root.empty()) {
    std::error_code fs_ec;
    s.static_root = std::filesystem::weakly_canonical(s.options.static_root, fs_ec);
    if (fs_ec) s.static_root = std::filesystem::absolute(s.options.static_root);
  }
  s.acceptor.emplace(asio::make_strand(s.ioc));
  s.accept_retry.emplace(s.acceptor->get_executor());
  const tcp::endpoint endpoint(address, static_cast<unsigned short>(s.options.port));
  s.acceptor->open(endpoint.protocol(), ec);
  if (!ec) s.acceptor->set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) s.acceptor->bind(endpoint, ec);
  if (!ec) s.acceptor->listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    s.acceptor->close();
    return Unavailable("cannot listen on " + where + ": " + ec.message());
  }
  s.bound_port = s.acceptor->local_endpoint().port();
  s.pool.emplace(static_cast<std::size_t>(std::max(1, s.options.handler_threads)));
  s.Accept();
  for (int i = 0; i < std::max(1, s.options.io_threads); ++i) {
    s.io_threads.emplace_back([&s] {
      // A throwing completion handler is a bug; keep serving the other connections.
      while (true) {
        try {
          s.ioc.run();
          return;
        } catch (const std::exception& e) {
          spdlog::error("HTTP I/O thread: {}", e.what());
        }
      }
    });
  }
  return Status::Ok();
}

int Server::port() const { return impl_->bound_port; }

void Server::Stop() {
  Impl& s = *impl_;
  std::lock_guard stop_lock(s.stop_mu);
  std::vector<std::weak_ptr<Session>> open;
  {
    std::lock_guard lock(s.mu);
    if (s.stopped) return;
    s.stopping = true;
    for (const auto& [ptr, weak] : s.sessions) open.push_back(weak);
  }
  if (s.acceptor) {
    asio::post(s.acceptor->get_executor(), [&s] {
      beast::error_code ec;
      s.acceptor->close(ec);
      s.accept_retry->cancel();
    });
  }
  // Locked outside `mu`: a session whose last owner is dropped here unregisters itself.
  for (const auto& weak : open) {
    if (auto session = weak.lock()) session->Close();
  }
  // Running handlers finish; their answers meet closed sockets and are dropped.
  if (s.pool) s.pool->join();
  // With the acceptor and every socket closed the io_context runs out of work.
  for (auto& t : s.io_threads) t.join();
  s.io_threads.clear();
  {
    std::lock_guard lock(s.mu);
    s.stopped = true;
  }
  s.stopped_cv.notify_all();
}

void Server::Wait() {
  std::unique_lock lock(impl_->mu);
  impl_->stopped_cv.wait(lock, [this] { return impl_->stopped; });
}

}  // namespace corridor::http
