#include "graph/csr.h"

namespace netvet::graph {

Csr csr_from_arcs(std::size_t nodes, std::span<const Arc> arcs, bool both_ways) {
  Csr g;
  g.offsets.assign(nodes + 1, 0);
  for (const auto& [from, to] : arcs) {
    assert(from < nodes && to < nodes);
    ++g.offsets[from + 1];
    if (both_ways) ++g.offsets[to + 1];
  }
  for (std::size_t v = 0; v < nodes; ++v) g.offsets[v + 1] += g.offsets[v];
  g.targets.resize(g.offsets[nodes]);
  std::vector<std::uint32_t> next(g.offsets.begin(), g.offsets.end() - 1);
  for (const auto& [from, to] : arcs) {
    g.targets[next[from]++] = to;
    if (both_ways) g.targets[next[to]++] = from;
  }
  return g;
}

}  // namespace netvet::graph
