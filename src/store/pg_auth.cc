// The PostgreSQL store's accounts: users, tokens and the audit trail (store.h).
#include "core/clock.h"
#include "store/pg_internal.h"

namespace corridor::store {
using pg_internal::CheckTexts;
}

namespace corridor::store {
namespace {

using pg_internal::ReadAudit;
using pg_internal::ReadToken;
using pg_internal::ReadUser;
using pg_internal::Select;
using rows::kAuditColumns;
using rows::kTokenColumns;
using rows::kUserColumns;

Result<UserRecord> LoadUser(pqxx::work& txn, std::int64_t id) {
  auto rows = txn.exec_params(Select(kUserColumns, "FROM users WHERE id = $1"), id);
  if (rows.empty()) return NotFound("user " + std::to_string(id) + " not found");
  return ReadUser(rows[0]);
}

// NotFound unless user `id` exists (and locks its row until the transaction ends).
Status LockUser(pqxx::work& txn, std::int64_t id) {
  if (txn.exec_params("SELECT 1 FROM users WHERE id = $1 FOR UPDATE", id).empty()) {
    return NotFound("user " + std::to_string(id) + " not found");
  }
  return Status::Ok();
}

}  // namespace

Result<UserRecord> PgStore::CreateUser(const std::string& name, Role role,
                                       const std::string& password_hash) {
  if (name.empty()) return InvalidInput("a user needs a name");
  if (password_hash.empty()) return InvalidInput("user '" + name + "' needs a password hash");
  if (auto st = CheckTexts("user '" + name + "'", {name, password_hash}); !st.ok()) return st;
  return impl_->Tx("create user '" + name + "'", [&](pqxx::work& txn) -> Result<UserRecord> {
    // ON CONFLICT also covers another server creating the same name meanwhile.
    auto rows = txn.exec_params(
        "INSERT INTO users (name, role, password_hash, created_at) VALUES ($1, $2, $3, $4) "
        "ON CONFLICT (name) DO NOTHING RETURNING id",
        name, RoleName(role), password_hash, NowUtcIso8601());
    if (rows.empty()) return Conflict("user '" + name + "' exists");
    return LoadUser(txn, rows[0][0].as<std::int64_t>());
  });
}

Result<std::vector<UserRecord>> PgStore::ListUsers() {
  return impl_->Tx("listing users", [&](pqxx::work& txn) -> Result<std::vector<UserRecord>> {
    std::vector<UserRecord> users;
    for (const auto& row : txn.exec(Select(kUserColumns, "FROM users ORDER BY id"))) {
      auto u = ReadUser(row);
      if (!u.ok()) return u.status();
      users.push_back(std::move(u).value());
    }
    return users;
  });
}

Result<UserRecord> PgStore::GetUser(std::int64_t id) {
  return impl_->Tx("reading user " + std::to_string(id),
                   [&](pqxx::work& txn) { return LoadUser(txn, id); });
}

Result<UserRecord> PgStore::FindUser(const std::string& name) {
  if (auto st = CheckTexts("user '" + name + "'", {name}); !st.ok()) return st;
  return impl_->Tx("reading user '" + name + "'", [&](pqxx::work& txn) -> Result<UserRecord> {
    auto rows = txn.exec_params(Select(kUserColumns, "FROM users WHERE name = $1"), name);
    if (rows.empty()) return NotFound("user '" + name + "' not found");
    return ReadUser(rows[0]);
  });
}

Result<std::string> PgStore::PasswordHash(std::int64_t user_id) {
  return impl_->Tx("reading a password hash", [&](pqxx::work& txn) -> Result<std::string> {
    auto rows = txn.exec_params("SELECT password_hash FROM users WHERE id = $1", user_id);
    if (rows.empty()) return NotFound("user " + std::to_string(user_id) + " not found");
    return rows[0][0].as<std::string>();
  });
}

Status PgStore::SetPassword(std::int64_t user_id, const std::string& password_hash) {
  if (password_hash.empty()) return InvalidInput("an empty password hash");
  if (auto st = CheckTexts("a password hash", {password_hash}); !st.ok()) return st;
  return impl_->Tx("set a password", [&](pqxx::work& txn) -> Status {
    if (auto st = LockUser(txn, user_id); !st.ok()) return st;
    txn.exec_params0(
        "UPDATE users SET password_hash = $1, failed_logins = 0, locked_until = '' WHERE id = $2",
        password_hash, user_id);
    return Status::Ok();
  });
}

Status PgStore::SetRole(std::int64_t user_id, Role role) {
  return impl_->Tx("set a role", [&](pqxx::work& txn) -> Status {
    if (auto st = LockUser(txn, user_id); !st.ok()) return st;
    txn.exec_params0("UPDATE users SET role = $1 WHERE id = $2", RoleName(role), user_id);
    return Status::Ok();
  });
}

Status PgStore::RecordLogin(std::int64_t user_id, bool success, const std::string& locked_until) {
  if (auto st = CheckTexts("a login", {locked_until}); !st.ok()) return st;
  return impl_->Tx("record a login", [&](pqxx::work& txn) -> Status {
    if (auto st = LockUser(txn, user_id); !st.ok()) return st;
    if (success) {
      txn.exec_params0("UPDATE users SET failed_logins = 0, locked_until = '' WHERE id = $1",
                       user_id);
    } else {
      txn.exec_params0(
          "UPDATE users SET failed_logins = failed_logins + 1, locked_until = $1 WHERE id = $2",
          locked_until, user_id);
    }
    return Status::Ok();
  });
}

Result<TokenRecord> PgStore::CreateToken(std::int64_t user_id, const std::string& name,
                                         const std::string& kind, const std::string& token_hash,
                                         const std::string& expires_at) {
  if (kind != "api" && kind != "session") return InvalidInput("token kind '" + kind + "'");
  if (token_hash.empty()) return InvalidInput("a token needs its hash");
  if (auto st = CheckTexts("a token", {name, token_hash, expires_at}); !st.ok()) return st;
  return impl_->Tx("create a token for user " + std::to_string(user_id),
                   [&](pqxx::work& txn) -> Result<TokenRecord> {
    if (auto st = LockUser(txn, user_id); !st.ok()) return st;
    auto rows = txn.exec_params(
        "INSERT INTO tokens (user_id, name, kind, token_hash, created_at, expires_at) "
        "VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (token_hash) DO NOTHING RETURNING " +
            std::string(kTokenColumns),
        user_id, name, kind, token_hash, NowUtcIso8601(), expires_at);
    if (rows.empty()) return Conflict("a token with this hash exists");
    return ReadToken(rows[0]);
  });
}

Result<std::vector<TokenRecord>> PgStore::ListTokens(std::optional<std::int64_t> user_id) {
  return impl_->Tx("listing tokens", [&](pqxx::work& txn) {
    auto rows = user_id ? txn.exec_params(Select(kTokenColumns,
                                                 "FROM tokens WHERE user_id = $1 ORDER BY id DESC"),
                                          *user_id)
                        : txn.exec(Select(kTokenColumns, "FROM tokens ORDER BY id DESC"));
    std::vector<TokenRecord> tokens;
    for (const auto& row : rows) tokens.push_back(ReadToken(row));
    return Result<std::vector<TokenRecord>>(std::move(tokens));
  });
}

Result<TokenRecord> PgStore::FindToken(const std::string& token_hash) {
  if (auto st = CheckTexts("a token", {token_hash}); !st.ok()) return st;
  return impl_->Tx("reading a token", [&](pqxx::work& txn) -> Result<TokenRecord> {
    auto rows =
        txn.exec_params(Select(kTokenColumns, "FROM tokens WHERE token_hash = $1"), token_hash);
    if (rows.empty()) return NotFound("unknown token");
    return ReadToken(rows[0]);
  });
}

Status PgStore::RevokeToken(std::int64_t token_id) {
  return impl_->Tx("revoke token " + std::to_string(token_id), [&](pqxx::work& txn) -> Status {
    if (txn.exec_params("SELECT 1 FROM tokens WHERE id = $1", token_id).empty()) {
      return NotFound("token " + std::to_string(token_id) + " not found");
    }
    txn.exec_params0("UPDATE tokens SET revoked_at = $1 WHERE id = $2 AND revoked_at = ''",
                     NowUtcIso8601(), token_id);
    return Status::Ok();
  });
}

Status PgStore::AppendAudit(const AuditRecord& e) {
  if (e.action.empty()) return InvalidInput("an audit entry needs an action");
  if (auto st = CheckTexts("an audit entry",
                           {e.user_name, e.action, e.target, e.detail_json});
      !st.ok()) {
    return st;
  }
  return impl_->Tx("append to the audit trail", [&](pqxx::work& txn) -> Status {
    txn.exec_params0(
        "INSERT INTO audit (at, user_id, user_name, action, target, detail_json) "
        "VALUES ($1, $2, $3, $4, $5, $6)",
        NowUtcIso8601(), e.user_id, e.user_name, e.action, e.target, e.detail_json);
    return Status::Ok();
  });
}

Result<std::vector<AuditRecord>> PgStore::ListAudit(int limit, int offset) {
  if (limit < 0 || offset < 0) return InvalidInput("limit and offset must be >= 0");
  return impl_->Tx("listing the audit trail", [&](pqxx::work& txn) {
    std::vector<AuditRecord> entries;
    for (const auto& row :
         txn.exec_params(Select(kAuditColumns, "FROM audit ORDER BY id DESC LIMIT $1 OFFSET $2"),
                         limit, offset)) {
      entries.push_back(ReadAudit(row));
    }
    return Result<std::vector<AuditRecord>>(std::move(entries));
  });
}

}  // namespace corridor::store
