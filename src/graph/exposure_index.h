#pragma once
// The exposure of one subject — a facility, or a cell site — answered from trees built
// once for the whole network (the engine behind graph/exposure.h; see there for the
// definitions).
//
// Built once: the block forest of the transport graph (graph/block_forest.h), each
// operator's core in it (graph/operator_cores.h), the influence index
// (graph/influence.h) or, for a few subjects, the influence links reversed (searched per
// subject), and, for possible paths, the vendors of every block. Per subject,
// with X_o its sources of operator o in a component holding a core of o:
// * the way of each source to its core, walked until it meets the way of an earlier
//   source (or the core); the vertex nodes that every way of o shares are those on every
//   path to o's sinks, and unavoidable is their intersection over the operators;
// * possible = the blocks of the ways and of the cores reached: their vendors, and their
//   vertices counted as sum(|B| - 1) plus one per connected piece of that set of blocks.
// Complexity: building O(V + E + V W) for W vendor words, plus the cores (graph/
// operator_cores.h); a subject costs O(its ways' nodes, each way ending where it meets an
// earlier one, times log of the marked nodes), plus a sort of its blocks and cores' blocks
// when it reaches more than one core.

#include <absl/container/flat_hash_map.h>
#include <absl/container/flat_hash_set.h>

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "graph/block_forest.h"
#include "graph/influence.h"
#include "graph/operator_cores.h"
#include "graph/traffic_graph.h"
#include "graph/vendor_set.h"

namespace netvet::graph {

struct SubjectExposure {
  bool isolated = false;
  std::vector<Index> unavoidable;  // element rows, ascending
  std::vector<Index> chain;        // the same, in path order from the sources to the core
  std::vector<Word> unavoidable_vendors, possible_vendors, control_plane_vendors, influence_vendors;
  std::uint64_t possible_count = 0;
};

// Per-thread working memory of ExposureIndex::evaluate.
struct ExposureScratch {
  std::vector<Index> serving_ops, ops, sources, source_start;
  // Small maps, not arrays over the network: a subject's ways cross a few dozen nodes, and
  // a fresh array of millions costs more to page in than a few facilities take to answer.
  absl::flat_hash_map<Index, Index> hits;  // element -> operators whose ways all cross it
  absl::flat_hash_map<Index, Index> join;  // node -> where its way joins the operator's first way
  absl::flat_hash_set<Index> reached;      // by the search for influencers
  std::vector<Index> queue;
  std::vector<Index> way, first_way, op_unavoidable, blocks, cores;
};

class ExposureIndex {
 public:
  struct Options {
    // Whether to answer possible vendors and counts (false: left empty and 0, and the
    // blocks' vendor sets are not built).
    bool possible = true;
    unsigned threads = 0;  // for building (0: one per hardware thread)
    // Influencers from an index of the whole influence graph (graph/influence.h), which
    // pays off over many subjects; else by a search per subject from its elements, which
    // is cheaper for a few.
    bool influence_index = true;
  };
  explicit ExposureIndex(const TrafficGraph& graph, const Options& options);

  // The exposure of a subject served by `sites` (site rows, ascending, unique).
  void evaluate(std::span<const Index> sites, ExposureScratch& scratch, SubjectExposure& out) const;

  std::size_t vendor_words() const { return words_; }

 private:
  void add_influencers(std::span<const Index> targets, VendorBits out, ExposureScratch& s) const;
  void walk_ways(Index op, std::span<const Index> sources, ExposureScratch& s) const;
  void possible(ExposureScratch& s, SubjectExposure& out) const;

  const TrafficGraph& g_;
  std::size_t words_ = 0;
  bool possible_ = true;
  BlockForest forest_;
  OperatorCores cores_;
  VendorSets block_vendors_, core_vendors_;  // per block (every vertex of it), per core
  InfluenceIndex influence_;         // with Options::influence_index
  const Csr* managed_by_ = nullptr;  // without: who acts on each element (influence reversed)
  std::optional<Csr> turned_;        // the influence graph, when the traffic graph's runs the other way
  VendorSets control_vendors_, control_influencers_;  // per operator
};

}  // namespace netvet::graph
