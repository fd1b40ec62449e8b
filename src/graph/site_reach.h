#pragma once
// Which sites still reach their operator's core when a set of elements is gone — the one
// connectivity computation behind both outage (graph/outage.h) and vendor-level exposure
// (graph/exposure.h), so that their numbers agree by construction
// (shared/spec/inventory.md, "Semantics the analyses share").
//
// Definition. With the elements of `removed` gone, site s *reaches* its core when one of
// its remaining `ran` elements is joined, over transport links between remaining
// elements, to a remaining sink of the site's operator. A vendor's `failure` removes its
// elements; its `kill-switch` also removes every element they influence (a chain of one
// or more manages/hosts links).
//
// Algorithm, one removal at a time (remove_vendors, reaching): the connected components of
// the transport graph without the removed elements (a breadth-first search from each
// unlabelled element), then, per operator, a mark on each component holding one of its
// remaining sinks and a look at each of its sites' ran elements. O(V + E) per removal
// set; the caller runs independent sets on several threads, one Scratch each. The
// components are what graph/vertex_cut.h contracts.
// Many removals at once (reaching_after, site_reach_batch.cpp): per operator, one
// propagation from its sinks of a 64-bit word per element, bit k set when the element
// is joined to one of the operator's sinks with removal k's elements gone. A word's new
// bits pass to each neighbour, masked by the removals that take that neighbour away, from
// a first-in first-out worklist, so bits travel shortest ways first and an element is
// visited again only when a removal's bit reaches it later, by a longer way. The least
// fixpoint is exactly reachability in each network without removal k, so the answers are
// those of reaching(). O(T (V + E)) per operator and 64 removals, T the times an
// element's word grows (at most 64; a handful on national networks), instead of
// O(64 (V + E)).

#include <cstdint>
#include <span>
#include <vector>

#include "graph/csr.h"
#include "graph/traffic_graph.h"

namespace netvet::graph {

// One bit per site row.
class SiteBits {
 public:
  SiteBits() = default;
  explicit SiteBits(std::size_t sites) : words_((sites + 63) / 64, 0) {}
  void set(Index site) { words_[site / 64] |= std::uint64_t{1} << (site % 64); }
  bool test(Index site) const { return (words_[site / 64] >> (site % 64)) & 1U; }
  bool any_of(std::span<const Index> sites) const {
    for (const Index s : sites)
      if (test(s)) return true;
    return false;
  }
  bool empty() const { return words_.empty(); }

 private:
  std::vector<std::uint64_t> words_;
};

inline constexpr Index kRemovedElement = kNoIndex - 1;  // the component "label" of a removed element

// Per-thread working memory, the size of the network.
struct ReachScratch {
  std::vector<std::uint8_t> removed;
  std::vector<Index> component, queue, stamp;
  Index next_stamp = 0;
};

class SiteReach {
 public:
  // `influence` is the influence graph a -> b (not reversed); it must outlive this.
  SiteReach(const TrafficGraph& graph, const Csr& influence);

  // Marks in scratch.removed the elements that the vendors' failure (or kill-switch)
  // takes away, clearing the rest.
  void remove_vendors(std::span<const Index> vendors, bool kill_switch, ReachScratch& scratch) const;
  // The sites that reach their core without scratch.removed; scratch.component then
  // holds each element's component (named by its first element; kRemovedElement for a
  // removed one), which graph/vertex_cut.h reads.
  SiteBits reaching(ReachScratch& scratch) const;

  // One removal of a batch: whose elements go, and how.
  struct Removal {
    std::span<const Index> vendors;
    bool kill_switch = false;
  };
  // The sites that reach their core after each removal, in order: what remove_vendors and
  // reaching() answer one by one, for any number of removals, 64 per propagation, the
  // operators on up to `threads` threads (0: one per hardware thread). No components are
  // left for cuts.
  std::vector<SiteBits> reaching_after(std::span<const Removal> removals, unsigned threads) const;

  std::span<const Index> elements_of_vendor(Index vendor) const { return elements_of_vendor_[vendor]; }
  const TrafficGraph& graph() const { return g_; }

 private:
  void label_components(ReachScratch& s) const;
  void reaching_after_batch(std::span<const Removal> removals, unsigned threads, std::span<SiteBits> out) const;

  const TrafficGraph& g_;
  const Csr& influence_;
  ListColumn<Index> elements_of_vendor_;
  ListColumn<Index> sites_of_operator_;  // every site with a ran element, by site operator
};

}  // namespace netvet::graph
