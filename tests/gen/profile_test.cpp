// The built-in country profiles load and say something sensible; a broken profile is
// reported at its file, line and column.

#include <gtest/gtest.h>

#include <cmath>
#include <set>

#include "data/embedded.h"
#include "gen/cities.h"
#include "gen/coverage.h"
#include "gen/generate.h"

namespace netvet::gen {
namespace {

// The canonical vendor ids the registry (data/vendors.yaml) is being completed with.
// Once it is, VendorRegistry::builtin().find(id) should hold for all of these.
const std::set<std::string> kKnownVendors = {
    "huawei", "zte", "ericsson", "nokia", "samsung", "cisco", "juniper", "ciena", "fujitsu", "nec",
    "mavenir", "parallel-wireless", "casa", "ribbon", "ceragon", "aviat", "infinera", "adtran",
    "fiberhome", "h3c", "dell", "hpe", "vmware", "red-hat", "oracle", "affirmed"};

TEST(Profiles, TheSevenRequiredCountriesAreAvailable) {
  const auto countries = available_countries();
  for (const char* cc : {"AU", "CA", "DE", "GB", "NZ", "SE", "US"})
    EXPECT_NE(std::ranges::find(countries, cc), countries.end()) << cc;
}

TEST(Profiles, EveryProfileLoadsAndIsConsistent) {
  for (const auto& cc : available_countries()) {
    SCOPED_TRACE(cc);
    auto p = builtin_profile(cc);
    ASSERT_TRUE(p) << p.error().front().to_string();
    EXPECT_EQ(p->country, cc);
    EXPECT_NE(p->as_of, kNoDate);
    EXPECT_FALSE(p->sources.empty());
    double sites = 0;
    for (const auto& op : p->operators) {
      sites += op.site_share;
      EXPECT_GT(op.subscribers, 0) << op.id;
      for (const Shares* domain : {&op.ran, &op.core, &op.transport, &op.microwave, &op.nfvi}) {
        if (domain->empty()) continue;
        double total = 0;
        for (const auto& s : *domain) {
          total += s.share;
          EXPECT_TRUE(kKnownVendors.contains(s.vendor)) << op.id << ": " << s.vendor;
        }
        EXPECT_NEAR(total, 1.0, 0.005) << op.id;
      }
    }
    EXPECT_NEAR(sites, 1.0, 0.005);
    for (const auto& w : p->wholesale)
      for (const auto& s : w.vendors) EXPECT_TRUE(kKnownVendors.contains(s.vendor)) << w.id << ": " << s.vendor;
    std::set<FacilityKind> kinds;
    for (const auto& f : p->facilities) {
      EXPECT_TRUE(p->bbox.contains(f.lat, f.lon)) << f.id << " at " << f.lat << "," << f.lon;
      kinds.insert(f.kind);
    }
    EXPECT_TRUE(kinds.contains(FacilityKind::embassy));
    EXPECT_TRUE(kinds.contains(FacilityKind::military));
    EXPECT_TRUE(kinds.contains(FacilityKind::government));
    // Cities: enough of them, inside the country.
    auto cities = load_cities(*data::embedded("cities.csv"), "data/cities.csv", cc);
    ASSERT_TRUE(cities);
    EXPECT_GE(cities->size(), 25u);
    for (const auto& c : *cities) EXPECT_TRUE(p->bbox.contains(c.lat, c.lon)) << c.name;
  }
}

TEST(Profiles, SyntaxErrorsNameFileLineAndColumn) {
  auto p = load_profile("country: GB\noperators: [\n  - id: x\n", "bad.yaml");
  ASSERT_FALSE(p);
  const auto& d = p.error().front();
  EXPECT_EQ(d.file, "bad.yaml");
  EXPECT_GT(d.line, 0);
  EXPECT_GT(d.col, 0);
}

TEST(Profiles, BadValuesNameTheirLine) {
  const char* yaml =
      "country: GB\n"
      "name: Test\n"
      "as_of: 2020-07-01\n"
      "capital: London\n"
      "sources: [{title: t}]\n"
      "bbox: {lat_min: 49, lat_max: 61, lon_min: -9, lon_max: 2}\n"
      "operators:\n"
      "  - id: ee\n"
      "    subscribers: 10\n"
      "    site_share: 1.0\n"
      "    ran: {huawei: 0.5, nokia: lots}\n"
      "    core: {Ericsson: 1.0}\n"
      "    transport: {cisco: 0.7}\n";
  auto p = load_profile(yaml, "profiles/T.yaml");
  ASSERT_FALSE(p);
  std::set<std::int64_t> lines;
  for (const auto& d : p.error()) {
    EXPECT_EQ(d.file, "profiles/T.yaml");
    EXPECT_GT(d.col, 0) << d.to_string();
    lines.insert(d.line);
  }
  EXPECT_TRUE(lines.contains(11));  // 'lots' is not a number
  EXPECT_TRUE(lines.contains(12));  // 'Ericsson' is not a canonical id
  EXPECT_TRUE(lines.contains(13));  // transport shares sum to 0.7
}

TEST(Profiles, LandCoverageIsAShare) {
  const char* yaml =
      "country: GB\n"
      "name: Test\n"
      "as_of: 2020-07-01\n"
      "capital: London\n"
      "sources: [{title: t}]\n"
      "bbox: {lat_min: 49, lat_max: 61, lon_min: -9, lon_max: 2}\n"
      "topology:\n"
      "  land_coverage: 1.5\n"
      "operators:\n"
      "  - {id: ee, subscribers: 10, site_share: 1.0, ran: {nokia: 1}, core: {nokia: 1}, transport: {cisco: 1}}\n";
  auto p = load_profile(yaml, "profiles/T.yaml");
  ASSERT_FALSE(p);
  EXPECT_EQ(p.error().front().line, 8) << p.error().front().to_string();
  EXPECT_NE(p.error().front().message.find("share from 0 to 1"), std::string::npos);
}

// The coverage figures and every profile's land mask load, and the masks hold land.
TEST(Profiles, CoverageFiguresAndLandMasksLoad) {
  const auto facts = CoverageFacts::builtin();
  ASSERT_TRUE(facts);
  EXPECT_LE(facts->urban.max_km, facts->suburban.min_km);
  EXPECT_LE(facts->suburban.max_km, facts->rural.min_km);
  const std::vector<City> somewhere = {{"X", 0, 0, 1}};
  for (const auto& cc : available_countries()) {
    const auto land = land_cells(cc, *facts, somewhere);
    ASSERT_TRUE(land) << cc;
    EXPECT_GT(land->size(), 1000U) << cc;
    for (const auto& cell : *land) {
      ASSERT_LE(1.1 * std::hypot(cell.half_h_km, cell.half_w_km), facts->rural.max_km + 1e-9) << cc;
    }
  }
  const auto bad = CoverageFacts::from_yaml("ranges_km: {urban: {min: 2, max: 1}}\n", "c.yaml");
  ASSERT_FALSE(bad);
}

TEST(Profiles, AProfileWithoutCitiesIsAnError) {
  auto p = builtin_profile("GB");
  ASSERT_TRUE(p);
  auto inv = generate(*p, "country,city,lat,lon,population\nDE,Berlin,52.52,13.405,3645000\n", {.sites = 10});
  ASSERT_FALSE(inv);
  EXPECT_NE(inv.error().front().message.find("no cities"), std::string::npos);
}

}  // namespace
}  // namespace netvet::gen
