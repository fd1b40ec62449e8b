#pragma once
// `netvet stats` output: counts and vendor shares, as text for people and JSON for
// machines.

#include <nlohmann/json.hpp>

#include <string>

#include "model/stats.h"

namespace netvet::report {

std::string stats_text(const Inventory& inventory, const InventoryStats& stats, bool style);
nlohmann::ordered_json stats_json(const Inventory& inventory, const InventoryStats& stats);

}  // namespace netvet::report
