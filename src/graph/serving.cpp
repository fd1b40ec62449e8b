#include "graph/serving.h"

#include <algorithm>

#include "model/coverage.h"

namespace netvet::graph {

ListColumn<Index> serving_sites(const Inventory& inv, double radius_km, std::span<const Index> facilities) {
  const ListColumn<Index> covering = covering_sites(inv, radius_km, facilities);
  ListColumn<Index> out;
  std::vector<Index> row;
  for (Index i = 0; i < facilities.size(); ++i) {
    const auto listed = inv.facilities.served_by[facilities[i]];
    if (listed.empty()) {
      out.push_row(covering[i]);  // ascending already
      continue;
    }
    row.assign(listed.begin(), listed.end());
    std::sort(row.begin(), row.end());
    row.erase(std::unique(row.begin(), row.end()), row.end());
    out.push_row(row);
  }
  return out;
}

}  // namespace netvet::graph
