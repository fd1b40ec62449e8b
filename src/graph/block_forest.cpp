#include "graph/block_forest.h"

#include <algorithm>

namespace netvet::graph {
namespace {

struct Frame {
  Index vertex;
  Index dfs_parent;
  std::uint32_t next_arc;
  bool skipped_parent_arc;  // one arc back to the parent is the tree edge; parallel ones are not
};

// Removes leaves until none is left: each removed vertex had one neighbour left, its way
// toward whatever remains (`toward`). Returns the removed vertices in removal order; a
// tree component keeps one vertex.
std::vector<Index> peel_leaves(const Csr& g, Index n, std::vector<std::uint8_t>& peeled, std::vector<Index>& toward) {
  std::vector<Index> degree(n), removed, leaves;
  for (Index v = 0; v < n; ++v) {
    for (const Index w : g[v]) degree[v] += w < n;
    if (degree[v] == 1) leaves.push_back(v);
  }
  while (!leaves.empty()) {
    const Index v = leaves.back();
    leaves.pop_back();
    if (degree[v] != 1) continue;  // its last neighbour was peeled first: v stays, alone
    Index p = kNoIndex;
    for (const Index w : g[v])
      if (w < n && !peeled[w]) p = w;
    peeled[v] = 1;
    toward[v] = p;
    removed.push_back(v);
    if (--degree[p] == 1) leaves.push_back(p);
    degree[v] = 0;
  }
  return removed;
}

}  // namespace

BlockForest BlockForest::build(const Csr& g, Index vertices, std::span<const Index> first_roots) {
  const Index n = vertices;
  BlockForest t;
  t.vertices_ = n;
  t.parent_.assign(n, kNoIndex);
  t.root_.assign(n, kNoIndex);
  std::vector<std::uint8_t> peeled(n, 0);
  std::vector<Index> toward(n, kNoIndex);
  const std::vector<Index> removed = peel_leaves(g, n, peeled, toward);

  // Hopcroft-Tarjan over what the peeling left.
  std::vector<Index> disc(n, kNoIndex), low(n, 0);
  std::vector<Frame> frames;
  std::vector<Index> stack;
  Index time = 0;
  const auto discover = [&](Index w, Index root) {
    disc[w] = low[w] = time++;
    t.root_[w] = root;
    stack.push_back(w);
  };
  const auto new_block = [&](Index head, Index size) {
    t.parent_.push_back(head);
    t.block_size_.push_back(size);
    return n + static_cast<Index>(t.block_size_.size() - 1);
  };
  const auto search_from = [&](Index r) {
    discover(r, r);
    frames.push_back({r, kNoIndex, g.offsets[r], false});
    while (!frames.empty()) {
      Frame& f = frames.back();
      const Index u = f.vertex;
      if (f.next_arc < g.offsets[u + 1]) {
        const Index w = g.targets[f.next_arc++];
        if (w >= n || peeled[w]) continue;
        if (w == f.dfs_parent && !f.skipped_parent_arc) {
          f.skipped_parent_arc = true;
          continue;
        }
        if (disc[w] == kNoIndex) {
          discover(w, r);
          frames.push_back({w, u, g.offsets[w], false});  // f is dead from here
        } else {
          low[u] = std::min(low[u], disc[w]);
        }
        continue;
      }
      frames.pop_back();
      if (frames.empty()) break;
      const Index p = frames.back().vertex;
      low[p] = std::min(low[p], low[u]);
      if (low[u] >= disc[p]) {
        // p separates u's DFS subtree from the rest: the vertices stacked since u, and p
        // (their head), form one block.
        const auto from = std::find(stack.rbegin(), stack.rend(), u).base() - 1;
        const Index block = new_block(p, static_cast<Index>(stack.end() - from) + 1);
        for (auto x = from; x != stack.end(); ++x) t.parent_[*x] = block;
        stack.erase(from, stack.end());
      }
    }
    stack.clear();  // only the root is left
  };
  for (const Index r : first_roots)
    if (r < n && !peeled[r] && disc[r] == kNoIndex) search_from(r);
  for (Index r = 0; r < n; ++r)
    if (!peeled[r] && disc[r] == kNoIndex) search_from(r);

  // Each peeled vertex hangs from the vertex it was peeled toward by a bridge, a block of
  // two; that vertex was peeled later or not at all, so backwards its root is known.
  for (auto v = removed.rbegin(); v != removed.rend(); ++v) {
    t.parent_[*v] = new_block(toward[*v], 2);
    t.root_[*v] = t.root_[toward[*v]];
  }
  return t;
}

}  // namespace netvet::graph
