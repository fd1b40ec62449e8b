#pragma once
// Internal to the report module: which sites a map shows and how each is coloured.
// Shared by the HTML report's map and sites_geojson.

#include <cstddef>
#include <cstdint>
#include <vector>

#include "model/inventory.h"
#include "report/check_report.h"

namespace netvet::report {

inline constexpr std::uint8_t kNoFindings = kSeverityCount;  // `worst` of a clean site

struct MapSite {
  Index site = kNoIndex;
  std::uint8_t worst = kNoFindings;  // the worst unwaived severity (a FindingSeverity), or kNoFindings
  std::uint32_t findings = 0;        // unwaived findings on the site
};

struct MapSelection {
  std::vector<MapSite> sites;        // drawing order: clean sites first, critical last (on top)
  std::size_t located = 0;           // sites with coordinates
  std::size_t located_flagged = 0;   // of which with unwaived findings
};

// The sites of a finding: its `site`, else the site its subject names (a site, or an
// element's site); kNoIndex for operators and facilities.
Index site_of(const Inventory& inventory, const Finding& finding);

// Up to `max` located sites (0: all): every site with findings first, worst first,
// then an even, deterministic sample of the others, so a national network of tens of
// thousands of sites still draws quickly.
MapSelection select_map_sites(const CheckReport& report, const Inventory& inventory, std::size_t max);

}  // namespace netvet::report
