#pragma once
// Reading netvet's own data files (vocabularies, registries, profiles, packs) with
// yaml-cpp, turning its exceptions into Diagnostics that carry file:line:column.
// Internal to src/: not part of any module's door.

#include <yaml-cpp/yaml.h>

#include <string>
#include <string_view>

#include "util/diagnostic.h"

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

}  // namespace netvet
