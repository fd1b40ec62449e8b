#include "graph/exposure_index.h"

#include <algorithm>
#include <cassert>

#include "util/parallel.h"

namespace netvet::graph {
namespace {

// The sinks of every operator, for rooting the forest in a core (a root outside the cores
// only lengthens some ways by the stretch down to a core's top).
std::vector<Index> all_sinks(const TrafficGraph& g) {
  std::vector<Index> sinks;
  for (Index op = 0; op < g.operators; ++op)
    for (const Index t : g.sinks_of_operator[op]) sinks.push_back(t);
  std::sort(sinks.begin(), sinks.end());
  return sinks;
}

// Per block: the vendors of its vertices (its children and its head). O(V W).
VendorSets block_vendors(const BlockForest& f, std::span<const Index> vendor_of, std::size_t vendors) {
  VendorSets per_block(f.blocks(), vendors);
  for (Index v = 0; v < f.vertices(); ++v)
    if (const Index b = f.parent(v); b != kNoIndex) set_vendor(per_block[b - f.vertices()], vendor_of[v]);
  for (Index b = 0; b < f.blocks(); ++b) set_vendor(per_block[b], vendor_of[f.parent(f.vertices() + b)]);
  return per_block;
}

}  // namespace

ExposureIndex::ExposureIndex(const TrafficGraph& g, const Options& options)
    : g_(g), words_(words_for(g.vendors)), possible_(options.possible) {
  // The forest and the influence index do not depend on each other: one thread each.
  parallel_for(2, options.threads, [&](std::size_t task) {
    if (task == 1) {
      const auto influence = [&](bool reversed_wanted) -> const Csr& {
        return g.influence_reversed == reversed_wanted ? g.influence : turned_.emplace(reversed(g.influence));
      };
      if (options.influence_index)
        influence_ = InfluenceIndex(influence(false), g.vendor, g.vendors);
      else
        managed_by_ = &influence(true);
      return;
    }
    forest_ = BlockForest::build(g.transport, g.elements, all_sinks(g));
    cores_ = OperatorCores(forest_, g.sinks_of_operator);
    if (!possible_) return;
    block_vendors_ = block_vendors(forest_, g.vendor, g.vendors);
    core_vendors_ = VendorSets(cores_.cores().size(), g.vendors);
    for (std::size_t c = 0; c < cores_.cores().size(); ++c) {
      const Core& core = cores_.cores()[c];
      if (core.blocks.empty()) set_vendor(core_vendors_[c], g.vendor[core.top]);  // a single sink
      for (const Index b : core.blocks) or_into(core_vendors_[c], block_vendors_[b - forest_.vertices()]);
    }
  });

  control_vendors_ = VendorSets(g.operators, g.vendors);
  control_influencers_ = VendorSets(g.operators, g.vendors);
  {
    ExposureScratch scratch;
    for (Index op = 0; op < g.operators; ++op) {
      for (const Index e : g.control_plane_of_operator[op]) set_vendor(control_vendors_[op], g.vendor[e]);
      add_influencers(g.control_plane_of_operator[op], control_influencers_[op], scratch);
    }
  }
}

void ExposureIndex::evaluate(std::span<const Index> sites, ExposureScratch& s, SubjectExposure& out) const {
  out.isolated = false;
  out.unavoidable.clear();
  out.chain.clear();
  out.possible_count = 0;
  for (auto* bits : {&out.unavoidable_vendors, &out.possible_vendors, &out.control_plane_vendors,
                     &out.influence_vendors})
    bits->assign(words_, 0);

  // The serving operators: control plane for all of them; sources for those with a core
  // in the component of some source (the "connected" operators, kept in s.ops with their
  // sources).
  std::vector<Index>& serving_ops = s.serving_ops;
  serving_ops.clear();
  for (const Index site : sites)
    if (std::find(serving_ops.begin(), serving_ops.end(), g_.site_operator[site]) == serving_ops.end())
      serving_ops.push_back(g_.site_operator[site]);
  std::sort(serving_ops.begin(), serving_ops.end());
  s.ops.clear();
  s.sources.clear();
  s.source_start.assign(1, 0);
  s.cores.clear();
  for (const Index op : serving_ops) {
    or_into(out.control_plane_vendors, control_vendors_[op]);
    or_into(out.influence_vendors, control_influencers_[op]);
    const std::size_t before = s.sources.size();
    for (const Index site : sites)
      if (g_.site_operator[site] == op)
        for (const Index x : g_.ran_elements_of_site[site])
          if (const Index core = cores_.core_of(op, x); core != kNoIndex) {
            s.sources.push_back(x);
            if (possible_) s.cores.push_back(core);
          }
    if (s.sources.size() == before) continue;
    s.ops.push_back(op);
    s.source_start.push_back(static_cast<Index>(s.sources.size()));
  }

  out.isolated = s.ops.empty();
  if (!out.isolated) {
    const bool several = s.ops.size() > 1;
    s.hits.clear();
    s.blocks.clear();
    for (std::size_t i = 0; i < s.ops.size(); ++i) {
      walk_ways(s.ops[i], std::span(s.sources).subspan(s.source_start[i], s.source_start[i + 1] - s.source_start[i]), s);
      for (const Index u : s.op_unavoidable) {
        if (!several) {
          out.unavoidable.push_back(u);
          continue;
        }
        if (++s.hits[u] == s.ops.size()) out.unavoidable.push_back(u);
      }
    }
    // Each operator's list is in the order of its ways (path order); with several, the
    // intersection keeps the last operator's order.
    out.chain = out.unavoidable;
    std::sort(out.unavoidable.begin(), out.unavoidable.end());
    for (const Index e : out.unavoidable) set_vendor(out.unavoidable_vendors, g_.vendor[e]);
    add_influencers(out.unavoidable, out.influence_vendors, s);
    if (possible_) possible(s, out);
  }
}

// The vendors of the elements that influence one of `targets`, into `out`: from the
// index, or by a breadth-first search backwards over the influence links. The targets
// are not marked as reached, so a target on a loop is found when the loop comes back.
void ExposureIndex::add_influencers(std::span<const Index> targets, VendorBits out, ExposureScratch& s) const {
  if (!managed_by_) {
    for (const Index e : targets) or_into(out, influence_.influencers(e));
    return;
  }
  s.reached.clear();
  s.queue.assign(targets.begin(), targets.end());
  for (std::size_t head = 0; head < s.queue.size(); ++head)
    for (const Index m : (*managed_by_)[s.queue[head]])
      if (s.reached.insert(m).second) {
        set_vendor(out, g_.vendor[m]);
        s.queue.push_back(m);
      }
}

// Walks the way of each source of `op` to op's core, stopping where it meets an earlier
// way (from there it is the same). Leaves in s.op_unavoidable the vertex nodes every way
// crosses — the common tail of the first way, from the latest point where another way
// joined it — and appends to s.blocks the blocks first met by these ways.
void ExposureIndex::walk_ways(Index op, std::span<const Index> sources, ExposureScratch& s) const {
  s.join.clear();
  std::size_t common_from = 0;  // index in the first way
  for (std::size_t k = 0; k < sources.size(); ++k) {
    auto& way = k == 0 ? s.first_way : s.way;
    way.clear();
    Index join = kNoIndex;
    for (Index node = sources[k];;) {
      if (const auto it = s.join.find(node); it != s.join.end()) {
        join = it->second;
        break;
      }
      const Index next = cores_.step(op, node);
      if (next == kNoIndex && forest_.is_block(node)) break;  // a block of the core
      way.push_back(node);
      if (possible_ && forest_.is_block(node)) s.blocks.push_back(node);
      if (next == kNoIndex) break;  // a vertex of the core
      node = next;
    }
    if (k == 0) {
      for (std::size_t i = 0; i < way.size(); ++i) s.join.emplace(way[i], static_cast<Index>(i));
      continue;
    }
    if (join == kNoIndex) join = static_cast<Index>(s.first_way.size());  // met only in the core
    for (const Index node : way) s.join.emplace(node, join);
    common_from = std::max<std::size_t>(common_from, join);
  }
  s.op_unavoidable.clear();
  for (std::size_t i = common_from; i < s.first_way.size(); ++i)
    if (!forest_.is_block(s.first_way[i])) s.op_unavoidable.push_back(s.first_way[i]);
}

// Possible vendors and count from the blocks of the ways (s.blocks) and the cores reached
// (s.cores). One core: the blocks form one connected piece with it. Several: the pieces
// are counted from the blocks' heads (two blocks that share a vertex share it as the head
// of one of them), and a core that is a lone sink counts itself unless a block holds it.
void ExposureIndex::possible(ExposureScratch& s, SubjectExposure& out) const {
  const auto size_less_one = [&](Index b) -> std::uint64_t { return forest_.block_size(b) - 1; };
  std::sort(s.cores.begin(), s.cores.end());
  s.cores.erase(std::unique(s.cores.begin(), s.cores.end()), s.cores.end());
  for (const Index c : s.cores) or_into(out.possible_vendors, core_vendors_[c]);
  for (const Index b : s.blocks) or_into(out.possible_vendors, block_vendors_[b - forest_.vertices()]);
  if (s.cores.size() == 1) {
    out.possible_count = cores_.cores()[s.cores[0]].vertices;
    for (const Index b : s.blocks) out.possible_count += size_less_one(b);
    return;
  }
  auto& blocks = s.blocks;
  for (const Index c : s.cores) {
    const auto& core_blocks = cores_.cores()[c].blocks;
    blocks.insert(blocks.end(), core_blocks.begin(), core_blocks.end());
  }
  std::sort(blocks.begin(), blocks.end());
  blocks.erase(std::unique(blocks.begin(), blocks.end()), blocks.end());
  const auto in_blocks = [&](Index node) {
    return node != kNoIndex && std::binary_search(blocks.begin(), blocks.end(), node);
  };
  std::uint64_t count = 0;
  for (const Index b : blocks) count += size_less_one(b);
  // Pieces: |blocks| less, per head h, (blocks headed by h + [h's parent is one]) - 1.
  std::vector<Index>& heads = s.way;
  heads.clear();
  for (const Index b : blocks) heads.push_back(forest_.parent(b));
  std::sort(heads.begin(), heads.end());
  std::uint64_t pieces = blocks.size();
  for (std::size_t i = 0; i < heads.size();) {
    std::size_t j = i;
    while (j < heads.size() && heads[j] == heads[i]) ++j;
    pieces -= (j - i) + (in_blocks(forest_.parent(heads[i])) ? 1 : 0) - 1;
    i = j;
  }
  count += pieces;
  for (const Index c : s.cores) {
    const Core& core = cores_.cores()[c];
    if (!core.blocks.empty()) continue;
    const Index t = core.top;
    if (!in_blocks(forest_.parent(t)) && !std::binary_search(heads.begin(), heads.end(), t)) ++count;
  }
  out.possible_count = count;
}

}  // namespace netvet::graph
