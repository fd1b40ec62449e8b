#pragma once
// Coverage, internal to gen: how far a generated cell site reaches (its range_km, by
// setting: urban, suburban, rural — data/gen/coverage.yaml) and where rural sites go so
// that the land is covered as real networks cover it (data/land/CC.yaml, an approximate
// land mask per profile, and the profile's `land_coverage`).
//
// Rural sites cover a grid of ~12 km land cells, nearest cities first, up to the
// profile's share of the land: the first site in a cell stands near its centre with a
// range that reaches its corners; more rural sites (large networks have more) spread
// over the same cells, each operator in turn, so that big networks cover the land
// several times over, by several operators.

#include <cstdint>
#include <string_view>
#include <vector>

#include "gen/cities.h"
#include "util/diagnostic.h"

namespace netvet::gen {

struct RangeBand {
  double min_km = 0, max_km = 0;
};

struct CoverageFacts {
  RangeBand urban{1, 2}, suburban{3, 4}, rural{5, 10};
  double max_rural_share = 0.6;

  static Result<CoverageFacts> from_yaml(std::string_view text, std::string_view file);
  static Result<CoverageFacts> builtin();  // data/gen/coverage.yaml
};

// A grid cell holding land: its centre, half its height and width in km, its nearest
// city (index into the cities) and how far that is.
struct LandCell {
  double lat = 0, lon = 0;
  double half_h_km = 0, half_w_km = 0;
  std::uint32_t city = 0;
  double city_km = 0;
};

// The land cells of `country` (data/land/CC.yaml), mask cells split until a site near a
// cell's centre reaches its corners within the rural band (GB: the mask's own ~12 km
// cells; the 24 km masks of large countries: 2 x 2), sorted
// nearest city first (ties in grid order). No mask for the country: no cells. Problems
// of the mask file name it.
Result<std::vector<LandCell>> land_cells(std::string_view country, const CoverageFacts& facts,
                                         const std::vector<City>& cities);

}  // namespace netvet::gen
