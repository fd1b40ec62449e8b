#pragma once
// Internal to src/alliance: reads one scenario's YAML into a Scenario, collecting every
// problem with its file, line, column and value instead of stopping at the first.
// scenario_reader.cpp reads the head and the packs; country_reader.cpp the countries and
// their networks.

#include <filesystem>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "alliance/scenario.h"

namespace netvet::alliance {

class ScenarioReader {
 public:
  ScenarioReader(std::string_view text, std::string_view file, std::filesystem::path base);
  Result<Scenario> read();

 private:
  enum class PackRole { sharing, regime };

  // Problems: at `at` (its line and column; its value when it is a scalar).
  void problem(const YAML::Node& at, std::string_view key, std::string message);
  void check_keys(const YAML::Node& map, std::initializer_list<std::string_view> allowed, std::string_view what);
  bool is_map(const YAML::Node& node, std::string_view key, std::string_view what);

  // Values: nothing (and a problem) when absent but required, or malformed.
  std::optional<std::string> text(const YAML::Node& map, const char* key, bool required);
  std::optional<Country> country_code(const YAML::Node& map, const char* key, bool required);
  std::optional<std::uint64_t> whole_number(const YAML::Node& map, const char* key, std::uint64_t least,
                                            std::uint64_t most);
  // A list of plain values (one value reads as a list of one); each item with its node.
  std::vector<std::pair<std::string, YAML::Node>> items(const YAML::Node& map, const char* key, bool required);

  // Sections
  void read_head(const YAML::Node& root);
  std::vector<policy::Pack> read_packs(const YAML::Node& map, const char* key, PackRole role, bool required);
  std::optional<policy::Pack> read_pack(const std::string& name, const YAML::Node& at, PackRole role);
  void read_countries(const YAML::Node& root);
  std::optional<CountrySpec> read_country(const YAML::Node& node);
  std::optional<NetworkSpec> read_network(const YAML::Node& node, const CountrySpec& country);

  std::string_view text_;
  std::string file_;
  std::filesystem::path base_;
  Diagnostics problems_;
  Scenario scenario_;
};

}  // namespace netvet::alliance
