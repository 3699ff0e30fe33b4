#include "http/test_client.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <thread>

namespace corridor::http::testing {
namespace {

using Clock = std::chrono::steady_clock;

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

int MillisLeft(Clock::time_point deadline) {
  const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
  return static_cast<int>(std::max<long long>(0, left.count()));
}

bool HasHeader(const Headers& headers, const std::string& name) {
  return std::any_of(headers.begin(), headers.end(),
                     [&](const auto& h) { return Lower(h.first) == Lower(name); });
}

}  // namespace

std::string FetchResult::Header(const std::string& name) const {
  for (const auto& [key, value] : headers) {
    if (Lower(key) == Lower(name)) return value;
  }
  return "";
}

std::string FormatRequest(const std::string& method, const std::string& target,
                          const std::string& body, const Headers& headers, bool keep_alive) {
  std::string out = method + " " + target + " HTTP/1.1\r\n";
  if (!HasHeader(headers, "host")) out += "Host: localhost\r\n";
  const bool wants_length = !body.empty() || method == "POST" || method == "PUT" ||
                            method == "PATCH";
  if (wants_length && !HasHeader(headers, "content-length") &&
      !HasHeader(headers, "transfer-encoding")) {
    out += "Content-Length: " + std::to_string(body.size()) + "\r\n";
  }
  if (!keep_alive && !HasHeader(headers, "connection")) out += "Connection: close\r\n";
  for (const auto& [name, value] : headers) out += name + ": " + value + "\r\n";
  out += "\r\n";
  out += body;
  return out;
}

FetchResult Fetch(int port, const std::string& method, const std::string& target,
                  const std::string& body, const Headers& headers,
                  std::chrono::milliseconds timeout) {
  RawConnection c(port, timeout);
  FetchResult result;
  if (!c.connected()) {
    result.error = c.error();
    return result;
  }
  if (!c.Send(FormatRequest(method, target, body, headers, /*keep_alive=*/false))) {
    // The server may have answered early (e.g. 413) and closed; read what it said.
    result = c.ReadResponse(method == "HEAD");
    if (result.status == 0) result.error = "send failed; " + result.error;
    return result;
  }
  return c.ReadResponse(method == "HEAD");
}

RawConnection::RawConnection(int port, std::chrono::milliseconds timeout) : timeout_(timeout) {
  fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd_ < 0) {
    error_ = std::string("socket: ") + std::strerror(errno);
    return;
  }
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    error_ = std::string("connect: ") + std::strerror(errno);
    Close();
    return;
  }
  // Small writes must leave at once for the slow-client tests to mean anything.
  int one = 1;
  ::setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  ::fcntl(fd_, F_SETFL, ::fcntl(fd_, F_GETFL) | O_NONBLOCK);
}

RawConnection::~RawConnection() { Close(); }

RawConnection::RawConnection(RawConnection&& other) noexcept
    : fd_(std::exchange(other.fd_, -1)),
      timeout_(other.timeout_),
      pending_(std::move(other.pending_)),
      error_(std::move(other.error_)) {}

RawConnection& RawConnection::operator=(RawConnection&& other) noexcept {
  if (this != &other) {
    Close();
    fd_ = std::exchange(other.fd_, -1);
    timeout_ = other.timeout_;
    pending_ = std::move(other.pending_);
    error_ = std::move(other.error_);
  }
  return *this;
}

void RawConnection::Close() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
}

void RawConnection::ShutdownWrite() {
  if (fd_ >= 0) ::shutdown(fd_, SHUT_WR);
}

bool RawConnection::Send(std::string_view bytes) {
  const auto deadline = Clock::now() + timeout_;
  while (!bytes.empty()) {
    if (fd_ < 0) return false;
    const ssize_t n = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (n > 0) {
      bytes.remove_prefix(static_cast<std::size_t>(n));
      continue;
    }
    if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
      error_ = std::string("send: ") + std::strerror(errno);
      return false;
    }
    pollfd p{fd_, POLLOUT, 0};
    if (::poll(&p, 1, MillisLeft(deadline)) <= 0) {
      error_ = "send timeout";
      return false;
    }
  }
  return true;
}

bool RawConnection::SendSlowly(std::string_view bytes, std::size_t chunk,
                               std::chrono::milliseconds pause) {
  chunk = std::max<std::size_t>(chunk, 1);
  while (!bytes.empty()) {
    const std::size_t n = std::min(chunk, bytes.size());
    if (!Send(bytes.substr(0, n))) return false;
    bytes.remove_prefix(n);
    if (!bytes.empty()) std::this_thread::sleep_for(pause);
  }
  return true;
}

long RawConnection::ReadMore(Clock::time_point deadline) {
  char buffer[16384];
  while (fd_ >= 0) {
    const ssize_t n = ::recv(fd_, buffer, sizeof buffer, 0);
    if (n > 0) {
      pending_.append(buffer, static_cast<std::size_t>(n));
      return n;
    }
    if (n == 0) return 0;
    if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
      error_ = std::string("recv: ") + std::strerror(errno);
      return -1;
    }
    pollfd p{fd_, POLLIN, 0};
    if (::poll(&p, 1, MillisLeft(deadline)) <= 0) {
      error_ = "timeout";
      return -1;
    }
  }
  error_ = "not connected";
  return -1;
}

FetchResult RawConnection::ReadResponse(bool head) {
  const auto deadline = Clock::now() + timeout_;
  FetchResult result;
  // Reads until pending_ holds `n` bytes; false if the stream ended or failed first.
  auto need = [&](std::size_t n) {
    while (pending_.size() < n) {
      const long got = ReadMore(deadline);
      if (got <= 0) {
        result.error = got == 0 ? "closed" : error_;
        return false;
      }
    }
    return true;
  };
  // Reads one line without its CRLF; false if the stream ended or failed first.
  auto line = [&](std::string* out) {
    std::size_t eol;
    while ((eol = pending_.find("\r\n")) == std::string::npos) {
      const long got = ReadMore(deadline);
      if (got <= 0) {
        result.error = got == 0 ? "closed" : error_;
        return false;
      }
    }
    *out = pending_.substr(0, eol);
    pending_.erase(0, eol + 2);
    return true;
  };

  while (true) {
    std::string status_line;
    if (!line(&status_line)) return result;
    // "HTTP/1.1 200 OK"
    const std::size_t sp = status_line.find(' ');
    if (!status_line.starts_with("HTTP/") || sp == std::string::npos) {
      result.error = "bad status line: " + status_line;
      return result;
    }
    const int status = std::atoi(status_line.c_str() + sp + 1);
    result.headers.clear();
    std::string header;
    while (true) {
      if (!line(&header)) return result;
      if (header.empty()) break;
      const std::size_t colon = header.find(':');
      std::string value = colon == std::string::npos ? "" : header.substr(colon + 1);
      value.erase(0, value.find_first_not_of(" \t"));
      result.headers.emplace_back(header.substr(0, colon), value);
    }
    if (status >= 100 && status < 200) continue;  // e.g. 100 Continue
    result.status = status;
    break;
  }

  if (head || result.status == 204 || result.status == 304) return result;
  if (Lower(result.Header("transfer-encoding")).find("chunked") != std::string::npos) {
    std::string size_line;
    while (line(&size_line)) {
      const std::size_t size = std::strtoul(size_line.c_str(), nullptr, 16);
      if (!need(size + 2)) break;
      result.body += pending_.substr(0, size);
      pending_.erase(0, size + 2);
      if (size == 0) return result;  // (trailers are not supported)
    }
    result.status = 0;  // the stream ended inside the body
    return result;
  }
  const std::string length = result.Header("content-length");
  if (!length.empty()) {
    const std::size_t n = std::strtoull(length.c_str(), nullptr, 10);
    if (!need(n)) {
      result.status = 0;
      return result;
    }
    result.body = pending_.substr(0, n);
    pending_.erase(0, n);
    return result;
  }
  // No framing: the body runs to the end of the stream.
  while (ReadMore(deadline) > 0) {
  }
  result.body = std::move(pending_);
  pending_.clear();
  return result;
}

FetchResult RawConnection::Request(const std::string& method, const std::string& target,
                                   const std::string& body, const Headers& headers) {
  if (!Send(FormatRequest(method, target, body, headers))) {
    FetchResult result;
    result.error = error_;
    return result;
  }
  return ReadResponse(method == "HEAD");
}

bool RawConnection::WaitClosed(std::chrono::milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  while (true) {
    const long got = ReadMore(deadline);
    if (got == 0) return true;
    if (got < 0) return error_ != "timeout";  // a reset also means closed
  }
}

std::string RawConnection::ReadAll(std::chrono::milliseconds timeout) {
  WaitClosed(timeout);
  return std::exchange(pending_, {});
}

}  // namespace corridor::http::testing
