#pragma once
// The cleanest way: what to replace so that a subject's traffic has a way to its core that
// avoids a designated vendor (policy/remedy.h, for exposure rules).
//
// Exposure through transport means every path from the subject's sources to a sink of its
// operator crosses a designated element; it ends when one path crosses none. So the fewest
// replacements that end it are the designated elements of the path that crosses the
// fewest of them. (The cut of graph/vertex_cut.h, a smallest set every path crosses, is
// not that: on a chain source - D1 - D2 - core the cut is one element, and replacing it
// leaves the other on every path.)
//
// Algorithm: a 0-1 breadth-first search (a deque; Dial's algorithm for weights 0 and 1)
// over the transport graph from the sources, where entering an element costs 1 when it
// is dirty and 0 otherwise, to the operator's super-sink; other operators' super-sinks
// are not crossed. The first time the super-sink is popped its distance is the fewest
// dirty elements on any path, and the parents give one such path. O(V + E) per query.

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "graph/traffic_graph.h"

namespace netvet::graph {

// The dirty elements of a path from `sources` to a sink of operator `op` crossing the
// fewest of them, ascending; nothing when no path exists at all. `dirty` has one entry per
// element (nonzero: dirty). With `path`, also every element of that path, from the core
// back to the cells.
std::optional<std::vector<Index>> cleanest_way(const TrafficGraph& graph, std::span<const Index> sources, Index op,
                                               std::span<const std::uint8_t> dirty, std::vector<Index>* path = nullptr);

}  // namespace netvet::graph
