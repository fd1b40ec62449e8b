#pragma once
// The traffic graph of an inventory (shared/spec/inventory.md, "Semantics the analyses
// share"), in the compressed form every analysis of src/graph walks:
//
// * nodes 0 .. elements-1 are the element rows; `transport` links are undirected edges
//   (self-loops dropped: they are on no simple path). Traffic may cross any operator's
//   elements.
// * node elements + o is the *super-sink* of operator o, adjacent to o's sinks (elements
//   of a `sink` function — upf, pgw — whose element operator is o). "Reaches a sink of o"
//   becomes "reaches one node", which is what turns the per-operator questions into
//   questions about one rooted block tree (graph/block_tree.h). Traversals that are not
//   about operator o skip every node >= elements.
// * `manages` and `hosts` links are the directed influence graph (a acts on b); they are
//   not traffic edges.
//
// Building is O(elements + links + sites).

#include <cstdint>
#include <vector>

#include "graph/csr.h"
#include "model/inventory.h"

namespace netvet {

struct TrafficGraph {
  Index elements = 0;
  Index operators = 0;
  Index vendors = 0;
  graph::Csr transport;  // elements + operators nodes, undirected
  graph::Csr influence;  // elements nodes, a -> b for manages and hosts

  std::vector<Index> vendor;                     // per element: vendors row
  ListColumn<Index> ran_elements_of_site;        // per site: its `ran` elements, ascending
  ListColumn<Index> sinks_of_operator;           // per operator: its sinks, ascending
  ListColumn<Index> control_plane_of_operator;   // per operator: its control-plane elements
  std::vector<Index> site_operator;              // per site
  std::vector<std::uint8_t> site_is_cell;        // per site: kind == cell
  std::vector<std::int64_t> site_subscribers;    // per site, absent counted as 0
  std::vector<Index> sink_operator;              // per element: its operator if a sink, else kNoIndex

  Index super_sink(Index op) const { return elements + op; }
};

// On up to `threads` threads (0: one per hardware thread).
TrafficGraph build_traffic_graph(const Inventory& inventory, unsigned threads = 1);

// Parts of the traffic graph on their own, for callers that need no transport links.
// The influence graph: a -> b for each `manages`/`hosts` link, or b -> a when reversed.
graph::Csr influence_graph(const Inventory& inventory, bool reversed = false);
// Per operator: its control-plane elements, ascending.
ListColumn<Index> control_plane_by_operator(const Inventory& inventory);

}  // namespace netvet
