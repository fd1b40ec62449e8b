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
constexpr Index kFar = kNoIndex;         // no way to the operator's sinks
constexpr int kUnbounded = 1 << 30;

std::uint64_t arc(Index from, Index to) { return (std::uint64_t{from} << 32) | to; }

int flow_on(const CutScratch& s, Index from, Index to) {
  const auto it = s.flow.find(arc(from, to));
  return it == s.flow.end() ? 0 : it->second;
}

}  // namespace

VertexCutFinder::VertexCutFinder(const TrafficGraph& g, std::vector<Index> component)
    : g_(g), component_(std::move(component)), levels_(g.operators) {
  removed_next_to_ = group_by_row(g.elements, [&](auto&& add) {
    for (Index v = 0; v < g.elements; ++v) {
      if (!removed(v)) continue;
      for (const Index w : g.transport[v])
        if (w < g.elements && !removed(w)) add(component_[w], v);
    }
  });
  for (auto& l : levels_) l = std::make_unique<OperatorLevels>();
}

VertexCutFinder::~VertexCutFinder() = default;

bool VertexCutFinder::removed(Index e) const { return component_[e] == kRemovedElement; }

Index VertexCutFinder::node_of(Index element) const {
  return removed(element) ? in_node(element) : 2 * component_[element];
}

// Each node's distance to op's sinks in the split graph with no flow (a breadth-first
// search backwards from them), and, per component, the removed elements beside it that
// are one step nearer: the arcs a shortest augmenting path can take. Built once per
// operator, on first use.
const VertexCutFinder::OperatorLevels& VertexCutFinder::levels(Index op) const {
  OperatorLevels& l = *levels_[op];
  std::call_once(l.once, [&] {
    l.dist.assign(2 * std::size_t{g_.elements}, kFar);
    std::vector<Index> queue;
    for (const Index sink : g_.sinks_of_operator[op]) {
      const Index node = removed(sink) ? out_node(sink) : 2 * component_[sink];
      if (l.dist[node] == kFar) l.dist[node] = 0, queue.push_back(node);
    }
    const auto reach = [&](Index node, Index d) {
      if (l.dist[node] == kFar) l.dist[node] = d, queue.push_back(node);
    };
    for (std::size_t head = 0; head < queue.size(); ++head) {
      const Index node = queue[head], d = l.dist[node] + 1, e = node / 2;
      if (!removed(e)) {  // a component: entered from the out-nodes beside it
        for (const Index v : removed_next_to_[e]) reach(out_node(v), d);
      } else if (node == out_node(e)) {
        reach(in_node(e), d);
      } else {  // an in-node: entered from components and out-nodes beside it
        for (const Index w : g_.transport[e])
          if (w < g_.elements) reach(removed(w) ? out_node(w) : 2 * component_[w], d);
      }
    }
    l.downhill = group_by_row(g_.elements, [&](auto&& add) {
      for (Index c = 0; c < g_.elements; ++c) {
        if (removed(c) || component_[c] != c || l.dist[2 * c] == kFar || l.dist[2 * c] == 0) continue;
        for (const Index v : removed_next_to_[c])
          if (l.dist[in_node(v)] + 1 == l.dist[2 * c]) add(c, v);
      }
    });
  });
  return l;
}

// Calls visit(next, residual capacity) for every arc out of `node` in the split graph.
template <typename Visit>
void VertexCutFinder::for_each_neighbour(Index node, const CutScratch& s, Visit&& visit) const {
  const Index e = node / 2;
  if (!removed(e)) {
    // A component: arcs into the removed elements beside it, unbounded (no flow can use
    // them up, so none is looked up: a component can touch a hundred thousand), and back
    // along the few arcs whose flow enters it.
    for (const Index v : removed_next_to_[e]) visit(in_node(v), kUnbounded);
    for (const auto& [component, from] : s.into_component)
      if (component == node) visit(from, flow_on(s, from, node));
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
    visit(next, in ? -flow_on(s, node, next) : kUnbounded);
  }
}

void VertexCutFinder::push_unit(std::span<const Index> path, CutScratch& s) const {
  for (std::size_t i = 1; i < path.size(); ++i) {
    const Index from = path[i - 1], to = path[i];
    if (++s.flow[arc(from, to)] == 1 && from % 2 == 1 && !removed(to / 2)) s.into_component.emplace_back(to, from);
    --s.flow[arc(to, from)];
  }
}

// The fast way: a shortest path with the distances of the graph without flow, each step
// one nearer the sinks, depth first with dead ends remembered (Dinic's blocking flow).
// Such arcs need no reverse flow, so only a saturated element bars the way. Finds most
// augmenting paths, touching little more than the path; augment() finds the rest.
bool VertexCutFinder::augment_downhill(std::span<const Index> sources, const OperatorLevels& l, CutScratch& s) const {
  // Each source is followed until no downhill path is left from it (then it is dead for
  // the phase), so a phase costs O(sources) beside its paths, not O(sources) per path.
  for (; s.next_source < sources.size(); ++s.next_source) {
    const Index start = node_of(sources[s.next_source]);
    if (l.dist[start] == kFar || s.dead_at[start] == s.phase) continue;
    s.path.assign(1, start);
    while (!s.path.empty()) {
      const Index node = s.path.back(), e = node / 2, want = l.dist[node] - 1;
      if (l.dist[node] == 0) {
        push_unit(s.path, s);
        return true;
      }
      Index next = kNoIndex;
      const auto usable = [&](Index n) { return l.dist[n] == want && s.dead_at[n] != s.phase; };
      if (!removed(e)) {
        for (const Index v : l.downhill[e])
          if (usable(in_node(v))) {
            next = in_node(v);
            break;
          }
      } else if (node == in_node(e)) {
        if (flow_on(s, node, out_node(e)) < 1 && usable(out_node(e))) next = out_node(e);
      } else {
        for (const Index w : g_.transport[e]) {
          if (w >= g_.elements) continue;
          const Index n = removed(w) ? in_node(w) : 2 * component_[w];
          if (usable(n)) {
            next = n;
            break;
          }
        }
      }
      if (next == kNoIndex) {
        s.dead_at[node] = s.phase;
        s.path.pop_back();
      } else {
        s.path.push_back(next);
      }
    }
  }
  return false;
}

// One breadth-first search of the residual graph for an augmenting path from the sources
// to a sink; pushes a unit of flow along it when found. s.queue then holds every node
// the search reached.
bool VertexCutFinder::augment(std::span<const Index> sources, const OperatorLevels& l, CutScratch& s) const {
  ++s.search;
  s.queue.clear();
  const auto reach = [&](Index node, Index from) {
    if (s.reached[node] == s.search) return;
    s.reached[node] = s.search;
    s.parent[node] = from;
    s.queue.push_back(node);
  };
  for (const Index x : sources) reach(node_of(x), kFromSource);
  for (std::size_t head = 0; head < s.queue.size(); ++head) {
    const Index node = s.queue[head];
    if (l.dist[node] == 0) {
      s.path.clear();
      for (Index at = node; at != kFromSource; at = s.parent[at]) s.path.push_back(at);
      std::reverse(s.path.begin(), s.path.end());
      push_unit(s.path, s);
      return true;
    }
    for_each_neighbour(node, s, [&](Index next, int residual) {
      if (residual > 0) reach(next, node);
    });
  }
  return false;
}

std::vector<Index> VertexCutFinder::cut(std::span<const Index> sources, Index op, CutScratch& s) const {
  const OperatorLevels& l = levels(op);
  for (const Index x : sources)  // a clean way already: not exposed, no cut
    if (!removed(x) && l.dist[node_of(x)] == 0) return {};
  s.key.assign(1, op);
  for (const Index x : sources) s.key.push_back(node_of(x));
  std::sort(s.key.begin() + 1, s.key.end());
  s.key.erase(std::unique(s.key.begin() + 1, s.key.end()), s.key.end());
  if (const auto known = s.answers.find(s.key); known != s.answers.end()) return known->second;
  if (s.reached.size() != 2 * std::size_t{g_.elements}) {
    s.reached.assign(2 * std::size_t{g_.elements}, 0);
    s.dead_at.assign(2 * std::size_t{g_.elements}, 0);
    s.parent.assign(2 * std::size_t{g_.elements}, kNoIndex);
    s.search = s.phase = 0;
  }
  s.flow.clear();
  s.into_component.clear();
  std::size_t paths = 0;
  for (;;) {
    ++s.phase;
    s.next_source = 0;
    while (augment_downhill(sources, l, s)) ++paths;
    if (!augment(sources, l, s)) break;  // the last search reaches the source side of the cut
    ++paths;
  }
  std::vector<Index> cut;
  if (paths > 0)  // else no path at all: isolated, nothing to cut
    for (const Index node : s.queue)  // every node the last search reached
      if (node % 2 == 0 && removed(node / 2) && s.reached[node + 1] != s.search) cut.push_back(node / 2);
  std::sort(cut.begin(), cut.end());
  s.answers.emplace(s.key, cut);
  return cut;
}

}  // namespace netvet::graph
