#pragma once
// Checks of a loaded inventory that go beyond what a reader can see row by row: things
// that load fine but that a user almost certainly wants to know before trusting an
// analysis (a vendor the registry does not know, an operator with no core to reach, a
// facility that no site serves). All are warnings: the inventory is usable as it is.

#include <string>

#include "model/inventory.h"
#include "util/diagnostic.h"

namespace netvet {

struct ValidateOptions {
  // Where the inventory came from, so warnings can point at rows: a CSV folder, or a
  // JSON file (then locations are JSON pointers).
  std::string source;
  bool json = false;
  // Facilities with no served_by are served by the cell sites that cover them: by their
  // range_km, or within this radius where a site has none (model/coverage.h).
  double serving_radius_km = 2.0;
};

Diagnostics validate(const Inventory& inventory, const ValidateOptions& options);

}  // namespace netvet
