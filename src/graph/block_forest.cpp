#include "graph/block_forest.h"

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

BlockForest BlockForest::build(const Csr& g, Index vertices, std::span<const Index> first_roots) {
  const Index n = vertices;
  BlockForest t;
  t.vertices_ = n;
  t.parent_.assign(n, kNoIndex);
  t.root_.assign(n, kNoIndex);
  std::vector<Index> disc(n, kNoIndex), low(n, 0);
  std::vector<Frame> frames;
  std::vector<Index> stack;
  Index time = 0;
  const auto discover = [&](Index w, Index root) {
    disc[w] = low[w] = time++;
    t.root_[w] = root;
    t.order_.push_back(w);
    stack.push_back(w);
  };

  const auto search_from = [&](Index r) {
    discover(r, r);
    frames.push_back({r, kNoIndex, g.offsets[r], false});
    while (!frames.empty()) {
      Frame& f = frames.back();
      const Index u = f.vertex;
      if (f.next_arc < g.offsets[u + 1]) {
        const Index w = g.targets[f.next_arc++];
        if (w >= n) continue;
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
  };
  for (const Index r : first_roots)
    if (r < n && disc[r] == kNoIndex) search_from(r);
  for (Index r = 0; r < n; ++r)
    if (disc[r] == kNoIndex) search_from(r);
  return t;
}

}  // namespace netvet::graph
