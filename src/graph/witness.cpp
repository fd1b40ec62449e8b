// Witnesses of control-plane and influence exposure (graph/exposure.h), for messages that
// name the element behind a vendor instead of the vendor alone.
#include <algorithm>

#include "graph/exposure.h"
#include "graph/traffic_graph.h"

namespace netvet {

std::vector<ExposureWitness> exposure_witnesses(const Inventory& inv, const ExposureTable& table,
                                                std::span<const WitnessQuery> queries) {
  std::vector<ExposureWitness> out(queries.size());
  if (queries.empty()) return out;
  const graph::Csr managed_by = influence_graph(inv, /*reversed=*/true);
  const ListColumn<Index> control_plane = control_plane_by_operator(inv);
  const auto& vendor_of = inv.elements.vendor;
  // Per element: the search that last reached it (by an arc) and the target it leads to.
  std::vector<Index> seen(inv.elements.size(), kNoIndex), origin(inv.elements.size(), kNoIndex);
  std::vector<Index> targets, queue, ops;
  for (std::size_t q = 0; q < queries.size(); ++q) {
    const auto [row, vendor] = queries[q];
    ops.clear();
    for (const Index s : table.served_by[row]) ops.push_back(inv.sites.op[s]);
    std::sort(ops.begin(), ops.end());
    ops.erase(std::unique(ops.begin(), ops.end()), ops.end());
    targets.assign(table.unavoidable_elements[row].begin(), table.unavoidable_elements[row].end());
    for (const Index op : ops)
      for (const Index e : control_plane[op]) {
        targets.push_back(e);
        if (vendor_of[e] == vendor && (out[q].control_plane == kNoIndex || e < out[q].control_plane)) out[q].control_plane = e;
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
        if (vendor_of[m] == vendor) {
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
