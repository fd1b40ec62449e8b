// ScenarioReader: the helpers every section uses, the head (format, version, name, as_of,
// partner) and the packs a scenario names (sharing packs, and each country's regime).

#include "alliance/scenario_reader.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>

#include "model/yaml_util.h"
#include "util/files.h"
#include "util/text.h"

namespace netvet::alliance {
namespace {

constexpr std::string_view kFormat = "netvet-alliance";
constexpr long long kVersion = 1;

// Where `--policy` would read a pack file rather than a built-in id: a path that exists,
// or one that looks like a path.
bool names_a_file(const std::string& name, const std::filesystem::path& resolved) {
  return name.find('/') != std::string::npos || name.ends_with(".yaml") || name.ends_with(".yml") ||
         path_kind(resolved) != PathKind::missing;
}

}  // namespace

ScenarioReader::ScenarioReader(std::string_view text, std::string_view file, std::filesystem::path base)
    : text_(text), file_(file), base_(std::move(base)) {
  scenario_.file = file_;
}

void ScenarioReader::problem(const YAML::Node& at, std::string_view key, std::string message) {
  Diagnostic d = yaml_problem(at, file_, key, std::move(message));
  if (at.IsScalar()) d.value = at.Scalar();
  problems_.push_back(std::move(d));
}

void ScenarioReader::check_keys(const YAML::Node& map, std::initializer_list<std::string_view> allowed, std::string_view what) {
  check_yaml_keys(map, allowed, what, [&](const YAML::Node& at, std::string_view key, std::string message) {
    problem(at, key, std::move(message));
  });
}

bool ScenarioReader::is_map(const YAML::Node& node, std::string_view key, std::string_view what) {
  return expect_yaml_map(node, key, what, [&](const YAML::Node& at, std::string_view k, std::string message) {
    problem(at, k, std::move(message));
  });
}

std::optional<std::string> ScenarioReader::text(const YAML::Node& map, const char* key, bool required) {
  return yaml_text(map, key, required, [&](const YAML::Node& at, std::string_view k, std::string message) {
    problem(at, k, std::move(message));
  });
}

std::optional<Country> ScenarioReader::country_code(const YAML::Node& map, const char* key, bool required) {
  const auto written = text(map, key, required);
  if (!written) return std::nullopt;
  if (const auto code = parse_country(*written)) return code;
  problem(map[key], key, fmt::format("'{}' is not a two-letter country code (ISO 3166-1 alpha-2, as GB)", *written));
  return std::nullopt;
}

std::optional<std::uint64_t> ScenarioReader::whole_number(const YAML::Node& map, const char* key, std::uint64_t least,
                                                          std::uint64_t most) {
  const auto written = text(map, key, true);
  if (!written) return std::nullopt;
  // Digits only: "2e3", "+5", "1_000" and "0x10" are numbers to YAML but not to us.
  std::uint64_t value = 0;
  const bool digits = std::ranges::all_of(*written, [](char c) { return c >= '0' && c <= '9'; });
  const char* end = written->data() + written->size();
  const auto [stop, error] = std::from_chars(written->data(), end, value);
  const bool read = digits && stop == end && error == std::errc{};  // not on overflow
  if (!read || value < least || value > most) {
    problem(map[key], key, fmt::format("'{}' must be a whole number from {} to {}, not '{}'", key, least, most, *written));
    return std::nullopt;
  }
  return value;
}

std::vector<std::pair<std::string, YAML::Node>> ScenarioReader::items(const YAML::Node& map, const char* key, bool required) {
  std::vector<std::pair<std::string, YAML::Node>> out;
  const YAML::Node node = map[key];
  if (!node) {
    if (required) problem(map, key, fmt::format("missing required key '{}'", key));
    return out;
  }
  if (node.IsScalar()) return {{node.Scalar(), node}};
  if (!node.IsSequence()) {
    problem(node, key, fmt::format("'{}' must be a list", key));
    return out;
  }
  for (const auto& item : node) {
    if (item.IsScalar() && !item.Scalar().empty()) out.emplace_back(item.Scalar(), item);
    else problem(item, key, fmt::format("items of '{}' must be plain, non-empty values", key));
  }
  if (required && out.empty() && node.size() == 0) problem(node, key, fmt::format("'{}' needs at least one item", key));
  return out;
}

void ScenarioReader::read_head(const YAML::Node& root) {
  check_keys(root, {"format", "version", "name", "as_of", "partner", "replacement", "sharing", "countries"}, "a scenario");
  if (const auto format = text(root, "format", true); format && *format != kFormat)
    problem(root["format"], "format", fmt::format("'{}' is not a scenario's format: expected '{}'", *format, kFormat));
  if (const auto version = text(root, "version", true); version && parse_integer(*version) != kVersion)
    problem(root["version"], "version", fmt::format("version '{}' is not one this netvet reads: expected {}", *version, kVersion));
  scenario_.name = text(root, "name", true).value_or("");
  if (const auto as_of = text(root, "as_of", false)) {
    if (const auto date = parse_date(*as_of)) scenario_.as_of = *date;
    else problem(root["as_of"], "as_of", fmt::format("'{}' is not a date: {}", *as_of, date_problem(*as_of)));
  }
  scenario_.partner = country_code(root, "partner", true).value_or(kNoCountry);
  if (const auto replacement = text(root, "replacement", false)) {
    const auto known = VendorRegistry::builtin().find(*replacement);
    if (known) scenario_.replacement = VendorRegistry::builtin()[*known].id;
    else problem(root["replacement"], "replacement",
                 fmt::format("'{}' is not a vendor the registry knows (data/vendors.yaml): the vendor replacements "
                             "come from", *replacement));
  }
}

std::optional<policy::Pack> ScenarioReader::read_pack(const std::string& name, const YAML::Node& at, PackRole role) {
  const std::string_view key = role == PackRole::sharing ? "sharing" : "regime";
  const std::filesystem::path resolved = base_ / name;
  const bool file = names_a_file(name, resolved);
  if (!file && !policy::builtin_pack_id(name)) {
    auto ids = policy::builtin_pack_ids();
    std::ranges::sort(ids);
    const auto near = did_you_mean(name, ids);
    problem(at, key, fmt::format("no built-in pack '{}'{}; expected a built-in id ({}) or a pack file's path, relative "
                                 "to the scenario file", name, near ? fmt::format(" (did you mean '{}'?)", *near) : "",
                                 join_or(ids)));
    return std::nullopt;
  }
  auto pack = file ? policy::load_pack_file(resolved) : policy::builtin_pack(name);
  if (!pack) {
    // A pack that does not read: its own problems, in its own file.
    problems_.insert(problems_.end(), pack.error().begin(), pack.error().end());
    return std::nullopt;
  }
  const bool sharing = pack->kind == policy::PackKind::sharing;
  if (role == PackRole::sharing && !sharing) {
    problem(at, key, fmt::format("'{}' is a regime pack (a jurisdiction's rules for its own networks): 'sharing' "
                                       "takes sharing packs (kind: sharing); a country's own packs go in its 'regime'", name));
    return std::nullopt;
  }
  if (role == PackRole::regime && sharing) {
    problem(at, key, fmt::format("'{}' is a sharing pack: a country's 'regime' takes regime packs; sharing packs "
                                      "go in the scenario's 'sharing'", name));
    return std::nullopt;
  }
  if (sharing && scenario_.partner != kNoCountry && pack->partner != scenario_.partner) {
    problem(at, key, fmt::format("'{}' is a sharing pack of {}, but the scenario's partner is {}", name,
                                       netvet::name_of(pack->partner), netvet::name_of(scenario_.partner)));
    return std::nullopt;
  }
  return std::move(*pack);
}

std::vector<policy::Pack> ScenarioReader::read_packs(const YAML::Node& map, const char* key, PackRole role, bool required) {
  std::vector<policy::Pack> out;
  for (const auto& [name, node] : items(map, key, required)) {
    auto pack = read_pack(name, node, role);
    if (!pack) continue;
    if (std::ranges::find(out, pack->id, &policy::Pack::id) != out.end()) {
      problem(node, key, fmt::format("pack '{}' is listed twice", pack->id));
      continue;
    }
    out.push_back(std::move(*pack));
  }
  return out;
}

Result<Scenario> ScenarioReader::read() {
  auto root = parse_yaml(text_, file_);
  if (!root) return std::unexpected(root.error());
  if (!root->IsMap()) {
    problem(*root, "", fmt::format("a scenario is a mapping with format: {}, version: {}, name, as_of, partner, sharing "
                                   "and countries", kFormat, kVersion));
    return std::unexpected(std::move(problems_));
  }
  try {
    read_head(*root);
    scenario_.sharing = read_packs(*root, "sharing", PackRole::sharing, true);
    read_countries(*root);
  } catch (const YAML::Exception& e) {
    // yaml-cpp throws on conversions of malformed nodes; report where it points.
    problems_.push_back(yaml_exception_problem(e, file_));
  }
  if (has_errors(problems_)) return std::unexpected(std::move(problems_));
  return std::move(scenario_);
}

}  // namespace netvet::alliance
