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
// form a minimum cut — the one nearest the sources. To keep each query local on a
// national network (a component can touch a hundred thousand removed elements), paths
// are first sought along the arcs that lead one step nearer the operator's sinks in the
// graph without flow (distances from one backward search per operator, built on first
// use), depth first with dead ends remembered, as Dinic's blocking flow does; a
// breadth-first search of the residual graph then finds any path those miss, and the
// last one, which finds none, explores only the source side of the cut. Queries whose
// sources lie in the same nodes (the cells that open onto one big clean component) have
// one answer, found once per scratch.
// Complexity: O(V + E) to index the components and per operator's distances; per
// query, O(|C| * path length) for the paths found downhill, plus the residual searches.

#include <absl/container/flat_hash_map.h>

#include <cstdint>
#include <memory>
#include <mutex>
#include <span>
#include <utility>
#include <vector>

#include "graph/csr.h"
#include "graph/site_reach.h"
#include "graph/traffic_graph.h"

namespace netvet::graph {

// Per-thread working memory of VertexCutFinder::cut.
struct CutScratch {
  // Per node of the split graph (two per element), stamped so that a query clears
  // nothing: the search that reached it (and from where), and whether no downhill path
  // remains from it. Arrays, not hash maps: a query can touch thousands of nodes.
  std::vector<std::uint32_t> reached, dead_at;
  std::vector<Index> parent;
  std::uint32_t search = 0, phase = 0;
  std::size_t next_source = 0;  // the downhill search's place in the sources, this phase
  absl::flat_hash_map<std::uint64_t, int> flow;  // (from, to) -> net flow
  std::vector<std::pair<Index, Index>> into_component;  // (component, out-node) arcs that carried flow
  std::vector<Index> queue, path, key;
  // Answers by operator and source nodes: the cells of a network whose elements are clean
  // all start in the one big component around them, and share one cut.
  absl::flat_hash_map<std::vector<Index>, std::vector<Index>> answers;
};

class VertexCutFinder {
 public:
  // `component`: per element, its component without the removed elements, or
  // kRemovedElement (graph/site_reach.h); copied.
  VertexCutFinder(const TrafficGraph& graph, std::vector<Index> component);
  ~VertexCutFinder();
  VertexCutFinder(VertexCutFinder&&) = default;

  // The cut for `sources` (element rows) and operator `op`, ascending; empty when a
  // source reaches a sink of op without crossing a removed element, or none reaches one
  // at all. Safe to call from several threads, each with its own scratch.
  std::vector<Index> cut(std::span<const Index> sources, Index op, CutScratch& scratch) const;

 private:
  struct OperatorLevels {
    std::once_flag once;
    std::vector<Index> dist;  // per node: arcs to the operator's sinks without flow
    Csr downhill;             // per component: the removed elements beside it one step nearer
  };
  bool removed(Index e) const;
  Index node_of(Index element) const;
  const OperatorLevels& levels(Index op) const;
  template <typename Visit>
  void for_each_neighbour(Index node, const CutScratch& s, Visit&& visit) const;
  void push_unit(std::span<const Index> path, CutScratch& s) const;
  bool augment_downhill(std::span<const Index> sources, const OperatorLevels& l, CutScratch& s) const;
  bool augment(std::span<const Index> sources, const OperatorLevels& l, CutScratch& s) const;

  const TrafficGraph& g_;
  std::vector<Index> component_;
  Csr removed_next_to_;  // per element naming a component: the removed elements adjacent to it
  std::vector<std::unique_ptr<OperatorLevels>> levels_;  // per operator, built on first use
};

}  // namespace netvet::graph
