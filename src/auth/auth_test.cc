#include "auth/auth.h"

#include <gtest/gtest.h>

#include "core/clock.h"

namespace corridor::auth {
namespace {

http::Request WithHeader(const std::string& name, const std::string& value) {
  http::Request r;
  r.method = "GET";
  r.path = "/v1/runs";
  r.headers.emplace_back(name, value);
  return r;
}

class AccountsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto s = store::Store::Open(":memory:");
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    store_ = std::move(s).value();
    auto hash = HashPassword(kPassword);
    ASSERT_TRUE(hash.ok());
    auto user = store_->CreateUser("ana", store::Role::kPlanner, *hash);
    ASSERT_TRUE(user.ok()) << user.status().ToString();
    user_id_ = user->id;
    Options o;
    o.mode = Mode::kAccounts;
    o.max_failures = 3;
    o.lockout_seconds = 60;
    auth_ = std::make_unique<Authenticator>(*store_, o);
  }
  static constexpr const char* kPassword = "correct horse battery";
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<Authenticator> auth_;
  std::int64_t user_id_ = 0;
};

TEST(PasswordTest, HashVerifiesOnlyItsPasswordAndHidesIt) {
  auto hash = HashPassword("a long enough secret");
  ASSERT_TRUE(hash.ok());
  EXPECT_EQ(hash->rfind("$argon2id$", 0), 0u) << *hash;
  EXPECT_EQ(hash->find("a long enough secret"), std::string::npos);
  EXPECT_TRUE(VerifyPassword(*hash, "a long enough secret"));
  EXPECT_FALSE(VerifyPassword(*hash, "a long enough secreT"));
  EXPECT_FALSE(VerifyPassword("", "a long enough secret"));
  // Salted: the same password hashes differently twice.
  EXPECT_NE(*hash, *HashPassword("a long enough secret"));
}

TEST(PasswordTest, LengthBoundsAreInvalidInput) {
  EXPECT_EQ(HashPassword("short").status().code(), StatusCode::kInvalidInput);
  EXPECT_EQ(HashPassword(std::string(kMaxPasswordLength + 1, 'x')).status().code(),
            StatusCode::kInvalidInput);
}

TEST(SecretTest, RandomHexAndHashed) {
  const std::string a = NewSecret(), b = NewSecret();
  EXPECT_EQ(a.size(), 64u);
  EXPECT_NE(a, b);
  EXPECT_EQ(SecretHash(a).size(), 64u);
  EXPECT_NE(SecretHash(a), a);
  EXPECT_EQ(SecretHash(a), SecretHash(a));
  EXPECT_TRUE(SecretEquals(a, a));
  EXPECT_FALSE(SecretEquals(a, b));
  EXPECT_FALSE(SecretEquals("", ""));
}

TEST(CookieTest, FindsTheNamedCookie) {
  EXPECT_EQ(CookieValue("a=1; corridor_session=xyz; b=2", kSessionCookie), "xyz");
  EXPECT_EQ(CookieValue("corridor_session_x=1", kSessionCookie), "");
  EXPECT_EQ(CookieValue("", kSessionCookie), "");
}

TEST(LocalTokenTest, OnlyTheStartTokenIsAccepted) {
  auto s = store::Store::Open(":memory:");
  ASSERT_TRUE(s.ok());
  Options o;
  o.mode = Mode::kLocalToken;
  o.local_token = NewSecret();
  Authenticator auth(**s, o);
  EXPECT_EQ(auth.Authenticate(http::Request{}).status().code(), StatusCode::kUnauthenticated);
  EXPECT_TRUE(auth.Authenticate(WithHeader("Authorization", "Bearer " + o.local_token)).ok());
  EXPECT_TRUE(auth.Authenticate(WithHeader("Cookie", "corridor_session=" + o.local_token)).ok());
  EXPECT_EQ(auth.Authenticate(WithHeader("Authorization", "Bearer " + NewSecret())).status().code(),
            StatusCode::kUnauthenticated);
  auto session = auth.LoginWithToken(o.local_token);
  ASSERT_TRUE(session.ok());
  const std::string cookie = auth.SetCookie(*session);
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(cookie.find("SameSite=Strict"), std::string::npos);
  EXPECT_FALSE(auth.LoginWithToken("nope").ok());
}

TEST_F(AccountsTest, LoginGivesASessionThatLogoutRevokes) {
  auto session = auth_->Login("ana", kPassword);
  ASSERT_TRUE(session.ok()) << session.status().ToString();
  EXPECT_EQ(session->caller.role, store::Role::kPlanner);
  const auto req = WithHeader("Cookie", std::string(kSessionCookie) + "=" + session->secret);
  auto caller = auth_->Authenticate(req);
  ASSERT_TRUE(caller.ok());
  EXPECT_EQ(caller->name, "ana");
  // Only the hash is stored.
  auto tokens = store_->ListTokens(user_id_);
  ASSERT_TRUE(tokens.ok());
  ASSERT_EQ(tokens->size(), 1u);
  EXPECT_EQ(store_->FindToken(session->secret).status().code(), StatusCode::kNotFound);
  ASSERT_TRUE(auth_->Logout(req).ok());
  EXPECT_EQ(auth_->Authenticate(req).status().code(), StatusCode::kUnauthenticated);
}

TEST_F(AccountsTest, UnknownNameAndWrongPasswordGiveTheSameAnswer) {
  auto unknown = auth_->Login("bob", kPassword);
  auto wrong = auth_->Login("ana", "not the password");
  ASSERT_FALSE(unknown.ok());
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(unknown.status().code(), StatusCode::kUnauthenticated);
  EXPECT_EQ(unknown.status().message(), wrong.status().message());
}

TEST_F(AccountsTest, RepeatedFailuresLockTheAccount) {
  for (int i = 0; i < 3; ++i) EXPECT_FALSE(auth_->Login("ana", "wrong password").ok());
  auto user = store_->GetUser(user_id_);
  ASSERT_TRUE(user.ok());
  EXPECT_EQ(user->failed_logins, 3);
  EXPECT_GT(user->locked_until, NowUtcIso8601());
  // Even the right password is refused while locked, and says until when.
  auto locked = auth_->Login("ana", kPassword);
  ASSERT_FALSE(locked.ok());
  EXPECT_NE(locked.status().message().find("locked until"), std::string::npos);
  // After the lock-out a right password logs in and resets the count.
  ASSERT_TRUE(store_->RecordLogin(user_id_, false, UtcIso8601In(-1)).ok());
  ASSERT_TRUE(auth_->Login("ana", kPassword).ok());
  EXPECT_EQ(store_->GetUser(user_id_)->failed_logins, 0);
}

TEST_F(AccountsTest, ApiTokensAreCheckedExpiredAndRevoked) {
  const std::string secret = NewSecret();
  auto token = store_->CreateToken(user_id_, "laptop", "api", SecretHash(secret), "");
  ASSERT_TRUE(token.ok());
  const auto req = WithHeader("Authorization", "Bearer " + secret);
  ASSERT_TRUE(auth_->Authenticate(req).ok());
  EXPECT_TRUE(auth_->Authenticate(WithHeader("authorization", "bearer " + secret)).ok());
  ASSERT_TRUE(store_->RevokeToken(token->id).ok());
  EXPECT_EQ(auth_->Authenticate(req).status().code(), StatusCode::kUnauthenticated);
  const std::string old = NewSecret();
  ASSERT_TRUE(store_->CreateToken(user_id_, "old", "api", SecretHash(old), UtcIso8601In(-5)).ok());
  EXPECT_EQ(auth_->Authenticate(WithHeader("Authorization", "Bearer " + old)).status().code(),
            StatusCode::kUnauthenticated);
}

TEST(RequireTest, RolesAreOrdered) {
  Caller viewer{1, "v", store::Role::kViewer, 0, "api"};
  Caller admin{2, "a", store::Role::kAdmin, 0, "api"};
  EXPECT_EQ(Require(viewer, store::Role::kPlanner, "start a run").code(),
            StatusCode::kPermissionDenied);
  EXPECT_TRUE(Require(admin, store::Role::kPlanner, "start a run").ok());
  EXPECT_TRUE(Require(viewer, store::Role::kViewer, "read").ok());
}

}  // namespace
}  // namespace corridor::auth
