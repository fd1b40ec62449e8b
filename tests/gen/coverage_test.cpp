// Generated networks cover the land as real ones do (gen/coverage.h): every cell site has
// a range by its setting, rural sites cover the profile's share of the land mask, and the
// country's facilities are served — by several operators where real networks overlap.

#include <gtest/gtest.h>

#include <cmath>
#include <set>

#include "gen/coverage.h"
#include "gen/generate.h"
#include "gen_test_util.h"
#include "model/coverage.h"
#include "util/near_points.h"

namespace netvet::gen {
namespace {

bool has_tag(const Inventory& inv, Index site, std::string_view tag) {
  for (const StrId t : inv.sites.tags[site])
    if (inv.str(t) == tag) return true;
  return false;
}

// The acceptance figure of issue 10: a 5,000-site GB network serves at least 95% of its
// facilities (no facility isolated for want of a serving cell site).
TEST(GeneratedCoverage, GbAtFiveThousandSitesServesAtLeast95PercentOfFacilities) {
  const Inventory& inv = testing::network("GB", 5000, 7);
  std::vector<Index> all(inv.facilities.size());
  for (Index f = 0; f < all.size(); ++f) all[f] = f;
  const ListColumn<Index> covering = covering_sites(inv, kDefaultServingRadiusKm, all);
  std::size_t served = 0, several_operators = 0;
  std::string unserved;
  for (Index f = 0; f < all.size(); ++f) {
    if (covering[f].empty()) {
      unserved.append(" ").append(inv.str(inv.facilities.id[f]));
      continue;
    }
    ++served;
    std::set<Index> operators;  // hosts and guests: the operators of the sites' RAN
    for (const Index s : covering[f]) operators.insert(inv.sites.op[s]);
    several_operators += operators.size() >= 2;
  }
  const double share = static_cast<double>(served) / static_cast<double>(all.size());
  RecordProperty("facilities_served", static_cast<int>(served));
  RecordProperty("facilities", static_cast<int>(all.size()));
  std::printf("GB 5,000 sites, seed 7: %zu of %zu facilities served (%.1f%%), %zu by two or more operators\n",
              served, all.size(), 100 * share, several_operators);
  EXPECT_GE(share, 0.95) << "not served:" << unserved;
  EXPECT_GE(several_operators, all.size() / 2) << "most facilities are covered by more than one operator";
}

TEST(GeneratedCoverage, EveryCellSiteHasARangeByItsSetting) {
  const Inventory& inv = testing::network("GB", 5000, 7);
  const auto facts = CoverageFacts::builtin();
  ASSERT_TRUE(facts);
  std::size_t rural = 0, cells = 0;
  for (Index s = 0; s < inv.sites.size(); ++s) {
    const double r = inv.sites.range_km[s];
    if (inv.sites.kind[s] != SiteKind::cell) {
      EXPECT_TRUE(std::isnan(r)) << "only cell sites have a range";
      continue;
    }
    ++cells;
    ASSERT_TRUE(std::isfinite(r)) << inv.str(inv.sites.id[s]);
    if (has_tag(inv, s, "rural")) {
      ++rural;
      EXPECT_GE(r, facts->rural.min_km);
      EXPECT_LE(r, facts->rural.max_km);
    } else {
      EXPECT_GE(r, facts->urban.min_km);
      EXPECT_LE(r, facts->suburban.max_km);
    }
    EXPECT_EQ(std::round(r * 10) / 10, r) << "ranges are written to 0.1 km";
  }
  EXPECT_GT(rural, cells / 5);
  EXPECT_LE(rural, static_cast<std::size_t>(facts->max_rural_share * static_cast<double>(cells)) + 1);
}

// The land cells the sites' ranges reach: at least the profile's land_coverage (GB 91%)
// less a little for cells near the grid's edges, and far less without the rural layer.
TEST(GeneratedCoverage, RuralSitesCoverTheProfilesShareOfTheLand) {
  const Inventory& inv = testing::network("GB", 5000, 7);
  const auto facts = CoverageFacts::builtin();
  const auto profile = builtin_profile("GB");
  ASSERT_TRUE(facts && profile);
  const std::vector<City> cities = {{"London", 51.5074, -0.1278, 1}};  // the order does not matter here
  const auto land = land_cells("GB", *facts, cities);
  ASSERT_TRUE(land);
  ASSERT_GT(land->size(), 1500U);
  std::vector<NearPoints::Point> centres;
  for (std::uint32_t i = 0; i < land->size(); ++i) centres.push_back({(*land)[i].lat, (*land)[i].lon, i});
  const NearPoints near(centres, facts->rural.max_km);
  std::vector<std::uint8_t> covered(land->size(), 0);
  for (Index s = 0; s < inv.sites.size(); ++s)
    if (inv.sites.kind[s] == SiteKind::cell)
      near.within(inv.sites.lat[s], inv.sites.lon[s], inv.sites.range_km[s], [&](std::uint32_t i, double) { covered[i] = 1; });
  std::size_t n = 0;
  for (const auto c : covered) n += c;
  const double share = static_cast<double>(n) / static_cast<double>(land->size());
  std::printf("GB 5,000 sites: %.1f%% of %zu land cells covered (profile: %.0f%%)\n", 100 * share, land->size(),
              100 * profile->topology.land_coverage);
  EXPECT_GE(share, profile->topology.land_coverage - 0.02);
}

// Large networks add layers: the same land covered by more operators.
TEST(GeneratedCoverage, LargerNetworksCoverTheLandWithMoreOperators) {
  const Inventory& inv = testing::network("GB", 20000, 7);
  std::vector<Index> all(inv.facilities.size());
  for (Index f = 0; f < all.size(); ++f) all[f] = f;
  const ListColumn<Index> covering = covering_sites(inv, kDefaultServingRadiusKm, all);
  std::size_t all_four = 0;
  for (Index f = 0; f < all.size(); ++f) {
    std::set<Index> operators;
    for (const Index s : covering[f]) operators.insert(inv.sites.op[s]);
    EXPECT_FALSE(operators.empty()) << inv.str(inv.facilities.id[f]);
    all_four += operators.size() >= 4;
  }
  EXPECT_GE(all_four, all.size() / 2);
}

}  // namespace
}  // namespace netvet::gen
