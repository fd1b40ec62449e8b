#include "gen/catalog.h"

#include <fmt/format.h>

#include "data/embedded.h"
#include "model/yaml_util.h"

namespace netvet::gen {

namespace {

using ListMap = std::map<std::string, std::vector<std::string>, std::less<>>;

void read_lists(const YAML::Node& node, ListMap& out) {
  if (!node || !node.IsMap()) return;
  for (const auto& kv : node) {
    auto& list = out[kv.first.Scalar()];
    if (kv.second.IsSequence())
      for (const auto& item : kv.second) list.push_back(item.Scalar());
    else if (kv.second.IsScalar())
      list.push_back(kv.second.Scalar());
  }
}

const std::vector<std::string>* find_list(const ListMap& map, std::string_view key) {
  if (auto it = map.find(key); it != map.end() && !it->second.empty()) return &it->second;
  if (auto it = map.find("default"); it != map.end() && !it->second.empty()) return &it->second;
  return nullptr;
}

}  // namespace

Result<EquipmentCatalog> EquipmentCatalog::from_yaml(std::string_view text, std::string_view file) {
  auto root = parse_yaml(text, file);
  if (!root) return std::unexpected(root.error());
  const YAML::Node vendors = (*root)["vendors"];
  if (!vendors || !vendors.IsMap())
    return fail(yaml_problem(*root, file, "vendors", "expected 'vendors:' as a map of vendor id to equipment"));
  EquipmentCatalog catalog;
  for (const auto& kv : vendors) {
    auto& equipment = catalog.vendors_[kv.first.Scalar()];
    read_lists(kv.second["models"], equipment.models);
    read_lists(kv.second["software"], equipment.software);
  }
  return catalog;
}

Result<EquipmentCatalog> EquipmentCatalog::builtin() {
  const auto text = data::embedded("gen/equipment.yaml");
  if (!text) {
    Diagnostic d;
    d.file = "data/gen/equipment.yaml";
    d.message = "the equipment catalog is not embedded in this build";
    return fail(std::move(d));
  }
  return from_yaml(*text, "data/gen/equipment.yaml");
}

std::vector<std::string> EquipmentCatalog::models(std::string_view vendor, std::string_view function) const {
  if (auto it = vendors_.find(vendor); it != vendors_.end())
    if (const auto* list = find_list(it->second.models, function)) return *list;
  return {fmt::format("{} {}", vendor, function)};
}

std::vector<std::string> EquipmentCatalog::software(std::string_view vendor, std::string_view domain) const {
  if (auto it = vendors_.find(vendor); it != vendors_.end())
    if (const auto* list = find_list(it->second.software, domain)) return *list;
  return {};
}

}  // namespace netvet::gen
