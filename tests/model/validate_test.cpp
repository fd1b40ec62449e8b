#include "model/validate.h"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace netvet
