#pragma once
// The one registry of command-line options shared by several subcommands: each declared
// once (flag, description, default), added to a subcommand by name, and listed in the
// generated reference (`netvet help-all --markdown`, docs/cli.md).

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

namespace netvet::cli {

struct CommonOptions {
  std::string format = "text";  // text | json (| the command's other formats)
  std::string output;           // empty: stdout
  bool timings = false;         // phase timings on stderr
};

// --format text|json, --output FILE, --timings.
void add_common_options(CLI::App& command, CommonOptions& options);
// The same with the formats the command offers (the first is the default).
void add_common_options(CLI::App& command, CommonOptions& options, const std::vector<std::string>& formats);
// The positional INVENTORY (a CSV folder or a JSON file).
void add_inventory_argument(CLI::App& command, std::string& path);
// --serving-radius KM (facilities without served_by are served by the cell sites that cover
// them: their range_km, or this radius for sites without one).
void add_serving_radius_option(CLI::App& command, double& radius_km);

// What the policy commands (check, timeline, and later exposure and plan) share.
struct PolicyOptions {
  std::string policy;               // "gb,eu-toolbox" or a pack file's path
  std::string as_of;                // YYYY-MM-DD; empty: today
  std::vector<std::string> params;  // [PACK.]NAME=VALUE
};

// --policy ID[,ID] (required), --as-of DATE, --param [PACK.]NAME=VALUE (repeatable).
void add_policy_options(CLI::App& command, PolicyOptions& options);

}  // namespace netvet::cli
