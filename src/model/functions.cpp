#include "model/functions.h"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <array>
#include <cstdlib>

#include "data/embedded.h"
#include "model/yaml_util.h"
#include "util/text.h"

namespace netvet {

namespace {
constexpr std::array<std::string_view, kDomainCount> kDomainNames = {
    "ran", "transport", "core", "interconnect", "management"};

// Operators write "gNodeB", "g-nodeb" and "GNODEB": one key for all of them.
std::string fold(std::string_view name) {
  std::string key;
  for (char c : name) {
    if (c == '-' || c == '_' || c == ' ') continue;
    key += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return key;
}
}  // namespace

std::string_view domain_name(Domain domain) { return kDomainNames[static_cast<std::size_t>(domain)]; }

std::optional<Domain> parse_domain(std::string_view name) {
  for (std::size_t i = 0; i < kDomainNames.size(); ++i)
    if (kDomainNames[i] == name) return static_cast<Domain>(i);
  return std::nullopt;
}

Result<FunctionVocabulary> FunctionVocabulary::from_yaml(std::string_view text, std::string_view file) {
  auto root = parse_yaml(text, file);
  if (!root) return std::unexpected(root.error());
  FunctionVocabulary vocabulary;
  Diagnostics problems;
  const YAML::Node list = (*root)["functions"];
  if (!list || !list.IsSequence()) return fail(yaml_problem(*root, file, "functions", "expected a list 'functions:'"));
  for (const auto& node : list) {
    FunctionInfo info;
    info.id = yaml_string(node, "id");
    info.description = yaml_string(node, "description");
    const std::string domain = yaml_string(node, "domain");
    const std::string plane = yaml_string(node, "plane", "none");
    if (info.id.empty()) {
      problems.push_back(yaml_problem(node, file, "id", "every function needs an id"));
      continue;
    }
    if (auto d = parse_domain(domain)) info.domain = *d;
    else problems.push_back(yaml_problem(node, file, "domain", fmt::format("unknown domain '{}' (expected ran, transport, core, interconnect or management)", domain)));
    if (plane == "user") info.plane = Plane::user;
    else if (plane == "control") info.plane = Plane::control;
    else if (plane != "none") problems.push_back(yaml_problem(node, file, "plane", fmt::format("unknown plane '{}' (expected user, control or none)", plane)));
    info.sink = node["sink"] && node["sink"].as<bool>(false);
    if (node["aliases"]) for (const auto& a : node["aliases"]) info.aliases.push_back(a.as<std::string>());
    const auto id = static_cast<FunctionId>(vocabulary.functions_.size());
    if (!vocabulary.by_key_.emplace(fold(info.id), id).second)
      problems.push_back(yaml_problem(node, file, "id", fmt::format("function '{}' is declared twice", info.id)));
    vocabulary.spellings_.push_back(info.id);
    for (const auto& alias : info.aliases) {
      // An alias that folds to its own function's name ("small cell") is harmless.
      const auto [it, added] = vocabulary.by_key_.emplace(fold(alias), id);
      if (!added && it->second != id)
        problems.push_back(yaml_problem(node, file, "aliases", fmt::format("alias '{}' also names function '{}'", alias, vocabulary.functions_[it->second].id)));
      vocabulary.spellings_.push_back(alias);
    }
    vocabulary.functions_.push_back(std::move(info));
  }
  if (has_errors(problems)) return std::unexpected(std::move(problems));
  return vocabulary;
}

const FunctionVocabulary& FunctionVocabulary::builtin() {
  static const FunctionVocabulary vocabulary = [] {
    auto loaded = from_yaml(data::embedded("functions.yaml").value_or(""), "data/functions.yaml");
    if (!loaded) {
      // Only a broken build can get here: the file is embedded and tested.
      for (const auto& d : loaded.error()) fmt::print(stderr, "{}\n", d.to_string());
      std::abort();
    }
    return std::move(*loaded);
  }();
  return vocabulary;
}

std::optional<FunctionId> FunctionVocabulary::find(std::string_view name) const {
  if (auto it = by_key_.find(fold(name)); it != by_key_.end()) return it->second;
  return std::nullopt;
}

std::vector<std::string> FunctionVocabulary::suggestions(std::string_view name) const {
  // Suggest canonical names: an alias suggestion is shown as "alias (= canonical)".
  std::vector<std::string> out;
  for (const auto& spelling : closest(name, spellings_, 3)) {
    const auto& canonical = functions_[*find(spelling)].id;
    std::string s = spelling == canonical ? canonical : fmt::format("{} (= {})", spelling, canonical);
    if (std::ranges::find(out, s) == out.end()) out.push_back(std::move(s));
  }
  return out;
}

}  // namespace netvet
