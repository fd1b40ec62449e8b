#pragma once
// Internal to src/alliance: a country's designated-vendor footprint (alliance.h says what
// it counts), one network at a time.

#include <span>
#include <string>
#include <vector>

#include "alliance/alliance.h"
#include "model/inventory.h"
#include "policy/pack.h"

namespace netvet::alliance {

// The vendors the sharing packs designate: the union of their designations (registry ids,
// sorted).
std::vector<std::string> designated_vendors(std::span<const policy::Pack> sharing);

// Adds one network's operators to `footprint` (its vendors already set).
void add_footprint(const Inventory& inventory, const std::string& network, Footprint& footprint);

}  // namespace netvet::alliance
