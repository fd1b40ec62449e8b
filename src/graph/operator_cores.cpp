#include "graph/operator_cores.h"

#include <absl/container/flat_hash_map.h>

#include <algorithm>
#include <cassert>

namespace netvet::graph {
namespace {

// The union of the root paths of one operator's sinks, with the sinks below each node.
struct Climb {
  std::vector<Index> node, below, pending_children;  // per union entry
  absl::flat_hash_map<Index, Index> entry_of;          // node -> entry
};

Climb climb_from_sinks(const BlockForest& forest, std::span<const Index> sinks) {
  Climb c;
  const auto add = [&](Index node) {
    c.entry_of.emplace(node, static_cast<Index>(c.node.size()));
    c.node.push_back(node);
    c.below.push_back(0);
    c.pending_children.push_back(0);
  };
  for (const Index t : sinks) {
    if (auto it = c.entry_of.find(t); it != c.entry_of.end()) {  // t is above an earlier sink
      ++c.below[it->second];
      continue;
    }
    add(t);
    c.below.back() = 1;
    for (Index node = t;;) {
      const Index p = forest.parent(node);
      if (p == kNoIndex) break;
      if (auto it = c.entry_of.find(p); it != c.entry_of.end()) {
        ++c.pending_children[it->second];
        break;
      }
      add(p);
      c.pending_children.back() = 1;
      node = p;
    }
  }
  // Bottom-up: an entry whose children in the union are all counted passes its count up.
  std::vector<Index> ready;
  for (Index e = 0; e < c.node.size(); ++e)
    if (c.pending_children[e] == 0) ready.push_back(e);
  while (!ready.empty()) {
    const Index e = ready.back();
    ready.pop_back();
    const Index p = forest.parent(c.node[e]);
    if (p == kNoIndex) continue;
    const Index pe = c.entry_of.at(p);
    c.below[pe] += c.below[e];
    if (--c.pending_children[pe] == 0) ready.push_back(pe);
  }
  return c;
}

// The value paired with `key` in a list of (key, value) sorted by key, or `absent`.
Index find_in(const std::vector<std::pair<Index, Index>>& sorted, Index key, Index absent) {
  const auto it = std::lower_bound(sorted.begin(), sorted.end(), std::pair{key, Index{0}});
  return it != sorted.end() && it->first == key ? it->second : absent;
}

}  // namespace

OperatorCores::OperatorCores(const BlockForest& forest, const ListColumn<Index>& sinks_of_operator)
    : forest_(&forest), on_some_climb_(forest.nodes(), 0) {
  const Index operators = static_cast<Index>(sinks_of_operator.rows());
  core_by_component_.resize(operators);
  marks_.resize(operators);
  for (Index op = 0; op < operators; ++op) {
    const auto sinks = sinks_of_operator[op];
    if (sinks.empty()) continue;
    const Climb c = climb_from_sinks(forest, sinks);
    // One core per component: the component's root entry counts all its sinks; the top is
    // the first node climbing from one of them that has them all below. Nodes above the
    // top lead down to it; the rest of the union is the core.
    auto& marks = marks_[op];  // first the nodes above tops, each with its child toward the top
    std::vector<std::uint8_t> above_top(c.node.size(), 0);  // per union entry
    auto& by_component = core_by_component_[op];
    for (const Index t : sinks) {
      const Index component = forest.component(t);
      if (std::any_of(by_component.begin(), by_component.end(), [&](const auto& e) { return e.first == component; }))
        continue;
      const Index all = c.below[c.entry_of.at(component)];  // a component is named by its root
      Index top = t;
      while (c.below[c.entry_of.at(top)] < all) top = forest.parent(top);
      for (Index child = top, a = forest.parent(top); a != kNoIndex; child = a, a = forest.parent(a)) {
        marks.emplace_back(a, child);
        above_top[c.entry_of.at(a)] = 1;
      }
      by_component.emplace_back(component, static_cast<Index>(cores_.size()));
      cores_.push_back({.op = op, .component = component, .top = top});
    }
    std::sort(by_component.begin(), by_component.end());
    for (Index e = 0; e < c.node.size(); ++e) {
      const Index node = c.node[e];
      on_some_climb_[node] = 1;
      if (above_top[e]) continue;
      marks.emplace_back(node, kInCore);
      if (forest.is_block(node)) cores_[core_of(op, forest.parent(node))].blocks.push_back(node);
    }
    std::sort(marks.begin(), marks.end());
  }
  for (Core& core : cores_) {
    std::sort(core.blocks.begin(), core.blocks.end());
    core.vertices = 1;
    for (const Index b : core.blocks) core.vertices += forest.block_size(b) - 1;
  }
}

Index OperatorCores::core_of(Index op, Index vertex) const {
  return find_in(core_by_component_[op], forest_->component(vertex), kNoIndex);
}

Index OperatorCores::marked_step(Index op, Index node) const {
  // kInCore, the child toward the top, or (a node only another operator marked) the parent.
  return find_in(marks_[op], node, forest_->parent(node));
}

}  // namespace netvet::graph
