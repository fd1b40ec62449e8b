#pragma once
// What-if assumptions (`--assume`), applied to a copy of the inventory before evaluation:
//
//   replace VENDOR with VENDOR [where SELECTOR]
//   remove VENDOR [where SELECTOR]
//
// VENDOR is any spelling the registry knows (quoted when it has spaces), an unknown
// vendor's id, or a designation of the packs in scope (`replace designated with nokia`).
// SELECTOR is a selector expression (expression.h). Removing elements also removes their
// links and the evidence about them.

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "model/inventory.h"
#include "policy/expression.h"
#include "util/diagnostic.h"

namespace netvet::policy {

struct Assumption {
  enum class Kind : std::uint8_t { replace, remove };
  Kind kind = Kind::replace;
  std::string text;                // as written
  std::vector<std::string> from;   // vendor ids whose elements change
  std::string to;                  // replace: the new vendor as written
  std::optional<Selector> where;   // only the elements it selects
};

// The longest assumption parse_assumption reads (a `where` selector of a few pages).
inline constexpr std::size_t kMaxAssumptionBytes = 64u << 10;

// Parses one assumption; an error names `--assume` and the column inside the text.
Result<Assumption> parse_assumption(std::string_view text, const SelectorScope& scope = {});

// A copy of `inventory` with the assumptions applied in order. `where` clauses are
// evaluated as of `as_of` (for evidence) with the scope they were parsed with.
Inventory apply_assumptions(const Inventory& inventory, std::span<const Assumption> assumptions, Date as_of,
                            const SelectorScope& scope = {});

// Gives `elements` (rows of `inventory`) the vendor `vendor` (a registry id or spelling)
// and drops the `manages` links into each from elements of its old vendor: a new
// vendor's equipment is not run by the old vendor's element manager (policy/remedy.h).
// Returns how many elements changed vendor; nothing, changing nothing, when the registry
// does not know `vendor`.
std::optional<std::size_t> replace_elements(Inventory& inventory, std::span<const Index> elements, std::string_view vendor);

// A deep copy (the inventory itself is move-only): the same rows and the same string ids.
Inventory clone_inventory(const Inventory& inventory);

}  // namespace netvet::policy
