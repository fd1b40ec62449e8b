// The unavoidable elements of exposure subjects in path order (graph/exposure.h), for
// reports that draw the chain from a facility's cells to the core.
#include <algorithm>
#include <limits>

#include "graph/exposure.h"
#include "graph/traffic_graph.h"

namespace netvet {
namespace {

constexpr std::uint32_t kFar = std::numeric_limits<std::uint32_t>::max();

// Hops over transport links from every element to the nearest sink of `op` (a sink is
// 0); kFar where none is reached. One breadth-first search from the super-sink.
std::vector<std::uint32_t> hops_to_core(const TrafficGraph& g, Index op) {
  std::vector<std::uint32_t> hops(g.elements, kFar);
  std::vector<Index> queue;
  for (const Index s : g.sinks_of_operator[op]) {
    hops[s] = 0;
    queue.push_back(s);
  }
  for (std::size_t head = 0; head < queue.size(); ++head) {
    const Index v = queue[head];
    for (const Index w : g.transport[v]) {
      if (w >= g.elements || hops[w] != kFar) continue;  // super-sinks are not traffic nodes
      hops[w] = hops[v] + 1;
      queue.push_back(w);
    }
  }
  return hops;
}

}  // namespace

ListColumn<Index> unavoidable_in_path_order(const Inventory& inv, const ExposureTable& table) {
  ListColumn<Index> out;
  if (table.size() == 0) return out;  // no graph to build for no row
  const TrafficGraph g = build_traffic_graph(inv);
  std::vector<std::vector<std::uint32_t>> hops(g.operators);  // computed for the operators that serve
  std::vector<Index> ops;
  std::vector<std::pair<std::uint32_t, Index>> keyed;
  for (Index r = 0; r < table.size(); ++r) {
    ops.clear();
    for (const Index s : table.served_by[r]) ops.push_back(inv.sites.op[s]);
    std::sort(ops.begin(), ops.end());
    ops.erase(std::unique(ops.begin(), ops.end()), ops.end());
    for (const Index op : ops)
      if (hops[op].empty()) hops[op] = hops_to_core(g, op);
    keyed.clear();
    for (const Index e : table.unavoidable_elements[r]) {
      std::uint32_t h = kFar;
      for (const Index op : ops) h = std::min(h, hops[op][e]);
      keyed.emplace_back(h, e);
    }
    // Farthest from the core first; kFar (not expected on a path) sorts first too.
    std::sort(keyed.begin(), keyed.end(), [](const auto& a, const auto& b) {
      return a.first != b.first ? a.first > b.first : a.second < b.second;
    });
    std::vector<Index> row;
    row.reserve(keyed.size());
    for (const auto& [h, e] : keyed) row.push_back(e);
    out.push_row(row);
  }
  return out;
}

}  // namespace netvet
