#pragma once
// What `exposure` and `outage` read besides the inventory: vendor names (any spelling the
// registry knows, or a vendor the inventory spells its own way) and designations of
// policy packs (`gb:designated`). Each reader prints a clear error on stderr, listing
// what exists, and returns nothing, so that the command exits with code 2.

#include <optional>
#include <string>
#include <vector>

#include "model/inventory.h"

namespace netvet::cli {

struct NamedVendor {
  std::string id;                  // canonical id
  std::optional<Index> row;        // the inventory's vendors row; none when it has no element of the vendor
};

// "huawei,ZTE Corporation": each through the registry, else as the inventory spells it.
// Duplicates collapse; the result is sorted by id.
std::optional<std::vector<NamedVendor>> read_vendors(const Inventory& inventory, const std::string& list,
                                                     std::string_view flag);

// "PACK:SET": the vendors of designation SET of a built-in pack or a pack file, as
// canonical ids, sorted.
std::optional<std::vector<std::string>> read_designation(const std::string& spec);

// A canonical vendor id with its inventory row, when the inventory has one.
NamedVendor vendor_of_id(const Inventory& inventory, const std::string& id);

// "a,b,c" -> {"a", "b", "c"}, blanks dropped.
std::vector<std::string> split_list(const std::string& text);

}  // namespace netvet::cli
