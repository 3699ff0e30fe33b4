#include "auth/auth.h"

#include <sodium.h>

#include <algorithm>
#include <cctype>

#include "core/clock.h"

namespace corridor::auth {
namespace {

bool SodiumReady() {
  static const bool ready = sodium_init() >= 0;
  return ready;
}

std::string Hex(const unsigned char* data, std::size_t n) {
  std::string out(2 * n + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), data, n);
  out.pop_back();
  return out;
}

std::string Trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t");
  if (b == std::string::npos) return "";
  const auto e = s.find_last_not_of(" \t");
  return s.substr(b, e - b + 1);
}

// The secret of `Authorization: Bearer <secret>`, else of the session cookie, else "".
std::string PresentedSecret(const http::Request& request) {
  const std::string authorization = Trim(request.Header("Authorization"));
  constexpr std::string_view kBearer = "bearer ";
  if (authorization.size() > kBearer.size()) {
    std::string scheme = authorization.substr(0, kBearer.size());
    std::transform(scheme.begin(), scheme.end(), scheme.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (scheme == kBearer) return Trim(authorization.substr(kBearer.size()));
  }
  return CookieValue(request.Header("Cookie"), kSessionCookie);
}

Status NoCredential() {
  return Unauthenticated(
      "no credential: send 'Authorization: Bearer <token>' or log in (docs/http_api.md, "
      "\"Security model\")");
}

Status BadCredential() { return Unauthenticated("the token or session is unknown, expired or revoked"); }

Status BadLogin() { return Unauthenticated("unknown user or wrong password"); }

}  // namespace

const char* ModeName(Mode m) {
  switch (m) {
    case Mode::kOff: return "off";
    case Mode::kLocalToken: return "local-token";
    case Mode::kAccounts: return "accounts";
  }
  return "unknown";
}

std::string NewSecret() {
  if (!SodiumReady()) return "";
  unsigned char bytes[32];
  randombytes_buf(bytes, sizeof bytes);
  return Hex(bytes, sizeof bytes);
}

std::string SecretHash(const std::string& secret) {
  SodiumReady();
  unsigned char out[crypto_generichash_BYTES];
  crypto_generichash(out, sizeof out, reinterpret_cast<const unsigned char*>(secret.data()),
                     secret.size(), nullptr, 0);
  return Hex(out, sizeof out);
}

bool SecretEquals(const std::string& a, const std::string& b) {
  return a.size() == b.size() && !a.empty() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

Result<std::string> HashPassword(const std::string& password) {
  if (password.size() < kMinPasswordLength) {
    return InvalidInput("a password needs at least " + std::to_string(kMinPasswordLength) +
                        " characters");
  }
  if (password.size() > kMaxPasswordLength) {
    return InvalidInput("a password has at most " + std::to_string(kMaxPasswordLength) +
                        " characters");
  }
  if (!SodiumReady()) return Internal("libsodium could not be initialised");
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
    return Internal("hashing a password ran out of memory");
  }
  return std::string(out);
}

bool VerifyPassword(const std::string& hash, const std::string& password) {
  if (!SodiumReady() || hash.empty() || hash.size() >= crypto_pwhash_STRBYTES) return false;
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

Status Require(const Caller& caller, store::Role needed, const std::string& action) {
  if (static_cast<int>(caller.role) >= static_cast<int>(needed)) return Status::Ok();
  return PermissionDenied("user '" + caller.name + "' (" + store::RoleName(caller.role) +
                          ") may not " + action + ": it needs the " + store::RoleName(needed) +
                          " role");
}

std::string CookieValue(const std::string& cookie_header, const std::string& name) {
  std::size_t pos = 0;
  while (pos < cookie_header.size()) {
    const auto end = std::min(cookie_header.find(';', pos), cookie_header.size());
    const std::string pair = Trim(cookie_header.substr(pos, end - pos));
    const auto eq = pair.find('=');
    if (eq != std::string::npos && pair.substr(0, eq) == name) return pair.substr(eq + 1);
    pos = end + 1;
  }
  return "";
}

Authenticator::Authenticator(store::Store& store, Options options)
    : store_(store), options_(std::move(options)) {
  if (options_.mode == Mode::kAccounts) {
    auto dummy = HashPassword(NewSecret());
    if (dummy.ok()) dummy_hash_ = *dummy;
  }
}

Result<Caller> Authenticator::FromToken(const std::string& secret) const {
  auto token = store_.FindToken(SecretHash(secret));
  if (!token.ok()) {
    return token.status().code() == StatusCode::kNotFound ? BadCredential() : token.status();
  }
  if (!token->revoked_at.empty()) return BadCredential();
  if (!token->expires_at.empty() && token->expires_at <= NowUtcIso8601()) return BadCredential();
  auto user = store_.GetUser(token->user_id);
  if (!user.ok()) return BadCredential();
  return Caller{user->id, user->name, user->role, token->id, token->kind};
}

Result<Caller> Authenticator::Authenticate(const http::Request& request) const {
  if (options_.mode == Mode::kOff) return Caller{};
  const std::string secret = PresentedSecret(request);
  if (secret.empty()) return NoCredential();
  if (options_.mode == Mode::kLocalToken) {
    if (!SecretEquals(secret, options_.local_token)) return BadCredential();
    Caller local;
    local.token_kind = "local";
    return local;
  }
  return FromToken(secret);
}

Result<Authenticator::Session> Authenticator::Login(const std::string& name,
                                                    const std::string& password) {
  if (options_.mode != Mode::kAccounts) {
    return InvalidInput("this server has no accounts: log in with its token");
  }
  auto user = store_.FindUser(name);
  if (!user.ok()) {
    if (user.status().code() != StatusCode::kNotFound) return user.status();
    (void)VerifyPassword(dummy_hash_, password);  // the same time as a known name
    return BadLogin();
  }
  const std::string now = NowUtcIso8601();
  if (!user->locked_until.empty() && user->locked_until > now) {
    return Unauthenticated("too many failed logins: user '" + name + "' is locked until " +
                           user->locked_until);
  }
  auto hash = store_.PasswordHash(user->id);
  if (!hash.ok()) return hash.status();
  if (!VerifyPassword(*hash, password)) {
    const int failures = user->failed_logins + 1;
    std::string locked_until;
    if (failures >= options_.max_failures) {
      const int doublings = std::min(failures - options_.max_failures, 20);
      const long long wait =
          std::min(options_.lockout_seconds << doublings, options_.max_lockout_seconds);
      locked_until = UtcIso8601In(wait);
    }
    if (Status s = store_.RecordLogin(user->id, false, locked_until); !s.ok()) return s;
    return BadLogin();
  }
  if (Status s = store_.RecordLogin(user->id, true, ""); !s.ok()) return s;
  Session session;
  session.secret = NewSecret();
  session.expires_at = UtcIso8601In(options_.session_seconds);
  auto token = store_.CreateToken(user->id, "session", "session", SecretHash(session.secret),
                                  session.expires_at);
  if (!token.ok()) return token.status();
  session.caller = Caller{user->id, user->name, user->role, token->id, "session"};
  return session;
}

Result<Authenticator::Session> Authenticator::LoginWithToken(const std::string& token) const {
  if (options_.mode != Mode::kLocalToken) {
    return InvalidInput("this server has accounts: log in with a user name and password");
  }
  if (!SecretEquals(token, options_.local_token)) return BadCredential();
  Session session;
  session.secret = options_.local_token;
  session.caller.token_kind = "local";
  return session;
}

Status Authenticator::Logout(const http::Request& request) {
  if (options_.mode != Mode::kAccounts) return Status::Ok();
  auto caller = Authenticate(request);
  if (!caller.ok()) return caller.status();
  if (caller->token_kind != "session") return Status::Ok();
  return store_.RevokeToken(caller->token_id);
}

std::string Authenticator::SetCookie(const Session& session) const {
  std::string cookie = std::string(kSessionCookie) + "=" + session.secret +
                       "; Path=/; HttpOnly; SameSite=Strict";
  if (options_.mode == Mode::kAccounts) {
    cookie += "; Max-Age=" + std::to_string(options_.session_seconds);
  }
  return cookie;
}

std::string Authenticator::ClearCookie() {
  return std::string(kSessionCookie) + "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0";
}

}  // namespace corridor::auth
