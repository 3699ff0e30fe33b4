// A small blocking HTTP/1.1 client on raw POSIX sockets, for tests only.
//
// It sends exactly the bytes it is told to (no normalisation), so tests can speak
// both proper HTTP (Fetch) and deliberate abuse: half requests, slow trickles, huge
// headers, bad framing (RawConnection). Every wait is bounded by a timeout, so a
// server bug fails a test instead of hanging it. Thread-safe: no shared state.
//
//   auto r = testing::Fetch(port, "GET", "/v1/health");
//   EXPECT_EQ(r.status, 200);  // r.headers, r.body, r.Header("content-type")
//
//   testing::RawConnection c(port);
//   c.Send("GET / HTTP/1.1\r\nHo");        // half a request, then stall
//   EXPECT_TRUE(c.WaitClosed(2s));
#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace corridor::http::testing {

using Headers = std::vector<std::pair<std::string, std::string>>;

struct FetchResult {
  int status = 0;     // 0: no complete response (see `error`)
  std::string error;  // why there is no response: "connect: ...", "timeout", "closed", ...
  Headers headers;    // as received, in order
  std::string body;   // de-chunked when the response was chunked
  // Case-insensitive lookup; "" if absent.
  std::string Header(const std::string& name) const;
};

// Request bytes: request line, "Host: localhost", the given headers, Content-Length
// for a non-empty body (or when the method is POST/PUT/PATCH), "Connection: close"
// unless keep_alive, and the body. Headers named in `headers` are sent as given.
std::string FormatRequest(const std::string& method, const std::string& target,
                          const std::string& body = "", const Headers& headers = {},
                          bool keep_alive = true);

// One request on a new connection to 127.0.0.1:port, with "Connection: close".
// Waits at most `timeout` in total.
FetchResult Fetch(int port, const std::string& method, const std::string& target,
                  const std::string& body = "", const Headers& headers = {},
                  std::chrono::milliseconds timeout = std::chrono::seconds(10));

// One client connection to 127.0.0.1:port. Each call waits at most `timeout`.
class RawConnection {
 public:
  explicit RawConnection(int port,
                         std::chrono::milliseconds timeout = std::chrono::seconds(10));
  ~RawConnection();
  RawConnection(RawConnection&& other) noexcept;
  RawConnection& operator=(RawConnection&& other) noexcept;
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;

  bool connected() const { return fd_ >= 0; }
  const std::string& error() const { return error_; }  // why connecting failed

  // Sends all of `bytes`; false if the connection broke or the send timed out.
  bool Send(std::string_view bytes);
  // Sends `bytes` in pieces of `chunk` bytes with `pause` between them.
  bool SendSlowly(std::string_view bytes, std::size_t chunk, std::chrono::milliseconds pause);
  // Sends FormatRequest(...) and reads the answer (a keep-alive request).
  FetchResult Request(const std::string& method, const std::string& target,
                      const std::string& body = "", const Headers& headers = {});
  // Reads one response: by Content-Length, chunked, or up to the end of the stream.
  // `head`: the request was HEAD, so no body follows. Interim 1xx answers are skipped.
  FetchResult ReadResponse(bool head = false);
  // True once the server has closed the connection (end of stream or reset) within
  // `timeout`; bytes received meanwhile are kept for ReadResponse/ReadAll.
  bool WaitClosed(std::chrono::milliseconds timeout);
  // All bytes until the server closes or `timeout` passes.
  std::string ReadAll(std::chrono::milliseconds timeout);
  // Half-close: no more bytes from us, the server may still answer.
  void ShutdownWrite();
  void Close();

 private:
  // Reads more bytes into pending_ until `deadline`; 0 at end of stream, -1 on error or
  // timeout (error_ says which).
  long ReadMore(std::chrono::steady_clock::time_point deadline);

  int fd_ = -1;
  std::chrono::milliseconds timeout_;
  std::string pending_;  // received bytes not yet consumed
  std::string error_;
};

}  // namespace corridor::http::testing
