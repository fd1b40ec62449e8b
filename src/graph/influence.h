#pragma once
// Influence through management and hosting (spec: element M influences element X when a
// chain of `manages`/`hosts` links leads from M to X; chains may loop).
//
// Definition. influencers(X) = the vendors of every element M with a directed path of
// length >= 1 from M to X in the influence graph. An element on a cycle influences itself.
//
// Algorithm. Tarjan's strongly connected components (SIAM J. Comput. 1(2), 1972),
// iterative; the condensation is a DAG, and Tarjan emits its components in reverse
// topological order, so one pass in the opposite order pushes each component's
// influencers (and, along an arc, its own vendors) to its successors. A component with
// an internal arc (a cycle or a self-loop) influences itself.
// Complexity: O((V + E) * W) time and O(V * W) memory, W = ceil(vendors / 64) words.

#include <span>
#include <vector>

#include "graph/csr.h"
#include "graph/vendor_set.h"

namespace netvet::graph {

class InfluenceIndex {
 public:
  InfluenceIndex() = default;
  InfluenceIndex(const Csr& influence, std::span<const Index> vendor_of, std::size_t vendors);

  // The vendors of the elements that influence `element`.
  ConstVendorBits influencers(Index element) const { return influencers_[component_[element]]; }

 private:
  std::vector<Index> component_;  // strongly connected component of each element
  VendorSets influencers_;        // per component
};

// Marks (sets to 1) every element that one of `from` influences. Marked elements are not
// expanded again, so `mark` must hold no marks beyond elements of `from` (which are
// expanded regardless). Breadth-first over the influence graph: O(V + E).
void mark_influenced(const Csr& influence, std::span<const Index> from, std::vector<std::uint8_t>& mark);

}  // namespace netvet::graph
