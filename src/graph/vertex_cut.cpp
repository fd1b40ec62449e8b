#include "graph/vertex_cut.h"

#include <algorithm>
#include <cassert>
#include <utility>

#include "util/parallel.h"

namespace netvet::graph {
namespace {

// Nodes of the split, contracted graph, as one number: a component named by element c
// is 2c; a removed element v is in_node(v) = 2v and out_node(v) = 2v + 1. A component's
// name is never a removed element, so the numbers do not collide.
Index in_node(Index v) { return 2 * v; }
Index out_node(Index v) { return 2 * v + 1; }
// Levels are stored plus one, so that a zeroed array reads "not reached".
constexpr Index kUnreached = 0;
constexpr Index kFar = kNoIndex;         // layer(): no sink reached
constexpr Index kDead = kNoIndex;        // reached, but no path to a sink is left from it this phase
// pred and succ are stored as node + 1 (0: none); a removed source whose own unit flows
// has this pred.
constexpr Index kNone = 0;
constexpr Index kFromSource = kNoIndex;
Index stored(Index node) { return node + 1; }

}  // namespace

VertexCutFinder::VertexCutFinder(const TrafficGraph& g, std::vector<Index> component, std::size_t subject_side_arcs)
    : g_(g),
      component_(std::move(component)),
      subject_side_arcs_(subject_side_arcs),
      maybe_sink_(2 * std::size_t{g.elements}, 0),
      sink_list_(g.operators) {
  for (Index op = 0; op < g.operators; ++op) {
    for (const Index sink : g.sinks_of_operator[op]) {
      const Index node = removed(sink) ? out_node(sink) : 2 * component_[sink];
      sink_list_[op].push_back(node);
      maybe_sink_[node] = 1;
    }
    std::sort(sink_list_[op].begin(), sink_list_[op].end());
    sink_list_[op].erase(std::unique(sink_list_[op].begin(), sink_list_[op].end()), sink_list_[op].end());
  }
  // (component, removed element beside it) once each, from one pass over the removed
  // elements, beside the search for dead-end groups; then grouped twice, the dead-end
  // groups' apart, on two threads again.
  std::vector<std::uint8_t> dead_end;
  std::vector<std::pair<Index, Index>> beside_pairs;
  parallel_for(2, 0, [&](std::size_t task) {
    if (task == 0) {
      dead_end = dead_end_groups();
      return;
    }
    std::vector<Index> beside;
    for (Index v = 0; v < g.elements; ++v) {
      if (!removed(v)) continue;
      beside.clear();
      for (const Index w : g.transport[v])
        if (w < g.elements && !removed(w)) beside.push_back(component_[w]);
      std::sort(beside.begin(), beside.end());
      beside.erase(std::unique(beside.begin(), beside.end()), beside.end());
      for (const Index c : beside) beside_pairs.emplace_back(c, v);
    }
  });
  parallel_for(2, 0, [&](std::size_t task) {
    const bool of_dead_ends = task == 1;
    (of_dead_ends ? dead_ends_next_to_ : removed_next_to_) = group_by_row(g.elements, [&](auto&& add) {
      for (const auto& [c, v] : beside_pairs)
        if ((dead_end[v] != 0) == of_dead_ends) add(c, v);
    });
  });
}

// Per element: 1 when it belongs to a group of removed elements (joined by transport
// links among themselves) that holds no sink and touches a single component. A path that
// enters such a group from its component can only return to it, so no shortest
// augmenting path does, and the component's arcs into the group are left out: on a
// national network most removed elements are such bumps on the big clean component (a
// designated cell-site router on a clean ring), and a search would otherwise step into
// each of them. A source inside a group still starts there (node_of), arcs out of a
// group are kept, and searches backwards from the sinks see the groups, so no path is
// lost and the cut does not change.
std::vector<std::uint8_t> VertexCutFinder::dead_end_groups() const {
  std::vector<std::uint8_t> bump(g_.elements, 0);
  std::vector<std::uint8_t> seen(g_.elements, 0);
  std::vector<Index> group;
  for (Index start = 0; start < g_.elements; ++start) {
    if (!removed(start) || seen[start]) continue;
    seen[start] = 1;
    group.assign(1, start);
    Index touches = kNoIndex;  // the one component it touches; kRemovedElement: two or more
    bool sink = false;
    for (std::size_t head = 0; head < group.size(); ++head) {
      const Index v = group[head];
      sink |= maybe_sink_[out_node(v)] != 0;
      for (const Index w : g_.transport[v]) {
        if (w >= g_.elements) continue;
        if (removed(w)) {
          if (!seen[w]) seen[w] = 1, group.push_back(w);
        } else if (touches == kNoIndex) {
          touches = component_[w];
        } else if (touches != component_[w]) {
          touches = kRemovedElement;
        }
      }
    }
    if (!sink && touches != kNoIndex && touches != kRemovedElement)
      for (const Index v : group) bump[v] = 1;
  }
  return bump;
}

bool VertexCutFinder::removed(Index e) const { return component_[e] == kRemovedElement; }

Index VertexCutFinder::node_of(Index element) const {
  return removed(element) ? in_node(element) : 2 * component_[element];
}

bool VertexCutFinder::is_sink(Index node, Index op) const {
  return maybe_sink_[node] && std::binary_search(sink_list_[op].begin(), sink_list_[op].end(), node);
}

// The residual graph's arcs out of a node, numbered so that the blocking flow can keep
// its place in them:
// * a component: into each removed element beside it (unbounded: no flow uses them up),
//   then back along each arc whose flow enters it;
// * in(v): to out(v) while v carries no flow, then, per transport neighbour, back to
//   where v's unit comes from;
// * out(v): back to in(v) while v carries flow, then to every transport neighbour
//   (unbounded).
std::uint32_t VertexCutFinder::arc_count(Index node, const CutScratch& s) const {
  const Index e = node / 2;
  if (removed(e)) return 1 + static_cast<std::uint32_t>(g_.transport[e].size());
  auto n = static_cast<std::uint32_t>(removed_next_to_[e].size());
  if (const auto it = s.into_component.find(node); it != s.into_component.end())
    n += static_cast<std::uint32_t>(it->second.size());
  return n;
}

VertexCutFinder::Arc VertexCutFinder::arc(Index node, std::uint32_t k, const CutScratch& s) const {
  const Index e = node / 2;
  if (!removed(e)) {
    const auto beside = removed_next_to_[e];
    if (k < beside.size()) return {in_node(beside[k]), true};
    const Index u = s.into_component.find(node)->second[k - beside.size()];
    return {out_node(u), s.flow[u].succ == stored(node)};
  }
  const bool in = node == in_node(e);
  if (k == 0) return in ? Arc{out_node(e), s.flow[e].pred == kNone} : Arc{in_node(e), s.flow[e].pred != kNone};
  const Index w = g_.transport[e][k - 1];
  if (w >= g_.elements) return {node, false};  // a super-sink: sinks are found by their nodes
  if (in) {
    const Index from = removed(w) ? out_node(w) : 2 * component_[w];
    return {from, s.flow[e].pred == stored(from)};
  }
  return {removed(w) ? in_node(w) : 2 * component_[w], true};
}

// Calls visit(x) for every arc x -> node of the residual graph: the arcs of arc() seen
// from their heads, dead-end groups included.
template <typename Visit>
void VertexCutFinder::for_each_predecessor(Index node, const CutScratch& s, Visit&& visit) const {
  const Index e = node / 2;
  if (!removed(e)) {
    for (const Index u : removed_next_to_[e]) visit(out_node(u));
    for (const Index u : dead_ends_next_to_[e]) visit(out_node(u));
    if (const auto it = s.out_of_component.find(node); it != s.out_of_component.end())
      for (const Index v : it->second)
        if (s.flow[v].pred == stored(node)) visit(in_node(v));
    return;
  }
  if (node == in_node(e)) {
    for (const Index w : g_.transport[e])
      if (w < g_.elements) visit(removed(w) ? out_node(w) : 2 * component_[w]);
    if (s.flow[e].pred != kNone) visit(out_node(e));
  } else {
    if (s.flow[e].pred == kNone) visit(in_node(e));
    if (s.flow[e].succ != kNone) visit(s.flow[e].succ - 1);
  }
}

// The number of arcs for_each_predecessor() visits (an upper bound: stale entries count).
std::size_t VertexCutFinder::predecessor_count(Index node, const CutScratch& s) const {
  const Index e = node / 2;
  if (removed(e)) return node == in_node(e) ? g_.transport[e].size() + 1 : 2;
  std::size_t n = removed_next_to_[e].size() + dead_ends_next_to_[e].size();
  if (const auto it = s.out_of_component.find(node); it != s.out_of_component.end()) n += it->second.size();
  return n;
}

// A phase's search of the residual graph: breadth first from the sources, levels into
// s.level, stopping at the level of the nearest sink, which it returns; and, step for
// step (arcs scanned), backwards from the sinks, until the two meet. When no sink is
// reachable, the search that ran out first holds its side of a minimum cut: the forward
// one in s.queue, or (by_sink_side) the backward one in s.back_queue; kFar is returned.
Index VertexCutFinder::layer(std::span<const Index> sources, Index op, CutScratch& s, bool& by_sink_side) const {
  for (const Index node : s.queue) s.node[node].level = kUnreached, s.node[node].cursor = 0;  // the last phase's
  s.queue.clear();
  s.back_queue.clear();
  const std::uint32_t phase = ++s.phase;
  by_sink_side = false;
  for (const Index node : sources) {
    s.node[node].level = 1;
    s.queue.push_back(node);
  }
  for (const Index node : sink_list_[op]) {
    s.node[node].sink_side = phase;
    s.back_queue.push_back(node);
  }
  bool backwards = true;  // until the searches meet: then a path exists, and only levels matter
  std::size_t head = 0, back_head = 0, forward_work = 0, backward_work = 0;
  Index sink_level = kFar;
  for (;;) {
    // The backward search starts once the forward one has scanned subject_side_arcs_ (the
    // cut nearest the subject is preferred, unless its side is the larger and more), and
    // then takes a step when it stays within the forward search's work beyond that: a big
    // component's predecessors are many, and the forward search usually meets a sink
    // before they are worth scanning.
    if (backwards && back_head < s.back_queue.size() && forward_work > subject_side_arcs_ &&
        backward_work + predecessor_count(s.back_queue[back_head], s) <= forward_work - subject_side_arcs_) {
      for_each_predecessor(s.back_queue[back_head++], s, [&](Index x) {
        ++backward_work;
        if (s.node[x].sink_side == phase) return;
        s.node[x].sink_side = phase;
        s.back_queue.push_back(x);
        if (s.node[x].level != kUnreached) backwards = false;
      });
      ++backward_work;
      continue;
    }
    if (backwards && back_head == s.back_queue.size()) {
      by_sink_side = true;
      return kFar;
    }
    if (head == s.queue.size()) return sink_level;
    const Index node = s.queue[head++];
    if (s.node[node].level >= sink_level) return sink_level;  // every path of this phase is found below
    const std::uint32_t arcs = arc_count(node, s);
    forward_work += arcs + 1;
    for (std::uint32_t k = 0; k < arcs; ++k) {
      const Arc a = arc(node, k, s);
      if (!a.open || s.node[a.to].level != kUnreached) continue;
      s.node[a.to].level = s.node[node].level + 1;
      s.queue.push_back(a.to);
      if (s.node[a.to].sink_side == phase) backwards = false;
      if (is_sink(a.to, op)) sink_level = s.node[a.to].level;
    }
  }
}

// Paths one level up at each step to a sink at `sink_level`, depth first; a node from
// which none is left is dead for the phase, and each node remembers which of its arcs it
// tries next. Returns the number of units pushed.
std::size_t VertexCutFinder::blocking_flow(std::span<const Index> sources, Index op, Index sink_level,
                                           CutScratch& s) const {
  std::size_t pushed = 0;
  for (const Index start : sources) {
    if (s.node[start].level != 1) continue;  // dead already
    s.path.assign(1, start);
    while (!s.path.empty()) {
      const Index node = s.path.back();
      if (s.node[node].level == sink_level) {  // only sinks are followed onto that level
        push_unit(s.path, s);
        ++pushed;
        s.path.resize(1);
        continue;
      }
      const Index want = s.node[node].level + 1;
      const std::uint32_t arcs = arc_count(node, s);
      Index next = kNoIndex;
      for (; s.node[node].cursor < arcs; ++s.node[node].cursor) {
        const Arc a = arc(node, s.node[node].cursor, s);
        if (a.open && s.node[a.to].level == want && (want < sink_level || is_sink(a.to, op))) {
          next = a.to;
          break;
        }
      }
      if (next != kNoIndex) {
        s.path.push_back(next);
        continue;
      }
      s.node[node].level = kDead;
      s.path.pop_back();
      if (!s.path.empty()) ++s.node[s.path.back()].cursor;
    }
  }
  return pushed;
}

// One unit along the path: each arc records where a removed element's unit now comes
// from (pred) or goes to (succ), or cancels what an earlier path recorded. Arcs are
// applied in path order, so a node entered along a new arc has its pred replaced before
// the arc that leaves it cancels the old one.
void VertexCutFinder::push_unit(std::span<const Index> path, CutScratch& s) const {
  const auto set = [&](Index ElementFlow::*field, Index v, Index value) {
    s.flow[v].*field = value;
    s.touched.push_back(v);
  };
  for (std::size_t i = 1; i < path.size(); ++i) {
    const Index from = path[i - 1], to = path[i], a = from / 2, b = to / 2;
    if (!removed(a)) {                    // out of a component
      if (to == in_node(b)) {  // into a removed element
        set(&ElementFlow::pred, b, stored(from));
        s.out_of_component[from].push_back(b);
      } else if (s.flow[b].succ == stored(from)) {  // back: out(b)'s unit goes elsewhere now
        set(&ElementFlow::succ, b, kNone);
      }
    } else if (from == in_node(a)) {
      if (to == out_node(a)) {
        if (i == 1) set(&ElementFlow::pred, a, kFromSource);  // a removed source: the unit starts here
      } else if (!removed(b)) {           // back to the component it came from
        if (s.flow[a].pred == stored(to)) set(&ElementFlow::pred, a, kNone);
      } else {                            // back along out(b) -> in(a)
        if (s.flow[b].succ == stored(from)) set(&ElementFlow::succ, b, kNone);
        if (s.flow[a].pred == stored(to)) set(&ElementFlow::pred, a, kNone);
      }
    } else if (to != in_node(a)) {        // out(a) forward; back to in(a) changes nothing here
      set(&ElementFlow::succ, a, stored(to));
      if (!removed(b)) s.into_component[to].push_back(a);
      else set(&ElementFlow::pred, b, stored(from));
    }
  }
}

CutAnswer VertexCutFinder::cut(std::span<const Index> sources, Index op, CutScratch& s) const {
  s.key.assign(1, op);
  for (const Index x : sources) s.key.push_back(node_of(x));
  std::sort(s.key.begin() + 1, s.key.end());
  s.key.erase(std::unique(s.key.begin() + 1, s.key.end()), s.key.end());
  const std::span<const Index> starts = std::span<const Index>(s.key).subspan(1);
  for (const Index node : starts)  // a clean way already: not exposed, no cut
    if (is_sink(node, op)) return {.reaches = true};
  if (const auto known = s.answers.find(s.key); known != s.answers.end()) return known->second;
  if (s.node.size() != 2 * std::size_t{g_.elements}) {
    s.node.reset(2 * std::size_t{g_.elements});
    s.flow.reset(g_.elements);
    s.queue.clear();
    s.phase = 0;
  }
  s.into_component.clear();
  s.out_of_component.clear();
  std::size_t paths = 0;
  bool by_sink_side = false;
  for (Index sink_level; (sink_level = layer(starts, op, s, by_sink_side)) != kFar;) {
    const std::size_t pushed = blocking_flow(starts, op, sink_level, s);
    assert(pushed > 0);  // the search found a sink, so a layered path leads to it
    if (pushed == 0) break;
    paths += pushed;
  }
  CutAnswer answer{.reaches = paths > 0};
  std::vector<Index>& cut = answer.elements;
  if (paths > 0) {  // else no path at all: isolated, nothing to cut
    if (by_sink_side) {
      for (const Index node : s.back_queue)
        if (node == out_node(node / 2) && removed(node / 2) && s.node[node - 1].sink_side != s.phase) cut.push_back(node / 2);
    } else {
      for (const Index node : s.queue)
        if (node == in_node(node / 2) && removed(node / 2) && s.node[node + 1].level == kUnreached) cut.push_back(node / 2);
    }
  }
  std::sort(cut.begin(), cut.end());
  assert(cut.size() == paths || paths == 0);  // max-flow min-cut
  for (const Index node : s.queue) s.node[node].level = kUnreached, s.node[node].cursor = 0;
  s.queue.clear();
  for (const Index v : s.touched) s.flow[v] = {};
  s.touched.clear();
  s.answers.emplace(s.key, answer);
  return answer;
}

}  // namespace netvet::graph
