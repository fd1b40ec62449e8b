#include "graph/path_union.h"

#include <algorithm>
#include <cassert>

namespace netvet::graph {
namespace {

struct Item {
  Index component;
  std::uint32_t key;
  Index node;
  std::uint64_t terminal_of = 0;  // groups with a terminal here
  std::uint64_t top_of = 0;       // groups whose extended Steiner tree starts here
};

Index component_of(const BlockTree& t, Index node) { return t.root_of(t.vertex_at_or_above(node)); }

void sort_and_merge(std::vector<Item>& items) {
  std::sort(items.begin(), items.end(), [](const Item& a, const Item& b) {
    return a.component != b.component ? a.component < b.component : a.key < b.key;
  });
  std::size_t out = 0;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (out > 0 && items[out - 1].node == items[i].node) {
      items[out - 1].terminal_of |= items[i].terminal_of;
      items[out - 1].top_of |= items[i].top_of;
    } else {
      items[out++] = items[i];
    }
  }
  items.resize(out);
}

}  // namespace

std::uint64_t count_vertices_on_group_paths(const BlockTree& t, std::span<const TerminalGroup> groups) {
  std::vector<Item> items;
  for (std::size_t g = 0; g < groups.size(); ++g) {
    assert(groups[g].label < 64);
    const std::uint64_t bit = std::uint64_t{1} << groups[g].label;
    Index first = kNoIndex, last = kNoIndex;  // least and greatest preorder: their LCA is the group's
    for (const Index v : groups[g].terminals) {
      items.push_back({component_of(t, v), t.preorder(v), v, bit, 0});
      if (first == kNoIndex || t.preorder(v) < t.preorder(first)) first = v;
      if (last == kNoIndex || t.preorder(v) > t.preorder(last)) last = v;
    }
    assert(first != kNoIndex);
    const Index top = t.vertex_at_or_above(t.lca(first, last));
    items.push_back({component_of(t, top), t.preorder(top), top, 0, bit});
  }
  sort_and_merge(items);
  const std::size_t terminals = items.size();
  for (std::size_t i = 1; i < terminals; ++i)
    if (items[i - 1].component == items[i].component) {
      const Index l = t.lca(items[i - 1].node, items[i].node);
      items.push_back({items[i].component, t.preorder(l), l, 0, 0});
    }
  sort_and_merge(items);

  // Virtual parents, by a stack of the current root path.
  const std::size_t n = items.size();
  std::vector<std::size_t> vparent(n, n), stack;
  for (std::size_t i = 0; i < n; ++i) {
    while (!stack.empty()) {
      const Item& top = items[stack.back()];
      if (top.component == items[i].component && t.lca(top.node, items[i].node) == top.node) break;
      stack.pop_back();
    }
    if (!stack.empty()) vparent[i] = stack.back();
    stack.push_back(i);
  }
  // Groups with a terminal below (bottom-up) and groups whose tree has begun above (top-down).
  for (std::size_t i = n; i-- > 0;)
    if (vparent[i] != n) items[vparent[i]].terminal_of |= items[i].terminal_of;
  for (std::size_t i = 0; i < n; ++i)
    if (vparent[i] != n) items[i].top_of |= items[vparent[i]].top_of;

  std::uint64_t count = 0;
  std::vector<std::uint8_t> in_union(n, 0);
  for (std::size_t i = 0; i < n; ++i) {
    const Index a = items[i].node;
    const bool has_parent = vparent[i] != n;
    const Index b = has_parent ? items[vparent[i]].node : kNoIndex;
    in_union[i] = (items[i].terminal_of & items[i].top_of) != 0;
    // The tree path strictly between a and its virtual parent b.
    const bool between_in = has_parent && (items[i].terminal_of & items[vparent[i]].top_of) != 0;
    if (between_in) count += t.weighted_depth(t.parent(a)) - t.weighted_depth(b);
    if (!in_union[i]) continue;
    if (t.is_block(a)) {
      count += t.block_size(a) - 1;
    } else {
      const Index p = t.parent(a);
      const bool parent_in = p == kNoIndex ? false : (p == b ? in_union[vparent[i]] != 0 : between_in);
      if (!parent_in) ++count;
    }
  }
  return count;
}

}  // namespace netvet::graph
