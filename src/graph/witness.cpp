// Witnesses of control-plane and influence exposure (graph/exposure.h), for messages that
// name the element behind a vendor instead of the vendor alone.
#include <algorithm>

#include "graph/exposure.h"
#include "graph/traffic_graph.h"

namespace netvet {
namespace {

// The influence graph reversed: for each element, the elements that manage or host it.
graph::Csr reversed(const graph::Csr& influence) {
  std::vector<graph::Arc> arcs;
  arcs.reserve(influence.arcs());
  for (Index a = 0; a < influence.nodes(); ++a)
    for (const Index b : influence[a]) arcs.emplace_back(b, a);
  return graph::csr_from_arcs(influence.nodes(), arcs, false);
}

}  // namespace

std::vector<ExposureWitness> exposure_witnesses(const Inventory& inv, const ExposureTable& table,
                                                std::span<const WitnessQuery> queries) {
  std::vector<ExposureWitness> out(queries.size());
  if (queries.empty()) return out;
  const TrafficGraph g = build_traffic_graph(inv);
  const graph::Csr managed_by = reversed(g.influence);
  // Per element: the search that last reached it (by an arc) and the target it leads to.
  std::vector<Index> seen(g.elements, kNoIndex), origin(g.elements, kNoIndex);
  std::vector<Index> targets, queue, ops;
  for (std::size_t q = 0; q < queries.size(); ++q) {
    const auto [row, vendor] = queries[q];
    ops.clear();
    for (const Index s : table.served_by[row]) ops.push_back(inv.sites.op[s]);
    std::sort(ops.begin(), ops.end());
    ops.erase(std::unique(ops.begin(), ops.end()), ops.end());
    targets.assign(table.unavoidable_elements[row].begin(), table.unavoidable_elements[row].end());
    for (const Index op : ops)
      for (const Index e : g.control_plane_of_operator[op]) {
        targets.push_back(e);
        if (g.vendor[e] == vendor && (out[q].control_plane == kNoIndex || e < out[q].control_plane)) out[q].control_plane = e;
      }
    std::sort(targets.begin(), targets.end());
    targets.erase(std::unique(targets.begin(), targets.end()), targets.end());
    // Breadth-first backwards from every target at once; the targets are not marked, so
    // an element on a loop (which influences itself) is found when the loop comes back.
    queue.clear();
    for (const Index t : targets) {
      origin[t] = t;
      queue.push_back(t);
    }
    const auto tag = static_cast<Index>(q);
    for (std::size_t head = 0; head < queue.size() && out[q].influencer == kNoIndex; ++head) {
      const Index v = queue[head];
      const Index from = head < targets.size() ? v : origin[v];
      // Managers in row order, so that ties in distance go to the lowest row.
      for (const Index m : managed_by[v]) {
        if (seen[m] == tag) continue;
        seen[m] = tag;
        origin[m] = from;
        if (g.vendor[m] == vendor) {
          out[q].influencer = m;
          out[q].influenced = from;
          break;
        }
        queue.push_back(m);
      }
    }
  }
  return out;
}

}  // namespace netvet
