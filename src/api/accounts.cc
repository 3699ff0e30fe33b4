// The accounts resource: logins, the caller, users, tokens and the audit trail
// (docs/http_api.md, "Security model").
#include <nlohmann/json.hpp>

#include "api/errors.h"
#include "api/service_impl.h"
#include "auth/auth.h"

namespace corridor::api {

using nlohmann::json;
using http::Request;
using http::Response;

namespace {

json UserJson(const store::UserRecord& u) {
  return {{"id", u.id},
          {"name", u.name},
          {"role", store::RoleName(u.role)},
          {"created_at", u.created_at},
          {"locked_until", u.locked_until}};
}

json TokenJson(const store::TokenRecord& t) {
  return {{"id", t.id},           {"user_id", t.user_id},       {"name", t.name},
          {"kind", t.kind},       {"created_at", t.created_at}, {"expires_at", t.expires_at},
          {"revoked_at", t.revoked_at}};
}

json CallerJson(const auth::Caller& c) {
  return {{"user_id", c.user_id}, {"name", c.name}, {"role", store::RoleName(c.role)},
          {"credential", c.token_kind}};
}

Response WithCookie(Response r, const std::string& cookie) {
  r.headers.emplace_back("Set-Cookie", cookie);
  r.headers.emplace_back("Cache-Control", "no-store");
  return r;
}

// limit/offset query parameters (defaults 50/0); nullopt and `error` set when malformed.
std::optional<std::pair<int, int>> Paging(const Request& req, Response* error) {
  int limit = 50, offset = 0;
  for (const auto& [key, value] : req.query) {
    const auto v = ParseId(value);
    if (!v || (key != "limit" && key != "offset")) {
      *error = BadRequest("query '" + key + "=" + value + "': limit and offset take integers >= 0");
      return std::nullopt;
    }
    (key == "limit" ? limit : offset) =
        static_cast<int>(std::min<std::int64_t>(*v, key == "limit" ? 1000 : 1'000'000'000));
  }
  return std::make_pair(std::max(limit, 1), offset);
}

}  // namespace

// The printed URL of a local-token server: exchanges the token for the cookie and
// sends the browser on to the page, so the token leaves the address bar at once.
Response Service::Impl::TokenLogin(const Request& req) {
  const auto it = req.query.find("token");
  if (it == req.query.end()) return BadRequest("query 'token' is required");
  auto session = authenticator.LoginWithToken(it->second);
  if (!session.ok()) return ErrorFromStatus(session.status());
  Response r;
  r.status = 303;
  r.content_type = "text/plain";
  r.body = "logged in; go to /\n";
  r.headers.emplace_back("Location", "/");
  r.headers.emplace_back("Referrer-Policy", "no-referrer");
  return WithCookie(std::move(r), authenticator.SetCookie(*session));
}

// {"user", "password"} (accounts) or {"token"} (local token) -> the caller, with the
// session cookie.
Response Service::Impl::Login(const Request& req) {
  Response error;
  auto body = JsonBody(req, &error);
  if (!body) return error;
  Fields f(*body);
  const auto user = f.String("user", false);
  const auto password = f.String("password", false);
  const auto token = f.String("token", false);
  if (!f.ok()) return BadRequest(f.error());
  Result<auth::Authenticator::Session> session = Unauthenticated("");
  if (token) {
    session = authenticator.LoginWithToken(*token);
  } else if (user && password) {
    session = authenticator.Login(*user, *password);
    Caller who;
    who.name = *user;
    if (session.ok()) who = session->caller;
    Audit(who, session.ok() ? "login" : "login.fail", "user " + *user);
  } else {
    return BadRequest("give 'user' and 'password', or 'token'");
  }
  if (!session.ok()) return ErrorFromStatus(session.status());
  json out = CallerJson(session->caller);
  out["expires_at"] = session->expires_at;
  return WithCookie(Json(200, out), authenticator.SetCookie(*session));
}

Response Service::Impl::Logout(const Request& req) {
  (void)authenticator.Logout(req);
  return WithCookie(NoContent(), auth::Authenticator::ClearCookie());
}

Response Service::Impl::Me(const Request&, const Caller& caller) {
  json out = CallerJson(caller);
  out["auth"] = auth::ModeName(authenticator.mode());
  return Json(200, out);
}

Response Service::Impl::ListUsers(const Request&, const Caller&) {
  auto users = store.ListUsers();
  if (!users.ok()) return ErrorFromStatus(users.status());
  json out = json::array();
  for (const auto& u : *users) out.push_back(UserJson(u));
  return Json(200, {{"users", out}});
}

// {"name", "role", "password"}: a new user (admins only).
Response Service::Impl::CreateUser(const Request& req, const Caller& caller) {
  Response error;
  auto body = JsonBody(req, &error);
  if (!body) return error;
  Fields f(*body);
  const auto name = f.String("name", true);
  const auto role_name = f.String("role", true);
  const auto password = f.String("password", true);
  if (!f.ok()) return BadRequest(f.error());
  const auto role = store::ParseRole(*role_name);
  if (!role) return BadRequest("field 'role' must be viewer, planner or admin, got '" + *role_name + "'");
  auto hash = auth::HashPassword(*password);
  if (!hash.ok()) return ErrorFromStatus(hash.status());
  auto user = store.CreateUser(*name, *role, *hash);
  if (!user.ok()) return ErrorFromStatus(user.status());
  Audit(caller, "user.create", "user " + std::to_string(user->id),
        {{"name", *name}, {"role", *role_name}});
  return Json(201, UserJson(*user));
}

// {"role"} (admins) and/or {"password"} (admins, or the user for itself).
Response Service::Impl::UpdateUser(const Request& req, const Caller& caller) {
  const auto id = PathId(req);
  if (!id) return BadId(req);
  Response error;
  auto body = JsonBody(req, &error);
  if (!body) return error;
  Fields f(*body);
  const auto role_name = f.String("role", false);
  const auto password = f.String("password", false);
  if (!f.ok()) return BadRequest(f.error());
  if (!role_name && !password) return BadRequest("give 'role' or 'password'");
  const bool self = caller.user_id != 0 && caller.user_id == *id;
  if (role_name || !self) {
    if (Status s = auth::Require(caller, store::Role::kAdmin, "change other users or roles"); !s.ok()) {
      return ErrorFromStatus(s);
    }
  }
  auto user = store.GetUser(*id);
  if (!user.ok()) return ErrorFromStatus(user.status());
  const std::string target = "user " + std::to_string(*id);
  if (role_name) {
    const auto role = store::ParseRole(*role_name);
    if (!role) return BadRequest("field 'role' must be viewer, planner or admin, got '" + *role_name + "'");
    if (Status s = store.SetRole(*id, *role); !s.ok()) return ErrorFromStatus(s);
    Audit(caller, "user.role", target, {{"role", *role_name}});
  }
  if (password) {
    auto hash = auth::HashPassword(*password);
    if (!hash.ok()) return ErrorFromStatus(hash.status());
    if (Status s = store.SetPassword(*id, *hash); !s.ok()) return ErrorFromStatus(s);
    Audit(caller, "user.password", target);
  }
  auto updated = store.GetUser(*id);
  return updated.ok() ? Json(200, UserJson(*updated)) : ErrorFromStatus(updated.status());
}

// The caller's own tokens; an admin sees everyone's.
Response Service::Impl::ListTokens(const Request&, const Caller& caller) {
  std::optional<std::int64_t> whose;
  if (caller.role != store::Role::kAdmin) whose = caller.user_id;
  auto tokens = store.ListTokens(whose);
  if (!tokens.ok()) return ErrorFromStatus(tokens.status());
  json out = json::array();
  for (const auto& t : *tokens) out.push_back(TokenJson(t));
  return Json(200, {{"tokens", out}});
}

// {"name"} -> a new API token of the caller; its secret is in this answer only.
Response Service::Impl::CreateToken(const Request& req, const Caller& caller) {
  if (authenticator.mode() != auth::Mode::kAccounts) {
    return ErrorFromStatus(InvalidInput("this server has no accounts: use its start token"));
  }
  Response error;
  auto body = JsonBody(req, &error);
  if (!body) return error;
  Fields f(*body);
  const auto name = f.String("name", true);
  if (!f.ok()) return BadRequest(f.error());
  if (name->empty() || name->size() > 100) return BadRequest("field 'name' must have 1 to 100 characters");
  const std::string secret = auth::NewSecret();
  auto token = store.CreateToken(caller.user_id, *name, "api", auth::SecretHash(secret), "");
  if (!token.ok()) return ErrorFromStatus(token.status());
  Audit(caller, "token.create", "token " + std::to_string(token->id), {{"name", *name}});
  json out = TokenJson(*token);
  out["secret"] = secret;
  Response r = Json(201, out);
  r.headers.emplace_back("Cache-Control", "no-store");
  return r;
}

Response Service::Impl::RevokeToken(const Request& req, const Caller& caller) {
  const auto id = PathId(req);
  if (!id) return BadId(req);
  auto tokens = store.ListTokens(std::nullopt);
  if (!tokens.ok()) return ErrorFromStatus(tokens.status());
  const auto it = std::find_if(tokens->begin(), tokens->end(), [&](const auto& t) { return t.id == *id; });
  if (it == tokens->end()) return ErrorFromStatus(NotFound("token " + std::to_string(*id) + " not found"));
  if (Status s = RequireOwner(caller, it->user_id, "token " + std::to_string(*id)); !s.ok()) {
    return ErrorFromStatus(s);
  }
  if (Status s = store.RevokeToken(*id); !s.ok()) return ErrorFromStatus(s);
  Audit(caller, "token.revoke", "token " + std::to_string(*id));
  return NoContent();
}

Response Service::Impl::ListAudit(const Request& req, const Caller&) {
  Response error;
  const auto page = Paging(req, &error);
  if (!page) return error;
  auto entries = store.ListAudit(page->first, page->second);
  if (!entries.ok()) return ErrorFromStatus(entries.status());
  json out = json::array();
  for (const auto& e : *entries) {
    out.push_back({{"id", e.id},
                   {"at", e.at},
                   {"user_id", e.user_id},
                   {"user", e.user_name},
                   {"action", e.action},
                   {"target", e.target},
                   {"detail", ParseOrNull(e.detail_json)}});
  }
  return Json(200, {{"audit", out}});
}

}  // namespace corridor::api
