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
// crosses a whole cell-site LAN or a clean core in one step. The flow is found by
// Dinic's algorithm (1970): each phase is a breadth-first search of the residual graph
// from the sources that stops at the level of the nearest sink, then a blocking flow
// along arcs one level up, depth first with dead ends remembered. The flow is maximum
// when no augmenting path is left, and then either side proves it: the nodes the sources
// still reach, or the nodes that still reach a sink; the removed elements whose in-node
// lies outside that side and whose out-node inside (source side: the in-node inside and
// the out-node outside) form a minimum cut (max-flow min-cut). So each phase also
// searches backwards from the sinks, step for step with the forward search once that has
// scanned a number of arcs (65,536 unless told), and the side whose search finishes first gives the cut: the cut
// nearest the subject, unless the subject's side of it is the larger and spans more than
// that — an operator whose core is fronted by designated routers, whose subject side is
// most of the country — and then the one nearest the core. Both are smallest; which one
// is given depends only on the network, so the answer is reproducible.
// Groups of removed elements that touch a single component and hold no sink are left
// out of the forward arcs: a path into one can only come back (dead_end_groups).
// Because a removed element carries at most one unit, the flow is kept per element:
// where its unit comes from and where it goes (no map of arcs).
// Complexity: O(V + E) to index the components; per query, O(phases * (V' + E')) for
// the smaller region V' + E' the searches reach — phases are few (at most |C| + 1, and
// O(sqrt V) for unit vertex capacities, Even and Tarjan 1975).

#include <absl/container/flat_hash_map.h>

#include <cstdint>
#include <span>
#include <vector>

#include "graph/csr.h"
#include "graph/site_reach.h"
#include "graph/traffic_graph.h"
#include "util/zeroed_array.h"

namespace netvet::graph {

// What VertexCutFinder::cut finds for one subject and operator.
struct CutAnswer {
  // Some path leads from a source to a sink of the operator, removed elements allowed:
  // the subject reaches its core with nothing removed (false: isolated).
  bool reaches = false;
  std::vector<Index> elements;  // the cut, ascending; empty when not exposed or isolated
};

// Per-thread working memory of VertexCutFinder::cut. The per-node and per-element arrays
// are the size of the network, all zero until a query writes them (util/zeroed_array.h),
// and reset through the lists of what a phase or query touched, never cleared whole. A
// node's fields sit together: a search touches one page per node, not three.
struct NodeState {
  Index level;             // 0: unreached this phase, else BFS level + 1
  std::uint32_t cursor;    // the next arc the blocking flow tries
  std::uint32_t sink_side; // the phase whose backward search reached it
};
struct ElementFlow {
  Index pred, succ;  // node + 1 a removed element's unit comes from, goes to; 0: none
};
struct CutScratch {
  ZeroedArray<NodeState> node;
  ZeroedArray<ElementFlow> flow;
  std::uint32_t phase = 0;              // stamps sink_side
  std::vector<Index> touched;           // elements whose pred or succ was set this query
  // Per component node: the removed elements whose out-node sends flow into it, and those
  // whose in-node takes flow from it (the residual arcs back; stale entries are skipped
  // by checking succ and pred).
  absl::flat_hash_map<Index, std::vector<Index>> into_component, out_of_component;
  std::vector<Index> queue, back_queue, path, key;
  // Answers by operator and source nodes: the cells of a network whose elements are clean
  // all start in the one big component around them, and share one cut.
  absl::flat_hash_map<std::vector<Index>, CutAnswer> answers;
};


class VertexCutFinder {
 public:
  // `component`: per element, its component without the removed elements, or
  // kRemovedElement (graph/site_reach.h). `subject_side_arcs`: how many arcs a phase's
  // search scans from the sources before it also searches from the sinks.
  VertexCutFinder(const TrafficGraph& graph, std::vector<Index> component,
                  std::size_t subject_side_arcs = std::size_t{1} << 16);

  // The cut for `sources` (element rows) and operator `op`: empty when a source reaches
  // a sink of op without crossing a removed element, or none reaches one at all (which
  // `reaches` tells apart). Safe to call from several threads, each with its own scratch.
  CutAnswer cut(std::span<const Index> sources, Index op, CutScratch& scratch) const;

 private:
  struct Arc {
    Index to;
    bool open;  // residual capacity left
  };
  bool removed(Index e) const;
  std::vector<std::uint8_t> dead_end_groups() const;
  Index node_of(Index element) const;
  bool is_sink(Index node, Index op) const;
  std::uint32_t arc_count(Index node, const CutScratch& s) const;
  Arc arc(Index node, std::uint32_t k, const CutScratch& s) const;
  std::size_t predecessor_count(Index node, const CutScratch& s) const;
  template <typename Visit>
  void for_each_predecessor(Index node, const CutScratch& s, Visit&& visit) const;
  Index layer(std::span<const Index> sources, Index op, CutScratch& s, bool& by_sink_side) const;
  std::size_t blocking_flow(std::span<const Index> sources, Index op, Index sink_level, CutScratch& s) const;
  void push_unit(std::span<const Index> path, CutScratch& s) const;

  const TrafficGraph& g_;
  std::vector<Index> component_;
  std::size_t subject_side_arcs_;
  // Per element naming a component: the removed elements adjacent to it, once each; those
  // of dead-end groups apart (only searches backwards need them).
  Csr removed_next_to_, dead_ends_next_to_;
  std::vector<std::uint8_t> maybe_sink_;  // per node: a sink of some operator (a filter before the sets)
  std::vector<std::vector<Index>> sink_list_;  // per operator: the nodes its sinks lie in, ascending
};

}  // namespace netvet::graph
