#pragma once
// Compressed sparse row adjacency: the neighbours of node v are targets[offsets[v] ..
// offsets[v+1]). Two allocations for a million nodes, and a scan of a node's neighbours
// touches one contiguous run of memory — the layout every traversal in src/graph uses.

#include <cassert>
#include <cstdint>
#include <span>
#include <utility>
#include <vector>

#include "model/tables.h"

namespace netvet::graph {

struct Csr {
  std::vector<std::uint32_t> offsets{0};  // nodes() + 1 entries
  std::vector<Index> targets;

  std::size_t nodes() const { return offsets.size() - 1; }
  std::size_t arcs() const { return targets.size(); }
  std::span<const Index> operator[](Index v) const {
    assert(v < nodes());
    return {targets.data() + offsets[v], offsets[v + 1] - offsets[v]};
  }
};

using Arc = std::pair<Index, Index>;  // from, to

// The CSR of `nodes` nodes holding every arc; with `both_ways` each arc is also stored
// reversed (an undirected edge). Arcs keep their input order within a node. O(nodes + arcs).
Csr csr_from_arcs(std::size_t nodes, std::span<const Arc> arcs, bool both_ways);

}  // namespace netvet::graph
