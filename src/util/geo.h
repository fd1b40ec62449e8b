#pragma once
// Great-circle distances on the WGS84 mean sphere, for proximity rules and for placing
// generated sites around cities.

namespace netvet {

inline constexpr double kEarthRadiusKm = 6371.0088;  // IUGG mean radius

// Haversine distance in kilometres between two WGS84 points given in degrees.
double distance_km(double lat1, double lon1, double lat2, double lon2);

bool valid_latitude(double lat);
bool valid_longitude(double lon);

}  // namespace netvet
