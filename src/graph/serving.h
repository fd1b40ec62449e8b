#pragma once
// Which sites serve each facility (spec: `served_by`; empty means every `cell` site
// within the serving radius of the facility).
//
// Choices where the spec is silent: distances are haversine (util/geo.h) and a site at
// exactly the radius serves; sites or facilities without valid coordinates are never
// within any radius (a facility without coordinates and without served_by is served by
// nobody, so it is isolated); a served_by list is used as written (any site kind),
// duplicates dropped. Lists come back ascending.
//
// Algorithm: the facilities as util/near_points.h's points, asked about by every cell
// site. O(F log F + S log F + facilities in the sites' latitude bands).

#include <span>

#include "model/inventory.h"

namespace netvet::graph {

// The serving sites of each of `facilities` (facility rows), a row each in that order.
ListColumn<Index> serving_sites(const Inventory& inventory, double radius_km, std::span<const Index> facilities);

}  // namespace netvet::graph
