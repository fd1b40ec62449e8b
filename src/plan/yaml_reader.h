#pragma once
// Internal to src/plan: what the catalog and resources readers share. A reader collects
// every problem of a file (with its line, column and value) instead of stopping at the
// first, and reads the few kinds of value both files hold: text, numbers in a range,
// months.

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include <yaml-cpp/yaml.h>

#include "plan/model.h"
#include "util/diagnostic.h"

namespace netvet::plan {

// The numbers a figure, crew count or budget may take: at least `least` (or above it,
// when `open`), at most `most`; `expected` says so in words for messages ("a number of at
// least 0 (money, in the catalog's currency)").
struct NumberRange {
  double least = 0;
  double most = kUnlimited;
  bool open = false;  // `least` itself is refused
  std::string_view expected;
};

class YamlReader {
 public:
  explicit YamlReader(std::string_view file) : file_(file) {}

  // A problem at `at` (its line and column; its value when it is a scalar).
  void problem(const YAML::Node& at, std::string_view key, std::string message);
  // Rejects keys of `map` not in `allowed`, naming the closest allowed key.
  void check_keys(const YAML::Node& map, std::initializer_list<std::string_view> allowed, std::string_view what);
  bool is_map(const YAML::Node& node, std::string_view key, std::string_view what);

  // map[key] as non-empty text; nothing (and a problem when required, or malformed) else.
  std::optional<std::string> text(const YAML::Node& map, const char* key, bool required);
  // map[key] as a number in `range`; nothing (and a problem when required, or malformed).
  std::optional<double> number(const YAML::Node& map, const char* key, bool required, const NumberRange& range);
  // `node` (the value of `key`) as a number in `range`.
  std::optional<double> number_at(const YAML::Node& node, std::string_view key, const NumberRange& range);
  // map[key] as a month: "YYYY-MM", or a date (YYYY-MM-DD), read as its month.
  std::optional<Month> month(const YAML::Node& map, const char* key, bool required);
  // map[key] as `true` or `false`.
  std::optional<bool> flag(const YAML::Node& map, const char* key);

  const std::string& file() const { return file_; }
  Diagnostics& problems() { return problems_; }

 private:
  std::string file_;
  Diagnostics problems_;
};

}  // namespace netvet::plan
