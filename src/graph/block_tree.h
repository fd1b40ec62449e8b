#pragma once
// The block tree of an undirected graph: its biconnected components (blocks) and
// vertices as one rooted forest, with O(log n) lowest common ancestors.
//
// Definition. A block is a maximal 2-connected subgraph or a bridge (an isolated vertex
// is in none); two blocks share at most one vertex, a cut vertex. The block tree
// has a node for every vertex and every block, and an edge between a vertex and each
// block containing it (Harary's block-cut tree, with non-cut vertices as leaves). It is
// a tree per connected component. Rooted at a vertex r, every other vertex v has as
// parent the block containing the DFS tree edge into v, and every block B has as parent
// its *head*, the one vertex of B closest to r; B's other |B|-1 vertices are its
// children.
//
// The facts exposure rests on (Menger; see e.g. Diestel, Graph Theory, ch. 3):
// * the vertices lying on at least one simple path between x and y are exactly the
//   vertices of the blocks on the tree path between x and y (every vertex of a block lies
//   on a simple path between any two other vertices of that block);
// * removing vertex v (v != x, y) disconnects x from y exactly when v is a cut-vertex node
//   on the tree path between x and y.
// With r a super-sink joined to every sink of an operator, "on some path from x to a
// sink" is "in a block on the root path of x" and "on every path from x to a sink" is
// "a vertex on the root path of x".
//
// Algorithm. Hopcroft & Tarjan, "Efficient algorithms for graph manipulation" (CACM 16(6),
// 1973): one depth-first search with low points and a stack of vertices, written
// iteratively (a million-deep chain must not overflow the call stack). Ancestor jumps
// are Myers' skew-binary jump pointers ("An applicative random-access stack", IPL 17,
// 1983): O(1) extra words per node, level ancestors and LCA in O(log depth).
// Complexity: O(V + E) time and memory to build; lca() is O(log depth).
//
// Nodes: vertex v is node v (0 .. vertices-1); block b is node vertices + b. Nodes not
// reached from any root have depth kNoIndex.

#include <cstdint>
#include <span>
#include <vector>

#include "graph/csr.h"

namespace netvet::graph {

struct BlockTreeInput {
  const Csr* graph = nullptr;
  // Nodes >= real_vertices are virtual (super-sinks): never entered, except `allowed`.
  Index real_vertices = 0;
  Index allowed_virtual = kNoIndex;
  // DFS roots, in order; a root already reached from an earlier one is skipped.
  std::span<const Index> roots;
};

class BlockTree {
 public:
  static BlockTree build(const BlockTreeInput& input);

  Index vertices() const { return vertices_; }
  Index blocks() const { return static_cast<Index>(block_size_.size()); }
  bool is_block(Index node) const { return node >= vertices_; }
  bool reached(Index node) const { return depth_[node] != kNoIndex; }
  Index parent(Index node) const { return parent_[node]; }  // kNoIndex at a root
  Index depth(Index node) const { return depth_[node]; }
  // The root a reached vertex hangs from (its connected component).
  Index root_of(Index vertex) const { return root_[vertex]; }
  // The node's number in a preorder of the block forest.
  std::uint32_t preorder(Index node) const { return preorder_[node]; }
  Index block_size(Index node) const { return block_size_[node - vertices_]; }
  // The number of vertices that are children of blocks on the root path of `node`
  // (node included): the size of the union of those blocks, minus the root.
  Index weighted_depth(Index node) const { return weighted_depth_[node]; }

  // Lowest common ancestor of two reached nodes of one component.
  Index lca(Index a, Index b) const;
  // The vertex at or above `node`: node itself, or its head when node is a block.
  Index vertex_at_or_above(Index node) const { return is_block(node) ? parent_[node] : node; }
  // Vertices in DFS discovery order (parents before children), for top-down passes.
  std::span<const Index> discovery_order() const { return order_; }

 private:
  Index vertices_ = 0;
  std::vector<Index> parent_, depth_, jump_, root_, weighted_depth_, block_size_, order_;
  std::vector<std::uint32_t> preorder_;
};

}  // namespace netvet::graph
