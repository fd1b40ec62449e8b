// ScenarioReader: the countries of a scenario, each with its alliances, its own regime and
// its networks (an inventory to read, or one to generate from the country's profile).

#include <fmt/format.h>

#include <algorithm>
#include <limits>

#include "alliance/scenario_reader.h"
#include "gen/generate.h"
#include "util/files.h"
#include "util/text.h"

namespace netvet::alliance {
namespace {

policy::Location location_of(const YAML::Node& node) {
  const YAML::Mark mark = node.Mark();
  if (mark.is_null()) return {};
  return {mark.line + 1, mark.column + 1};
}

}  // namespace

void ScenarioReader::read_countries(const YAML::Node& root) {
  const YAML::Node list = root["countries"];
  if (!list) return problem(root, "countries", "missing required key 'countries'");
  if (!list.IsSequence() || list.size() == 0)
    return problem(list, "countries", "'countries' must be a list of at least one country ({code, alliances, regime, networks})");
  for (const auto& node : list) {
    auto country = read_country(node);
    if (!country) continue;
    if (std::ranges::find(scenario_.countries, country->code, &CountrySpec::code) != scenario_.countries.end()) {
      problem(node["code"], "code", fmt::format("country {} is listed twice", netvet::name_of(country->code)));
      continue;
    }
    scenario_.countries.push_back(std::move(*country));
  }
}

std::optional<CountrySpec> ScenarioReader::read_country(const YAML::Node& node) {
  if (!is_map(node, "countries", "a country")) return std::nullopt;
  const std::size_t problems_before = problems_.size();
  check_keys(node, {"code", "name", "alliances", "regime", "networks"}, "a country");
  CountrySpec country;
  country.at = location_of(node);
  country.code = country_code(node, "code", true).value_or(kNoCountry);
  country.name = text(node, "name", false).value_or("");
  for (const auto& [alliance, at] : items(node, "alliances", false)) {
    if (!policy::is_alliance_name(alliance))
      problem(at, "alliances", fmt::format("alliance '{}' must be lowercase letters, digits and '-' (as in five-eyes)", alliance));
    else if (std::ranges::find(country.alliances, alliance) == country.alliances.end())
      country.alliances.push_back(alliance);
  }
  country.regime = read_packs(node, "regime", PackRole::regime, false);
  const YAML::Node networks = node["networks"];
  if (!networks) {
    problem(node, "networks", "missing required key 'networks' (one or more: {inventory: PATH} or {generate: {sites: N, seed: S}})");
  } else if (!networks.IsSequence() || networks.size() == 0) {
    problem(networks, "networks", "'networks' must be a list of at least one network ({inventory: PATH} or {generate: {sites: N, seed: S}})");
  } else {
    for (const auto& entry : networks)
      if (auto network = read_network(entry, country)) {
        // Reports name a network by its name, and what clears a facility is matched by it.
        const bool taken = std::ranges::any_of(country.networks, [&](const NetworkSpec& n) { return n.name == network->name; });
        if (taken)
          problem(entry, "networks",
                  fmt::format("two networks of {} are called '{}': give one a `name` of its own", netvet::name_of(country.code),
                              network->name));
        else
          country.networks.push_back(std::move(*network));
      }
  }
  if (problems_.size() != problems_before) return std::nullopt;
  if (country.name.empty()) {
    // The profile's name when there is one (United Kingdom), else the code.
    const auto profile = gen::builtin_profile(netvet::name_of(country.code));
    country.name = profile ? profile->name : std::string(netvet::name_of(country.code));
  }
  return country;
}

std::optional<NetworkSpec> ScenarioReader::read_network(const YAML::Node& node, const CountrySpec& country) {
  if (!is_map(node, "networks", "a network ({inventory: PATH} or {generate: {sites: N, seed: S}})")) return std::nullopt;
  const std::size_t problems_before = problems_.size();
  check_keys(node, {"inventory", "generate", "name"}, "a network");
  NetworkSpec network;
  network.at = location_of(node);
  const bool inventory = static_cast<bool>(node["inventory"]), generated = static_cast<bool>(node["generate"]);
  if (inventory == generated) {
    problem(node, "networks", inventory ? "a network is an inventory or a generated network, not both"
                                        : "a network needs 'inventory: PATH' or 'generate: {sites: N, seed: S}'");
    return std::nullopt;
  }
  if (inventory) {
    if (const auto written = text(node, "inventory", true)) {
      const std::filesystem::path path = base_ / *written;
      switch (path_kind(path)) {
        case PathKind::missing:
          problem(node["inventory"], "inventory",
                  fmt::format("no inventory at '{}' (looked for {}): expected a CSV folder or a JSON file, relative to "
                              "the scenario file", *written, path.string()));
          break;
        case PathKind::other:
          problem(node["inventory"], "inventory",
                  fmt::format("'{}' is neither a file nor a folder (a FIFO, device or socket): expected a CSV folder or "
                              "a JSON file", *written));
          break;
        case PathKind::file:
        case PathKind::folder: break;
      }
      network.source = InventoryNetwork{path, *written};
      network.name = *written;
    }
  } else if (const YAML::Node spec = node["generate"]; is_map(spec, "generate", "'generate' ({sites: N, seed: S})")) {
    check_keys(spec, {"sites", "seed"}, "'generate'");
    GeneratedNetwork generate;
    generate.country = std::string(netvet::name_of(country.code));
    generate.sites = whole_number(spec, "sites", 1, kMaxGeneratedSites).value_or(0);
    if (spec["seed"]) generate.seed = whole_number(spec, "seed", 0, std::numeric_limits<std::uint64_t>::max()).value_or(1);
    const auto profiles = gen::available_countries();
    if (country.code != kNoCountry && std::ranges::find(profiles, generate.country) == profiles.end()) {
      problem(node["generate"], "generate",
              fmt::format("no country profile for {} to generate a network from: profiles exist for {} "
                          "(data/profiles/); give an inventory instead", generate.country, join_or(profiles)));
    }
    network.name = fmt::format("generated, {} sites, seed {}", generate.sites, generate.seed);
    network.source = std::move(generate);
  }
  if (const auto name = text(node, "name", false)) network.name = *name;
  if (problems_.size() != problems_before) return std::nullopt;
  return network;
}

}  // namespace netvet::alliance
