// The SQLite store's accounts: users, tokens and the audit trail (store.h).
#include "store/sqlite_internal.h"

namespace corridor::store {

Result<UserRecord> SqliteStore::CreateUser(const std::string& name, Role role,
                                           const std::string& password_hash) {
  if (name.empty()) return InvalidInput("a user needs a name");
  if (password_hash.empty()) return InvalidInput("user '" + name + "' needs a password hash");
  Impl& db = *impl_;
  const std::string what = "create user '" + name + "'";
  return db.Write(what, [&]() -> Result<UserRecord> {
    auto taken = db.QueryInt("SELECT count(*) FROM users WHERE name = ?", what, name);
    if (!taken.ok()) return taken.status();
    if (*taken > 0) return Conflict("user '" + name + "' exists");
    auto st = db.Execute(
        "INSERT INTO users (name, role, password_hash, created_at) VALUES (?, ?, ?, ?)", what,
        name, RoleName(role), password_hash, NowUtcIso8601());
    if (!st.ok()) return st;
    return db.LoadUser(sqlite3_last_insert_rowid(db.db));
  });
}

Result<std::vector<UserRecord>> SqliteStore::ListUsers() {
  std::lock_guard lock(impl_->mu);
  auto s = impl_->Prepare("SELECT " + std::string(kUserColumns) + " FROM users ORDER BY id",
                          "listing users");
  if (!s.ok()) return s.status();
  return Collect<UserRecord>(*s, ReadUser);
}

Result<UserRecord> SqliteStore::GetUser(std::int64_t id) {
  std::lock_guard lock(impl_->mu);
  return impl_->LoadUser(id);
}

Result<UserRecord> SqliteStore::FindUser(const std::string& name) {
  std::lock_guard lock(impl_->mu);
  return impl_->QueryRow<UserRecord>(
      "SELECT " + std::string(kUserColumns) + " FROM users WHERE name = ?",
      "reading user '" + name + "'", ReadUser, NotFound("user '" + name + "' not found"), name);
}

Result<std::string> SqliteStore::PasswordHash(std::int64_t user_id) {
  std::lock_guard lock(impl_->mu);
  return impl_->QueryRow<std::string>(
      "SELECT password_hash FROM users WHERE id = ?", "reading a password hash",
      [](const Stmt& s) { return s.Text(0); }, Missing("user", user_id), user_id);
}

Status SqliteStore::SetPassword(std::int64_t user_id, const std::string& password_hash) {
  if (password_hash.empty()) return InvalidInput("an empty password hash");
  Impl& db = *impl_;
  return db.Write("set a password", [&]() -> Status {
    if (auto u = db.LoadUser(user_id); !u.ok()) return u.status();
    return db.Execute("UPDATE users SET password_hash = ?, failed_logins = 0, locked_until = '' "
                      "WHERE id = ?",
                      "set a password", password_hash, user_id);
  });
}

Status SqliteStore::SetRole(std::int64_t user_id, Role role) {
  Impl& db = *impl_;
  return db.Write("set a role", [&]() -> Status {
    if (auto u = db.LoadUser(user_id); !u.ok()) return u.status();
    return db.Execute("UPDATE users SET role = ? WHERE id = ?", "set a role", RoleName(role),
                      user_id);
  });
}

Status SqliteStore::RecordLogin(std::int64_t user_id, bool success,
                                const std::string& locked_until) {
  Impl& db = *impl_;
  return db.Write("record a login", [&]() -> Status {
    if (auto u = db.LoadUser(user_id); !u.ok()) return u.status();
    if (success) {
      return db.Execute("UPDATE users SET failed_logins = 0, locked_until = '' WHERE id = ?",
                        "record a login", user_id);
    }
    return db.Execute(
        "UPDATE users SET failed_logins = failed_logins + 1, locked_until = ? WHERE id = ?",
        "record a failed login", locked_until, user_id);
  });
}

Result<TokenRecord> SqliteStore::CreateToken(std::int64_t user_id, const std::string& name,
                                             const std::string& kind,
                                             const std::string& token_hash,
                                             const std::string& expires_at) {
  if (kind != "api" && kind != "session") return InvalidInput("token kind '" + kind + "'");
  if (token_hash.empty()) return InvalidInput("a token needs its hash");
  Impl& db = *impl_;
  const std::string what = "create a token for user " + std::to_string(user_id);
  return db.Write(what, [&]() -> Result<TokenRecord> {
    if (auto u = db.LoadUser(user_id); !u.ok()) return u.status();
    auto taken = db.QueryInt("SELECT count(*) FROM tokens WHERE token_hash = ?", what, token_hash);
    if (!taken.ok()) return taken.status();
    if (*taken > 0) return Conflict("a token with this hash exists");
    auto st = db.Execute(
        "INSERT INTO tokens (user_id, name, kind, token_hash, created_at, expires_at) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        what, user_id, name, kind, token_hash, NowUtcIso8601(), expires_at);
    if (!st.ok()) return st;
    return db.QueryRow<TokenRecord>(
        "SELECT " + std::string(kTokenColumns) + " FROM tokens WHERE id = ?", what, ReadToken,
        Internal("store: the new token is missing"),
        static_cast<std::int64_t>(sqlite3_last_insert_rowid(db.db)));
  });
}

Result<std::vector<TokenRecord>> SqliteStore::ListTokens(std::optional<std::int64_t> user_id) {
  std::lock_guard lock(impl_->mu);
  auto s = impl_->Prepare("SELECT " + std::string(kTokenColumns) +
                              " FROM tokens WHERE (? IS NULL OR user_id = ?) ORDER BY id DESC",
                          "listing tokens");
  if (!s.ok()) return s.status();
  s->Bind(user_id).Bind(user_id);
  return Collect<TokenRecord>(*s, ReadToken);
}

Result<TokenRecord> SqliteStore::FindToken(const std::string& token_hash) {
  std::lock_guard lock(impl_->mu);
  return impl_->QueryRow<TokenRecord>(
      "SELECT " + std::string(kTokenColumns) + " FROM tokens WHERE token_hash = ?",
      "reading a token", ReadToken, NotFound("unknown token"), token_hash);
}

Status SqliteStore::RevokeToken(std::int64_t token_id) {
  Impl& db = *impl_;
  return db.Write("revoke token " + std::to_string(token_id), [&]() -> Status {
    auto n = db.QueryInt("SELECT count(*) FROM tokens WHERE id = ?", "revoke a token", token_id);
    if (!n.ok()) return n.status();
    if (*n == 0) return Missing("token", token_id);
    return db.Execute("UPDATE tokens SET revoked_at = ? WHERE id = ? AND revoked_at = ''",
                      "revoke a token", NowUtcIso8601(), token_id);
  });
}

Status SqliteStore::AppendAudit(const AuditRecord& e) {
  if (e.action.empty()) return InvalidInput("an audit entry needs an action");
  Impl& db = *impl_;
  return db.Write("append to the audit trail", [&]() -> Status {
    return db.Execute(
        "INSERT INTO audit (at, user_id, user_name, action, target, detail_json) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        "append to the audit trail", NowUtcIso8601(), e.user_id, e.user_name, e.action, e.target,
        e.detail_json);
  });
}

Result<std::vector<AuditRecord>> SqliteStore::ListAudit(int limit, int offset) {
  if (limit < 0 || offset < 0) return InvalidInput("limit and offset must be >= 0");
  std::lock_guard lock(impl_->mu);
  auto s = impl_->Prepare("SELECT " + std::string(kAuditColumns) +
                              " FROM audit ORDER BY id DESC LIMIT ? OFFSET ?",
                          "listing the audit trail");
  if (!s.ok()) return s.status();
  s->Bind(limit).Bind(offset);
  return Collect<AuditRecord>(*s, ReadAudit);
}

}  // namespace corridor::store
