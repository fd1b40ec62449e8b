#include "util/near_points.h"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "util/geo.h"

namespace netvet {

double NearPoints::lat_band(double reach_km) {
  return reach_km * 180.0 / (std::numbers::pi * kEarthRadiusKm) * 1.001 + 1e-9;
}

NearPoints::Band NearPoints::band_of(double lat, double reach_km) {
  constexpr double rad = std::numbers::pi / 180.0;
  const double band = lat_band(reach_km);
  const double cos_lat = std::cos(std::min(90.0, std::abs(lat) + band) * rad);
  const double half = cos_lat > 0 ? std::sin(band * rad / 2) / cos_lat : 2.0;
  return {band, half < 1 ? 2 * std::asin(half) / rad * 1.001 + 1e-9 : 360.0};
}

NearPoints::NearPoints(std::span<const Point> points, double reach_km)
    : reach_km_(reach_km), band_(lat_band(reach_km)) {
  constexpr double rad = std::numbers::pi / 180.0;
  points_.reserve(points.size());
  for (const Point& p : points) {
    if (!valid(p.lat, p.lon)) continue;
    // Within the band, haversine bounds the longitude difference by
    // sin(dlon/2) <= sin(band/2) / cos(|lat| + band); past a pole, no filter.
    const double cos_lat = std::cos(std::min(90.0, std::abs(p.lat) + band_) * rad);
    const double half = cos_lat > 0 ? std::sin(band_ * rad / 2) / cos_lat : 2.0;
    points_.push_back({p.lat, p.lon, half < 1 ? 2 * std::asin(half) / rad : 360.0, p.id});
  }
  std::sort(points_.begin(), points_.end(),
            [](const Located& a, const Located& b) { return a.lat < b.lat || (a.lat == b.lat && a.id < b.id); });
}

bool NearPoints::valid(double lat, double lon) { return valid_latitude(lat) && valid_longitude(lon); }

double NearPoints::distance(const Located& p, double lat, double lon) { return distance_km(p.lat, p.lon, lat, lon); }

std::vector<NearPoints::Located>::const_iterator NearPoints::first_at_or_above(double lat) const {
  return std::lower_bound(points_.begin(), points_.end(), lat, [](const Located& p, double l) { return p.lat < l; });
}

}  // namespace netvet
