#include "model/coverage.h"

#include <algorithm>
#include <cmath>

#include "util/near_points.h"

namespace netvet {

double coverage_km(const SiteTable& sites, Index site, double serving_radius_km) {
  if (sites.kind[site] != SiteKind::cell) return -1;
  const double range = sites.range_km[site];
  if (!std::isnan(range)) return range;
  return serving_radius_km >= 0 ? serving_radius_km : -1;
}

ListColumn<Index> covering_sites(const Inventory& inv, double serving_radius_km, std::span<const Index> facilities) {
  const auto& sites = inv.sites;
  const auto& fac = inv.facilities;
  std::vector<NearPoints::Point> unlisted;  // (rank among `facilities`)
  for (Index i = 0; i < facilities.size(); ++i)
    if (const Index f = facilities[i]; fac.served_by[f].empty()) unlisted.push_back({fac.lat[f], fac.lon[f], i});

  double reach = -1;
  for (Index s = 0; s < sites.size(); ++s) reach = std::max(reach, coverage_km(sites, s, serving_radius_km));
  std::vector<std::vector<Index>> found(facilities.size());
  if (!unlisted.empty() && reach >= 0) {
    const NearPoints near(unlisted, reach);
    for (Index s = 0; s < sites.size(); ++s)
      if (const double km = coverage_km(sites, s, serving_radius_km); km >= 0)
        near.within(sites.lat[s], sites.lon[s], km, [&](std::uint32_t i, double) { found[i].push_back(s); });
  }
  ListColumn<Index> out;
  for (const auto& row : found) out.push_row(row);  // ascending: sites were asked in order
  return out;
}

}  // namespace netvet
