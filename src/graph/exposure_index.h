#pragma once
// The exposure of one subject — a facility, or a cell site — answered from trees built
// once for the whole network (the engine behind graph/exposure.h; see there for the
// definitions).
//
// Built once: for each operator o, the block tree of the transport graph plus o's
// super-sink, rooted at the super-sink (graph/block_tree.h), with per vertex the vendors
// of the blocks on its root path; the influence index (graph/influence.h); and, when some
// subject is served by several operators, the block tree of the plain transport graph.
// Per subject, with X_o its sources of operator o that reach o's core:
// * unavoidable = the vertices on the root path of LCA(X_o) in o's tree (a block LCA
//   stands for its head), intersected over the operators with X_o non-empty;
// * possible vendors = the OR of the root-path vendor sets of the sources;
// * possible count = the union of the root paths' blocks (one operator: weighted depths
//   minus those of preorder-adjacent LCAs), or graph/path_union.h (several operators,
//   whose blocks may share elements).
// Complexity: building O(k (V + E) + V W) for k operators and W vendor words; a subject
// costs O(X log X log depth + |unavoidable| W), plus O(T log T) over its terminals (its
// sources and its operators' sinks) when served by several operators.

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "graph/block_tree.h"
#include "graph/influence.h"
#include "graph/traffic_graph.h"
#include "graph/vendor_set.h"

namespace netvet::graph {

struct SubjectExposure {
  bool isolated = false;
  std::vector<Index> unavoidable;  // element rows, ascending
  std::vector<Word> unavoidable_vendors, possible_vendors, control_plane_vendors, influence_vendors, exposed_to;
  std::uint64_t possible_count = 0;
};

// Per-thread working memory of ExposureIndex::evaluate.
struct ExposureScratch {
  std::vector<Index> serving_ops, ops, sources, source_start;
  std::vector<Index> seen_epoch, seen_hits;  // per element, for intersecting chains
  Index epoch = 0;
};

class ExposureIndex {
 public:
  struct Options {
    // Whether any subject will be served by more than one operator (builds the shared
    // tree, for possible counts).
    bool several_operators = false;
    // Whether to answer possible vendors and counts (false: left empty and 0, and
    // neither the shared tree nor the per-vertex root-path vendor sets are built).
    bool possible = true;
    unsigned threads = 0;  // for building the trees (0: one per hardware thread)
  };
  // `designated`: vendors rows whose membership fills exposed_to.
  ExposureIndex(const TrafficGraph& graph, std::span<const Index> designated, const Options& options);

  // The exposure of a subject served by `sites` (site rows, ascending, unique).
  void evaluate(std::span<const Index> sites, ExposureScratch& scratch, SubjectExposure& out) const;

  std::size_t vendor_words() const { return words_; }

 private:
  void unavoidable(std::span<const Index> connected_ops, ExposureScratch& s, SubjectExposure& out) const;
  std::uint64_t possible_count(std::span<const Index> connected_ops, const ExposureScratch& s) const;

  const TrafficGraph& g_;
  std::size_t words_ = 0;
  bool possible_ = true;
  std::vector<BlockTree> by_operator_;        // rooted at each operator's super-sink
  std::vector<VendorSets> possible_vendors_;  // per operator, per vertex: vendors on its root path's blocks
  std::optional<BlockTree> shared_;           // the plain transport graph, when needed
  std::vector<std::vector<std::pair<Index, Index>>> sinks_by_component_;  // per operator: (root, sink), sorted
  InfluenceIndex influence_;
  VendorSets control_vendors_, control_influencers_;  // per operator
  std::vector<Word> designated_;
};

}  // namespace netvet::graph
