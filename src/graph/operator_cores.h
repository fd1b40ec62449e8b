#pragma once
// Where each operator's core sits in the block forest (graph/block_forest.h), and the
// way from any vertex to it: what turns one forest into every operator's answers to "on
// every path to a sink" and "on some path to a sink", with no search per operator.
//
// Definition. For operator o and a connected component C holding sinks of o, the *core*
// of o in C is the Steiner subtree S of those sinks in the block forest: the smallest
// subtree holding them all, topped by their lowest common ancestor. Joining a super-sink
// y to every sink of o merges the blocks of S into one block with y (with a single sink
// t, it adds the bridge {t, y}) and leaves every other block as it was. So, by the facts
// of graph/block_forest.h, for a vertex x of C and the forest path from x to S:
// * the elements on every path from x to a sink of o are the vertex nodes of that path,
//   the node where it meets S included when that node is a vertex;
// * the elements on some path are the vertices of the blocks of that path (those outside
//   S) and of the blocks of S; a connected set of blocks has 1 + sum(|B| - 1) vertices.
// The path from x to S climbs to the first ancestor that has a sink of o below it. When
// the forest's root lies outside S, that ancestor may sit above S's top; the path then
// descends to the top. step() gives that path one node at a time.
//
// Algorithm: per operator, climb from each sink until meeting a node climbed before
// (the union of the sinks' root paths); count sinks below each node of that union
// bottom-up (leaves first); a component's top is the first node, climbing from one of
// its sinks, that has all of them below. O(the union's size + sinks) per operator: the
// cores and the stretch above them, not the network. step() is O(1) off those nodes and
// O(log of their number) on them.

#include <cstdint>
#include <span>
#include <utility>
#include <vector>

#include "graph/block_forest.h"
#include "model/inventory.h"

namespace netvet::graph {

// The core of one operator in one component.
struct Core {
  Index op = kNoIndex;
  Index component = kNoIndex;  // BlockForest::component of its vertices
  Index top = kNoIndex;        // the lowest common ancestor of the sinks (a vertex or a block)
  Index vertices = 0;          // vertices of its blocks (1 when it is a single sink)
  std::vector<Index> blocks;   // its block nodes, ascending
};

class OperatorCores {
 public:
  OperatorCores() = default;
  // `sinks_of_operator[o]`: the sinks of operator o, vertices of `forest`.
  OperatorCores(const BlockForest& forest, const ListColumn<Index>& sinks_of_operator);

  std::span<const Core> cores() const { return cores_; }
  // The index in cores() of operator op's core in the component of `vertex`, or kNoIndex
  // when no sink of op is in that component.
  Index core_of(Index op, Index vertex) const;

  // The next node on the way from `node` to op's core, or kNoIndex when `node` is in that
  // core. `node` must be in a component holding a core of op.
  Index step(Index op, Index node) const {
    if (!on_some_climb_[node]) return forest_->parent(node);
    return marked_step(op, node);
  }

 private:
  static constexpr Index kInCore = kNoIndex;
  Index marked_step(Index op, Index node) const;

  const BlockForest* forest_ = nullptr;
  std::vector<Core> cores_;
  std::vector<std::vector<std::pair<Index, Index>>> core_by_component_;  // per operator: (component, core), sorted
  // Per operator, sorted by node: the nodes of its sinks' root paths, each with kInCore or
  // (above a core's top) the child toward that top.
  std::vector<std::vector<std::pair<Index, Index>>> marks_;
  std::vector<std::uint8_t> on_some_climb_;  // per node: marked by some operator
};

}  // namespace netvet::graph
