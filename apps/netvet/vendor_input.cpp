#include "vendor_input.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <filesystem>

#include "policy/pack.h"
#include "policy_input.h"

namespace netvet::cli {

std::vector<std::string> split_list(const std::string& text) {
  std::vector<std::string> items;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t comma = std::min(text.find(',', start), text.size());
    std::string item = text.substr(start, comma - start);
    const auto first = item.find_first_not_of(" \t"), last = item.find_last_not_of(" \t");
    if (first != std::string::npos) items.push_back(item.substr(first, last - first + 1));
    start = comma + 1;
  }
  return items;
}

NamedVendor vendor_of_id(const Inventory& inv, const std::string& id) {
  NamedVendor v{id, std::nullopt};
  if (const auto row = inv.find_vendor(id)) v.row = *row;
  return v;
}

std::optional<std::vector<NamedVendor>> read_vendors(const Inventory& inv, const std::string& list, std::string_view flag) {
  std::vector<NamedVendor> out;
  const auto names = split_list(list);
  if (names.empty()) {
    fmt::print(stderr, "error: {} needs at least one vendor name\n", flag);
    return std::nullopt;
  }
  for (const auto& name : names) {
    if (const auto known = inv.registry->find(name)) {
      out.push_back(vendor_of_id(inv, (*inv.registry)[*known].id));
      continue;
    }
    if (const auto row = inv.find_vendor(VendorRegistry::slug(name))) {
      out.push_back({std::string(inv.vendor_id(*row)), *row});
      continue;
    }
    std::vector<std::string> here;
    for (Index v = 0; v < inv.vendors.size(); ++v) here.emplace_back(inv.vendor_id(v));
    std::sort(here.begin(), here.end());
    std::string hint;
    if (const auto close = inv.registry->closest(name)) hint = fmt::format(" (did you mean '{}'?)", (*inv.registry)[*close].id);
    fmt::print(stderr, "error: {}: unknown vendor '{}'{}; the vendor registry does not know it and the inventory has no "
               "such vendor.\n  vendors in this inventory: {}\n", flag, name, hint, fmt::join(here, ", "));
    return std::nullopt;
  }
  std::sort(out.begin(), out.end(), [](const NamedVendor& a, const NamedVendor& b) { return a.id < b.id; });
  out.erase(std::unique(out.begin(), out.end(), [](const NamedVendor& a, const NamedVendor& b) { return a.id == b.id; }),
            out.end());
  return out;
}

std::optional<std::vector<std::string>> read_designation(const std::string& spec) {
  const auto colon = spec.rfind(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == spec.size()) {
    fmt::print(stderr, "error: --designated: expected PACK:SET (a pack id or file, a colon, a designation), e.g. "
               "gb:designated; got '{}'\n", spec);
    return std::nullopt;
  }
  const std::string pack_name = spec.substr(0, colon), set = spec.substr(colon + 1);
  const bool file = pack_name.find('/') != std::string::npos || pack_name.ends_with(".yaml") ||
                    pack_name.ends_with(".yml") || std::filesystem::is_regular_file(pack_name);
  const auto ids = policy::builtin_pack_ids();
  if (!file && std::find(ids.begin(), ids.end(), pack_name) == ids.end()) {
    fmt::print(stderr, "error: --designated: unknown pack '{}'; built-in packs: {} (or give a pack file's path)\n",
               pack_name, fmt::join(ids, ", "));
    return std::nullopt;
  }
  auto pack = file ? policy::load_pack_file(pack_name) : policy::builtin_pack(pack_name);
  if (!pack) {
    print_problems(pack.error());
    return std::nullopt;
  }
  const auto it = pack->designations.find(set);
  if (it == pack->designations.end()) {
    std::vector<std::string> sets;
    for (const auto& [name, vendors] : pack->designations) sets.push_back(name);
    fmt::print(stderr, "error: --designated: pack '{}' has no designation '{}'; it has: {}\n", pack->id, set,
               sets.empty() ? std::string("none") : fmt::format("{}", fmt::join(sets, ", ")));
    return std::nullopt;
  }
  std::vector<std::string> vendors = it->second;
  std::sort(vendors.begin(), vendors.end());
  vendors.erase(std::unique(vendors.begin(), vendors.end()), vendors.end());
  return vendors;
}

}  // namespace netvet::cli
