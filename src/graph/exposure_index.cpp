#include "graph/exposure_index.h"

#include <algorithm>
#include <cassert>
#include <numeric>

#include "graph/parallel.h"
#include "graph/path_union.h"

namespace netvet::graph {
namespace {

// Per vertex of a tree rooted at a super-sink: the vendors of the blocks on its root path
// (the vendors of every element on some path from it to the core). Top-down, O(V W).
VendorSets root_path_vendors(const BlockTree& t, std::span<const Index> vendor_of, std::size_t vendors) {
  VendorSets per_block(t.blocks(), vendors), per_vertex(t.vertices(), vendors);
  const auto order = t.discovery_order();
  for (const Index v : order)
    if (t.parent(v) != kNoIndex) set_vendor(per_block[t.parent(v) - t.vertices()], vendor_of[v]);
  for (const Index v : order) {
    const Index block = t.parent(v);
    if (block == kNoIndex) continue;
    or_into(per_vertex[v], per_block[block - t.vertices()]);
    or_into(per_vertex[v], per_vertex[t.parent(block)]);
  }
  return per_vertex;
}

}  // namespace

ExposureIndex::ExposureIndex(const TrafficGraph& g, std::span<const Index> designated, const Options& options)
    : g_(g), words_(words_for(g.vendors)), possible_(options.possible) {
  const bool several_operators = options.several_operators && options.possible;
  by_operator_.resize(g.operators);
  possible_vendors_.resize(g.operators);
  const std::size_t tasks = std::size_t{g.operators} + (several_operators ? 1 : 0);
  std::vector<Index> all_vertices;
  if (several_operators) {
    all_vertices.resize(g.elements);
    std::iota(all_vertices.begin(), all_vertices.end(), Index{0});
  }
  parallel_for(tasks, options.threads, [&](std::size_t task) {
    if (task == g.operators) {
      shared_ = BlockTree::build({&g.transport, g.elements, kNoIndex, all_vertices});
      return;
    }
    const auto op = static_cast<Index>(task);
    const Index root = g.super_sink(op);
    by_operator_[op] = BlockTree::build({&g.transport, g.elements, root, std::span<const Index>(&root, 1)});
    if (options.possible) possible_vendors_[op] = root_path_vendors(by_operator_[op], g.vendor, g.vendors);
  });
  if (shared_) {
    sinks_by_component_.resize(g.operators);
    for (Index op = 0; op < g.operators; ++op) {
      for (const Index s : g.sinks_of_operator[op]) sinks_by_component_[op].emplace_back(shared_->root_of(s), s);
      std::sort(sinks_by_component_[op].begin(), sinks_by_component_[op].end());
    }
  }

  influence_ = InfluenceIndex(g.influence, g.vendor, g.vendors);
  control_vendors_ = VendorSets(g.operators, g.vendors);
  control_influencers_ = VendorSets(g.operators, g.vendors);
  for (Index op = 0; op < g.operators; ++op)
    for (const Index e : g.control_plane_of_operator[op]) {
      set_vendor(control_vendors_[op], g.vendor[e]);
      or_into(control_influencers_[op], influence_.influencers(e));
    }
  designated_.assign(words_, 0);
  for (const Index v : designated) set_vendor(designated_, v);
}

void ExposureIndex::evaluate(std::span<const Index> sites, ExposureScratch& s, SubjectExposure& out) const {
  out.isolated = false;
  out.unavoidable.clear();
  out.possible_count = 0;
  for (auto* bits : {&out.unavoidable_vendors, &out.possible_vendors, &out.control_plane_vendors,
                     &out.influence_vendors, &out.exposed_to})
    bits->assign(words_, 0);

  // The serving operators: control plane for all of them; sources for those whose core
  // some source reaches (the "connected" operators, kept in s.ops with their sources).
  std::vector<Index>& serving_ops = s.serving_ops;
  serving_ops.clear();
  for (const Index site : sites)
    if (std::find(serving_ops.begin(), serving_ops.end(), g_.site_operator[site]) == serving_ops.end())
      serving_ops.push_back(g_.site_operator[site]);
  std::sort(serving_ops.begin(), serving_ops.end());
  s.ops.clear();
  s.sources.clear();
  s.source_start.assign(1, 0);
  for (const Index op : serving_ops) {
    or_into(out.control_plane_vendors, control_vendors_[op]);
    or_into(out.influence_vendors, control_influencers_[op]);
    const BlockTree& tree = by_operator_[op];
    const std::size_t before = s.sources.size();
    for (const Index site : sites)
      if (g_.site_operator[site] == op)
        for (const Index x : g_.ran_elements_of_site[site])
          if (tree.reached(x)) s.sources.push_back(x);
    if (s.sources.size() == before) continue;
    s.ops.push_back(op);
    s.source_start.push_back(static_cast<Index>(s.sources.size()));
  }

  out.isolated = s.ops.empty();
  if (!out.isolated) {
    unavoidable(s.ops, s, out);
    for (const Index e : out.unavoidable) {
      set_vendor(out.unavoidable_vendors, g_.vendor[e]);
      or_into(out.influence_vendors, influence_.influencers(e));
    }
    if (possible_) {
      for (std::size_t i = 0; i < s.ops.size(); ++i)
        for (Index k = s.source_start[i]; k < s.source_start[i + 1]; ++k)
          or_into(out.possible_vendors, possible_vendors_[s.ops[i]][s.sources[k]]);
      out.possible_count = possible_count(s.ops, s);
    }
  }
  for (std::size_t w = 0; w < words_; ++w)
    out.exposed_to[w] =
        designated_[w] & (out.unavoidable_vendors[w] | out.control_plane_vendors[w] | out.influence_vendors[w]);
}

void ExposureIndex::unavoidable(std::span<const Index> ops, ExposureScratch& s, SubjectExposure& out) const {
  if (ops.size() > 1) {
    if (s.seen_epoch.size() < g_.elements) {
      s.seen_epoch.assign(g_.elements, 0);
      s.seen_hits.assign(g_.elements, 0);
      s.epoch = 0;
    }
    ++s.epoch;
  }
  for (std::size_t i = 0; i < ops.size(); ++i) {
    const BlockTree& tree = by_operator_[ops[i]];
    Index u = s.sources[s.source_start[i]];
    for (Index k = s.source_start[i] + 1; k < s.source_start[i + 1]; ++k) u = tree.lca(u, s.sources[k]);
    // Every vertex at or above the sources' meeting point separates them all from the
    // core; the super-sink itself is not an element.
    const Index root = g_.super_sink(ops[i]);
    for (u = tree.vertex_at_or_above(u); u != root; u = tree.parent(tree.parent(u))) {
      if (ops.size() == 1) {
        out.unavoidable.push_back(u);
        continue;
      }
      if (s.seen_epoch[u] != s.epoch) {
        s.seen_epoch[u] = s.epoch;
        s.seen_hits[u] = 0;
      }
      if (++s.seen_hits[u] == ops.size()) out.unavoidable.push_back(u);
    }
  }
  std::sort(out.unavoidable.begin(), out.unavoidable.end());
}

std::uint64_t ExposureIndex::possible_count(std::span<const Index> ops, const ExposureScratch& s) const {
  if (ops.size() == 1) {
    // The union of the sources' root paths: weighted depths, less the part each shares
    // with its predecessor in preorder.
    const BlockTree& tree = by_operator_[ops[0]];
    std::vector<Index> xs(s.sources.begin(), s.sources.end());
    std::sort(xs.begin(), xs.end(), [&](Index a, Index b) { return tree.preorder(a) < tree.preorder(b); });
    std::uint64_t count = 0;
    for (std::size_t i = 0; i < xs.size(); ++i) {
      count += tree.weighted_depth(xs[i]);
      if (i > 0) count -= tree.weighted_depth(tree.lca(xs[i - 1], xs[i]));
    }
    return count;
  }
  // Several operators: one terminal group per (operator, component of its sources) in
  // the shared tree, holding those sources and the operator's sinks in that component.
  assert(shared_ && "ExposureIndex built without several_operators");
  const BlockTree& tree = *shared_;
  std::vector<std::vector<Index>> terminals;
  std::vector<TerminalGroup> groups;
  for (std::size_t i = 0; i < ops.size(); ++i) {
    std::vector<std::pair<Index, Index>> sources;  // (component, source)
    for (Index k = s.source_start[i]; k < s.source_start[i + 1]; ++k)
      sources.emplace_back(tree.root_of(s.sources[k]), s.sources[k]);
    std::sort(sources.begin(), sources.end());
    const auto& sinks = sinks_by_component_[ops[i]];
    for (std::size_t k = 0; k < sources.size();) {
      const Index component = sources[k].first;
      std::vector<Index> group;
      for (; k < sources.size() && sources[k].first == component; ++k) group.push_back(sources[k].second);
      auto it = std::lower_bound(sinks.begin(), sinks.end(), std::pair{component, Index{0}});
      for (; it != sinks.end() && it->first == component; ++it) group.push_back(it->second);
      terminals.push_back(std::move(group));
    }
    for (std::size_t t = groups.size(); t < terminals.size(); ++t)
      groups.push_back({terminals[t], static_cast<unsigned>(i)});
  }
  return count_vertices_on_group_paths(tree, groups);
}

}  // namespace netvet::graph
