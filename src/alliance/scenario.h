#pragma once
// Alliance scenarios (shared/spec/alliance.md, "Scenario file"): a partner, its sharing
// packs, and the countries it shares with, each with its alliances, its own regime and
// one or more networks. This header is the alliance module's door for reading them; the
// format is documented in data/scenarios/README.md.
//
// A scenario is read once and checked completely: unknown keys, bad dates and codes,
// packs that do not exist or are of the wrong kind, inventories that are missing and
// countries without a profile to generate from are each reported with the scenario's
// file, line and column, the value and what was expected. The packs it names are loaded
// then (a problem inside a pack file is reported in that file). Its networks are only
// described: build_network() reads or generates each when it is needed.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "model/inventory.h"
#include "policy/pack.h"
#include "util/diagnostic.h"

namespace netvet::alliance {

// A network read from an inventory: a CSV folder or a JSON document.
struct InventoryNetwork {
  std::filesystem::path path;  // resolved against the scenario file's folder
  std::string written;         // as the scenario writes it
};

// A network generated from the country's profile (data/profiles/CC.yaml), as
// `netvet generate --country CC --sites N --seed S` would.
struct GeneratedNetwork {
  std::string country;  // the profile: the country's own code
  std::size_t sites = 0;
  std::uint64_t seed = 1;
};

struct NetworkSpec {
  std::string name;  // for reports: the `name` given, the inventory as written, or "generated, 2000 sites, seed 1"
  std::variant<InventoryNetwork, GeneratedNetwork> source;
  policy::Location at;  // the entry in the scenario file
};

struct CountrySpec {
  Country code = kNoCountry;
  std::string name;                    // as given, else the profile's name, else the code
  std::vector<std::string> alliances;  // lowercase names: five-eyes, nato
  std::vector<policy::Pack> regime;    // the country's own packs (regime packs), for projections
  std::vector<NetworkSpec> networks;   // at least one
  policy::Location at;
};

struct Scenario {
  std::string file;  // as given, for messages
  std::string name;
  Date as_of = kNoDate;                 // the default date (kNoDate: none given)
  Country partner = kNoCountry;         // the party that shares
  // The vendor whose equipment replaces what to_change and projections replace (a registry
  // id): an assumption, which matters only to rules that select it.
  std::string replacement = "ericsson";
  std::vector<policy::Pack> sharing;    // sharing packs whose partner is `partner`
  std::vector<CountrySpec> countries;   // at least one, each code once
};

// A scenario file is at most this long: the built-in ones are ~2 KB, and a scenario of
// megabytes is a mistake (docs/reliability.md's bounds for what users name).
inline constexpr std::size_t kMaxScenarioBytes = 1u << 20;
// A generated network has at most as many cell sites as `netvet generate` allows.
inline constexpr std::size_t kMaxGeneratedSites = 5'000'000;

// Parses scenario YAML named `file`; inventories and pack files it names are relative to
// `base` (the scenario file's folder).
Result<Scenario> parse_scenario(std::string_view text, std::string_view file, const std::filesystem::path& base);
// Reads and parses a scenario file (a regular file of at most kMaxScenarioBytes).
Result<Scenario> load_scenario_file(const std::filesystem::path& path);
// A built-in scenario (data/scenarios/NAME.yaml embedded in the binary): five-eyes-2020.
Result<Scenario> builtin_scenario(std::string_view name);
std::vector<std::string> builtin_scenario_names();
// A scenario file when `name` is one (an existing path, or one with '/' or ending in
// .yaml/.yml), else a built-in scenario.
Result<Scenario> scenario_named(std::string_view name);

// Reads or generates one network of a country. Problems of an inventory are reported in
// its own files; a generated network cannot fail but for a bad profile.
Result<Inventory> build_network(const NetworkSpec& network);

}  // namespace netvet::alliance
