#include "graph/block_forest.h"

#include <algorithm>
#include <cassert>

namespace netvet::graph {
namespace {

constexpr std::uint8_t kKept = 0, kPeeled = 1, kOnChain = 2, kOnWalkedChain = 3;

// Removes leaves until none is left, keeping per vertex its degree among the vertices not
// removed and the XOR of those neighbours' numbers (`neighbours`): a leaf's last
// neighbour, or a degree-two vertex's other neighbour given one, without scanning its
// arcs (the trick of peeling-based hashing). A removed vertex's `neighbours` then stays
// the one it was peeled toward. Returns the removed vertices in removal order; a tree
// component keeps one vertex.
std::vector<Index> peel_leaves(const Csr& g, Index n, std::vector<std::uint8_t>& state, std::vector<Index>& degree,
                               std::vector<Index>& neighbours) {
  std::vector<Index> removed, leaves;
  removed.reserve(n);  // most of a network may peel: no copies while growing
  leaves.reserve(n);
  for (Index v = 0; v < n; ++v) {
    Index x = 0, d = 0;
    for (const Index w : g[v])
      if (w < n) x ^= w, ++d;
    neighbours[v] = x;
    degree[v] = d;
    if (d == 1) leaves.push_back(v);
  }
  while (!leaves.empty()) {
    const Index v = leaves.back();
    leaves.pop_back();
    if (degree[v] != 1) continue;  // its last neighbour was peeled first: v stays, alone
    const Index p = neighbours[v];
    state[v] = kPeeled;
    removed.push_back(v);
    neighbours[p] ^= v;
    if (--degree[p] == 1) leaves.push_back(p);
    degree[v] = 0;
  }
  return removed;
}

// A maximal path of kept vertices of degree two, between two other kept vertices, `from`
// and `to` (equal when the chain closes a cycle through one vertex). A cycle of such
// vertices alone is a chain with neither end (kNoIndex).
struct Chain {
  Index from = kNoIndex, to = kNoIndex;
  Index first = 0, count = 0;  // its inner vertices: Chains::inner[first, first + count), from `from`
};

// Every chain's inner vertices in one array: on GB nearly every chain is a single
// dual-homed cell-site router, so a vector per chain would be 150k allocations.
struct Chains {
  std::vector<Chain> list;
  std::vector<Index> inner;

  Index front(const Chain& c) const { return inner[c.first]; }
  std::span<const Index> inner_of(const Chain& c) const { return {inner.data() + c.first, c.count}; }
};

// Marks the kept vertices of degree two as on a chain and lists the chains. Their entries
// of `degree`, known to be 2, are free from here: `chain_of`, the same array, takes each
// chain vertex's chain index instead, so that a search can cross a chain as one edge.
Chains find_chains(const Csr& g, Index n, std::vector<std::uint8_t>& state, std::vector<Index>& degree,
                   const std::vector<Index>& neighbours) {
  for (Index v = 0; v < n; ++v)
    if (state[v] == kKept && degree[v] == 2) state[v] = kOnChain;
  std::vector<Index>& chain_of = degree;
  Chains chains;
  const auto walk = [&](Index from, Index first, Index before) {
    Chain c{.from = from, .first = static_cast<Index>(chains.inner.size())};
    const auto index = static_cast<Index>(chains.list.size());
    Index previous = before;
    for (Index x = first;;) {
      state[x] = kOnWalkedChain;
      chain_of[x] = index;
      chains.inner.push_back(x);
      const Index next = neighbours[x] ^ previous;
      previous = x;
      if (state[next] != kOnChain) {  // an end, or back at the start of a bare cycle
        c.to = state[next] == kKept ? next : kNoIndex;
        break;
      }
      x = next;
    }
    c.count = static_cast<Index>(chains.inner.size()) - c.first;
    chains.list.push_back(c);
  };
  for (Index u = 0; u < n; ++u) {
    if (state[u] != kKept) continue;
    for (const Index w : g[u])
      if (w < n && state[w] == kOnChain) walk(u, w, u);
  }
  // What is left are bare cycles, each walked from its lowest vertex toward either
  // neighbour: knowing neither, start as if from the XOR's partner of some neighbour.
  for (Index v = 0; v < n; ++v)
    if (state[v] == kOnChain) {
      Index one = kNoIndex;
      for (const Index w : g[v])
        if (w < n && state[w] != kPeeled) one = w;
      walk(kNoIndex, v, neighbours[v] ^ one);
    }
  for (Index v = 0; v < n; ++v)
    if (state[v] == kOnWalkedChain) state[v] = kOnChain;
  return chains;
}

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
  t.parent_.reserve(2 * std::size_t{n});  // at most n - 1 blocks
  t.parent_.assign(n, kNoIndex);
  t.block_size_.reserve(n);
  t.root_.assign(n, kNoIndex);
  std::vector<std::uint8_t> state(n, kKept);
  std::vector<Index> degree(n, 0), neighbours(n, 0);
  const std::vector<Index> removed = peel_leaves(g, n, state, degree, neighbours);
  const Chains chains = find_chains(g, n, state, degree, neighbours);
  const std::vector<Index>& chain_of = degree;  // for the vertices on a chain

  const auto new_block = [&](Index head, Index size) {
    t.parent_.push_back(head);
    t.block_size_.push_back(size);
    return n + static_cast<Index>(t.block_size_.size() - 1);
  };
  // Each peeled vertex hangs by a bridge, a block of two, from the vertex it was peeled
  // toward (its root is set once the search has rooted what is left).
  for (const Index v : removed) t.parent_[v] = new_block(neighbours[v], 2);
  // The kept vertex an arc from u to w leads to, crossing a chain as one edge (kNoIndex:
  // none). A chain of one vertex is entered at both ends, so the end is the one not u.
  const auto across = [&](Index u, Index w) -> Index {
    if (w >= n || state[w] == kPeeled) return kNoIndex;
    if (state[w] != kOnChain) return w;
    const Chain& c = chains.list[chain_of[w]];
    return w == chains.front(c) && c.from == u ? c.to : c.from;
  };

  // Hopcroft-Tarjan over the kept vertices off chains, each chain an edge.
  // The peeling's arrays are done with at the kept vertices (the peeled ones hang
  // already): reused there for discovery times and low points.
  std::vector<Index>&disc = degree, &low = neighbours;
  for (Index v = 0; v < n; ++v)
    if (state[v] == kKept) disc[v] = kNoIndex;
  std::vector<Frame> frames;
  std::vector<Index> stack;
  Index time = 0;
  const auto discover = [&](Index w, Index root) {
    disc[w] = low[w] = time++;
    t.root_[w] = root;
    stack.push_back(w);
  };
  const auto search_from = [&](Index r) {
    discover(r, r);
    frames.push_back({r, kNoIndex, g.offsets[r], false});
    while (!frames.empty()) {
      Frame& f = frames.back();
      const Index u = f.vertex;
      if (f.next_arc < g.offsets[u + 1]) {
        const Index w = across(u, g.targets[f.next_arc++]);
        if (w == kNoIndex || w == u) continue;  // a chain that comes back to u is a block of its own
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
    if (r < n && state[r] == kKept && disc[r] == kNoIndex) search_from(r);
  for (Index r = 0; r < n; ++r)
    if (state[r] == kKept && disc[r] == kNoIndex) search_from(r);

  // The chains' vertices. A chain between u and v lies in the block holding both (two
  // blocks share at most one vertex), whose head is one of them, unless that block is
  // the chain alone: then each of its edges is a bridge, a block of two.
  const auto routes_between = [&](Index u, Index v) {
    Index count = 0;
    for (const Index w : g[u]) count += across(u, w) == v;
    return count;
  };
  for (const Chain& c : chains.list) {
    const Index u = c.from, v = c.to;
    const std::span<const Index> inner = chains.inner_of(c);
    if (u == kNoIndex) {  // a bare cycle: one block, headed by its lowest vertex
      const Index block = new_block(inner.front(), c.count);
      for (const Index x : inner) t.root_[x] = inner.front();
      for (const Index x : inner.subspan(1)) t.parent_[x] = block;
      continue;
    }
    for (const Index x : inner) t.root_[x] = t.root_[u];
    if (u == v) {  // a cycle through u
      const Index block = new_block(u, c.count + 1);
      for (const Index x : inner) t.parent_[x] = block;
      continue;
    }
    const Index pu = t.parent_[u];
    const Index block = pu != kNoIndex && (t.parent_[pu] == v || t.parent_[v] == pu) ? pu : t.parent_[v];
    assert(block != kNoIndex && (block == pu || t.parent_[block] == u));
    if (t.block_size(block) > 2 || routes_between(u, v) > 1) {
      for (const Index x : inner) t.parent_[x] = block;
      t.block_size_[block - n] += c.count;
      continue;
    }
    // A path of bridges from the block's head down to its other vertex; the block itself
    // becomes the last bridge.
    const Index head = t.parent_[block];
    const auto hang_down = [&](auto first, auto last) {
      Index above = head;
      for (; first != last; ++first) {
        t.parent_[*first] = new_block(above, 2);
        above = *first;
      }
      t.parent_[block] = above;
    };
    if (head == u)
      hang_down(inner.begin(), inner.end());
    else
      hang_down(inner.rbegin(), inner.rend());
  }

  // A peeled vertex's root is that of its bridge's head, which was peeled later or not at
  // all: backwards, it is known.
  for (auto v = removed.rbegin(); v != removed.rend(); ++v) t.root_[*v] = t.root_[t.parent_[t.parent_[*v]]];
  return t;
}

}  // namespace netvet::graph
