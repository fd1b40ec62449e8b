#include "plan/yaml_reader.h"

#include <fmt/format.h>

#include "model/yaml_util.h"
#include "util/text.h"

namespace netvet::plan {
namespace {

// What a value that is not a plain value is, for messages.
std::string_view shape_of(const YAML::Node& node) {
  if (node.IsMap()) return "a mapping";
  if (node.IsSequence()) return "a list";
  return "nothing";
}

}  // namespace

void YamlReader::problem(const YAML::Node& at, std::string_view key, std::string message) {
  Diagnostic d = yaml_problem(at, file_, key, std::move(message));
  if (at.IsScalar()) d.value = at.Scalar();
  problems_.push_back(std::move(d));
}

void YamlReader::check_keys(const YAML::Node& map, std::initializer_list<std::string_view> allowed, std::string_view what) {
  check_yaml_keys(map, allowed, what, [&](const YAML::Node& at, std::string_view key, std::string message) {
    problem(at, key, std::move(message));
  });
}

bool YamlReader::is_map(const YAML::Node& node, std::string_view key, std::string_view what) {
  return expect_yaml_map(node, key, what, [&](const YAML::Node& at, std::string_view k, std::string message) {
    problem(at, k, std::move(message));
  });
}

std::optional<std::string> YamlReader::text(const YAML::Node& map, const char* key, bool required) {
  return yaml_text(map, key, required, [&](const YAML::Node& at, std::string_view k, std::string message) {
    problem(at, k, std::move(message));
  });
}

std::optional<double> YamlReader::number(const YAML::Node& map, const char* key, bool required, const NumberRange& range) {
  const YAML::Node node = map[key];
  if (!node) {
    if (required) problem(map, key, fmt::format("missing required key '{}': expected {}", key, range.expected));
    return std::nullopt;
  }
  return number_at(node, key, range);
}

std::optional<double> YamlReader::number_at(const YAML::Node& node, std::string_view key, const NumberRange& range) {
  if (!node.IsScalar()) {
    problem(node, key, fmt::format("'{}' must be {}, not {}", key, range.expected, shape_of(node)));
    return std::nullopt;
  }
  // Plain decimals only: "1_000", "0x10", "+5", ".inf" and "1,000" are refused, not misread.
  const auto value = parse_number(trim(node.Scalar()));
  const bool fits = value && (range.open ? *value > range.least : *value >= range.least) && *value <= range.most;
  if (!fits) {
    problem(node, key, fmt::format("'{}' must be {}, not '{}'", key, range.expected, node.Scalar()));
    return std::nullopt;
  }
  return *value;
}

std::optional<Month> YamlReader::month(const YAML::Node& map, const char* key, bool required) {
  const auto written = text(map, key, required);
  if (!written) return std::nullopt;
  const std::string_view value = trim(*written);
  if (const auto parsed = parse_month(value)) return parsed;
  if (const auto date = parse_date(value)) return month_of(*date);
  problem(map[key], key, fmt::format("'{}' is not a month: expected YYYY-MM (as 2027-12) or a date (YYYY-MM-DD)", *written));
  return std::nullopt;
}

std::optional<bool> YamlReader::flag(const YAML::Node& map, const char* key) {
  const YAML::Node node = map[key];
  if (!node) return std::nullopt;
  if (node.IsScalar() && (node.Scalar() == "true" || node.Scalar() == "false")) return node.Scalar() == "true";
  problem(node, key, node.IsScalar() ? fmt::format("'{}' must be true or false, not '{}'", key, node.Scalar())
                                     : fmt::format("'{}' must be true or false, not {}", key, shape_of(node)));
  return std::nullopt;
}

}  // namespace netvet::plan
