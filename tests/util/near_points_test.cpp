#include "util/near_points.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>
#include <utility>
#include <vector>

#include "util/geo.h"

namespace netvet {
namespace {

using Hit = std::pair<std::uint32_t, double>;

std::vector<Hit> found_by_index(const NearPoints& near, double lat, double lon) {
  std::vector<Hit> hits;
  near.within(lat, lon, [&](std::uint32_t id, double km) { hits.emplace_back(id, km); });
  std::ranges::sort(hits);
  return hits;
}

// The reference: every point measured, no bands.
std::vector<Hit> found_by_scan(const std::vector<NearPoints::Point>& points, double reach_km, double lat, double lon) {
  std::vector<Hit> hits;
  if (!valid_latitude(lat) || !valid_longitude(lon)) return hits;
  for (const auto& p : points)
    if (valid_latitude(p.lat) && valid_longitude(p.lon))
      if (const double km = distance_km(p.lat, p.lon, lat, lon); km <= reach_km) hits.emplace_back(p.id, km);
  std::ranges::sort(hits);
  return hits;
}

// Points in three clusters where bands are hardest to get right (near a pole, across the
// antimeridian, at the equator), asked about from points scattered around them.
TEST(NearPoints, FindsWhatAScanOfEveryPointFinds) {
  std::mt19937 rng(7);
  const std::vector<std::pair<double, double>> centres = {{89.5, 10}, {-12, 179.9}, {0, 0}};
  std::normal_distribution<double> spread(0, 0.8);
  const auto around = [&](std::pair<double, double> c) {
    const double lat = std::clamp(c.first + spread(rng), -90.0, 90.0);
    double lon = c.second + spread(rng) * 3;
    if (lon > 180) lon -= 360;
    if (lon < -180) lon += 360;
    return std::pair(lat, lon);
  };
  std::vector<NearPoints::Point> points;
  for (std::uint32_t id = 0; id < 300; ++id) {
    const auto [lat, lon] = around(centres[id % centres.size()]);
    points.push_back({lat, lon, id});
  }
  points.push_back({std::numeric_limits<double>::quiet_NaN(), 0, 300});  // never found
  std::size_t hits = 0;
  for (const double reach : {0.0, 5.0, 40.0, 250.0}) {
    const NearPoints near(points, reach);
    for (int q = 0; q < 600; ++q) {
      const auto [lat, lon] = around(centres[static_cast<std::size_t>(q) % centres.size()]);
      const auto expected = found_by_scan(points, reach, lat, lon);
      ASSERT_EQ(found_by_index(near, lat, lon), expected) << "reach " << reach << " at " << lat << "," << lon;
      hits += expected.size();
    }
    // A point asked about from where it is finds itself, at distance zero, even at reach 0.
    const auto at_four = found_by_index(near, points[4].lat, points[4].lon);
    EXPECT_NE(std::ranges::find(at_four, Hit(4, 0.0)), at_four.end());
  }
  EXPECT_GT(hits, 1000U);  // the comparison saw real answers, not only empty ones
}

// Questions with a reach of their own (a cell site's range_km), from 0 to past the index's.
TEST(NearPoints, AQuestionsOwnReachFindsWhatAScanFinds) {
  std::mt19937 rng(11);
  const std::vector<std::pair<double, double>> centres = {{89.7, -30}, {65, -179.95}, {-0.01, 0.02}, {54, -2}};
  std::normal_distribution<double> spread(0, 0.3);
  std::uniform_real_distribution<double> unit(0, 1);
  const auto around = [&](std::pair<double, double> c) {
    const double lat = std::clamp(c.first + spread(rng), -90.0, 90.0);
    double lon = c.second + spread(rng) * 4;
    if (lon > 180) lon -= 360;
    if (lon < -180) lon += 360;
    return std::pair(lat, lon);
  };
  std::vector<NearPoints::Point> points;
  for (std::uint32_t id = 0; id < 400; ++id) {
    const auto [lat, lon] = around(centres[id % centres.size()]);
    points.push_back({lat, lon, id});
  }
  const double index_reach = 30;
  const NearPoints near(points, index_reach);
  std::size_t hits = 0;
  for (int q = 0; q < 4000; ++q) {
    const auto [lat, lon] = around(centres[static_cast<std::size_t>(q) % centres.size()]);
    // Mostly within the index's reach, sometimes 0 or beyond it (cut to it).
    const double u = unit(rng);
    const double reach = q % 50 == 0 ? 0.0 : q % 50 == 1 ? 80.0 : u * u * index_reach;
    std::vector<Hit> found;
    near.within(lat, lon, reach, [&](std::uint32_t id, double km) { found.emplace_back(id, km); });
    std::ranges::sort(found);
    const auto expected = found_by_scan(points, std::min(reach, index_reach), lat, lon);
    ASSERT_EQ(found, expected) << "reach " << reach << " at " << lat << "," << lon;
    hits += expected.size();
  }
  EXPECT_GT(hits, 2000U);
  std::vector<Hit> none;
  near.within(51.0, 0.0, -1.0, [&](std::uint32_t id, double km) { none.emplace_back(id, km); });
  EXPECT_TRUE(none.empty()) << "a negative reach finds nothing";
}

TEST(NearPoints, AQuestionWithoutCoordinatesFindsNothing) {
  const std::vector<NearPoints::Point> points = {{51.5, -0.1, 0}};
  const NearPoints near(points, 10);
  EXPECT_TRUE(found_by_index(near, std::numeric_limits<double>::quiet_NaN(), -0.1).empty());
  EXPECT_EQ(found_by_index(near, 51.5, -0.1).size(), 1U);
}

}  // namespace
}  // namespace netvet
