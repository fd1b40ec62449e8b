#include "model/vendors.h"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <array>
#include <cstdlib>

#include "data/embedded.h"
#include "model/yaml_util.h"
#include "util/text.h"

namespace netvet {

namespace {
// Words that say what kind of company, not which: dropped before matching so that
// "ZTE Corporation" and "ZTE" are one key.
constexpr std::array<std::string_view, 16> kCorporateWords = {
    "co", "ltd", "limited", "inc", "incorporated", "corp", "corporation", "company",
    "gmbh", "ag", "ab", "oy", "oyj", "sa", "llc", "plc"};

std::vector<std::string> words_of(std::string_view text) {
  std::vector<std::string> words;
  std::string word;
  for (char c : text) {
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') ||
                       static_cast<unsigned char>(c) >= 0x80;
    if (alnum) {
      word += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    } else if (c == '&') {
      if (!word.empty()) words.push_back(std::move(word));
      word.clear();
      words.emplace_back("and");
    } else if (!word.empty()) {
      words.push_back(std::move(word));
      word.clear();
    }
  }
  if (!word.empty()) words.push_back(std::move(word));
  return words;
}
}  // namespace

std::string VendorRegistry::match_key(std::string_view text) {
  std::string key;
  for (const auto& w : words_of(text))
    if (std::ranges::find(kCorporateWords, w) == kCorporateWords.end()) key += w;
  // A name made only of corporate words ("AB") keeps them rather than vanish.
  if (key.empty())
    for (const auto& w : words_of(text)) key += w;
  return key;
}

std::string VendorRegistry::slug(std::string_view text) {
  std::string out;
  for (const auto& w : words_of(text)) {
    if (!out.empty()) out += '-';
    out += w;
  }
  return out;
}

Result<VendorRegistry> VendorRegistry::from_yaml(std::string_view text, std::string_view file) {
  auto root = parse_yaml(text, file);
  if (!root) return std::unexpected(root.error());
  VendorRegistry registry;
  Diagnostics problems;
  const YAML::Node list = (*root)["vendors"];
  if (!list || !list.IsSequence()) return fail(yaml_problem(*root, file, "vendors", "expected a list 'vendors:'"));
  auto strings = [](const YAML::Node& n) {
    std::vector<std::string> out;
    if (n && n.IsSequence())
      for (const auto& item : n) out.push_back(item.as<std::string>());
    return out;
  };
  for (const auto& node : list) {
    VendorInfo info;
    info.id = yaml_string(node, "id");
    info.name = yaml_string(node, "name", info.id);
    info.country = yaml_string(node, "country");
    info.legal_names = strings(node["legal_names"]);
    info.aliases = strings(node["aliases"]);
    info.segments = strings(node["segments"]);
    if (node["sources"] && node["sources"].IsSequence())
      for (const auto& s : node["sources"]) info.sources.push_back({yaml_string(s, "title"), yaml_string(s, "url")});
    if (info.id.empty() || slug(info.id) != info.id) {
      problems.push_back(yaml_problem(node, file, "id", fmt::format("vendor id '{}' must be lowercase words joined by '-'", info.id)));
      continue;
    }
    if (info.country.size() != 2)
      problems.push_back(yaml_problem(node, file, "country", fmt::format("vendor '{}' needs a headquarters country (ISO 3166-1 alpha-2)", info.id)));
    const auto id = static_cast<RegistryVendorId>(registry.vendors_.size());
    std::vector<std::string> spellings{info.id, info.name};
    spellings.insert(spellings.end(), info.legal_names.begin(), info.legal_names.end());
    spellings.insert(spellings.end(), info.aliases.begin(), info.aliases.end());
    for (const auto& spelling : spellings) {
      const std::string key = match_key(spelling);
      if (key.empty()) continue;
      auto [it, added] = registry.by_key_.emplace(key, id);
      if (!added && it->second != id)
        problems.push_back(yaml_problem(node, file, "aliases", fmt::format("spelling '{}' of vendor '{}' already names vendor '{}'", spelling, info.id, registry.vendors_[it->second].id)));
      else if (added)
        registry.keys_.emplace_back(key, id);
    }
    registry.vendors_.push_back(std::move(info));
  }
  if (has_errors(problems)) return std::unexpected(std::move(problems));
  return registry;
}

const VendorRegistry& VendorRegistry::builtin() {
  static const VendorRegistry registry = [] {
    auto loaded = from_yaml(data::embedded("vendors.yaml").value_or(""), "data/vendors.yaml");
    if (!loaded) {
      for (const auto& d : loaded.error()) fmt::print(stderr, "{}\n", d.to_string());
      std::abort();  // only a broken build gets here: the file is embedded and tested
    }
    return std::move(*loaded);
  }();
  return registry;
}

std::optional<RegistryVendorId> VendorRegistry::find(std::string_view text) const {
  if (auto it = by_key_.find(match_key(text)); it != by_key_.end()) return it->second;
  return std::nullopt;
}

std::optional<RegistryVendorId> VendorRegistry::closest(std::string_view text) const {
  if (text.size() > kMaxSuggestLength) return std::nullopt;  // no typo of a name; and quadratic
  const std::string key = match_key(text);
  if (key.empty()) return std::nullopt;
  std::optional<RegistryVendorId> best;
  std::size_t best_distance = std::max<std::size_t>(2, key.size() / 3) + 1;
  for (const auto& [candidate, id] : keys_) {
    std::size_t d = edit_distance(key, candidate);
    // "Huawei Marine" or "Ericssonab" start with a known name: a near miss too.
    if (key.size() >= 3 && candidate.size() >= 3 && (key.starts_with(candidate) || candidate.starts_with(key)))
      d = std::min<std::size_t>(d, 1);
    if (d < best_distance) {
      best_distance = d;
      best = id;
    }
  }
  return best;
}

}  // namespace netvet
