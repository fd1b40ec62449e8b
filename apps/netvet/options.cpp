#include "options.h"

#include <fmt/format.h>

#include <cmath>

namespace netvet::cli {

void add_common_options(CLI::App& command, CommonOptions& options) {
  add_common_options(command, options, {"text", "json"});
}

void add_common_options(CLI::App& command, CommonOptions& options, const std::vector<std::string>& formats) {
  std::string names;
  for (const auto& f : formats) names += (names.empty() ? "" : "|") + f;
  options.format = formats.front();
  command.add_option("--format", options.format,
                     formats.size() == 2 ? "Output format: text for people, json for machines"
                                         : "Output format: " + names)
      ->check(CLI::IsMember(formats))
      ->capture_default_str();
  command.add_option("--output,-o", options.output,
                     "Write the result to FILE (atomically) instead of standard output");
  command.add_flag("--timings", options.timings, "Print how long each phase took on standard error");
}

void add_inventory_argument(CLI::App& command, std::string& path) {
  command.add_option("inventory", path, "Inventory: a CSV bundle folder or a JSON document")->required();
}

void add_serving_radius_option(CLI::App& command, double& radius_km) {
  command.add_option("--serving-radius", radius_km,
                     "Facilities without served_by are served by the cell sites that cover them: by their range_km, "
                     "or within this many km for sites without one")
      ->check(CLI::Validator(
          [](std::string& text) -> std::string {
            // 0 is a radius too: only served_by lists serve then.
            double km = 0;
            if (!CLI::detail::lexical_cast(text, km) || !std::isfinite(km) || km < 0)
              return fmt::format("'{}' is not a distance in km: expected a number, 0 or more", text);
            return {};
          },
          "NONNEGATIVE"))
      ->capture_default_str();
}

void add_policy_options(CLI::App& command, PolicyOptions& options) {
  command.add_option("--policy,-p", options.policy,
                     "Policy packs: built-in ids separated by commas (gb,eu-toolbox), or a pack file's path")
      ->required();
  command.add_option("--as-of", options.as_of, "Evaluate as of this date (YYYY-MM-DD; default today)");
  command.add_option("--param", options.params,
                     "Override a pack parameter: NAME=VALUE, or PACK.NAME=VALUE for one pack (repeatable)")
      ->allow_extra_args(false);
}

}  // namespace netvet::cli
