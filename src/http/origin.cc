#include "http/origin.h"

#include <algorithm>
#include <cctype>

namespace corridor::http {
namespace {

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

bool StateChanging(const std::string& method) {
  return method != "GET" && method != "HEAD" && method != "OPTIONS";
}

// "http://host:port" -> "host:port" (lower-cased); nullopt without a scheme.
std::optional<std::string> OriginAuthority(const std::string& origin) {
  const auto sep = origin.find("://");
  if (sep == std::string::npos) return std::nullopt;
  std::string rest = origin.substr(sep + 3);
  if (rest.empty() || rest.find('/') != std::string::npos) return std::nullopt;
  return Lower(rest);
}

// The port of an authority, or "" when none is given.
std::string PortOf(const std::string& authority) {
  const auto close = authority.rfind(']');
  const auto colon = authority.rfind(':');
  if (colon == std::string::npos || (close != std::string::npos && colon < close)) return "";
  return authority.substr(colon + 1);
}

}  // namespace

std::optional<std::string> HostName(const std::string& authority) {
  std::string a = Lower(authority);
  if (a.empty()) return std::nullopt;
  std::string host;
  if (a.front() == '[') {
    const auto close = a.find(']');
    if (close == std::string::npos) return std::nullopt;
    host = a.substr(1, close - 1);
    const std::string tail = a.substr(close + 1);
    if (!tail.empty() && tail.front() != ':') return std::nullopt;
  } else {
    if (std::count(a.begin(), a.end(), ':') > 1) return std::nullopt;  // bare IPv6 is not a Host
    host = a.substr(0, a.find(':'));
  }
  if (!host.empty() && host.back() == '.') host.pop_back();
  if (host.empty()) return std::nullopt;
  for (unsigned char c : host) {
    if (!(std::isalnum(c) || c == '-' || c == '.' || c == ':' || c == '_')) return std::nullopt;
  }
  return host;
}

std::vector<std::string> DefaultHostNames(const std::string& bind) {
  std::vector<std::string> names;
  if (auto b = HostName(bind.find(':') != std::string::npos && bind.front() != '['
                            ? "[" + bind + "]" : bind)) {
    names.push_back(*b);
  }
  const bool loopback = bind == "127.0.0.1" || bind == "::1" || bind == "localhost" ||
                        bind.rfind("127.", 0) == 0 || bind == "0.0.0.0" || bind == "::";
  if (loopback) {
    for (const char* n : {"localhost", "127.0.0.1", "::1"}) {
      if (std::find(names.begin(), names.end(), n) == names.end()) names.emplace_back(n);
    }
  }
  return names;
}

std::optional<Response> CheckOrigin(const Request& request, const std::vector<std::string>& allowed,
                                    bool refuse_cross_site) {
  const std::string host_header = request.Header("Host");
  if (!allowed.empty()) {
    const auto host = HostName(host_header);
    if (!host || std::find(allowed.begin(), allowed.end(), *host) == allowed.end()) {
      return ErrorResponse(421, "misdirected_request",
                           "this server does not answer to Host '" + host_header +
                               "' (start it with --host NAME to add a name)");
    }
  }
  if (!refuse_cross_site || !StateChanging(request.method)) return std::nullopt;
  const std::string site = Lower(request.Header("Sec-Fetch-Site"));
  if (!site.empty() && site != "same-origin" && site != "none") {
    return ErrorResponse(403, "cross_site_request",
                         request.method + " " + request.path + " from another site (Sec-Fetch-Site: " +
                             site + ") is refused");
  }
  const std::string origin = request.Header("Origin");
  if (!origin.empty()) {
    const auto authority = OriginAuthority(origin);
    const std::string own = Lower(host_header);
    const bool same = authority && (*authority == own ||
                                    (PortOf(own).empty() && HostName(*authority) == HostName(own) &&
                                     (PortOf(*authority) == "80" || PortOf(*authority) == "443")));
    if (!same) {
      return ErrorResponse(403, "cross_site_request",
                           request.method + " " + request.path + " from origin '" + origin +
                               "' is refused: not this server's origin");
    }
  }
  return std::nullopt;
}

}  // namespace corridor::http
