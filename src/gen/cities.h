#pragma once
// The real cities a generated network is placed around (data/cities.csv:
// `country,city,lat,lon,population`, public approximate figures). Internal to gen.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "util/diagnostic.h"

namespace netvet::gen {

struct City {
  std::string name;
  double lat = 0, lon = 0;
  std::int64_t population = 0;
};

// The cities of `country` in `csv`, most populous first (ties by name, so the order is
// stable). Problems name `file` and the line.
Result<std::vector<City>> load_cities(std::string_view csv, std::string_view file, std::string_view country);

// Squared distance in degrees of latitude, with longitude shrunk by cos(latitude): cheap,
// monotone in the true distance over a country, for "nearest" questions only.
inline double flat_distance2(double lat1, double lon1, double lat2, double lon2, double cos_lat) {
  const double dlat = lat1 - lat2, dlon = (lon1 - lon2) * cos_lat;
  return dlat * dlat + dlon * dlon;
}

}  // namespace netvet::gen
