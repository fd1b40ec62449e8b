// netvet token create|list|revoke: the service's tokens (shared/spec/service.md). A token
// is shown once, when it is made; the store keeps only its hash. Each change is written
// to the audit log as the local user.

#include <fmt/format.h>

#include <iostream>
#include <memory>

#include "command.h"
#include "store/tokens.h"
#include "store_input.h"
#include "util/date.h"

namespace netvet::cli {
namespace {

struct TokenArgs {
  std::string store = kDefaultStore;
  std::string name, role, operator_id, expires, id;
};

int run_create(const TokenArgs& args) {
  const auto role = store::parse_role(args.role);
  if (!role) {
    std::cerr << fmt::format("netvet token create: --role '{}' is not a role; expected admin, analyst, agency or "
                             "operator\n",
                             args.role);
    return kBadInput;
  }
  if ((*role == store::Role::operator_) == args.operator_id.empty()) {
    std::cerr << (args.operator_id.empty()
                      ? "netvet token create: --role operator needs --operator ID, the operator it submits for\n"
                      : fmt::format("netvet token create: --operator is for --role operator only, not {}\n",
                                    args.role));
    return kBadInput;
  }
  Date expires = kNoDate;
  if (!args.expires.empty()) {
    const auto date = parse_date(args.expires);
    if (!date) {
      std::cerr << fmt::format("netvet token create: --expires '{}' is not a date: {}\n", args.expires,
                               date_problem(args.expires));
      return kBadInput;
    }
    if (*date < today()) {
      std::cerr << fmt::format("netvet token create: --expires {} is in the past\n", args.expires);
      return kBadInput;
    }
    expires = *date;
  }
  auto db = open_store_for_cli(args.store);
  if (!db) return kBadInput;
  const auto issued = store::issue_token(args.name, *role, args.operator_id, expires);
  if (auto added = db->add_token(command_line_caller(), issued.record); !added) {
    std::cerr << "netvet token create: " << added.error().front().to_string() << "\n";
    return kInternal;
  }
  std::cerr << fmt::format("Token {} for {} ({}{}), {}. It is shown once; keep it secret:\n", issued.record.id,
                           args.name, args.role, args.operator_id.empty() ? "" : " of " + args.operator_id,
                           args.expires.empty() ? "valid until revoked" : "valid through " + args.expires);
  std::cout << issued.text << "\n";
  return kOk;
}

int run_list(const TokenArgs& args) {
  auto db = open_store_for_cli(args.store);
  if (!db) return kBadInput;
  auto tokens = db->tokens(command_line_caller());
  if (!tokens) {
    std::cerr << "netvet token list: " << tokens.error().front().to_string() << "\n";
    return kInternal;
  }
  const Date now = today();
  std::cout << fmt::format("{:<19} {:<24} {:<9} {:<16} {:<10} {}\n", "ID", "NAME", "ROLE", "OPERATOR", "EXPIRES",
                           "STATE");
  for (const auto& token : *tokens) {
    std::string state = "valid";
    if (!token.revoked.empty()) {
      state = "revoked " + token.revoked;
    } else if (const auto last = parse_date(token.expires); last && now > *last) {
      state = "expired";
    }
    std::cout << fmt::format("{:<19} {:<24} {:<9} {:<16} {:<10} {}\n", token.id, token.name, to_string(token.role),
                             token.operator_id.empty() ? "-" : token.operator_id,
                             token.expires.empty() ? "never" : token.expires, state);
  }
  std::cerr << fmt::format("{} token{} in {}\n", tokens->size(), tokens->size() == 1 ? "" : "s", db->describe());
  return kOk;
}

int run_revoke(const TokenArgs& args) {
  auto db = open_store_for_cli(args.store);
  if (!db) return kBadInput;
  auto revoked = db->revoke_token(command_line_caller(), args.id);
  if (!revoked) {
    std::cerr << "netvet token revoke: " << revoked.error().front().to_string() << "\n";
    return kInternal;
  }
  if (!*revoked) {
    std::cerr << fmt::format("netvet token revoke: no valid token {} in {} (unknown, or revoked already)\n", args.id,
                             db->describe());
    return kBadInput;
  }
  std::cerr << fmt::format("Revoked token {}: every serve process refuses it within a second\n", args.id);
  return kOk;
}

}  // namespace

void add_token(CLI::App& app, Run& run) {
  auto args = std::make_shared<TokenArgs>();
  auto* cmd = app.add_subcommand("token", "The service's tokens: create (shown once), list, revoke");
  cmd->require_subcommand(1);

  auto* create = cmd->add_subcommand("create", "Make a token for one person or service and print it once");
  add_store_option(*create, args->store);
  create->add_option("--name", args->name, "Who holds it: a person or a service, never a team")->required();
  create->add_option("--role", args->role, "admin, analyst, agency or operator")->required();
  create->add_option("--operator", args->operator_id, "For --role operator: the operator id it submits for");
  create->add_option("--expires", args->expires, "Last day it is valid (YYYY-MM-DD; default: until revoked)");
  create->callback([args, &run] { run = [args] { return run_create(*args); }; });

  auto* list = cmd->add_subcommand("list", "Every token: id, holder, role, operator, expiry and state (no secrets)");
  add_store_option(*list, args->store);
  list->callback([args, &run] { run = [args] { return run_list(*args); }; });

  auto* revoke = cmd->add_subcommand("revoke", "Refuse a token from now on");
  add_store_option(*revoke, args->store);
  revoke->add_option("id", args->id, "The token's id (t-...), as `netvet token list` shows it")->required();
  revoke->callback([args, &run] { run = [args] { return run_revoke(*args); }; });
}

}  // namespace netvet::cli
