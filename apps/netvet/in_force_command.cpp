// netvet in-force show|set: the service's policies in force (docs/service.md), offline
// against its store as `netvet token` is — the packs every submission is assessed against
// and as of which date. Each change is a new version, written to the audit log as the
// local user; `PUT /v1/policies` does the same through the service.

#include <fmt/format.h>

#include <iostream>
#include <memory>

#include "command.h"
#include "policy_input.h"
#include "server/policies_in_force.h"
#include "store_input.h"

namespace netvet::cli {
namespace {

struct InForceArgs {
  std::string store = kDefaultStore;
  std::vector<std::string> packs;
  std::string as_of = "submission";
};

void print_policies(const store::PoliciesInForce& policies) {
  std::string ids;
  for (const auto& id : policies.packs) ids += (ids.empty() ? "" : ",") + id;
  std::cout << fmt::format("version  {}\npolicies {}\nas_of    {}\nset      {} by {} ({}), audit entry {}\n",
                           policies.version, ids.empty() ? "none" : ids, policies.as_of, policies.set_at,
                           policies.set_by, policies.set_by_name, policies.audit_index);
}

int run_show(const InForceArgs& args) {
  auto db = open_store_for_cli(args.store);
  if (!db) return kBadInput;
  auto policies = db->policies_in_force(command_line_caller());
  if (!policies) {
    std::cerr << "netvet in-force show: " << policies.error().front().to_string() << "\n";
    return kInternal;
  }
  if (!policies->has_value()) {
    std::cerr << fmt::format("No policies in force in {}: submissions are stored, not assessed. `netvet in-force "
                             "set PACK...` sets them\n",
                             db->describe());
    return kOk;
  }
  print_policies(**policies);
  return kOk;
}

int run_set(const InForceArgs& args) {
  auto wanted = server::policies_named(args.packs, args.as_of);
  if (!wanted) {
    print_problems(wanted.error());
    return kBadInput;
  }
  auto db = open_store_for_cli(args.store);
  if (!db) return kBadInput;
  auto set = db->set_policies(command_line_caller(), *wanted);
  if (!set) {
    std::cerr << "netvet in-force set: " << set.error().front().to_string() << "\n";
    return kInternal;
  }
  print_policies(*set);
  std::cerr << (set->packs.empty()
                    ? std::string("No policies in force from now on: submissions are stored, not assessed\n")
                    : std::string("Every submission from now on is assessed under these; each operator's earlier "
                                  "status reads as stale until its next submission or the service's next start\n"));
  return kOk;
}

}  // namespace

void add_in_force(CLI::App& app, Run& run) {
  auto args = std::make_shared<InForceArgs>();
  auto* cmd = app.add_subcommand("in-force", "The service's policies in force: show them, or set them (admins)");
  cmd->require_subcommand(1);

  auto* show = cmd->add_subcommand("show", "The packs in force, as of which date, the version, when and by whom set");
  add_store_option(*show, args->store);
  show->callback([args, &run] { run = [args] { return run_show(*args); }; });

  auto* set = cmd->add_subcommand("set", "Set the packs every submission is assessed against (a new version, audited)");
  add_store_option(*set, args->store);
  set->add_option("packs", args->packs, "Built-in pack ids (`netvet policies` lists them); none: no policies in force");
  set->add_option("--as-of", args->as_of,
                  "The date assessments are made as of: submission (the day it was received), today, or YYYY-MM-DD")
      ->capture_default_str();
  set->callback([args, &run] { run = [args] { return run_set(*args); }; });
}

}  // namespace netvet::cli
