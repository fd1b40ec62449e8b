#pragma once
// `netvet exposure` output: the engine's exposure tables (graph/exposure.h) as text for
// people, JSON for machines (shared/spec/cli.md, `exposure`) and a self-contained HTML
// page (report/exposure_html.cpp) with each facility's chain of unavoidable elements and
// the survival of every vendor's outage.
//
// The engine's lists are rows in ascending row order; every list written here is of ids,
// sorted (vendor ids are the registry's canonical ids). Facilities and cell sites are
// listed by id.

#include <nlohmann/json.hpp>

#include <span>
#include <string>
#include <vector>

#include "graph/exposure.h"
#include "graph/outage.h"
#include "model/inventory.h"

namespace netvet::report {

// Which facilities a run is about (--kind, --owner): both empty means every facility.
struct FacilityFilter {
  std::vector<FacilityKind> kinds;
  std::vector<Country> owners;
  bool matches(const Inventory& inventory, Index facility) const;
  bool any() const { return !kinds.empty() || !owners.empty(); }
};

// What the report says besides the engine's tables.
struct ExposureContext {
  std::string inventory;               // the inventory's name, for headings
  std::string designation;             // how the designated vendors were named ("gb:designated"); empty: none
  std::vector<std::string> designated; // their canonical ids, sorted (also those with no element here)
  double serving_radius_km = 2.0;
  FacilityFilter filter;               // facilities listed (and counted for the exit code)
  bool cell_sites = false;             // list report.cell_sites
  bool blast_radius = false;           // per-vendor blast radius over report.cell_sites
};

// Rows of `table` (a facilities table) the filter keeps, ordered by facility id.
std::vector<Index> listed_rows(const Inventory& inventory, const ExposureTable& table, const FacilityFilter& filter);

// The inventory's `cell` sites, and their subscribers (absent counted as 0): what blast
// radius shares are of.
std::size_t cell_sites_total(const Inventory& inventory);
std::int64_t cell_subscribers_total(const Inventory& inventory);

// The vendors with any blast radius (report.blast_radius), largest first, then by id.
std::vector<VendorBlastRadius> ranked_blast_radius(const Inventory& inventory, const ExposureReport& report);

// Whether a listed facility is exposed to the designated vendors: the exit code's question.
bool any_exposed(const Inventory& inventory, const ExposureTable& facilities, const FacilityFilter& filter);

// For people: per facility, its kind, owner, serving sites and operators, unavoidable
// elements and vendors, possible, control-plane and influencing vendors and what it is
// exposed to (ISOLATED when no serving cell reaches its operator's core); then, with
// cell sites, a summary of them, and with blast radius a table per vendor.
std::string exposure_text(const Inventory& inventory, const ExposureReport& report, const ExposureContext& context,
                          bool style);

// cli.md's `exposure` document. Added keys: name, operators and isolated per facility
// (and cell site); "designated" {source, vendors}; "serving_radius_km"; "summary";
// "cell_sites" (with --sites) and "blast_radius" (with --blast-radius).
nlohmann::ordered_json exposure_json(const Inventory& inventory, const ExposureReport& report,
                                     const ExposureContext& context);

struct ExposureHtmlOptions {
  std::size_t max_facilities = 2000;  // chains drawn; the page says when there are more
};

// One self-contained page: per facility the chain of unavoidable elements from its cells
// to the core coloured by vendor, and, from `outage` (every vendor in failure and
// kill-switch mode, graph/outage.h), the share of each operator's cell sites that
// survive each vendor's outage as a bar chart. `baseline` is the network as it stands.
std::string exposure_html(const Inventory& inventory, const ExposureReport& report, const ExposureContext& context,
                          std::span<const OutageResult> outage, const OutageResult* baseline,
                          const ExposureHtmlOptions& options = {});

}  // namespace netvet::report
