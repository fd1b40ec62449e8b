#pragma once
// Which sites serve each facility (shared/spec/inventory.md: `served_by`; empty means
// every `cell` site whose `range_km` covers the facility or, for sites without a range,
// every `cell` site within the serving radius — model/coverage.h).
//
// Choices where the spec is silent: distances are haversine (util/geo.h) and a site at
// exactly its reach serves; sites or facilities without valid coordinates are never
// within any reach (a facility without coordinates and without served_by is served by
// nobody, so it is isolated); a served_by list is used as written (any site kind),
// duplicates dropped. Lists come back ascending.
//
// Algorithm: model/coverage.h — the facilities as util/near_points.h's points, asked
// about by every cell site with its own reach. O(F log F + S log F + facilities in the
// sites' own latitude bands).

#include <span>

#include "model/inventory.h"

namespace netvet::graph {

// The serving sites of each of `facilities` (facility rows), a row each in that order;
// `radius_km` serves for cell sites without a range_km.
ListColumn<Index> serving_sites(const Inventory& inventory, double radius_km, std::span<const Index> facilities);

}  // namespace netvet::graph
