// The server's checks of where a request comes from (docs/http_api.md, "Security
// model"): the Host header against the server's own names, which defeats DNS
// rebinding (a page of another site whose name resolves to 127.0.0.1 sends its own
// name as Host), and the browser's Origin / Sec-Fetch-Site headers of state-changing
// requests, which defeat cross-site request forgery.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "http/server.h"

namespace corridor::http {

// The host name of a Host header or of an Origin's authority, lower-cased, without
// port, brackets or a trailing dot: "LocalHost:8080" -> "localhost", "[::1]:80" ->
// "::1". nullopt for an empty or malformed value.
std::optional<std::string> HostName(const std::string& authority);

// The names a server bound to `bind` answers to by default: the bind address itself
// and, for a loopback or wildcard bind, localhost, 127.0.0.1 and ::1.
std::vector<std::string> DefaultHostNames(const std::string& bind);

// nullopt when `request` may be served; otherwise the error response:
// 421 misdirected_request for a Host that is missing or not in `allowed` (when
// `allowed` is not empty); 403 cross_site_request for a POST/PUT/PATCH/DELETE whose
// Sec-Fetch-Site is present and neither same-origin nor none, or whose Origin is
// present and is not the request's own origin (scheme aside: host and port as in Host).
// Requests without Origin or Sec-Fetch-Site (curl, scripts) pass the second check:
// they carry no ambient credential a page could borrow, only their own token.
std::optional<Response> CheckOrigin(const Request& request, const std::vector<std::string>& allowed,
                                    bool refuse_cross_site = true);

}  // namespace corridor::http
