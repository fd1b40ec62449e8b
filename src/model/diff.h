#pragma once
// What changed between two inventories, element by element (the service's
// GET /v1/submissions/{id}/diff): elements are matched by id; an element only in `after`
// is added, only in `before` removed, in both with a field of kElementFields different
// changed. Fields compare by meaning, not spelling: vendors by the registry's canonical id
// ("HUAWEI" and "Huawei" are one vendor), functions by canonical name (aliases resolved),
// sites and operators by id, generations as sets. Serial numbers, tags and extra columns
// are not compared: they describe an element, they are not what a vetting decides on.
//
// Shares per domain before and after are compute_stats() (model/stats.h) of each side.
//
// Cost: O(n) in the elements of both, with one id lookup per element.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "model/inventory.h"

namespace netvet {

enum class ElementField : std::uint8_t { function, vendor, site, operator_, generation, model, software, installed };
inline constexpr std::size_t kElementFieldCount = 8;
std::string_view name_of(ElementField field);  // "function", ..., "operator", ...

// A set of ElementFields, one bit each.
using FieldSet = std::uint16_t;
constexpr FieldSet field_bit(ElementField f) { return static_cast<FieldSet>(1u << static_cast<unsigned>(f)); }

struct ElementChange {
  Index before = kNoIndex, after = kNoIndex;  // the element's row in each inventory
  FieldSet fields = 0;                        // what differs; never empty
};

struct InventoryDiff {
  std::vector<Index> added;     // rows of `after`, in its order
  std::vector<Index> removed;   // rows of `before`, in its order
  std::vector<ElementChange> changed;  // in `after`'s order
  std::size_t unchanged = 0;
};

InventoryDiff diff_inventories(const Inventory& before, const Inventory& after);

// The value of `field` of element row `e`, as text: the canonical function, vendor id,
// site id, operator id, generations joined by ';' ("4G;5G"), model, software, ISO date;
// "" when absent.
std::string element_field_text(const Inventory& inventory, Index e, ElementField field);

}  // namespace netvet
