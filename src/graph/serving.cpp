#include "graph/serving.h"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "util/geo.h"

namespace netvet::graph {

ListColumn<Index> serving_sites(const Inventory& inv, double radius_km) {
  const auto& sites = inv.sites;
  const auto& fac = inv.facilities;
  // Degrees of latitude per km on the sphere of util/geo.h, widened a little so that
  // rounding never drops a site the distance test would keep.
  const double band = radius_km * 180.0 / (std::numbers::pi * kEarthRadiusKm) * 1.001 + 1e-9;
  struct Located {
    double lat, lon, lon_band;
    Index facility;
  };
  std::vector<Located> by_latitude;  // facilities served by radius
  for (Index f = 0; f < fac.size(); ++f) {
    if (!fac.served_by[f].empty() || !valid_latitude(fac.lat[f]) || !valid_longitude(fac.lon[f]) || radius_km < 0)
      continue;
    // Within the band, haversine bounds the longitude difference by
    // sin(dlon/2) <= sin(band/2) / cos(|lat| + band); past a pole, no filter.
    constexpr double rad = std::numbers::pi / 180.0;
    const double cos_lat = std::cos(std::min(90.0, std::abs(fac.lat[f]) + band) * rad);
    const double half = cos_lat > 0 ? std::sin(band * rad / 2) / cos_lat : 2.0;
    by_latitude.push_back({fac.lat[f], fac.lon[f], half < 1 ? 2 * std::asin(half) / rad : 360.0, f});
  }
  std::sort(by_latitude.begin(), by_latitude.end(),
            [](const Located& a, const Located& b) { return a.lat < b.lat || (a.lat == b.lat && a.facility < b.facility); });

  std::vector<std::vector<Index>> found(fac.size());
  if (!by_latitude.empty())
    for (Index s = 0; s < sites.size(); ++s) {
      const double lat = sites.lat[s], lon = sites.lon[s];
      if (sites.kind[s] != SiteKind::cell || !valid_latitude(lat) || !valid_longitude(lon)) continue;
      auto it = std::lower_bound(by_latitude.begin(), by_latitude.end(), lat - band,
                                 [](const Located& f, double l) { return f.lat < l; });
      for (; it != by_latitude.end() && it->lat <= lat + band; ++it) {
        const double dlon = std::abs(it->lon - lon);
        if (std::min(dlon, 360.0 - dlon) > it->lon_band) continue;
        if (distance_km(it->lat, it->lon, lat, lon) <= radius_km) found[it->facility].push_back(s);
      }
    }

  ListColumn<Index> out;
  std::vector<Index> row;
  for (Index f = 0; f < fac.size(); ++f) {
    const auto listed = fac.served_by[f];
    row.assign(listed.begin(), listed.end());
    if (listed.empty()) row.swap(found[f]);  // ascending already: sites were scanned in order
    std::sort(row.begin(), row.end());
    row.erase(std::unique(row.begin(), row.end()), row.end());
    out.push_row(row);
  }
  return out;
}

}  // namespace netvet::graph
