#pragma once
// Internal to the report module: the JSON block the HTML report's script reads (the
// findings table and the map), in the compact shape report.js documents.

#include <nlohmann/json.hpp>

#include "model/inventory.h"
#include "report/check_formats.h"
#include "report/check_map.h"

namespace netvet::report::html {

nlohmann::json page_data(const CheckReport& report, const Inventory& inventory, const MapSelection& map,
                         const HtmlOptions& options);

}  // namespace netvet::report::html
