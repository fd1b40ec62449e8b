#include "graph/serving.h"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "util/geo.h"

namespace netvet::graph {

ListColumn<Index> serving_sites(const Inventory& inv, double radius_km) {
  const auto& sites = inv.sites;
  const auto& fac = inv.facilities;
  struct Located {
    double lat, lon;
    Index site;
    bool operator<(const Located& o) const { return lat < o.lat || (lat == o.lat && site < o.site); }
  };
  std::vector<Located> by_latitude;  // cell sites with coordinates
  for (Index s = 0; s < sites.size(); ++s)
    if (sites.kind[s] == SiteKind::cell && valid_latitude(sites.lat[s]) && valid_longitude(sites.lon[s]))
      by_latitude.push_back({sites.lat[s], sites.lon[s], s});
  std::sort(by_latitude.begin(), by_latitude.end());

  // Degrees of latitude per km on the sphere of util/geo.h, widened a little so that
  // rounding never drops a site the distance test would keep.
  const double band = radius_km * 180.0 / (std::numbers::pi * kEarthRadiusKm) * 1.001 + 1e-9;
  ListColumn<Index> out;
  std::vector<Index> row;
  for (Index f = 0; f < fac.size(); ++f) {
    row.clear();
    const auto listed = fac.served_by[f];
    if (!listed.empty()) {
      row.assign(listed.begin(), listed.end());
    } else if (valid_latitude(fac.lat[f]) && valid_longitude(fac.lon[f]) && radius_km >= 0) {
      const double lat = fac.lat[f], lon = fac.lon[f];
      // Within the band, haversine bounds the longitude difference by
      // sin(dlon/2) <= sin(band/2) / cos(|lat| + band); past a pole, no filter.
      constexpr double rad = std::numbers::pi / 180.0;
      const double cos_lat = std::cos(std::min(90.0, std::abs(lat) + band) * rad);
      const double half = cos_lat > 0 ? std::sin(band * rad / 2) / cos_lat : 2.0;
      const double lon_band = half < 1 ? 2 * std::asin(half) / rad : 360.0;
      auto it = std::lower_bound(by_latitude.begin(), by_latitude.end(), Located{lat - band, 0, 0});
      for (; it != by_latitude.end() && it->lat <= lat + band; ++it) {
        const double dlon = std::abs(it->lon - lon);
        if (std::min(dlon, 360.0 - dlon) > lon_band) continue;
        if (distance_km(lat, lon, it->lat, it->lon) <= radius_km) row.push_back(it->site);
      }
    }
    std::sort(row.begin(), row.end());
    row.erase(std::unique(row.begin(), row.end()), row.end());
    out.push_row(row);
  }
  return out;
}

}  // namespace netvet::graph
