// The cost of checking a credential per request (docs/http_api.md, "Security model"):
// Authenticator::Authenticate with the local start token (a constant-time compare),
// with an API token and with a session on an accounts store (a BLAKE2b hash, an
// indexed token lookup and a user lookup in SQLite), and a refused unknown token.
// bench/README.md, "HTTP API".
#include <benchmark/benchmark.h>

#include "auth/auth.h"
#include "store/store.h"

namespace {

using namespace corridor;

http::Request Bearer(const std::string& secret) {
  http::Request r;
  r.method = "GET";
  r.path = "/v1/runs/1/result";
  r.headers.emplace_back("Host", "127.0.0.1:8080");
  r.headers.emplace_back("Authorization", "Bearer " + secret);
  return r;
}

struct Accounts {
  std::unique_ptr<store::Store> store;
  std::unique_ptr<auth::Authenticator> auth;
  std::string api_secret, session_secret;
  Accounts() {
    store = std::move(store::Store::Open(":memory:")).value();
    auto user = store->CreateUser("bench", store::Role::kPlanner, *auth::HashPassword("bench-password-0123"));
    // Many users and tokens, so the lookups are not in a one-row table.
    for (int i = 0; i < 1000; ++i) {
      auto u = store->CreateUser("u" + std::to_string(i), store::Role::kViewer, "$argon2id$dummy");
      (void)store->CreateToken(u->id, "t", "api", auth::SecretHash(auth::NewSecret()), "");
    }
    api_secret = auth::NewSecret();
    (void)store->CreateToken(user->id, "bench", "api", auth::SecretHash(api_secret), "");
    auth::Options o;
    o.mode = auth::Mode::kAccounts;
    auth = std::make_unique<auth::Authenticator>(*store, o);
    session_secret = auth->Login("bench", "bench-password-0123")->secret;
  }
};

void BM_LocalToken(benchmark::State& state) {
  auto store = std::move(store::Store::Open(":memory:")).value();
  auth::Options o;
  o.mode = auth::Mode::kLocalToken;
  o.local_token = auth::NewSecret();
  auth::Authenticator a(*store, o);
  const auto req = Bearer(o.local_token);
  for (auto _ : state) benchmark::DoNotOptimize(a.Authenticate(req).ok());
}
BENCHMARK(BM_LocalToken);

void BM_ApiToken(benchmark::State& state) {
  static Accounts acc;
  const auto req = Bearer(acc.api_secret);
  for (auto _ : state) {
    auto c = acc.auth->Authenticate(req);
    if (!c.ok()) state.SkipWithError("refused");
  }
}
BENCHMARK(BM_ApiToken);

void BM_Session(benchmark::State& state) {
  static Accounts acc;
  http::Request req = Bearer("");
  req.headers.pop_back();
  req.headers.emplace_back("Cookie", std::string(auth::kSessionCookie) + "=" + acc.session_secret);
  for (auto _ : state) {
    auto c = acc.auth->Authenticate(req);
    if (!c.ok()) state.SkipWithError("refused");
  }
}
BENCHMARK(BM_Session);

void BM_UnknownToken(benchmark::State& state) {
  static Accounts acc;
  const auto req = Bearer(auth::NewSecret());
  for (auto _ : state) benchmark::DoNotOptimize(acc.auth->Authenticate(req).ok());
}
BENCHMARK(BM_UnknownToken);

}  // namespace

BENCHMARK_MAIN();
