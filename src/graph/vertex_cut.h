#pragma once
// The cut of an exposed subject (shared/spec/inventory.md, "Exposed through transport"):
// a smallest set of removed elements (a designated vendor's, say) that every path from
// the subject's sources to a sink of its operator crosses — what to replace to give its
// traffic a clean way.
//
// Definition. Given the components of the transport graph without the removed elements
// (graph/site_reach.h leaves them in ReachScratch::component), sources (ran elements) and
// an operator o, the cut is a minimum-size set C of removed elements such that no path
// from a source to a sink of o avoids C. Only removed elements may be cut; a removed
// source or sink may be cut itself. Undefined (empty) when some source reaches a sink
// of o without crossing a removed element: the subject is not exposed.
//
// Algorithm, and why it is exact. Menger's theorem (vertex form): the smallest set of
// vertices separating S from T equals the largest number of S-T paths sharing no such
// vertex, which is the maximum flow when each cuttable vertex v is split into v_in ->
// v_out of capacity 1 and every other arc has unbounded capacity (Ford and Fulkerson,
// "Flows in Networks", 1962, ch. I.5). Elements that may not be cut are contracted into
// their component first (a component is one node of unbounded capacity), so a search
// crosses a whole cell-site LAN or a clean core in one step. Augmenting paths are found
// by breadth-first search in the residual graph (Edmonds-Karp); after the last one, the
// removed elements whose in-node the source side reaches and whose out-node it does not
// form a minimum cut — the one nearest the sources. Each search is local: it stops at
// the first sink it meets, and the last one explores only the source side of the cut.
// Complexity: O(|C| * (nodes and arcs the searches meet)) per query, after an
// O(V + E) index of which removed elements touch each component.

#include <absl/container/flat_hash_map.h>

#include <cstdint>
#include <span>
#include <vector>

#include "graph/csr.h"
#include "graph/site_reach.h"
#include "graph/traffic_graph.h"

namespace netvet::graph {

// Per-thread working memory of VertexCutFinder::cut.
struct CutScratch {
  absl::flat_hash_map<Index, Index> parent;         // node -> the node the search came from
  absl::flat_hash_map<std::uint64_t, int> flow;     // (from, to) -> net flow
  std::vector<Index> queue, targets;
};

class VertexCutFinder {
 public:
  // `component`: per element, its component without the removed elements, or
  // kRemovedElement (graph/site_reach.h); copied.
  VertexCutFinder(const TrafficGraph& graph, std::vector<Index> component);

  // The cut for `sources` (element rows) and operator `op`, ascending; empty when a
  // source reaches a sink of op without crossing a removed element, or none reaches one
  // at all.
  std::vector<Index> cut(std::span<const Index> sources, Index op, CutScratch& scratch) const;

 private:
  bool removed(Index e) const;
  template <typename Visit>
  void for_each_neighbour(Index node, const CutScratch& s, Visit&& visit) const;
  bool augment(std::span<const Index> sources, CutScratch& s) const;

  const TrafficGraph& g_;
  std::vector<Index> component_;
  Csr removed_next_to_;  // per element naming a component: the removed elements adjacent to it
};

}  // namespace netvet::graph
