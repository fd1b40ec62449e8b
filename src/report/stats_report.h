#pragma once
// `netvet stats` output: counts and vendor shares, as text for people and JSON for
// machines.

#include <nlohmann/json.hpp>

#include <string>

#include "model/stats.h"

namespace netvet::report {

std::string stats_text(const Inventory& inventory, const InventoryStats& stats, bool style);
nlohmann::ordered_json stats_json(const Inventory& inventory, const InventoryStats& stats);
// One domain's vendor shares of one operator, as stats_json writes them:
// {"domain", "elements", "sites", "vendors": [{"vendor", "elements", "share", "sites", "site_share"}]}.
nlohmann::ordered_json domain_shares_json(const Inventory& inventory, const DomainShares& shares);

}  // namespace netvet::report
