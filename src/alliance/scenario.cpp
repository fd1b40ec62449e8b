// Where scenarios come from: a file the user names, or a built-in one (data/scenarios/,
// embedded in the binary), and how a scenario's networks are read or generated.

#include "alliance/scenario.h"

#include <fmt/format.h>

#include "alliance/scenario_reader.h"
#include "data/embedded.h"
#include "gen/generate.h"
#include "io/inventory_io.h"
#include "util/files.h"
#include "util/text.h"

namespace netvet::alliance {

Result<Scenario> parse_scenario(std::string_view text, std::string_view file, const std::filesystem::path& base) {
  return ScenarioReader(text, file, base).read();
}

Result<Scenario> load_scenario_file(const std::filesystem::path& path) {
  const auto text = read_input_file(path, path.string(), "an alliance scenario (a YAML file)", kMaxScenarioBytes);
  if (!text) return std::unexpected(text.error());
  return parse_scenario(*text, path.string(), path.parent_path());
}

std::vector<std::string> builtin_scenario_names() {
  std::vector<std::string> names;
  constexpr std::string_view kPrefix = "scenarios/", kSuffix = ".yaml";
  for (const auto& file : data::embedded_files()) {
    const std::string_view path = file.path;
    if (!path.starts_with(kPrefix) || !path.ends_with(kSuffix)) continue;
    const auto name = path.substr(kPrefix.size(), path.size() - kPrefix.size() - kSuffix.size());
    if (name.find('/') == std::string_view::npos) names.emplace_back(name);
  }
  return names;
}

Result<Scenario> builtin_scenario(std::string_view name) {
  const auto text = data::embedded(fmt::format("scenarios/{}.yaml", name));
  if (!text) {
    const auto names = builtin_scenario_names();
    const auto near = did_you_mean(name, names);
    Diagnostic d;
    d.file = "SCENARIO";
    d.value = std::string(name);
    d.message = fmt::format("no scenario file and no built-in scenario '{}'{}; built-in scenarios: {}", name,
                            near ? fmt::format(" (did you mean '{}'?)", *near) : "",
                            names.empty() ? std::string("none") : join_or(names));
    return fail(std::move(d));
  }
  // A built-in scenario generates its networks: it names no files of its own.
  return parse_scenario(*text, fmt::format("data/scenarios/{}.yaml", name), {});
}

Result<Scenario> scenario_named(std::string_view name) {
  const std::string written(name);
  const bool file = written.find('/') != std::string::npos || written.ends_with(".yaml") || written.ends_with(".yml") ||
                    path_kind(written) != PathKind::missing;
  return file ? load_scenario_file(written) : builtin_scenario(name);
}

Result<Inventory> build_network(const NetworkSpec& network) {
  if (const auto* inventory = std::get_if<InventoryNetwork>(&network.source)) return io::read_inventory(inventory->path);
  const auto& generated = std::get<GeneratedNetwork>(network.source);
  gen::GenerateOptions options;
  options.country = generated.country;
  options.sites = generated.sites;
  options.seed = generated.seed;
  return gen::generate(options);
}

}  // namespace netvet::alliance
