#include "graph/serving.h"

#include <algorithm>

#include "util/near_points.h"

namespace netvet::graph {

ListColumn<Index> serving_sites(const Inventory& inv, double radius_km, std::span<const Index> facilities) {
  const auto& sites = inv.sites;
  const auto& fac = inv.facilities;
  std::vector<NearPoints::Point> by_radius;  // (rank among `facilities`)
  for (Index i = 0; i < facilities.size(); ++i)
    if (const Index f = facilities[i]; fac.served_by[f].empty()) by_radius.push_back({fac.lat[f], fac.lon[f], i});
  const NearPoints near(by_radius, radius_km);

  std::vector<std::vector<Index>> found(facilities.size());
  if (!near.empty() && radius_km >= 0)
    for (Index s = 0; s < sites.size(); ++s)
      if (sites.kind[s] == SiteKind::cell)
        near.within(sites.lat[s], sites.lon[s], [&](std::uint32_t i, double) { found[i].push_back(s); });

  ListColumn<Index> out;
  std::vector<Index> row;
  for (Index i = 0; i < facilities.size(); ++i) {
    const auto listed = fac.served_by[facilities[i]];
    row.assign(listed.begin(), listed.end());
    if (listed.empty()) row.swap(found[i]);  // ascending already: sites were scanned in order
    std::sort(row.begin(), row.end());
    row.erase(std::unique(row.begin(), row.end()), row.end());
    out.push_row(row);
  }
  return out;
}

}  // namespace netvet::graph
