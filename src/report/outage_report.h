#pragma once
// `netvet outage` output: what survives each scenario (graph/outage.h), as text for
// people, JSON for machines (shared/spec/cli.md, `outage`) and a self-contained HTML
// page with the survival of each operator's cell sites as a bar chart.

#include <nlohmann/json.hpp>

#include <span>
#include <string>
#include <vector>

#include "graph/outage.h"
#include "model/inventory.h"

namespace netvet::report {

struct OutageContext {
  std::string inventory;  // the inventory's name, for headings
  // Vendors named on the command line that have no element in the inventory: listed in
  // every scenario's vendors (their outage removes nothing), canonical ids, sorted.
  std::vector<std::string> absent_vendors;
};

// A scenario's vendor ids (with the absent ones), sorted.
std::vector<std::string> scenario_vendor_ids(const Inventory& inventory, const OutageResult& result,
                                             const OutageContext& context);

// Per scenario a table per operator: "x of N sites (p%)" and the same for subscribers
// that still reach the operator's core; the network as it stands (`baseline`) first.
std::string outage_text(const Inventory& inventory, std::span<const OutageResult> results, const OutageResult& baseline,
                        const OutageContext& context, bool style);

// cli.md's `outage` document: {"scenarios": [{"vendors", "mode", "operators": [...]}]},
// operators by id. Added: "inventory", and "baseline" {"operators": [...]} (no vendor out).
nlohmann::ordered_json outage_json(const Inventory& inventory, std::span<const OutageResult> results,
                                   const OutageResult& baseline, const OutageContext& context);

// One self-contained page: the survival chart, one group of bars per scenario vendor set,
// a bar per operator and mode.
std::string outage_html(const Inventory& inventory, std::span<const OutageResult> results, const OutageResult& baseline,
                        const OutageContext& context);

}  // namespace netvet::report
