#pragma once
// Reading netvet's own data files (vocabularies, registries, profiles, packs) with
// yaml-cpp, turning its exceptions into Diagnostics that carry file:line:column.
// Internal to src/: not part of any module's door.

#include <yaml-cpp/yaml.h>

#include <fmt/format.h>

#include <algorithm>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/diagnostic.h"
#include "util/text.h"

namespace netvet {

// Parses YAML text; a syntax error names the file, line and column.
Result<YAML::Node> parse_yaml(std::string_view text, std::string_view file);

// A Diagnostic for a yaml-cpp exception: the file, and the line and column it marks.
// `message` says what was being read; yaml-cpp's own words follow it after ": " (alone
// when `message` is empty).
Diagnostic yaml_exception_problem(const YAML::Exception& e, std::string_view file, std::string_view message = {});

// A Diagnostic pointing at `node` (its line, and column in `message`).
Diagnostic yaml_problem(const YAML::Node& node, std::string_view file, std::string_view key,
                        std::string message);

// node[key] as a string, or `fallback` when absent or not a scalar.
std::string yaml_string(const YAML::Node& node, const char* key, std::string fallback = {});

// The checks every reader of a YAML file with a fixed set of keys makes (packs,
// scenarios), worded alike; each reports through the reader's own
// `problem(node, key, message)`, which decides how a place is written.

// Rejects keys of `map` not in `allowed`, naming the closest allowed key.
template <typename Problem>
void check_yaml_keys(const YAML::Node& map, std::initializer_list<std::string_view> allowed, std::string_view what,
                     Problem&& problem) {
  const std::vector<std::string> names(allowed.begin(), allowed.end());
  for (auto it = map.begin(); it != map.end(); ++it) {
    const std::string key = it->first.IsScalar() ? it->first.Scalar() : std::string();
    if (std::ranges::find(allowed, key) != allowed.end()) continue;
    const auto near = did_you_mean(key, names);
    problem(it->first, key, fmt::format("unknown key '{}' in {}{}", key, what,
                                        near ? fmt::format(" (did you mean '{}'?)", *near)
                                             : fmt::format("; expected {}", join_or(names))));
  }
}

// Whether `node` is a mapping; a problem when it is not.
template <typename Problem>
bool expect_yaml_map(const YAML::Node& node, std::string_view key, std::string_view what, Problem&& problem) {
  if (node.IsMap()) return true;
  problem(node, key, fmt::format("expected {} as a mapping of keys to values", what));
  return false;
}

// map[key] as non-empty text; nothing (and a problem when required, or malformed) else.
template <typename Problem>
std::optional<std::string> yaml_text(const YAML::Node& map, const char* key, bool required, Problem&& problem) {
  const YAML::Node node = map[key];
  if (!node) {
    if (required) problem(map, key, fmt::format("missing required key '{}'", key));
    return std::nullopt;
  }
  if (!node.IsScalar() || node.Scalar().empty()) {
    problem(node, key, fmt::format("'{}' must be a non-empty text", key));
    return std::nullopt;
  }
  return node.Scalar();
}

}  // namespace netvet
