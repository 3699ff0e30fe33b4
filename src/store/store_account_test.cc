// The accounts of a shared server (users, tokens, the audit trail) and the owners of
// scenarios and runs, on every backend.
#include <gtest/gtest.h>

#include <set>

#include "store/store_test_support.h"

namespace corridor::store {
namespace {

class StoreAccountTest : public StoreTest {
 protected:
  UserRecord NewUser(const std::string& name, Role role = Role::kPlanner) {
    auto u = store_->CreateUser(name, role, "$argon2id$v=19$hash-of-" + name);
    EXPECT_TRUE(u.ok()) << u.status().ToString();
    return u.ok() ? *u : UserRecord{};
  }
};

TEST(RoleTest, NamesRoundTripAndOrder) {
  for (Role r : {Role::kViewer, Role::kPlanner, Role::kAdmin}) {
    EXPECT_EQ(ParseRole(RoleName(r)), r);
  }
  EXPECT_FALSE(ParseRole("root").has_value());
  EXPECT_LT(Role::kViewer, Role::kPlanner);
  EXPECT_LT(Role::kPlanner, Role::kAdmin);
}

TEST_P(StoreAccountTest, CreateFindAndListUsers) {
  const UserRecord alice = NewUser("alice", Role::kAdmin);
  EXPECT_GT(alice.id, 0);
  EXPECT_EQ(alice.name, "alice");
  EXPECT_EQ(alice.role, Role::kAdmin);
  EXPECT_EQ(alice.created_at.size(), 20u);
  EXPECT_EQ(alice.failed_logins, 0);
  EXPECT_EQ(alice.locked_until, "");
  const UserRecord bob = NewUser("bob", Role::kViewer);

  auto found = store_->FindUser("bob");
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(found->id, bob.id);
  EXPECT_EQ(found->role, Role::kViewer);
  EXPECT_EQ(store_->GetUser(alice.id)->name, "alice");
  EXPECT_EQ(*store_->PasswordHash(alice.id), "$argon2id$v=19$hash-of-alice");

  auto missing = store_->FindUser("carol");
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
  EXPECT_NE(missing.status().message().find("carol"), std::string::npos);
  EXPECT_EQ(store_->GetUser(999).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->PasswordHash(999).status().code(), StatusCode::kNotFound);

  auto all = store_->ListUsers();
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[0].id, alice.id);
  EXPECT_EQ((*all)[1].id, bob.id);
}

TEST_P(StoreAccountTest, CreateUserRejectsDuplicatesAndEmptyFields) {
  NewUser("alice");
  auto dup = store_->CreateUser("alice", Role::kViewer, "h");
  EXPECT_EQ(dup.status().code(), StatusCode::kConflict);
  EXPECT_NE(dup.status().message().find("alice"), std::string::npos);
  EXPECT_EQ(store_->CreateUser("", Role::kViewer, "h").status().code(),
            StatusCode::kInvalidInput);
  EXPECT_EQ(store_->CreateUser("dora", Role::kViewer, "").status().code(),
            StatusCode::kInvalidInput);
  EXPECT_EQ(store_->ListUsers()->size(), 1u);
  // The failed attempt left the first account as it was.
  EXPECT_EQ(store_->FindUser("alice")->role, Role::kPlanner);
}

TEST_P(StoreAccountTest, SetRoleAndPassword) {
  const UserRecord u = NewUser("alice", Role::kViewer);
  ASSERT_TRUE(store_->SetRole(u.id, Role::kAdmin).ok());
  EXPECT_EQ(store_->GetUser(u.id)->role, Role::kAdmin);
  EXPECT_EQ(store_->SetRole(999, Role::kAdmin).code(), StatusCode::kNotFound);

  // A new password also clears a lock-out.
  ASSERT_TRUE(store_->RecordLogin(u.id, false, "2030-01-01T00:00:00Z").ok());
  ASSERT_TRUE(store_->SetPassword(u.id, "new-hash").ok());
  EXPECT_EQ(*store_->PasswordHash(u.id), "new-hash");
  auto after = store_->GetUser(u.id);
  EXPECT_EQ(after->failed_logins, 0);
  EXPECT_EQ(after->locked_until, "");
  EXPECT_EQ(store_->SetPassword(u.id, "").code(), StatusCode::kInvalidInput);
  EXPECT_EQ(store_->SetPassword(999, "h").code(), StatusCode::kNotFound);
  EXPECT_EQ(*store_->PasswordHash(u.id), "new-hash");
}

TEST_P(StoreAccountTest, RecordLoginCountsFailuresAndResetsOnSuccess) {
  const UserRecord u = NewUser("alice");
  const UserRecord other = NewUser("bob");
  ASSERT_TRUE(store_->RecordLogin(u.id, false, "").ok());
  ASSERT_TRUE(store_->RecordLogin(u.id, false, "").ok());
  EXPECT_EQ(store_->GetUser(u.id)->failed_logins, 2);
  EXPECT_EQ(store_->GetUser(u.id)->locked_until, "");
  ASSERT_TRUE(store_->RecordLogin(u.id, false, "2030-01-01T00:15:00Z").ok());
  auto locked = store_->GetUser(u.id);
  EXPECT_EQ(locked->failed_logins, 3);
  EXPECT_EQ(locked->locked_until, "2030-01-01T00:15:00Z");
  EXPECT_EQ(store_->GetUser(other.id)->failed_logins, 0);  // per user
  ASSERT_TRUE(store_->RecordLogin(u.id, true, "").ok());
  auto reset = store_->GetUser(u.id);
  EXPECT_EQ(reset->failed_logins, 0);
  EXPECT_EQ(reset->locked_until, "");
  EXPECT_EQ(store_->RecordLogin(999, true, "").code(), StatusCode::kNotFound);
}

TEST_P(StoreAccountTest, TokensCreateFindListRevoke) {
  const UserRecord alice = NewUser("alice");
  const UserRecord bob = NewUser("bob");
  auto api = store_->CreateToken(alice.id, "laptop", "api", "hash-1", "");
  ASSERT_TRUE(api.ok()) << api.status().ToString();
  EXPECT_GT(api->id, 0);
  EXPECT_EQ(api->user_id, alice.id);
  EXPECT_EQ(api->name, "laptop");
  EXPECT_EQ(api->kind, "api");
  EXPECT_EQ(api->created_at.size(), 20u);
  EXPECT_EQ(api->expires_at, "");
  EXPECT_EQ(api->revoked_at, "");
  auto session = store_->CreateToken(alice.id, "session", "session", "hash-2",
                                     "2030-01-01T08:00:00Z");
  ASSERT_TRUE(session.ok());
  auto bobs = store_->CreateToken(bob.id, "ci", "api", "hash-3", "");
  ASSERT_TRUE(bobs.ok());

  auto found = store_->FindToken("hash-2");
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(found->id, session->id);
  EXPECT_EQ(found->expires_at, "2030-01-01T08:00:00Z");
  EXPECT_EQ(store_->FindToken("hash-9").status().code(), StatusCode::kNotFound);

  auto all = store_->ListTokens(std::nullopt);
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 3u);
  EXPECT_EQ((*all)[0].id, bobs->id);  // newest first
  EXPECT_EQ((*all)[2].id, api->id);
  auto mine = store_->ListTokens(alice.id);
  ASSERT_TRUE(mine.ok());
  ASSERT_EQ(mine->size(), 2u);
  EXPECT_EQ((*mine)[0].id, session->id);
  EXPECT_TRUE(store_->ListTokens(999)->empty());

  ASSERT_TRUE(store_->RevokeToken(api->id).ok());
  const std::string revoked_at = store_->FindToken("hash-1")->revoked_at;
  EXPECT_EQ(revoked_at.size(), 20u);
  // Revoking twice is fine and keeps the first time.
  ASSERT_TRUE(store_->RevokeToken(api->id).ok());
  EXPECT_EQ(store_->FindToken("hash-1")->revoked_at, revoked_at);
  EXPECT_EQ(store_->ListTokens(alice.id)->size(), 2u);  // revoked ones stay listed
  EXPECT_EQ(store_->FindToken("hash-2")->revoked_at, "");
  EXPECT_EQ(store_->RevokeToken(999).code(), StatusCode::kNotFound);
}

TEST_P(StoreAccountTest, CreateTokenRejectsBadInput) {
  const UserRecord u = NewUser("alice");
  EXPECT_EQ(store_->CreateToken(u.id, "x", "cookie", "h", "").status().code(),
            StatusCode::kInvalidInput);
  EXPECT_EQ(store_->CreateToken(u.id, "x", "api", "", "").status().code(),
            StatusCode::kInvalidInput);
  EXPECT_EQ(store_->CreateToken(999, "x", "api", "h", "").status().code(),
            StatusCode::kNotFound);
  ASSERT_TRUE(store_->CreateToken(u.id, "x", "api", "same", "").ok());
  auto dup = store_->CreateToken(u.id, "y", "api", "same", "");
  EXPECT_EQ(dup.status().code(), StatusCode::kConflict) << dup.status().ToString();
  EXPECT_EQ(store_->ListTokens(std::nullopt)->size(), 1u);
}

TEST_P(StoreAccountTest, AuditAppendsAndPagesNewestFirst) {
  EXPECT_TRUE(store_->ListAudit(10, 0)->empty());
  for (int i = 0; i < 5; ++i) {
    AuditRecord e;
    e.at = "ignored";  // set by the store
    e.user_id = i;
    e.user_name = "user" + std::to_string(i);
    e.action = "scenario.create";
    e.target = "scenario " + std::to_string(i);
    e.detail_json = i == 0 ? "" : R"({"n":)" + std::to_string(i) + "}";
    ASSERT_TRUE(store_->AppendAudit(e).ok());
  }
  auto all = store_->ListAudit(100, 0);
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 5u);
  std::set<std::int64_t> ids;
  for (std::size_t k = 0; k < all->size(); ++k) {
    const AuditRecord& e = (*all)[k];
    const int i = 4 - static_cast<int>(k);
    EXPECT_EQ(e.user_id, i);
    EXPECT_EQ(e.user_name, "user" + std::to_string(i));
    EXPECT_EQ(e.action, "scenario.create");
    EXPECT_EQ(e.target, "scenario " + std::to_string(i));
    EXPECT_EQ(e.detail_json, i == 0 ? "" : R"({"n":)" + std::to_string(i) + "}");
    EXPECT_EQ(e.at.size(), 20u);
    EXPECT_NE(e.at, "ignored");
    ids.insert(e.id);
  }
  EXPECT_EQ(ids.size(), 5u);
  EXPECT_GT((*all)[0].id, (*all)[4].id);
  auto page = store_->ListAudit(2, 1);
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->size(), 2u);
  EXPECT_EQ((*page)[0].id, (*all)[1].id);
  EXPECT_EQ((*page)[1].id, (*all)[2].id);
  EXPECT_TRUE(store_->ListAudit(10, 5)->empty());
  EXPECT_TRUE(store_->ListAudit(0, 0)->empty());
  EXPECT_EQ(store_->ListAudit(-1, 0).status().code(), StatusCode::kInvalidInput);
  EXPECT_EQ(store_->ListAudit(1, -1).status().code(), StatusCode::kInvalidInput);
  EXPECT_EQ(store_->AppendAudit(AuditRecord{}).code(), StatusCode::kInvalidInput);
  EXPECT_EQ(store_->ListAudit(100, 0)->size(), 5u);
}

TEST_P(StoreAccountTest, OwnersRoundTripOnScenariosAndRuns) {
  const UserRecord u = NewUser("alice");
  auto mine = store_->CreateScenario(dataset_id_, "mine", "x = 1\n", u.id);
  ASSERT_TRUE(mine.ok());
  EXPECT_EQ(mine->owner_id, u.id);
  EXPECT_EQ(store_->GetScenario(mine->id)->owner_id, u.id);
  auto local = store_->CreateScenario(dataset_id_, "local", "x = 2\n");
  ASSERT_TRUE(local.ok());
  EXPECT_EQ(local->owner_id, 0);
  // Editing keeps the owner.
  ASSERT_TRUE(store_->UpdateScenario(mine->id, "mine2", "x = 3\n").ok());
  EXPECT_EQ(store_->GetScenario(mine->id)->owner_id, u.id);
  EXPECT_EQ(store_->ListScenarios(dataset_id_)->front().owner_id, u.id);

  RunRecord r;
  r.kind = "solve";
  r.dataset_id = dataset_id_;
  r.options_json = "{}";
  r.owner_id = u.id;
  auto run = store_->CreateRun(r);
  ASSERT_TRUE(run.ok());
  EXPECT_EQ(run->owner_id, u.id);
  ASSERT_TRUE(store_->MarkRunning(run->id).ok());
  ASSERT_TRUE(store_->FinishRun(run->id, {"{}", {}}, 1).ok());
  EXPECT_EQ(store_->GetRun(run->id)->owner_id, u.id);
  EXPECT_EQ(store_->ListRuns(10, 0)->front().owner_id, u.id);
  EXPECT_EQ(NewRun().owner_id, 0);
}

INSTANTIATE_TEST_SUITE_P(Sqlite, StoreAccountTest, ::testing::Values(Backend::kSqlite),
                         BackendName);
#ifdef CORRIDOR_HAVE_POSTGRESQL
INSTANTIATE_TEST_SUITE_P(Postgres, StoreAccountTest, ::testing::Values(Backend::kPostgres),
                         BackendName);
#endif

}  // namespace
}  // namespace corridor::store
