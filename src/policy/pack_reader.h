#pragma once
// Internal to src/policy: reads one pack's YAML into a Pack, collecting every problem with
// its file, line and column instead of stopping at the first. pack_reader.cpp reads the
// header, sources, parameters and designations; rule_reader.cpp reads the rules;
// sharing_reader.cpp what a sharing pack adds (its kind and partner, its rules' terms).

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include <yaml-cpp/yaml.h>

#include "policy/pack.h"
#include "policy/source_map.h"

namespace netvet::policy {

class PackReader {
 public:
  PackReader(std::string_view text, std::string_view file, const PackOptions& options);
  Result<Pack> read();

 private:
  // Problems
  void problem(const YAML::Node& at, std::string_view key, std::string message);
  void problem(Location at, std::string_view key, std::string message);
  // Rejects keys of `map` not in `allowed`, naming the closest allowed key.
  void check_keys(const YAML::Node& map, std::initializer_list<std::string_view> allowed, std::string_view what);
  bool is_map(const YAML::Node& node, std::string_view key, std::string_view what);

  // Values
  std::optional<std::string> text(const YAML::Node& map, const char* key, bool required);
  std::optional<Date> date(const YAML::Node& map, const char* key, bool required);
  std::vector<std::string> texts(const YAML::Node& map, const char* key);
  std::optional<PackSelector> selector(const YAML::Node& map, const char* key, bool required);
  // A literal of `type` or a $parameter of that type; `fallback` when absent and not required.
  std::optional<Setting> setting(const YAML::Node& map, const char* key, ParamValue::Type type,
                                 std::optional<std::string_view> fallback);

  // Sections
  void read_header(const YAML::Node& root);
  void read_sources(const YAML::Node& root);
  void read_parameters(const YAML::Node& root);
  void read_designations(const YAML::Node& root);
  void read_rules(const YAML::Node& root);
  std::optional<Rule> read_rule(const YAML::Node& node);
  // Every `$name` in a title, description or remediation must be a declared parameter
  // (they are filled in for people: fill_parameters).
  void check_prose(const YAML::Node& root);
  bool read_rule_spec(const YAML::Node& node, std::string_view kind, Rule& rule);
  // `facilities: {kinds: [...], owners: [...], located_in: [...]}` of a proximity or exposure rule.
  void read_facilities(const YAML::Node& rule, FacilitySelection& selection);
  ExposureRule read_exposure(const YAML::Node& node);
  // Sharing packs: `kind` and `partner` at the top; a rule's scope, status, verdict and
  // applies_to (required in a sharing pack's rules, refused in a regime pack's).
  void read_kind(const YAML::Node& root);
  std::optional<SharingTerms> read_sharing_terms(const YAML::Node& rule);
  // One of `names` (which `parse` reads), or a problem naming the closest.
  template <typename Enum, typename Parse>
  std::optional<Enum> one_of(const YAML::Node& map, const char* key, bool required, std::string_view what,
                             std::initializer_list<std::string_view> names, Parse parse);

  std::string_view text_;
  std::string file_;
  PackOptions options_;
  SourceMap map_;
  Diagnostics problems_;
  Pack pack_;
  bool kind_known_ = true;  // false when `kind` is misspelt (read_kind)
};

// Checks that a setting fits where it is used (a share within 0..1, a known cap unit, ...);
// an error message or nothing. Shared by the reader and by parameter overrides.
std::optional<std::string> check_setting_value(std::string_view key, const ParamValue& value);

}  // namespace netvet::policy
