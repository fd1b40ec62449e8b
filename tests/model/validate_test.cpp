#include "model/validate.h"

#include <gtest/gtest.h>

#include <fmt/format.h>

#include "model/builder.h"

namespace netvet {
namespace {

FunctionId fn(std::string_view name) { return *FunctionVocabulary::builtin().find(name); }

const Diagnostic* find(const Diagnostics& ds, std::string_view words) {
  for (const auto& d : ds)
    if (d.message.find(words) != std::string::npos) return &d;
  return nullptr;
}

// Two operators: `a` is complete (cell -> csr -> upf); `b` has a cell site but no core,
// a cell site with no radio, a router with no link, and kit from a misspelt vendor.
Inventory suspicious_network() {
  InventoryBuilder b;
  const Index a = *b.add_operator({.id = "a"}), op_b = *b.add_operator({.id = "b"});
  const Index s1 = *b.add_site({.id = "S1", .op = a, .lat = 51.5, .lon = -0.12});
  const Index core = *b.add_site({.id = "K1", .op = a, .kind = SiteKind::core});
  const Index s2 = *b.add_site({.id = "S2", .op = op_b, .lat = 55.9, .lon = -3.2});
  b.add_site({.id = "S3", .op = op_b});  // a cell site with nothing on it
  const Index ru = *b.add_element({.id = "RU", .site = s1, .function = fn("ru"), .vendor = "Ericsson"});
  const Index csr = *b.add_element({.id = "CSR", .site = s1, .function = fn("csr"), .vendor = "Ericsson"});
  const Index upf = *b.add_element({.id = "UPF", .site = core, .function = fn("upf"), .vendor = "Nokia"});
  b.add_link(ru, csr, LinkKind::transport);
  b.add_link(csr, upf, LinkKind::transport);
  const Index ru2 = *b.add_element({.id = "RU2", .site = s2, .function = fn("ru"), .vendor = "Eriksson"});
  const Index ru3 = *b.add_element({.id = "RU3", .site = s2, .function = fn("ru"), .vendor = "Eriksson"});
  b.add_link(ru2, ru3, LinkKind::transport);
  b.add_element({.id = "LONELY", .site = s2, .function = fn("router"), .vendor = "Nokia"});
  b.add_element({.id = "EMS", .site = core, .function = fn("ems"), .vendor = "Nokia"});  // management: no link needed
  b.add_facility({.id = "F-NEAR", .kind = FacilityKind::embassy, .lat = 51.501, .lon = -0.121});
  b.add_facility({.id = "F-FAR", .kind = FacilityKind::military, .lat = 52.4, .lon = 0.5});
  return std::move(b).finish();
}

TEST(Validate, WarnsAboutAnUnknownVendorNamingTheClosestKnownOne) {
  const auto ds = validate(suspicious_network(), {.source = "net"});
  const Diagnostic* d = find(ds, "not in the vendor registry");
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->severity, Severity::warning);
  EXPECT_EQ(d->file, "net/elements.csv");
  EXPECT_EQ(d->row, 4);  // RU2 is the fourth element row
  EXPECT_EQ(d->value, "Eriksson");
  EXPECT_EQ(d->count, 2);
  EXPECT_NE(d->message.find("closest known vendor: 'ericsson'"), std::string::npos) << d->message;
}

TEST(Validate, WarnsAboutAnOperatorWhoseTrafficCannotReachACore) {
  const auto ds = validate(suspicious_network(), {.source = "net.json", .json = true});
  const Diagnostic* d = find(ds, "no core user plane");
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->value, "b");
  EXPECT_EQ(d->pointer, "/operators/1/id");
}

TEST(Validate, WarnsAboutSitesAndElementsThatCarryNoTraffic) {
  const auto ds = validate(suspicious_network(), {.source = "net"});
  const Diagnostic* empty_site = find(ds, "cell site has no ran element");
  ASSERT_NE(empty_site, nullptr);
  EXPECT_EQ(empty_site->value, "S3");
  const Diagnostic* lonely = find(ds, "has no transport link");
  ASSERT_NE(lonely, nullptr);
  EXPECT_EQ(lonely->value, "LONELY");
  EXPECT_EQ(lonely->count, 1) << "management elements (the EMS) need no transport link";
}

TEST(Validate, WarnsAboutAFacilityNoSiteServes) {
  const auto ds = validate(suspicious_network(), {.source = "net", .serving_radius_km = 2.0});
  const Diagnostic* d = find(ds, "no serving sites");
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->value, "F-FAR");  // F-NEAR is ~0.13 km from S1
  EXPECT_EQ(d->count, 1);
  const auto wider = validate(suspicious_network(), {.source = "net", .serving_radius_km = 500.0});
  EXPECT_EQ(find(wider, "no serving sites"), nullptr);
}

// A site's own range_km decides, not the radius: a 10 km rural site covers a facility
// 8 km away; a 0.05 km site does not cover one 0.13 km away, however wide the radius.
TEST(Validate, ASitesRangeDecidesWhatItCovers) {
  InventoryBuilder b;
  const Index a = *b.add_operator({.id = "a"});
  b.add_site({.id = "RURAL", .op = a, .lat = 52.0, .lon = 0.0, .range_km = 10});
  b.add_site({.id = "TINY", .op = a, .lat = 51.5, .lon = -0.12, .range_km = 0.05});
  b.add_site({.id = "HUB", .op = a, .kind = SiteKind::hub, .lat = 53.0, .lon = 0.0, .range_km = 50});
  b.add_facility({.id = "F-8KM", .kind = FacilityKind::military, .lat = 52.072, .lon = 0.0});
  b.add_facility({.id = "F-NEAR-TINY", .kind = FacilityKind::embassy, .lat = 51.501, .lon = -0.121, .name = "Embassy"});
  b.add_facility({.id = "F-BY-HUB", .kind = FacilityKind::nuclear, .lat = 53.1, .lon = 0.0});
  const Inventory inv = std::move(b).finish();
  const auto ds = validate(inv, {.source = "net", .serving_radius_km = 500.0});
  std::vector<std::string> uncovered;
  for (const auto& d : ds)
    if (d.message.find("no cell site covers facility") != std::string::npos) uncovered.push_back(d.value);
  EXPECT_EQ(uncovered, (std::vector<std::string>{"F-NEAR-TINY", "F-BY-HUB"}))
      << "only cell sites cover, each by its own range when it has one";
  const Diagnostic* d = find(ds, "'F-NEAR-TINY' (Embassy)");
  ASSERT_NE(d, nullptr) << "the warning names the facility";
  EXPECT_EQ(d->file, "net/facilities.csv");
  EXPECT_EQ(d->row, 2);
}

// Many uncovered facilities: the first few named, one total.
TEST(Validate, FoldsUncoveredFacilitiesAfterAFewWithATotal) {
  InventoryBuilder b;
  const Index a = *b.add_operator({.id = "a"});
  b.add_site({.id = "S", .op = a, .lat = 50.0, .lon = 0.0, .range_km = 1});
  std::vector<std::string> ids;
  for (int i = 0; i < 12; ++i) ids.push_back(fmt::format("F{}", i));
  for (int i = 0; i < 12; ++i)
    b.add_facility({.id = ids[static_cast<std::size_t>(i)], .kind = FacilityKind::government, .lat = 55.0 + i * 0.1, .lon = 0.0});
  const auto ds = validate(std::move(b).finish(), {.source = "net"});
  std::vector<const Diagnostic*> shown;
  for (const auto& d : ds)
    if (d.message.find("no cell site covers facility") != std::string::npos) shown.push_back(&d);
  ASSERT_EQ(shown.size(), 5U);
  EXPECT_EQ(shown.front()->value, "F0");
  EXPECT_EQ(shown.back()->count, 12) << "the last shown carries the total";
}

}  // namespace
}  // namespace netvet
