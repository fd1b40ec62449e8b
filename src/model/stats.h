#pragma once
// Counts of an inventory and the vendor shares of each domain per operator: the first
// thing an analyst asks of a network ("how much of EE's RAN is Huawei?").

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "model/inventory.h"

namespace netvet {

struct VendorShare {
  Index vendor = kNoIndex;   // vendors row
  std::int64_t count = 0;    // elements of this vendor in the domain
  std::int64_t sites = 0;    // sites where this vendor has an element of the domain
};

struct DomainShares {
  Domain domain = Domain::ran;
  std::int64_t elements = 0;            // the "N" of "x of N"
  std::int64_t sites = 0;               // sites with an element of the domain
  std::vector<VendorShare> vendors;     // largest first, then by vendor id
};

struct OperatorStats {
  Index op = kNoIndex;
  std::int64_t sites = 0, cell_sites = 0, elements = 0;
  std::int64_t subscribers = 0;         // the operator's, or the sum of its sites' when absent
  std::vector<DomainShares> domains;    // domains the operator has elements in, in domain order
};

struct InventoryStats {
  std::int64_t operators = 0, sites = 0, elements = 0, links = 0, facilities = 0, evidence = 0;
  std::vector<std::pair<std::string, std::int64_t>> sites_by_kind, links_by_kind, elements_by_domain,
      elements_by_function, elements_by_vendor, facilities_by_kind;  // largest first
  std::vector<OperatorStats> per_operator;  // in operators-table order
};

// Shares count elements by their own operator (ElementTable.op), so the kit another
// operator keeps on a shared site counts towards that other operator.
InventoryStats compute_stats(const Inventory& inventory);

}  // namespace netvet
