#pragma once
// Outage: what still reaches the core when a set of vendors' elements stop
// (shared/spec/inventory.md, "Outage of vendor V"). The door of src/graph for
// `netvet outage`; results map one to one onto cli.md's `outage` JSON.
//
// Definitions, as implemented:
// * failure removes every element of the scenario's vendors; kill-switch also removes
//   every element those elements influence (a chain of one or more manages/hosts links).
// * A `cell` site survives when one of its remaining `ran` elements reaches, over
//   transport links between remaining elements, a remaining sink of the site's operator.
// * An operator's totals count the `cell` sites of that operator (site operator) and
//   their `subscribers` (absent counted as 0). Every operator gets a row, even one
//   without cell sites. A scenario with no vendors is the network as it stands.
//
// Algorithm: per scenario, the removal set (kill-switch: a breadth-first search of the
// influence graph from the vendors' elements), then the connected components of the
// remaining transport graph, then per operator a mark on each component holding one of
// its remaining sinks and a look at each of its cell sites. Scenarios are independent and
// run in parallel. Complexity: O(V + E) per scenario.

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "model/inventory.h"
#include "util/diagnostic.h"

namespace netvet {

enum class OutageMode : std::uint8_t { failure, kill_switch };
std::string_view name_of(OutageMode mode);  // "failure", "kill-switch"

struct OutageScenario {
  std::vector<Index> vendors;  // vendors rows
  OutageMode mode = OutageMode::failure;
};

struct OperatorSurvival {
  Index op = kNoIndex;
  std::uint64_t sites_total = 0, sites_surviving = 0;
  std::int64_t subscribers_total = 0, subscribers_surviving = 0;
};

struct OutageResult {
  OutageScenario scenario;
  std::vector<OperatorSurvival> operators;  // one per operators row, by row
};

struct OutageOptions {
  unsigned threads = 0;  // 0: one per hardware thread
};

// Errors: a scenario naming a vendor that is not a vendors row.
Result<std::vector<OutageResult>> analyse_outage(const Inventory& inventory, std::span<const OutageScenario> scenarios,
                                                 const OutageOptions& options = {});

// Every vendor of the inventory alone, in failure then kill-switch mode, by vendors row.
std::vector<OutageScenario> every_vendor_scenarios(const Inventory& inventory);

}  // namespace netvet
