#include "store_input.h"

#include <pwd.h>
#include <unistd.h>

#include "policy_input.h"

namespace netvet::cli {

void add_store_option(CLI::App& command, std::string& store) {
  command.add_option("--store", store, "The service's store: sqlite:PATH or postgresql://[user@]host[:port]/database")
      ->default_str(kDefaultStore);
}

std::unique_ptr<store::Store> open_store_for_cli(const std::string& url) {
  auto opened = store::open_store(url, {.connections = 1, .without_operator_filter = false});
  if (!opened) {
    print_problems(opened.error());
    return nullptr;
  }
  if (auto migrated = (*opened)->migrate(); !migrated) {
    print_problems(migrated.error());
    return nullptr;
  }
  return std::move(*opened);
}

store::Caller command_line_caller() {
  const passwd* user = getpwuid(geteuid());
  return {.role = store::Role::admin,
          .operator_id = {},
          .actor_id = "cli",
          .actor_name = user != nullptr ? std::string(user->pw_name) : std::to_string(geteuid())};
}

}  // namespace netvet::cli
