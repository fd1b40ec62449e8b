#pragma once
// How many vertices lie on at least one simple path of several terminal groups at once:
// the "possible" count of a facility served by more than one operator, whose paths run
// in different operators' trees but may share elements (shared transport).
//
// Definition. For a group S of terminals in one connected component (a facility's
// sources of operator o there, and o's sinks there), the vertices on some simple path
// between two of them are the vertices of the blocks of the Steiner tree of S in the
// block tree (graph/block_tree.h) — a lone terminal counts itself. The answer is the
// number of distinct vertices over all groups.
//
// Counting without enumerating: let U be the union of the groups' Steiner trees, each
// extended upward to the head of its top block so that every piece of U has a vertex on
// top. A vertex is counted iff its parent block is in U (each block B in U has |B|-1
// children) or it is in U with its parent outside U (the tops). Membership in U is
// constant along each edge of the virtual (auxiliary) tree of the terminals, their LCAs
// and the group tops, so U is summed edge by edge with weighted depths.
// Reference: the "virtual tree" (auxiliary tree) construction, folklore: sorting nodes by
// DFS preorder and adding the LCA of each adjacent pair closes the set under LCA, and a
// stack over that order yields the compressed tree.
// Complexity: O(T log T + T log depth) for T terminals in all groups.

#include <cstdint>
#include <span>
#include <vector>

#include "graph/block_tree.h"

namespace netvet::graph {

struct TerminalGroup {
  std::span<const Index> terminals;  // vertices of `tree`, one component, non-empty
  unsigned label = 0;                // < 64; groups in different components may share one
};

std::uint64_t count_vertices_on_group_paths(const BlockTree& tree, std::span<const TerminalGroup> groups);

}  // namespace netvet::graph
