// Serving sites with per-site ranges (graph/serving.h, model/coverage.h) against a scan
// of every site: served_by as written, else every cell site whose range_km (or, without
// one, the serving radius) reaches the facility.

#include "graph/serving.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>
#include <string>

#include "model/builder.h"
#include "util/geo.h"

namespace netvet::graph {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::vector<Index> by_scan(const Inventory& inv, Index f, double radius_km) {
  const auto& fac = inv.facilities;
  std::vector<Index> out;
  if (!fac.served_by[f].empty()) {
    out.assign(fac.served_by[f].begin(), fac.served_by[f].end());
    std::ranges::sort(out);
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
  }
  if (!valid_latitude(fac.lat[f]) || !valid_longitude(fac.lon[f])) return out;
  for (Index s = 0; s < inv.sites.size(); ++s) {
    if (inv.sites.kind[s] != SiteKind::cell) continue;
    if (!valid_latitude(inv.sites.lat[s]) || !valid_longitude(inv.sites.lon[s])) continue;
    const double range = inv.sites.range_km[s];
    const double reach = std::isnan(range) ? radius_km : range;
    if (reach < 0) continue;
    if (distance_km(fac.lat[f], fac.lon[f], inv.sites.lat[s], inv.sites.lon[s]) <= reach) out.push_back(s);
  }
  return out;
}

// A country-sized patch (and a patch straddling the antimeridian) of cell sites with
// urban, suburban and rural ranges, some without a range or coordinates, some hubs;
// facilities among them, a few with served_by lists.
Inventory random_network(std::uint32_t seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> unit(0, 1);
  InventoryBuilder b;
  const Index op = *b.add_operator({.id = "op"});
  const bool antimeridian = seed % 4 == 3;
  auto place = [&](double& lat, double& lon) {
    lat = 50 + unit(rng) * 2;
    lon = antimeridian ? 179.5 + unit(rng) : -3 + unit(rng) * 3;
    if (lon > 180) lon -= 360;
  };
  const int n_sites = 300 + static_cast<int>(seed % 5) * 100;
  for (int s = 0; s < n_sites; ++s) {
    double lat = 0, lon = 0;
    place(lat, lon);
    if (s % 37 == 0) lat = lon = kNaN;
    const double u = unit(rng);
    const double range = u < 0.15 ? kNaN : u < 0.5 ? 1 + unit(rng) : u < 0.75 ? 3 + unit(rng)
                       : u < 0.98 ? 5 + 5 * unit(rng) : 0.0;
    const std::string id = fmt::format("S{}", s);
    b.add_site({.id = id, .op = op, .kind = s % 11 == 0 ? SiteKind::hub : SiteKind::cell, .lat = lat, .lon = lon,
                .range_km = range});
  }
  for (int f = 0; f < 60; ++f) {
    double lat = 0, lon = 0;
    place(lat, lon);
    std::vector<Index> listed;
    if (f % 10 == 0) listed = {static_cast<Index>(f + 5), static_cast<Index>(f), static_cast<Index>(f + 5)};
    const std::string id = fmt::format("F{}", f);
    b.add_facility({.id = id, .kind = FacilityKind::military, .lat = lat, .lon = lon, .served_by = listed});
  }
  return std::move(b).finish();
}

TEST(ServingSites, RangesAndTheRadiusMatchAScanOfEverySite) {
  std::size_t served = 0, by_range_only = 0;
  for (std::uint32_t seed = 1; seed <= 40; ++seed) {
    const Inventory inv = random_network(seed);
    std::vector<Index> facilities(inv.facilities.size());
    for (Index f = 0; f < facilities.size(); ++f) facilities[f] = f;
    if (seed % 2) std::ranges::reverse(facilities);  // rows come back in the order asked
    for (const double radius : {2.0, 0.0, -1.0, 12.0}) {
      const ListColumn<Index> got = serving_sites(inv, radius, facilities);
      ASSERT_EQ(got.rows(), facilities.size());
      for (Index i = 0; i < facilities.size(); ++i) {
        const auto expected = by_scan(inv, facilities[i], radius);
        const auto row = got[i];
        ASSERT_EQ(std::vector<Index>(row.begin(), row.end()), expected)
            << "seed " << seed << " radius " << radius << " facility " << facilities[i];
        served += !expected.empty();
        if (radius < 0) by_range_only += !expected.empty();
      }
    }
  }
  EXPECT_GT(served, 2000U);  // real answers, not only empty ones
  EXPECT_GT(by_range_only, 300U) << "sites with a range serve without any radius";
}

// A facility 7 km from a rural site with range 10 and 1.5 km from an urban site with
// range 1: the rural one serves it, the urban one does not, whatever the radius.
TEST(ServingSites, ASitesOwnRangeOverridesTheRadius) {
  InventoryBuilder b;
  const Index op = *b.add_operator({.id = "op"});
  b.add_site({.id = "RURAL", .op = op, .lat = 52.0, .lon = 0.0, .range_km = 10});
  b.add_site({.id = "URBAN", .op = op, .lat = 52.063, .lon = 0.0, .range_km = 1});
  b.add_site({.id = "PLAIN", .op = op, .lat = 52.063, .lon = 0.052});  // ~2.05 km: the radius decides
  b.add_facility({.id = "F", .kind = FacilityKind::nuclear, .lat = 52.063, .lon = 0.022});
  const Inventory inv = std::move(b).finish();
  const std::vector<Index> f = {0};
  const auto at2 = serving_sites(inv, 2.0, f);
  EXPECT_EQ(std::vector<Index>(at2[0].begin(), at2[0].end()), (std::vector<Index>{0}));
  const auto at3 = serving_sites(inv, 3.0, f);
  EXPECT_EQ(std::vector<Index>(at3[0].begin(), at3[0].end()), (std::vector<Index>{0, 2}));
}

}  // namespace
}  // namespace netvet::graph
