#include "cli/users.h"

#include <CLI/CLI.hpp>

#include <istream>
#include <ostream>
#include <string>

#include "auth/auth.h"
#include "cli/cli.h"
#include "store/store.h"

namespace corridor::cli {

struct UsersCommand::Flags {
  std::string db = "corridor.db";
  std::string name, role, label = "cli";
  std::int64_t token_id = 0;
  CLI::App *add = nullptr, *list = nullptr, *set_role = nullptr, *passwd = nullptr,
           *token = nullptr, *tokens = nullptr, *revoke = nullptr;
};

UsersCommand::UsersCommand(CLI::App& app) : flags_(std::make_unique<Flags>()) {
  Flags& f = *flags_;
  cmd_ = app.add_subcommand("users", "accounts of a team server (corridor serve --auth accounts): "
                                     "users, roles and API tokens");
  cmd_->require_subcommand(1);
  cmd_->add_option("--db", f.db, "the store: a SQLite file or postgresql://... [default: corridor.db]");
  const auto role_check = CLI::IsMember({"viewer", "planner", "admin"});
  f.add = cmd_->add_subcommand("add", "add a user; the password is read from standard input");
  f.add->add_option("NAME", f.name, "user name")->required();
  f.add->add_option("--role", f.role, "viewer, planner or admin")->required()->check(role_check);
  f.list = cmd_->add_subcommand("list", "list the users");
  f.set_role = cmd_->add_subcommand("role", "change a user's role");
  f.set_role->add_option("NAME", f.name, "user name")->required();
  f.set_role->add_option("ROLE", f.role, "viewer, planner or admin")->required()->check(role_check);
  f.passwd = cmd_->add_subcommand("passwd", "set a user's password (read from standard input)");
  f.passwd->add_option("NAME", f.name, "user name")->required();
  f.token = cmd_->add_subcommand("token", "create an API token for a user and print it once");
  f.token->add_option("NAME", f.name, "user name")->required();
  f.token->add_option("--label", f.label, "what the token is for [default: cli]");
  f.tokens = cmd_->add_subcommand("tokens", "list the tokens (never their secrets)");
  f.revoke = cmd_->add_subcommand("revoke", "revoke a token by its id");
  f.revoke->add_option("TOKEN_ID", f.token_id, "the id `corridor users tokens` lists")->required();
  // --db may follow the subcommand: `corridor users add ana --role admin --db F`.
  for (CLI::App* sub : {f.add, f.list, f.set_role, f.passwd, f.token, f.tokens, f.revoke}) sub->fallthrough();
}

UsersCommand::~UsersCommand() = default;
bool UsersCommand::parsed() const { return cmd_->parsed(); }

namespace {

int Fail(std::ostream& err, const Status& s) {
  err << "corridor users: " << s.message() << '\n';
  return ExitFor(s);
}

// One line from `in`, without its newline; InvalidInput when there is none.
Result<std::string> ReadPassword(std::istream& in) {
  std::string line;
  if (!std::getline(in, line)) return InvalidInput("no password on standard input");
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

}  // namespace

int UsersCommand::Run(std::istream& in, std::ostream& out, std::ostream& err) {
  Flags& f = *flags_;
  auto opened = store::Store::Open(f.db);
  if (!opened.ok()) return Fail(err, opened.status());
  store::Store& store = **opened;
  const auto audit = [&](const std::string& action, const std::string& target) {
    (void)store.AppendAudit({0, "", 0, "cli", action, target, ""});
  };
  if (f.list->parsed()) {
    auto users = store.ListUsers();
    if (!users.ok()) return Fail(err, users.status());
    out << "id\tname\trole\tcreated_at\tlocked_until\n";
    for (const auto& u : *users) {
      out << u.id << '\t' << u.name << '\t' << store::RoleName(u.role) << '\t' << u.created_at
          << '\t' << u.locked_until << '\n';
    }
    return kExitOk;
  }
  if (f.tokens->parsed()) {
    auto tokens = store.ListTokens(std::nullopt);
    if (!tokens.ok()) return Fail(err, tokens.status());
    out << "id\tuser_id\tkind\tname\tcreated_at\texpires_at\trevoked_at\n";
    for (const auto& t : *tokens) {
      out << t.id << '\t' << t.user_id << '\t' << t.kind << '\t' << t.name << '\t' << t.created_at
          << '\t' << t.expires_at << '\t' << t.revoked_at << '\n';
    }
    return kExitOk;
  }
  if (f.revoke->parsed()) {
    if (Status s = store.RevokeToken(f.token_id); !s.ok()) return Fail(err, s);
    audit("token.revoke", "token " + std::to_string(f.token_id));
    out << "token " << f.token_id << " revoked\n";
    return kExitOk;
  }
  if (f.add->parsed()) {
    auto password = ReadPassword(in);
    if (!password.ok()) return Fail(err, password.status());
    auto hash = auth::HashPassword(*password);
    if (!hash.ok()) return Fail(err, hash.status());
    auto user = store.CreateUser(f.name, *store::ParseRole(f.role), *hash);
    if (!user.ok()) return Fail(err, user.status());
    audit("user.create", "user " + std::to_string(user->id));
    out << "user " << user->name << " (" << f.role << ") added, id " << user->id << '\n';
    return kExitOk;
  }
  auto user = store.FindUser(f.name);
  if (!user.ok()) return Fail(err, user.status());
  if (f.set_role->parsed()) {
    if (Status s = store.SetRole(user->id, *store::ParseRole(f.role)); !s.ok()) return Fail(err, s);
    audit("user.role", "user " + std::to_string(user->id));
    out << "user " << f.name << " is now " << f.role << '\n';
    return kExitOk;
  }
  if (f.passwd->parsed()) {
    auto password = ReadPassword(in);
    if (!password.ok()) return Fail(err, password.status());
    auto hash = auth::HashPassword(*password);
    if (!hash.ok()) return Fail(err, hash.status());
    if (Status s = store.SetPassword(user->id, *hash); !s.ok()) return Fail(err, s);
    audit("user.password", "user " + std::to_string(user->id));
    out << "password of " << f.name << " set\n";
    return kExitOk;
  }
  const std::string secret = auth::NewSecret();
  auto token = store.CreateToken(user->id, f.label, "api", auth::SecretHash(secret), "");
  if (!token.ok()) return Fail(err, token.status());
  audit("token.create", "token " + std::to_string(token->id));
  err << "token " << token->id << " for " << f.name << " (shown once; send it as "
      << "'Authorization: Bearer <token>'):\n";
  out << secret << '\n';
  return kExitOk;
}

}  // namespace corridor::cli
