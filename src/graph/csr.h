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

// The graph with every arc turned around. O(nodes + arcs).
Csr reversed(const Csr& graph);

// Items grouped by row, in the order given: a counting sort of the (row, item) pairs that
// `for_each_pair(add)` gives by calling add(row, item). It is called twice (to count, then
// to place), so it must give the same pairs both times. O(rows + pairs).
template <typename ForEachPair>
Csr group_by_row(std::size_t rows, ForEachPair&& for_each_pair) {
  Csr g;
  g.offsets.assign(rows + 1, 0);
  for_each_pair([&](Index row, Index) {
    assert(row < rows);
    ++g.offsets[row + 1];
  });
  for (std::size_t r = 0; r < rows; ++r) g.offsets[r + 1] += g.offsets[r];
  g.targets.resize(g.offsets[rows]);
  // While placing, a row's offset is its next free slot; that ends at the next row's
  // start, so shifting the offsets by one restores them.
  for_each_pair([&](Index row, Index item) { g.targets[g.offsets[row]++] = item; });
  for (std::size_t r = rows; r > 0; --r) g.offsets[r] = g.offsets[r - 1];
  g.offsets[0] = 0;
  return g;
}

// The CSR graph from a generator, for arcs that need not be gathered first (a million
// links would be 17 MB of pairs): `for_each_arc(add)` calls add(from, to) for every arc,
// and is called twice, as group_by_row's generator is.
template <typename ForEachArc>
Csr csr_from(std::size_t nodes, ForEachArc&& for_each_arc, bool both_ways) {
  return group_by_row(nodes, [&](auto&& add) {
    for_each_arc([&](Index from, Index to) {
      assert(from < nodes && to < nodes);
      add(from, to);
      if (both_ways) add(to, from);
    });
  });
}

}  // namespace netvet::graph
