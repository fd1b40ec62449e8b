#pragma once
// "Which of these points lie within r km of here?", asked once per site of a network:
// the points are sorted by latitude, so a question looks only at the band of latitudes
// that can be within r, drops what is outside a band of longitudes, and measures the
// haversine distance (util/geo.h) of what is left.
//
// Meant for few points and many questions — the facilities as the points, the sites as
// the questions: sorting the facilities rather than a million sites saves most of the
// work. Building is O(P log P); a question O(log P + the points in its latitude band).
//
// A question may ask about a reach of its own (a cell site's range_km), up to the reach
// the index was built for: its latitude band is then its own, and its longitude band is
// bounded from its own latitude — for haversine distance d <= r between latitudes both
// within |lat| + band, sin(dlon/2) <= sin(r/2) / cos(|lat| + band).

#include <cstdint>
#include <span>
#include <vector>

namespace netvet {

class NearPoints {
 public:
  struct Point {
    double lat = 0, lon = 0;
    std::uint32_t id = 0;
  };

  // Points without valid coordinates are left out; `reach_km` (0 or more) is the
  // farthest any question will ask about.
  NearPoints(std::span<const Point> points, double reach_km);

  // Calls found(id, km) for every point within `reach_km` of (lat, lon), the distance
  // included, in no particular order. A question without valid coordinates finds nothing.
  template <typename Found>
  void within(double lat, double lon, Found&& found) const {
    if (!valid(lat, lon)) return;
    for (auto it = first_at_or_above(lat - band_); it != points_.end() && it->lat <= lat + band_; ++it) {
      const double dlon = lon > it->lon ? lon - it->lon : it->lon - lon;
      if ((dlon < 360.0 - dlon ? dlon : 360.0 - dlon) > it->lon_band) continue;
      if (const double km = distance(*it, lat, lon); km <= reach_km_) found(it->id, km);
    }
  }

  // The same for a question's own reach, `reach_km` <= the index's (more is cut to it).
  template <typename Found>
  void within(double lat, double lon, double reach_km, Found&& found) const {
    if (!valid(lat, lon) || !(reach_km >= 0)) return;
    if (reach_km >= reach_km_) return within(lat, lon, found);
    const Band b = band_of(lat, reach_km);
    for (auto it = first_at_or_above(lat - b.lat); it != points_.end() && it->lat <= lat + b.lat; ++it) {
      const double dlon = lon > it->lon ? lon - it->lon : it->lon - lon;
      if ((dlon < 360.0 - dlon ? dlon : 360.0 - dlon) > b.lon) continue;
      if (const double km = distance(*it, lat, lon); km <= reach_km) found(it->id, km);
    }
  }

  bool empty() const { return points_.empty(); }
  double reach_km() const { return reach_km_; }

 private:
  struct Located {
    double lat, lon, lon_band;  // lon_band: degrees of longitude any point within reach lies within
    std::uint32_t id;
  };
  struct Band {
    double lat, lon;  // degrees either side of a question
  };
  static Band band_of(double lat, double reach_km);
  static double lat_band(double reach_km);
  static bool valid(double lat, double lon);
  static double distance(const Located& p, double lat, double lon);
  std::vector<Located>::const_iterator first_at_or_above(double lat) const;

  double reach_km_ = 0;
  double band_ = 0;  // degrees of latitude, widened a little so rounding never drops a point
  std::vector<Located> points_;  // by latitude, then id
};

}  // namespace netvet
