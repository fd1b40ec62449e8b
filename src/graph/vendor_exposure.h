#pragma once
// Exposure judged vendor by vendor and per serving operator (shared/spec/inventory.md,
// "Semantics the analyses share"): can a subject's traffic reach the core without
// touching any of D's equipment? The engine behind the vendor-level columns of
// graph/exposure.h; the element-level columns (unavoidable chain, possible paths) come
// from graph/exposure_index.h and explain them.
//
// Definitions, as implemented. For a subject served by sites S (a facility's serving
// sites, or a cell site itself), S_o those of operator o, and a removal R:
// * o *reaches* under R when some site of S_o reaches its core without R
//   (graph/site_reach.h); the subject reaches when some operator does.
// * Transport exposure to D, per operator: o reaches with nothing removed and not with
//   R = D's elements ("D's failure cuts it off"); as a whole: the same over every
//   operator at once. `transport_exposed_to` lists every vendor V for which that holds
//   with D = {V}.
// * Influence exposure: the same with R = D's elements and everything they influence
//   (D's kill-switch).
// * Control-plane exposure of o: an element of D is, or influences, one of o's core
//   control-plane elements; of the subject: of any of its operators. It does not need a
//   path, so an isolated subject can be exposed this way.
// * exposed: the designated set D taken together, by any of the three ways; exposed_to:
//   each designated vendor on its own.
// * The cut, per exposed operator: a smallest set of D's elements every path of o
//   crosses (graph/vertex_cut.h) when exposed through transport; when exposed through
//   influence only, a smallest set of the elements D's kill-switch takes away (D's and
//   those D manages or hosts) — replacing them, or moving their management, gives the
//   traffic a clean way. Empty when exposed through the control plane only. The
//   subject's cut is the union of its operators'.
//
// Algorithm: the sites that still reach their core after each removal (nothing removed;
// each vendor's failure; each designated vendor's kill-switch, and every vendor's with
// blast radius; the designated set's failure and kill-switch) from graph/site_reach.h:
// the designated set's two by a search each, whose components its cuts contract; the
// others in batches of 64, one propagation per operator each, beside them. Then per
// subject and operator a few bit tests per vendor, and a local max-flow for each exposed
// one. O(V + E) per searched removal and per operator and batch, plus the cuts. For a few subjects (a policy's
// facilities) the pass with nothing removed is left out: a subject's operator that no
// site reaches with the designated set gone is searched from its sources, and the search
// that finds its cut also tells whether it reaches its core at all.

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <vector>

#include "graph/exposure.h"
#include "graph/site_reach.h"
#include "graph/traffic_graph.h"
#include "graph/vendor_set.h"
#include "graph/vertex_cut.h"

namespace netvet::graph {

// Per serving operator of one subject.
struct OperatorVerdict {
  Index op = kNoIndex;
  bool isolated = false;  // none of its sites reaches its core, with nothing removed
  std::uint8_t ways = 0;  // ExposureWay bits (graph/exposure.h), for the designated set as a whole; 0: not exposed
  std::vector<Index> transport_exposed_to, exposed_to, cut;
};

struct SubjectVerdict {
  std::uint8_t ways = 0;
  std::vector<Index> transport_exposed_to, exposed_to, cut;
  std::vector<OperatorVerdict> operators;  // by operator row
};

// Per-thread working memory of VendorExposure::judge.
struct VerdictScratch {
  std::vector<Index> ops, sites, sources;
  std::vector<std::uint8_t> reaches;  // per operator of the subject: with nothing removed
  std::vector<std::uint8_t> any_control_plane, op_control_plane;  // per designated vendor
  CutScratch cut;
};

class VendorExposure {
 public:
  struct Options {
    std::vector<Index> designated;  // vendors rows, ascending
    bool every_kill_switch = false; // also every vendor's kill-switch (for blast radius)
    // Every vendor's failure, for transport_exposed_to; else only the designated vendors'
    // (policy rules read nothing else, and each vendor costs a pass over the network).
    bool every_vendor = true;
    // The ways to judge (ExposureWay bits); influence costs a kill-switch pass per
    // designated vendor and for the set, the control plane a search of the influence links.
    std::uint8_t ways = kViaTransport | kViaInfluence | kViaControlPlane;
    // Whether each subject's reach with nothing removed comes from a search from its
    // sources (few subjects, cuts always wanted) rather than from a pass over the network.
    // Then reaching() is empty.
    bool reach_by_search = false;
    std::size_t cut_subject_side_arcs = std::size_t{1} << 16;  // VertexCutFinder's
    unsigned threads = 0;
  };
  VendorExposure(const TrafficGraph& graph, const Options& options);

  // The verdict for a subject served by `sites` (site rows, ascending, unique); without
  // `cuts`, every cut is left empty.
  void judge(std::span<const Index> sites, VerdictScratch& scratch, SubjectVerdict& out, bool cuts = true) const;

  // The sites that reach their core with nothing removed, with V's failure, and with V's
  // kill-switch (only with Options::every_kill_switch, or for designated vendors).
  const SiteBits& reaching() const { return base_; }
  const SiteBits& reaching_after_failure(Index vendor) const;
  const SiteBits& reaching_after_kill_switch(Index vendor) const;

 private:
  const TrafficGraph& g_;
  std::vector<Index> designated_;
  std::uint8_t ways_ = 0;
  SiteBits base_, set_failure_, set_kill_;
  std::vector<SiteBits> failure_, kill_;  // per vendor row; empty bits: the same as base_
  std::vector<std::uint8_t> kill_is_failure_;  // per vendor row: its kill-switch removes only its own elements
  // Per vendor row: it has no elements (listed, or all replaced), so its failure and its
  // kill-switch remove nothing and cut nothing off.
  std::vector<std::uint8_t> removes_nothing_;
  // The cut finder of a removal, built on first use from its components: indexing them
  // costs a pass over the network, and many analyses ask no cut of a kill-switch.
  class LazyCut {
   public:
    LazyCut(const TrafficGraph& graph, std::size_t subject_side_arcs) : g_(graph), arcs_(subject_side_arcs) {}
    std::vector<Index> component;  // filled by the removal's search
    const VertexCutFinder& finder() const;

   private:
    const TrafficGraph& g_;
    std::size_t arcs_;
    mutable std::once_flag once_;
    mutable std::optional<VertexCutFinder> finder_;
  };
  std::unique_ptr<LazyCut> set_failure_cut_, set_kill_cut_;
  VendorSets control_plane_;  // per operator: vendors that are, or influence, one of its control-plane elements
};

}  // namespace netvet::graph
