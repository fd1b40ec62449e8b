#include "graph/csr.h"

namespace netvet::graph {

Csr csr_from_arcs(std::size_t nodes, std::span<const Arc> arcs, bool both_ways) {
  return csr_from(
      nodes,
      [&](auto&& add) {
        for (const auto& [from, to] : arcs) add(from, to);
      },
      both_ways);
}

Csr reversed(const Csr& g) {
  return csr_from(
      g.nodes(),
      [&](auto&& add) {
        for (Index a = 0; a < g.nodes(); ++a)
          for (const Index b : g[a]) add(b, a);
      },
      false);
}

}  // namespace netvet::graph
