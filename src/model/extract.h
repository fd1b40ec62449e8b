#pragma once
// One operator's part of an inventory: what that operator submits to the shared service
// (shared/spec/service.md), which refuses rows of any other operator.
//
// Kept: the operator's row; its sites; its elements (ElementTable.op) that sit on its own
// sites; links whose two ends are both kept; every facility, its served_by narrowed to the
// kept sites; evidence about a kept element, or about a vendor or model a kept element
// has (a reader refuses evidence about any other); the meta rows.
//
// Left out, and counted so that a caller can say so:
// * the operator's elements on another operator's (shared) site. Keeping them would need
//   that site's row, which names the other operator and would be refused; re-attributing
//   the site to this operator would falsify the data. They belong to a submission only
//   once the site's owner and this operator agree how to record them.
// * links to any element not kept (shared transport), and evidence about such elements
//   or about vendors and models only other operators' kept elements have.
// * facilities whose served_by names only other operators' sites: an empty served_by means
//   "served by the cell sites that cover it", which would say something the data does not.
//
// Every element of the inventory is thus either in its operator's extraction or counted
// in that extraction's `elements_on_shared_sites`.

#include <cstddef>

#include "model/inventory.h"

namespace netvet {

struct Extraction {
  Inventory inventory;
  std::size_t elements_on_shared_sites = 0;  // the operator's elements on others' sites
  std::size_t links_left_out = 0;            // links from a kept element to one not kept
  std::size_t evidence_left_out = 0;         // evidence about what is not kept
  std::size_t facilities_left_out = 0;       // facilities served only by others' sites
};

// `op` is an operators row of `inventory`.
Extraction extract_operator(const Inventory& inventory, Index op);

}  // namespace netvet
