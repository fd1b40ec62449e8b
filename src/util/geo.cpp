#include "util/geo.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace netvet {

double distance_km(double lat1, double lon1, double lat2, double lon2) {
  constexpr double rad = std::numbers::pi / 180.0;
  const double dlat = (lat2 - lat1) * rad, dlon = (lon2 - lon1) * rad;
  const double h = std::sin(dlat / 2) * std::sin(dlat / 2) +
                   std::cos(lat1 * rad) * std::cos(lat2 * rad) * std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2 * kEarthRadiusKm * std::asin(std::min(1.0, std::sqrt(h)));
}

bool valid_latitude(double lat) { return std::isfinite(lat) && lat >= -90.0 && lat <= 90.0; }
bool valid_longitude(double lon) { return std::isfinite(lon) && lon >= -180.0 && lon <= 180.0; }

}  // namespace netvet
