#pragma once
// Small networks for the graph tests: a terse builder for hand-made cases, a seeded
// random generator (various densities) and adversarial shapes (rings, bridges, parallel
// paths, shared transport, management chains, disconnected parts). Nothing here knows
// src/graph: the same inventories feed the engine and the brute-force reference.

#include <cstdint>
#include <string>
#include <vector>

#include "model/builder.h"

namespace netvet::testing {

class Net {
 public:
  Index op(const std::string& id);
  Index site(const std::string& id, Index op, SiteKind kind = SiteKind::cell, double lat = kNoCoordinate,
             double lon = kNoCoordinate, std::int64_t subscribers = kNoCount);
  // An element of `function` (a vocabulary name); element_op kNoIndex: the site's.
  Index el(const std::string& id, Index site, const std::string& function, const std::string& vendor,
           Index element_op = kNoIndex);
  void link(Index a, Index b, LinkKind kind = LinkKind::transport) { b_.add_link(a, b, kind); }
  Index facility(const std::string& id, std::vector<Index> served_by, double lat = kNoCoordinate,
                 double lon = kNoCoordinate);
  Inventory finish() && { return std::move(b_).finish(); }
  InventoryBuilder& builder() { return b_; }

 private:
  InventoryBuilder b_;
};

// A random network from `seed`: 1-3 operators, a handful of vendors, transport of the
// given density, cell sites with 1-3 ran elements, sinks, control plane, management and
// hosting (with cycles), facilities served by lists, by radius, or by nobody.
Inventory random_network(std::uint32_t seed);

// A network assembled from gadgets — rings, chains of cut vertices, parallel paths,
// cliques, bridges — joined at random, shared between operators.
Inventory gadget_network(std::uint32_t seed);

}  // namespace netvet::testing
