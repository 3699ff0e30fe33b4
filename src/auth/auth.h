// Who is calling the HTTP API, and may they (docs/http_api.md, "Security model").
//
// Three modes:
// - local token (the default of `corridor serve`): one random secret per start,
//   printed with the URL like a notebook server's; whoever holds it is the local
//   user with every right. The page receives it once through the printed URL
//   (/v1/login?token=...), which answers with an HttpOnly, SameSite=Strict cookie.
// - accounts (`corridor serve --auth accounts`): users with roles in the store
//   (viewer < planner < admin), password logins giving session cookies, API tokens
//   sent as `Authorization: Bearer`. Secrets are stored hashed only: passwords with
//   libsodium's crypto_pwhash (Argon2id, memory-hard), tokens and sessions with
//   BLAKE2b (they are 256-bit random, so a fast hash is enough); comparisons of
//   secrets are constant-time. Repeated failed logins lock the account for a time
//   that doubles with each further failure.
// - off: no checks; only for the library's own tests, not offered by the CLI.
#pragma once

#include <cstdint>
#include <string>

#include "core/status.h"
#include "http/server.h"
#include "store/store.h"

namespace corridor::auth {

enum class Mode { kOff, kLocalToken, kAccounts };
const char* ModeName(Mode m);  // "off", "local-token", "accounts"

// The authenticated caller of one request.
struct Caller {
  std::int64_t user_id = 0;  // 0: the local user of local-token mode (or mode off)
  std::string name = "local";
  store::Role role = store::Role::kAdmin;
  std::int64_t token_id = 0;  // the API token or session used; 0 = the local token
  std::string token_kind;     // "api", "session" or "local"
};

struct Options {
  Mode mode = Mode::kOff;
  std::string local_token;          // local-token mode: the per-start secret (NewSecret())
  long long session_seconds = 12 * 3600;
  int max_failures = 5;             // consecutive failed logins before a lock-out
  long long lockout_seconds = 60;   // the first lock-out; doubles after each further failure
  long long max_lockout_seconds = 3600;
};

inline constexpr const char* kSessionCookie = "corridor_session";
inline constexpr std::size_t kMinPasswordLength = 10;
inline constexpr std::size_t kMaxPasswordLength = 1024;

// 32 random bytes as 64 hex digits (libsodium's randombytes).
std::string NewSecret();
// BLAKE2b-256 of a secret, hex: what the store keeps of tokens and sessions.
std::string SecretHash(const std::string& secret);
// Constant-time equality of two secrets (length is not secret).
bool SecretEquals(const std::string& a, const std::string& b);
// crypto_pwhash_str with the interactive limits; InvalidInput outside the length
// bounds, Internal when libsodium runs out of memory.
Result<std::string> HashPassword(const std::string& password);
bool VerifyPassword(const std::string& hash, const std::string& password);

// PermissionDenied unless `caller` has at least `needed`.
Status Require(const Caller& caller, store::Role needed, const std::string& action);

class Authenticator {
 public:
  Authenticator(store::Store& store, Options options);
  Mode mode() const { return options_.mode; }

  // The caller of `request`, from its `Authorization: Bearer` header or its session
  // cookie. Unauthenticated (401) without one or with one unknown, expired or revoked.
  Result<Caller> Authenticate(const http::Request& request) const;

  struct Session {
    Caller caller;
    std::string secret;      // the cookie's value; never stored
    std::string expires_at;  // ISO 8601 UTC
  };
  // A password login (accounts mode). Unauthenticated with one message for an
  // unknown name and a wrong password alike, or naming the lock-out's end.
  Result<Session> Login(const std::string& name, const std::string& password);
  // The local token exchanged for a session (local-token mode).
  Result<Session> LoginWithToken(const std::string& token) const;
  // Revokes the session the request carries, if any.
  Status Logout(const http::Request& request);
  // The Set-Cookie header value for `session` (HttpOnly, SameSite=Strict, Path=/),
  // and the one that clears it.
  std::string SetCookie(const Session& session) const;
  static std::string ClearCookie();

 private:
  Result<Caller> FromToken(const std::string& secret) const;
  store::Store& store_;
  Options options_;
  std::string dummy_hash_;  // verified against for unknown names, so they take as long
};

// The value of cookie `name` in a Cookie header, or "".
std::string CookieValue(const std::string& cookie_header, const std::string& name);

}  // namespace corridor::auth
