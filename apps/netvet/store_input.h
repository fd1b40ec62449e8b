#pragma once
// The store the service commands work on (--store), opened and brought to the newest
// schema, and who the command line acts as in its audit log.

#include <CLI/CLI.hpp>

#include <memory>
#include <string>

#include "store/store.h"

namespace netvet::cli {

inline constexpr const char* kDefaultStore = "sqlite:netvet.db";

void add_store_option(CLI::App& command, std::string& store);

// The store `url` names, migrated; nothing (problems printed on stderr) when it cannot be.
std::unique_ptr<store::Store> open_store_for_cli(const std::string& url);

// The command line as an audit log's actor: an admin, "cli", named after the local user.
store::Caller command_line_caller();

}  // namespace netvet::cli
