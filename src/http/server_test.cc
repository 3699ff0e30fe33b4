#include "http/server.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <thread>

#include "http/internal.h"
#include "http/test_client.h"

namespace corridor::http {
namespace {

using namespace std::chrono_literals;
using testing::Fetch;
using testing::FetchResult;
using testing::RawConnection;
using Clock = std::chrono::steady_clock;

std::chrono::milliseconds Since(Clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start);
}

// Routes the tests talk to: echo of params, query and body, a thrower and a sleeper.
std::shared_ptr<Router> TestRouter() {
  auto router = std::make_shared<Router>();
  router->Add("GET", "/v1/items/{id}", [](const Request& r) {
    Response out;
    out.body = "item " + r.params.at("id");
    if (r.query.count("q")) out.body += " q=" + r.query.at("q");
    return out;
  });
  router->Add("DELETE", "/v1/items/{id}", [](const Request&) {
    return Response{204, "application/json", "", {}};
  });
  router->Add("GET", "/v1/items/latest", [](const Request&) {
    return Response{200, "text/plain", "latest", {}};
  });
  router->Add("POST", "/v1/echo", [](const Request& r) {
    return Response{200, "text/plain", r.body, {{"X-Echo-Header", r.Header("x-test")}}};
  });
  router->Add("GET", "/v1/throw", [](const Request&) -> Response {
    throw std::runtime_error("boom");
  });
  router->Add("GET", "/v1/slow", [](const Request&) {
    std::this_thread::sleep_for(2s);
    return Response{200, "text/plain", "slow", {}};
  });
  return router;
}

struct Running {
  std::unique_ptr<Server> server;
  int port = 0;
};

Running StartServer(ServerOptions options = {}, std::shared_ptr<Router> router = TestRouter()) {
  options.port = 0;
  Running r;
  r.server = std::make_unique<Server>(std::move(options), std::move(router));
  const Status started = r.server->Start();
  EXPECT_TRUE(started.ok()) << started.ToString();
  r.port = r.server->port();
  return r;
}

ServerOptions WithLimits(Limits limits) {
  ServerOptions options;
  options.limits = limits;
  return options;
}

std::string ErrorCode(const FetchResult& r) {
  const std::string key = "\"code\":\"";
  const std::size_t at = r.body.find(key);
  if (at == std::string::npos) return "";
  const std::size_t start = at + key.size();
  return r.body.substr(start, r.body.find('"', start) - start);
}

// An error answer: its status and the stable code in its JSON body.
void ExpectError(const FetchResult& r, int status, const std::string& code,
                 const std::string& context = "") {
  EXPECT_EQ(r.status, status) << context << " " << r.error;
  EXPECT_EQ(ErrorCode(r), code) << context << " " << r.body;
}

// ---------------------------------------------------------------------------------
// Pieces without sockets.

TEST(PercentDecode, DecodesAndRejectsBadEscapes) {
  EXPECT_EQ(internal::PercentDecode("/a%20b/%2e%2E", false), "/a b/..");
  EXPECT_EQ(internal::PercentDecode("a+b", false), "a+b");
  EXPECT_EQ(internal::PercentDecode("a+b", true), "a b");
  EXPECT_FALSE(internal::PercentDecode("%zz", false));
  EXPECT_FALSE(internal::PercentDecode("abc%4", false));
  EXPECT_FALSE(internal::PercentDecode("abc%", false));
  EXPECT_FALSE(internal::PercentDecode("a%00b", false));
}

TEST(ParseQuery, SplitsAndDecodes) {
  auto q = internal::ParseQuery("limit=5&name=a%2Bb+c&flag&&x=1&x=2");
  ASSERT_TRUE(q);
  EXPECT_EQ(q->at("limit"), "5");
  EXPECT_EQ(q->at("name"), "a+b c");
  EXPECT_EQ(q->at("flag"), "");
  EXPECT_EQ(q->at("x"), "2");
  EXPECT_FALSE(internal::ParseQuery("a=%G0"));
}

TEST(ErrorResponse, HasTheOneShape) {
  Response r = ErrorResponse(422, "invalid_input", "scenario 'x': 1 error",
                             R"([{"field":"factor","message":"must be >= 0"}])");
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(r.content_type, "application/json");
  EXPECT_EQ(r.body,
            R"({"error":{"code":"invalid_input","details":[{"field":"factor","message":)"
            R"("must be >= 0"}],"message":"scenario 'x': 1 error"}})");
  // Bytes that are not UTF-8 (e.g. quoted from a request) must not throw.
  Response bad = ErrorResponse(404, "not_found", "no file /\xff\xfe");
  EXPECT_NE(bad.body.find("not_found"), std::string::npos);
}

TEST(Router, PicksTheMostSpecificRouteAndFillsParams) {
  auto router = TestRouter();
  Request r;
  r.method = "GET";
  r.path = "/v1/items/latest";
  EXPECT_EQ(router->Dispatch(r).body, "latest");
  r.path = "/v1/items/42";
  EXPECT_EQ(router->Dispatch(r).body, "item 42");
  EXPECT_EQ(r.params.at("id"), "42");
  EXPECT_TRUE(router->Matches("/v1/items/7"));
  EXPECT_FALSE(router->Matches("/v1/items/"));
  EXPECT_FALSE(router->Matches("/v1/items/7/x"));
}

// ---------------------------------------------------------------------------------
// Routing over HTTP.

TEST(Server, RoutesWithParamsAndQueryAndSetsCommonHeaders) {
  auto s = StartServer();
  FetchResult r = Fetch(s.port, "GET", "/v1/items/a%20b?q=x%26y");
  ASSERT_EQ(r.status, 200) << r.error;
  EXPECT_EQ(r.body, "item a b q=x&y");
  EXPECT_EQ(r.Header("Content-Type"), "application/json");
  EXPECT_EQ(r.Header("Content-Length"), std::to_string(r.body.size()));
  EXPECT_EQ(r.Header("X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(r.Header("Server"), "corridor");
}

TEST(Server, PassesBodyAndHeadersAndExtraResponseHeaders) {
  auto s = StartServer();
  FetchResult r = Fetch(s.port, "POST", "/v1/echo", "hello", {{"X-Test", "yes"}});
  ASSERT_EQ(r.status, 200) << r.error;
  EXPECT_EQ(r.body, "hello");
  EXPECT_EQ(r.Header("X-Echo-Header"), "yes");
  EXPECT_EQ(r.Header("Content-Type"), "text/plain");
}

TEST(Server, UnknownPathIs404AndOtherMethodIs405WithAllow) {
  auto s = StartServer();
  FetchResult missing = Fetch(s.port, "GET", "/v1/nothing");
  ExpectError(missing, 404, "not_found");
  FetchResult wrong = Fetch(s.port, "PUT", "/v1/items/3");
  ExpectError(wrong, 405, "method_not_allowed");
  EXPECT_EQ(wrong.Header("Allow"), "DELETE, GET");
  FetchResult deleted = Fetch(s.port, "DELETE", "/v1/items/3");
  EXPECT_EQ(deleted.status, 204);
  EXPECT_EQ(deleted.Header("Content-Length"), "");
}

TEST(Server, HandlerExceptionIs500NamingTheRoute) {
  auto s = StartServer();
  FetchResult r = Fetch(s.port, "GET", "/v1/throw");
  ExpectError(r, 500, "internal");
  EXPECT_NE(r.body.find("GET /v1/throw"), std::string::npos) << r.body;
  // The server is still there.
  EXPECT_EQ(Fetch(s.port, "GET", "/v1/items/1").status, 200);
}

TEST(Server, MalformedPercentEncodingIs400) {
  auto s = StartServer();
  for (const char* target : {"/v1/items/%zz", "/v1/items/%4", "/v1/items/a%00b",
                             "/v1/items/1?q=%g1"}) {
    FetchResult r = Fetch(s.port, "GET", target);
    ExpectError(r, 400, "bad_request", target);
  }
}

TEST(Server, MalformedRequestLineIs400AndCloses) {
  auto s = StartServer();
  for (const char* bytes : {"GARBAGE\r\n\r\n", "GET /v1/items/1 HTTP/9.x\r\n\r\n",
                            "GET /v1/items/1 HTTP/1.1\r\nBad Header\r\n\r\n",
                            "GET  HTTP/1.1\r\n\r\n"}) {
    RawConnection c(s.port);
    ASSERT_TRUE(c.Send(bytes));
    FetchResult r = c.ReadResponse();
    ExpectError(r, 400, "bad_request", bytes);
    EXPECT_TRUE(c.WaitClosed(2s)) << bytes;
  }
}

TEST(Server, TargetNotStartingWithSlashIs400) {
  auto s = StartServer();
  RawConnection c(s.port);
  ASSERT_TRUE(c.Send("GET http://x/v1/items/1 HTTP/1.1\r\nHost: x\r\n\r\n"));
  EXPECT_EQ(c.ReadResponse().status, 400);
}

// ---------------------------------------------------------------------------------
// Limits.

TEST(Server, ContentLengthOverTheLimitIs413WithoutReadingTheBody) {
  auto s = StartServer(WithLimits({.max_body_bytes = 1024}));
  RawConnection c(s.port);
  // Announces 100 MB but sends none of it: the answer must come from the header alone.
  ASSERT_TRUE(c.Send("POST /v1/echo HTTP/1.1\r\nHost: x\r\nContent-Length: 100000000\r\n\r\n"));
  FetchResult r = c.ReadResponse();
  ExpectError(r, 413, "payload_too_large");
  EXPECT_TRUE(c.WaitClosed(2s));
}

TEST(Server, BodyAtTheLimitIsAccepted) {
  auto s = StartServer(WithLimits({.max_body_bytes = 1024}));
  FetchResult r = Fetch(s.port, "POST", "/v1/echo", std::string(1024, 'b'));
  EXPECT_EQ(r.status, 200) << r.error;
  EXPECT_EQ(r.body.size(), 1024u);
}

std::string Chunked(std::size_t total, std::size_t chunk) {
  std::string out;
  char size[32];
  for (std::size_t sent = 0; sent < total; sent += chunk) {
    std::snprintf(size, sizeof size, "%zx\r\n", chunk);
    out += size + std::string(chunk, 'c') + "\r\n";
  }
  return out + "0\r\n\r\n";
}

TEST(Server, ChunkedBodyIsLimitedAfterDechunking) {
  auto s = StartServer(WithLimits({.max_body_bytes = 1024}));
  const std::string head =
      "POST /v1/echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n";
  {
    RawConnection c(s.port);
    c.Send(head + Chunked(8192, 256));
    FetchResult r = c.ReadResponse();
    ExpectError(r, 413, "payload_too_large");
  }
  {
    RawConnection c(s.port);
    ASSERT_TRUE(c.Send(head + Chunked(1024, 256)));
    FetchResult r = c.ReadResponse();
    EXPECT_EQ(r.status, 200) << r.error;
    EXPECT_EQ(r.body, std::string(1024, 'c'));
  }
}

TEST(Server, TwentyThousandHeadersAre431) {
  auto s = StartServer();
  std::string request = "GET /v1/items/1 HTTP/1.1\r\nHost: x\r\n";
  for (int i = 0; i < 20000; ++i) request += "X-H" + std::to_string(i) + ": v\r\n";
  request += "\r\n";
  RawConnection c(s.port);
  c.Send(request);  // may fail half way: the server stops reading at the limit
  FetchResult r = c.ReadResponse();
  ExpectError(r, 431, "header_too_large");
}

TEST(Server, MoreHeaderFieldsThanTheCountLimitAre431) {
  auto s = StartServer();  // 150 short fields fit in 16 KiB but exceed 100
  std::string request = "GET /v1/items/1 HTTP/1.1\r\nHost: x\r\n";
  // (Appended piecewise: "X" + std::to_string(i) trips a GCC 12 -Wrestrict false positive.)
  for (int i = 0; i < 150; ++i) request.append("X").append(std::to_string(i)).append(": v\r\n");
  RawConnection c(s.port);
  ASSERT_TRUE(c.Send(request + "\r\n"));
  FetchResult r = c.ReadResponse();
  EXPECT_EQ(r.status, 431);
  EXPECT_NE(r.body.find("limit 100"), std::string::npos) << r.body;
}

TEST(Server, TenMegabyteHeaderLineIs431) {
  auto s = StartServer();
  RawConnection c(s.port);
  c.Send("GET /v1/items/1 HTTP/1.1\r\nX-Big: " + std::string(10u << 20, 'a') + "\r\n\r\n");
  FetchResult r = c.ReadResponse();
  EXPECT_EQ(r.status, 431) << r.error;
}

TEST(Server, HalfARequestTimesOutWith408) {
  auto s = StartServer(WithLimits({.read_timeout = 300ms}));
  RawConnection c(s.port);
  const auto start = Clock::now();
  ASSERT_TRUE(c.Send("GET /v1/items/1 HTTP/1.1\r\nHost: x\r\n"));
  FetchResult r = c.ReadResponse();
  ExpectError(r, 408, "request_timeout");
  EXPECT_TRUE(c.WaitClosed(2s));
  EXPECT_GE(Since(start), 250ms);
  EXPECT_LT(Since(start), 1500ms);
}

TEST(Server, TricklingARequestDoesNotExtendTheReadTimeout) {
  auto s = StartServer(WithLimits({.read_timeout = 300ms}));
  RawConnection c(s.port);
  const auto start = Clock::now();
  // One byte every 50 ms: each read succeeds, but the whole request takes too long.
  c.SendSlowly("GET /v1/items/1 HTTP/1.1\r\nHost: x\r\nX-Slow: abcdefghijklmnop\r\n\r\n", 1,
               50ms);
  EXPECT_TRUE(c.WaitClosed(2s));
  EXPECT_LT(Since(start), 1500ms);
}

TEST(Server, IdleKeepAliveConnectionIsClosed) {
  auto s = StartServer(WithLimits({.idle_timeout = 300ms}));
  RawConnection c(s.port);
  EXPECT_EQ(c.Request("GET", "/v1/items/1").status, 200);
  const auto start = Clock::now();
  EXPECT_TRUE(c.WaitClosed(2s));
  EXPECT_GE(Since(start), 250ms);
  EXPECT_LT(Since(start), 1500ms);
  // A connection that never sends a byte is closed too.
  RawConnection silent(s.port);
  EXPECT_TRUE(silent.WaitClosed(2s));
}

TEST(Server, SlowClientsDoNotStarveOthers) {
  auto s = StartServer();
  std::vector<RawConnection> slow;
  for (int i = 0; i < 50; ++i) {
    slow.emplace_back(s.port);
    ASSERT_TRUE(slow.back().Send("GET /v1/items/1 HTTP/1.1\r\n"));
  }
  std::atomic<bool> done{false};
  std::thread trickler([&] {
    while (!done) {
      for (auto& c : slow) c.Send("X");
      std::this_thread::sleep_for(50ms);
    }
  });
  for (int i = 0; i < 5; ++i) {
    const auto start = Clock::now();
    FetchResult r = Fetch(s.port, "GET", "/v1/items/2");
    EXPECT_EQ(r.status, 200) << r.error;
    EXPECT_LT(Since(start), 1s);
  }
  done = true;
  trickler.join();
}

TEST(Server, ConnectionsOverTheCapGet503) {
  auto s = StartServer(WithLimits({.max_connections = 4}));
  std::vector<RawConnection> held;
  for (int i = 0; i < 4; ++i) {
    held.emplace_back(s.port);
    // A full exchange proves the session was accepted and counted.
    ASSERT_EQ(held.back().Request("GET", "/v1/items/1").status, 200);
  }
  FetchResult r = Fetch(s.port, "GET", "/v1/items/5");
  ExpectError(r, 503, "overloaded");
  EXPECT_EQ(r.Header("Retry-After"), "1");
  // Closing one frees a slot (the server notices the close asynchronously).
  held.pop_back();
  int status = 0;
  for (int attempt = 0; attempt < 50 && status != 200; ++attempt) {
    status = Fetch(s.port, "GET", "/v1/items/5").status;
    if (status != 200) std::this_thread::sleep_for(20ms);
  }
  EXPECT_EQ(status, 200);
}

TEST(Server, KeepAliveServesSeveralRequestsOnOneConnection) {
  auto s = StartServer();
  RawConnection c(s.port);
  for (int i = 0; i < 5; ++i) {
    FetchResult r = c.Request("GET", "/v1/items/" + std::to_string(i));
    ASSERT_EQ(r.status, 200) << r.error;
    EXPECT_EQ(r.body, "item " + std::to_string(i));
  }
  // Two requests in one write (pipelined) are answered in order.
  ASSERT_TRUE(c.Send(testing::FormatRequest("GET", "/v1/items/a") +
                     testing::FormatRequest("POST", "/v1/echo", "zz")));
  EXPECT_EQ(c.ReadResponse().body, "item a");
  EXPECT_EQ(c.ReadResponse().body, "zz");
  // After an error the connection is closed, as announced.
  FetchResult missing = c.Request("GET", "/v1/items/%zz");
  EXPECT_EQ(missing.status, 400);
  EXPECT_EQ(missing.Header("Connection"), "close");
  EXPECT_TRUE(c.WaitClosed(2s));
}

TEST(Server, Http10WithoutKeepAliveIsClosedAfterTheAnswer) {
  auto s = StartServer();
  RawConnection c(s.port);
  ASSERT_TRUE(c.Send("GET /v1/items/1 HTTP/1.0\r\n\r\n"));
  EXPECT_EQ(c.ReadResponse().status, 200);
  EXPECT_TRUE(c.WaitClosed(2s));
}

TEST(Server, ExpectContinueGetsAnInterimAnswer) {
  auto s = StartServer();
  RawConnection c(s.port);
  ASSERT_TRUE(c.Send("POST /v1/echo HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n"
                     "Expect: 100-continue\r\n\r\n"));
  std::this_thread::sleep_for(50ms);
  ASSERT_TRUE(c.Send("abc"));
  FetchResult r = c.ReadResponse();  // skips the 100 Continue
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "abc");
}

TEST(Server, ConcurrentRequestsFromEightThreads) {
  auto s = StartServer();
  std::atomic<int> ok{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 20; ++i) {
        const std::string id = std::to_string(t) + "-" + std::to_string(i);
        FetchResult r = Fetch(s.port, "GET", "/v1/items/" + id);
        if (r.status == 200 && r.body == "item " + id) ++ok;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok, 160);
}

TEST(Server, SlowHandlerDoesNotDelayOtherRequests) {
  auto s = StartServer();
  std::thread slow([&] { EXPECT_EQ(Fetch(s.port, "GET", "/v1/slow").body, "slow"); });
  std::this_thread::sleep_for(100ms);
  const auto start = Clock::now();
  EXPECT_EQ(Fetch(s.port, "GET", "/v1/items/1").status, 200);
  EXPECT_LT(Since(start), 1s);
  slow.join();
}

// ---------------------------------------------------------------------------------
// Static files.

class StaticFiles : public ::testing::Test {
 protected:
  void SetUp() override {
    base_ = std::filesystem::temp_directory_path() /
            ("corridor_http_" + std::to_string(::getpid()) + "_" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(base_);
    root_ = base_ / "www";
    std::filesystem::create_directories(root_ / "assets" / "sub");
    Write(root_ / "index.html", "<html>corridor</html>");
    Write(root_ / "assets" / "app.js", "console.log(1);");
    Write(root_ / "assets" / "style.css", "body{}");
    Write(root_ / "map.geojson", "{}");
    Write(base_ / "secret.txt", "top-secret-bytes");
    std::filesystem::create_symlink(base_ / "secret.txt", root_ / "leak.txt");
    std::filesystem::create_directory_symlink(base_, root_ / "up");
    ServerOptions options;
    options.static_root = root_.string();
    server_ = StartServer(options);
  }
  void TearDown() override {
    server_.server.reset();
    std::filesystem::remove_all(base_);
  }
  static void Write(const std::filesystem::path& p, const std::string& text) {
    std::ofstream(p, std::ios::binary) << text;
  }
  FetchResult Get(const std::string& target, const testing::Headers& headers = {}) {
    return Fetch(server_.port, "GET", target, "", headers);
  }

  std::filesystem::path base_;
  std::filesystem::path root_;
  Running server_;
};

TEST_F(StaticFiles, IndexAtRootWithNoCache) {
  FetchResult r = Get("/");
  ASSERT_EQ(r.status, 200) << r.error;
  EXPECT_EQ(r.body, "<html>corridor</html>");
  EXPECT_EQ(r.Header("Content-Type"), "text/html; charset=utf-8");
  EXPECT_EQ(r.Header("Cache-Control"), "no-cache");
  EXPECT_EQ(r.Header("X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(Get("/index.html").body, r.body);
}

TEST_F(StaticFiles, ContentTypesByExtension) {
  FetchResult js = Get("/assets/app.js");
  EXPECT_EQ(js.status, 200);
  EXPECT_EQ(js.Header("Content-Type"), "text/javascript; charset=utf-8");
  EXPECT_EQ(js.Header("Cache-Control"), "");
  EXPECT_EQ(Get("/assets/style.css").Header("Content-Type"), "text/css; charset=utf-8");
  EXPECT_EQ(Get("/map.geojson").Header("Content-Type"), "application/geo+json");
}

TEST_F(StaticFiles, HeadGivesLengthWithoutBody) {
  FetchResult r = Fetch(server_.port, "HEAD", "/assets/app.js");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.Header("Content-Length"), "15");
  EXPECT_EQ(r.body, "");
}

TEST_F(StaticFiles, NoWayOutOfTheRoot) {
  for (const char* target :
       {"/../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/assets/..%2f..%2fsecret.txt",
        "/assets/%2E%2E/%2E%2E/secret.txt", "/leak.txt", "/up/secret.txt", "/..",
        "/assets/../index.html"}) {
    FetchResult r = Get(target);
    ExpectError(r, 404, "not_found", target);
    EXPECT_EQ(r.body.find("top-secret-bytes"), std::string::npos) << target;
  }
}

TEST_F(StaticFiles, DirectoriesAndMissingFilesAre404) {
  EXPECT_EQ(Get("/assets").status, 404);
  EXPECT_EQ(Get("/assets/").status, 404);
  EXPECT_EQ(Get("/assets/sub").status, 404);
  EXPECT_EQ(Get("/nope.js").status, 404);
}

TEST_F(StaticFiles, RangeIsIgnored) {
  FetchResult r = Get("/assets/app.js", {{"Range", "bytes=0-3"}});
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "console.log(1);");
  EXPECT_EQ(r.Header("Content-Range"), "");
}

TEST_F(StaticFiles, OnlyGetAndHead) {
  FetchResult r = Fetch(server_.port, "POST", "/assets/app.js", "x");
  EXPECT_EQ(r.status, 405);
  EXPECT_EQ(r.Header("Allow"), "GET, HEAD");
  EXPECT_EQ(ErrorCode(r), "method_not_allowed");
}

TEST_F(StaticFiles, ApiPrefixStillGoesToTheRouter) {
  EXPECT_EQ(Get("/v1/items/9").body, "item 9");
  EXPECT_EQ(ErrorCode(Get("/v1/index.html")), "not_found");
}

// ---------------------------------------------------------------------------------
// Life cycle.

TEST(Server, StartFailsWithUnavailableWhenThePortIsTaken) {
  auto first = StartServer();
  ServerOptions options;
  options.port = first.port;
  Server second(options, TestRouter());
  const Status s = second.Start();
  EXPECT_EQ(s.code(), StatusCode::kUnavailable);
  EXPECT_NE(s.message().find("127.0.0.1:" + std::to_string(first.port)), std::string::npos)
      << s.message();
}

TEST(Server, StopWithClientsConnectedIsPromptAndIdempotent) {
  auto s = StartServer();
  std::vector<RawConnection> clients;
  for (int i = 0; i < 10; ++i) {
    clients.emplace_back(s.port);
    if (i % 2 == 0) clients.back().Send("GET /v1/items/1 HTTP/1.1\r\n");  // half a request
  }
  RawConnection kept(s.port);
  ASSERT_EQ(kept.Request("GET", "/v1/items/1").status, 200);  // an idle keep-alive one
  std::thread waiter([&] { s.server->Wait(); });
  const auto start = Clock::now();
  s.server->Stop();
  EXPECT_LT(Since(start), 1s);
  waiter.join();
  EXPECT_TRUE(kept.WaitClosed(1s));
  for (auto& c : clients) EXPECT_TRUE(c.WaitClosed(1s));
  s.server->Stop();
  EXPECT_EQ(Fetch(s.port, "GET", "/v1/items/1", "", {}, 500ms).status, 0);
}

TEST(Server, StopWithoutStart) {
  Server server(ServerOptions{}, TestRouter());
  server.Stop();
  server.Wait();
}

}  // namespace
}  // namespace corridor::http
