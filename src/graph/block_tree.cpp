#include "graph/block_tree.h"

#include <algorithm>
#include <cassert>

namespace netvet::graph {
namespace {

struct Frame {
  Index vertex;
  Index dfs_parent;
  std::uint32_t next_arc;
  bool skipped_parent_arc;  // one arc back to the parent is the tree edge; parallel ones are not
};

}  // namespace

BlockTree BlockTree::build(const BlockTreeInput& in) {
  const Csr& g = *in.graph;
  const auto n = static_cast<Index>(g.nodes());
  BlockTree t;
  t.vertices_ = n;
  t.parent_.assign(n, kNoIndex);
  t.root_.assign(n, kNoIndex);
  std::vector<Index> disc(n, kNoIndex), low(n, 0);
  std::vector<Frame> frames;
  std::vector<Index> stack;
  Index time = 0;
  const auto enterable = [&](Index w) { return w < in.real_vertices || w == in.allowed_virtual; };
  const auto discover = [&](Index w, Index root) {
    disc[w] = low[w] = time++;
    t.root_[w] = root;
    t.order_.push_back(w);
    stack.push_back(w);
  };

  for (const Index r : in.roots) {
    assert(enterable(r));
    if (disc[r] != kNoIndex) continue;
    discover(r, r);
    frames.push_back({r, kNoIndex, g.offsets[r], false});
    while (!frames.empty()) {
      Frame& f = frames.back();
      const Index u = f.vertex;
      if (f.next_arc < g.offsets[u + 1]) {
        const Index w = g.targets[f.next_arc++];
        if (!enterable(w)) continue;
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
        const Index block = n + static_cast<Index>(t.block_size_.size());
        Index size = 1, x = kNoIndex;
        do {
          x = stack.back();
          stack.pop_back();
          t.parent_[x] = block;
          ++size;
        } while (x != u);
        t.parent_.push_back(p);
        t.block_size_.push_back(size);
      }
    }
    stack.clear();  // only the root is left
  }

  // Depths, jump pointers and weighted depths, parents before children: a vertex's
  // parent block is placed just before its first member.
  const std::size_t nodes = t.parent_.size();
  t.depth_.assign(nodes, kNoIndex);
  t.jump_.assign(nodes, kNoIndex);
  t.weighted_depth_.assign(nodes, 0);
  std::vector<Index> top_down;  // every reached node, parents before children
  top_down.reserve(nodes);
  const auto place = [&](Index x, Index weight) {
    top_down.push_back(x);
    const Index p = t.parent_[x];
    if (p == kNoIndex) {
      t.depth_[x] = 0;
      t.jump_[x] = x;
      return;
    }
    t.depth_[x] = t.depth_[p] + 1;
    const Index j = t.jump_[p];
    t.jump_[x] = (t.depth_[p] - t.depth_[j] == t.depth_[j] - t.depth_[t.jump_[j]]) ? t.jump_[j] : p;
    t.weighted_depth_[x] = t.weighted_depth_[p] + weight;
  };
  for (const Index v : t.order_) {
    const Index b = t.parent_[v];
    if (b != kNoIndex && t.depth_[b] == kNoIndex) place(b, t.block_size_[b - n] - 1);
    place(v, 0);
  }

  // Preorder numbers of the block tree (not of the DFS: a vertex's child blocks and its
  // DFS descendants in its own block interleave in discovery order). Subtree sizes
  // bottom-up, then each child takes the next free slot of its parent.
  std::vector<Index> size(nodes, 1), next_slot(nodes, 0);
  for (std::size_t i = top_down.size(); i-- > 0;)
    if (const Index p = t.parent_[top_down[i]]; p != kNoIndex) size[p] += size[top_down[i]];
  t.preorder_.assign(nodes, 0);
  std::uint32_t next_root_slot = 0;
  for (const Index x : top_down) {
    const Index p = t.parent_[x];
    std::uint32_t& slot = p == kNoIndex ? next_root_slot : next_slot[p];
    t.preorder_[x] = slot;
    slot += size[x];
    next_slot[x] = t.preorder_[x] + 1;
  }
  return t;
}

Index BlockTree::lca(Index a, Index b) const {
  assert(reached(a) && reached(b));
  if (depth_[a] < depth_[b]) std::swap(a, b);
  while (depth_[a] > depth_[b]) a = depth_[jump_[a]] >= depth_[b] ? jump_[a] : parent_[a];
  while (a != b) {
    assert(parent_[a] != kNoIndex && "lca of nodes in different components");
    if (jump_[a] != jump_[b]) {
      a = jump_[a];
      b = jump_[b];
    } else {
      a = parent_[a];
      b = parent_[b];
    }
  }
  return a;
}

}  // namespace netvet::graph
