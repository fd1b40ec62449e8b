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
// Algorithm: facilities sorted by latitude; each cell site finds the facilities within
// the latitude band of the radius (binary search), filters them by a longitude band and
// measures the distance to each one left. A network has far fewer facilities than cell
// sites, so sorting the facilities rather than the sites saves most of the work.
// O(F log F + S log F + facilities in the sites' bands).

#include "model/inventory.h"

namespace netvet::graph {

ListColumn<Index> serving_sites(const Inventory& inventory, double radius_km);

}  // namespace netvet::graph
