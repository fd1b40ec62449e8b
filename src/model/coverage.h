#pragma once
// Which cell sites cover a place (shared/spec/inventory.md, `range_km` and `served_by`):
// a `cell` site covers the places within its own `range_km` or, when it has none, within
// the serving radius (`--serving-radius`, 2 km by default). A facility without
// `served_by` is served by the cell sites that cover it (graph/serving.h); validate warns
// about facilities nothing covers.
//
// Choices where the spec is silent: distances are haversine (util/geo.h) and a place at
// exactly the reach is covered; a range of 0 covers only the site's own spot; sites or
// places without valid coordinates cover and are covered by nothing; a range on a site
// that is not a `cell` site is kept but covers nothing; a negative serving radius means
// sites without a range cover nothing.
//
// Algorithm: the places as util/near_points.h's points, built for the largest reach of
// any cell site, asked about by every cell site with its own reach. O(F log F + S log F +
// the places in each site's own latitude band): a 1 km urban site looks at a band a
// tenth as wide as a 10 km rural one.

#include <span>

#include "model/inventory.h"

namespace netvet {

inline constexpr double kDefaultServingRadiusKm = 2.0;

// How far site `site` covers: its range_km, else the serving radius; negative when it
// covers nothing (not a cell site, or no range and a negative radius).
double coverage_km(const SiteTable& sites, Index site, double serving_radius_km);

// For each of `facilities` (facility rows) that lists no served_by, the cell sites that
// cover it, ascending; an empty row for those that list some. A row each, in that order.
ListColumn<Index> covering_sites(const Inventory& inventory, double serving_radius_km,
                                 std::span<const Index> facilities);

}  // namespace netvet
