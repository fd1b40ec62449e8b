// The generator is a function of its options: the same seed gives the same inventory,
// column for column; another seed gives another network.

#include <gtest/gtest.h>

#include <cmath>

#include "gen/generate.h"
#include "gen_test_util.h"

namespace netvet::gen {
namespace {

// Every column of every table, compared by value (text through the string pools, since
// two pools may number strings alike or not).
void expect_same(const Inventory& x, const Inventory& y) {
  auto s = [](const Inventory& inv, StrId id) { return inv.str(id); };
  ASSERT_EQ(x.operators.size(), y.operators.size());
  for (Index i = 0; i < x.operators.size(); ++i) {
    EXPECT_EQ(s(x, x.operators.id[i]), s(y, y.operators.id[i]));
    EXPECT_EQ(x.operators.subscribers[i], y.operators.subscribers[i]);
  }
  ASSERT_EQ(x.sites.size(), y.sites.size());
  for (Index i = 0; i < x.sites.size(); ++i) {
    ASSERT_EQ(s(x, x.sites.id[i]), s(y, y.sites.id[i])) << "site row " << i;
    EXPECT_EQ(x.sites.op[i], y.sites.op[i]);
    EXPECT_EQ(x.sites.kind[i], y.sites.kind[i]);
    EXPECT_EQ(x.sites.lat[i], y.sites.lat[i]);
    EXPECT_EQ(x.sites.lon[i], y.sites.lon[i]);
    EXPECT_EQ(s(x, x.sites.name[i]), s(y, y.sites.name[i]));
    EXPECT_EQ(s(x, x.sites.region[i]), s(y, y.sites.region[i]));
    EXPECT_EQ(x.sites.subscribers[i], y.sites.subscribers[i]);
    const double rx = x.sites.range_km[i], ry = y.sites.range_km[i];
    EXPECT_TRUE(rx == ry || (std::isnan(rx) && std::isnan(ry))) << "range_km of site row " << i;
    ASSERT_EQ(x.sites.tags[i].size(), y.sites.tags[i].size());
    for (std::size_t t = 0; t < x.sites.tags[i].size(); ++t)
      EXPECT_EQ(s(x, x.sites.tags[i][t]), s(y, y.sites.tags[i][t]));
  }
  ASSERT_EQ(x.elements.size(), y.elements.size());
  for (Index i = 0; i < x.elements.size(); ++i) {
    ASSERT_EQ(s(x, x.elements.id[i]), s(y, y.elements.id[i])) << "element row " << i;
    EXPECT_EQ(x.elements.site[i], y.elements.site[i]);
    EXPECT_EQ(x.elements.function[i], y.elements.function[i]);
    EXPECT_EQ(x.vendor_id(x.elements.vendor[i]), y.vendor_id(y.elements.vendor[i]));
    EXPECT_EQ(s(x, x.elements.vendor_text[i]), s(y, y.elements.vendor_text[i]));
    EXPECT_EQ(x.elements.op[i], y.elements.op[i]);
    EXPECT_EQ(s(x, x.elements.model[i]), s(y, y.elements.model[i]));
    EXPECT_EQ(s(x, x.elements.software[i]), s(y, y.elements.software[i]));
    EXPECT_EQ(s(x, x.elements.serial[i]), s(y, y.elements.serial[i]));
    EXPECT_EQ(x.elements.generation[i], y.elements.generation[i]);
    EXPECT_EQ(x.elements.installed[i], y.elements.installed[i]);
  }
  ASSERT_EQ(x.links.size(), y.links.size());
  for (Index i = 0; i < x.links.size(); ++i) {
    EXPECT_EQ(x.links.a[i], y.links.a[i]);
    EXPECT_EQ(x.links.b[i], y.links.b[i]);
    EXPECT_EQ(x.links.kind[i], y.links.kind[i]);
  }
  ASSERT_EQ(x.facilities.size(), y.facilities.size());
  for (Index i = 0; i < x.facilities.size(); ++i) {
    EXPECT_EQ(s(x, x.facilities.id[i]), s(y, y.facilities.id[i]));
    EXPECT_EQ(x.facilities.kind[i], y.facilities.kind[i]);
    EXPECT_EQ(x.facilities.lat[i], y.facilities.lat[i]);
    EXPECT_EQ(x.facilities.lon[i], y.facilities.lon[i]);
    EXPECT_EQ(x.facilities.owner[i], y.facilities.owner[i]);
  }
  EXPECT_EQ(s(x, x.meta.name), s(y, y.meta.name));
  EXPECT_EQ(x.meta.as_of, y.meta.as_of);
}

TEST(GenerateDeterminism, SameSeedGivesIdenticalInventories) {
  auto a = generate({.country = "GB", .sites = 3000, .seed = 42});
  auto b = generate({.country = "gb", .sites = 3000, .seed = 42});
  ASSERT_TRUE(a && b);
  expect_same(*a, *b);
}

TEST(GenerateDeterminism, DifferentSeedsGiveDifferentNetworks) {
  const Inventory& a = testing::network("GB", 3000, 1);
  const Inventory& b = testing::network("GB", 3000, 2);
  // Same shape (the site count is an option) but different places and equipment.
  EXPECT_EQ(a.sites.size() > 3000, b.sites.size() > 3000);
  std::size_t same_position = 0;
  const Index n = static_cast<Index>(std::min(a.sites.size(), b.sites.size()));
  for (Index i = 0; i < n; ++i) same_position += a.sites.lat[i] == b.sites.lat[i] && a.sites.lon[i] == b.sites.lon[i];
  EXPECT_LT(same_position, n / 100);
  EXPECT_NE(a.elements.size() + a.links.size(), b.elements.size() + b.links.size());
}

TEST(GenerateDeterminism, ProgressIsReportedInOrderAndSparingly) {
  std::vector<double> fractions;
  auto inv = generate({.country = "NZ", .sites = 5000, .seed = 3,
                       .progress = [&](std::string_view, double f) { fractions.push_back(f); }});
  ASSERT_TRUE(inv);
  ASSERT_FALSE(fractions.empty());
  EXPECT_TRUE(std::ranges::is_sorted(fractions));
  EXPECT_EQ(fractions.back(), 1.0);
  EXPECT_LE(fractions.size(), 120u);  // about every 1%, not every site
}

TEST(GenerateDeterminism, UnknownCountryListsTheAvailableOnes) {
  auto inv = generate({.country = "XX", .sites = 10});
  ASSERT_FALSE(inv);
  const std::string message = inv.error().front().message;
  EXPECT_NE(message.find("XX"), std::string::npos);
  for (const auto& cc : available_countries()) EXPECT_NE(message.find(cc), std::string::npos) << cc;
}

}  // namespace
}  // namespace netvet::gen
