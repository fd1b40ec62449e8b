#include "graph/vertex_cut.h"

#include <algorithm>
#include <utility>

namespace netvet::graph {
namespace {

// Nodes of the split, contracted graph, as one number: a component named by element c
// is 2c; a removed element v is in_node(v) = 2v and out_node(v) = 2v + 1. A component's
// name is never a removed element, so the numbers do not collide.
Index in_node(Index v) { return 2 * v; }
Index out_node(Index v) { return 2 * v + 1; }
constexpr Index kFromSource = kNoIndex;  // the parent of a source's node
constexpr int kUnbounded = 1 << 30;

std::uint64_t arc(Index from, Index to) { return (std::uint64_t{from} << 32) | to; }

int flow_on(const CutScratch& s, Index from, Index to) {
  const auto it = s.flow.find(arc(from, to));
  return it == s.flow.end() ? 0 : it->second;
}

}  // namespace

VertexCutFinder::VertexCutFinder(const TrafficGraph& g, std::vector<Index> component)
    : g_(g), component_(std::move(component)) {
  removed_next_to_ = group_by_row(g.elements, [&](auto&& add) {
    for (Index v = 0; v < g.elements; ++v) {
      if (!removed(v)) continue;
      for (const Index w : g.transport[v])
        if (w < g.elements && !removed(w)) add(component_[w], v);
    }
  });
}

bool VertexCutFinder::removed(Index e) const { return component_[e] == kRemovedElement; }

// Calls visit(next, residual capacity) for every arc out of `node` in the split graph.
template <typename Visit>
void VertexCutFinder::for_each_neighbour(Index node, const CutScratch& s, Visit&& visit) const {
  const Index e = node / 2;
  if (!removed(e)) {  // a component: arcs into the removed elements beside it
    for (const Index v : removed_next_to_[e]) {
      visit(in_node(v), kUnbounded - flow_on(s, node, in_node(v)));
      visit(out_node(v), -flow_on(s, node, out_node(v)));  // only back along flow
    }
    return;
  }
  const bool in = node == in_node(e);
  if (in) visit(out_node(e), 1 - flow_on(s, node, out_node(e)));
  else visit(in_node(e), -flow_on(s, node, in_node(e)));
  for (const Index w : g_.transport[e]) {
    if (w >= g_.elements) continue;  // a super-sink: sinks are found by their nodes
    // Arcs leave a removed element from its out-node, unbounded; its in-node only
    // returns flow that came in.
    const Index next = removed(w) ? (in ? out_node(w) : in_node(w)) : 2 * component_[w];
    visit(next, (in ? 0 : kUnbounded) - flow_on(s, node, next));
  }
}

// One breadth-first search for an augmenting path from the sources to a target; pushes a
// unit of flow along it when found. s.parent then holds every node the search reached.
bool VertexCutFinder::augment(std::span<const Index> sources, CutScratch& s) const {
  s.parent.clear();
  s.queue.clear();
  for (const Index x : sources) {
    const Index node = removed(x) ? in_node(x) : 2 * component_[x];
    if (s.parent.emplace(node, kFromSource).second) s.queue.push_back(node);
  }
  for (std::size_t head = 0; head < s.queue.size(); ++head) {
    const Index node = s.queue[head];
    if (std::binary_search(s.targets.begin(), s.targets.end(), node)) {
      for (Index at = node, from = s.parent.at(at); from != kFromSource; at = from, from = s.parent.at(at)) {
        ++s.flow[arc(from, at)];
        --s.flow[arc(at, from)];
      }
      return true;
    }
    for_each_neighbour(node, s, [&](Index next, int residual) {
      if (residual > 0 && s.parent.emplace(next, node).second) s.queue.push_back(next);
    });
  }
  return false;
}

std::vector<Index> VertexCutFinder::cut(std::span<const Index> sources, Index op, CutScratch& s) const {
  s.targets.clear();
  for (const Index sink : g_.sinks_of_operator[op])
    s.targets.push_back(removed(sink) ? out_node(sink) : 2 * component_[sink]);
  std::sort(s.targets.begin(), s.targets.end());
  for (const Index x : sources)  // a clean way already: not exposed, no cut
    if (!removed(x) && std::binary_search(s.targets.begin(), s.targets.end(), 2 * component_[x])) return {};
  s.flow.clear();
  std::size_t paths = 0;
  while (augment(sources, s)) ++paths;
  std::vector<Index> cut;
  if (paths == 0) return cut;  // no path at all: isolated, nothing to cut
  for (const auto& [node, from] : s.parent)
    if (node % 2 == 0 && removed(node / 2) && !s.parent.contains(node + 1)) cut.push_back(node / 2);
  std::sort(cut.begin(), cut.end());
  return cut;
}

}  // namespace netvet::graph
