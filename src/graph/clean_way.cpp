// cleanest_way(): a 0-1 breadth-first search (clean_way.h).

#include "graph/clean_way.h"

#include <algorithm>
#include <deque>
#include <limits>

namespace netvet::graph {

std::optional<std::vector<Index>> cleanest_way(const TrafficGraph& g, std::span<const Index> sources, Index op,
                                               std::span<const std::uint8_t> dirty, std::vector<Index>* path) {
  constexpr std::uint32_t kFar = std::numeric_limits<std::uint32_t>::max();
  const Index target = g.super_sink(op);
  const std::size_t nodes = g.transport.nodes();
  std::vector<std::uint32_t> distance(nodes, kFar);
  std::vector<Index> parent(nodes, kNoIndex);
  std::deque<Index> queue;
  for (const Index s : sources) {
    const std::uint32_t d = dirty[s] ? 1 : 0;
    if (d >= distance[s]) continue;
    distance[s] = d;
    if (d == 0) queue.push_front(s);
    else queue.push_back(s);
  }
  std::vector<std::uint8_t> done(nodes, 0);
  while (!queue.empty()) {
    const Index v = queue.front();
    queue.pop_front();
    if (done[v]) continue;
    done[v] = 1;
    if (v == target) break;
    for (const Index w : g.transport[v]) {
      if (w >= g.elements && w != target) continue;  // another operator's core
      const std::uint32_t step = w < g.elements && dirty[w] ? 1 : 0;
      if (distance[v] + step >= distance[w]) continue;
      distance[w] = distance[v] + step;
      parent[w] = v;
      if (step == 0) queue.push_front(w);
      else queue.push_back(w);
    }
  }
  if (distance[target] == kFar) return std::nullopt;
  std::vector<Index> out;
  if (path) path->clear();
  for (Index v = parent[target]; v != kNoIndex; v = parent[v]) {
    if (dirty[v]) out.push_back(v);
    if (path) path->push_back(v);
  }
  std::ranges::sort(out);
  return out;
}

}  // namespace netvet::graph
