#pragma once
// Internal to src/report: the parts of the exposure page (report/exposure_html.cpp) that
// the check report (report/check_html.cpp) shows too — each facility's chain of
// unavoidable elements from its cells to the core, coloured by vendor, and the survival
// of every vendor's outage as a bar chart. HTML that reads without script, styled by
// html/exposure.css.

#include <cstddef>
#include <span>
#include <string>
#include <vector>

#include "graph/exposure.h"
#include "graph/outage.h"
#include "model/inventory.h"
#include "report/check_formats.h"
#include "report/outage_report.h"

namespace netvet::report::html {

// 0 not exposed, 1 exposed to a designated vendor, 2 isolated (the map's colours).
int facility_status(const ExposureTable& table, Index row);

// `rows` of a facilities table ordered for reading: exposed first, then isolated, then
// the others, keeping the given order within each.
void exposed_first(const ExposureTable& table, std::vector<Index>& rows);

struct FacilityChains {
  std::string key;     // the colour of each vendor on the chains drawn
  std::string blocks;  // one block per facility drawn (and a note when fewer than rows)
  std::size_t drawn = 0;
};

// One block per row (at most `max` of them, in order): kind, owner, serving sites and
// operators, a badge (exposed to `designated` vendors, isolated or not exposed), the chain
// of unavoidable elements in path order, and the possible, control-plane and influencing
// vendors. `designated`: canonical ids, sorted; their vendors are drawn in reds.
FacilityChains facility_chains(const Inventory& inventory, const ExposureTable& table, std::span<const Index> rows,
                               const std::vector<std::string>& designated, std::size_t max);

// One group of bars per vendor set: per operator, the share of its cell sites that
// survive failure and kill-switch, against the network as it stands (`baseline`).
// Designated vendors come first; vendors whose outage changes nothing are named below.
std::string survival_chart(const Inventory& inventory, std::span<const OutageResult> results,
                           const OutageResult& baseline, const std::vector<std::string>& designated,
                           const OutageContext& context);

// The check report's exposure section (report/check_html_exposure.cpp): when the
// inventory lists facilities, their chains (report.exposure, or computed at the report's
// serving radius) and the survival of every vendor's outage; "" when it lists none.
std::string check_exposure_section(const CheckReport& report, const Inventory& inventory, const HtmlOptions& options);

}  // namespace netvet::report::html
