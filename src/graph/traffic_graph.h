#pragma once
// The traffic graph of an inventory (shared/spec/inventory.md, "Semantics the analyses
// share"), in the compressed form every analysis of src/graph walks:
//
// * nodes 0 .. elements-1 are the element rows; `transport` links are undirected edges
//   (self-loops dropped: they are on no simple path). Traffic may cross any operator's
//   elements.
// * node elements + o is the *super-sink* of operator o, adjacent to o's sinks (elements
//   of a `sink` function — upf, pgw — whose element operator is o). "Reaches a sink of o"
//   becomes "reaches one node". Traversals that are not about operator o skip every node
//   >= elements.
// * `manages` and `hosts` links are the directed influence graph (a acts on b); they are
//   not traffic edges. It is built in the one direction its user searches.
//
// The per-element and per-site columns the analyses read are views into the inventory,
// which must outlive the graph. Building is O(elements + links + sites).

#include <cstdint>
#include <span>
#include <vector>

#include "graph/csr.h"
#include "model/inventory.h"

namespace netvet {

struct TrafficGraphOptions {
  unsigned threads = 1;  // 0: one per hardware thread
  // `influence` as b -> a (who acts on an element, for searches back from it) instead of
  // a -> b: a graph of a million links is not built twice to be turned around.
  bool influence_reversed = false;
  // Whether to build `influence` and `control_plane_of_operator`; without, they are empty
  // (an analysis of transport alone never reads them).
  bool influence = true;
};

struct TrafficGraph {
  Index elements = 0;
  Index operators = 0;
  Index vendors = 0;
  graph::Csr transport;  // elements + operators nodes, undirected
  graph::Csr influence;  // elements nodes, a -> b for manages and hosts (b -> a when reversed)
  bool influence_reversed = false;

  ListColumn<Index> ran_elements_of_site;       // per site: its `ran` elements, ascending
  ListColumn<Index> sinks_of_operator;          // per operator: its sinks, ascending
  ListColumn<Index> control_plane_of_operator;  // per operator: its control-plane elements
  std::span<const Index> vendor;                // per element: vendors row
  std::span<const Index> site_operator;         // per site
  std::span<const SiteKind> site_kind;          // per site

  Index super_sink(Index op) const { return elements + op; }
  std::int64_t site_subscribers(Index site) const { return subscribers_[site] == kNoCount ? 0 : subscribers_[site]; }

 private:
  friend TrafficGraph build_traffic_graph(const Inventory&, const TrafficGraphOptions&);
  std::span<const std::int64_t> subscribers_;  // per site, kNoCount when absent
};

TrafficGraph build_traffic_graph(const Inventory& inventory, const TrafficGraphOptions& options = {});

// Parts of the traffic graph on their own, for callers that need no transport links.
// The influence graph: a -> b for each `manages`/`hosts` link, or b -> a when reversed.
graph::Csr influence_graph(const Inventory& inventory, bool reversed = false);
// Per operator: its control-plane elements, ascending.
ListColumn<Index> control_plane_by_operator(const Inventory& inventory);

}  // namespace netvet
