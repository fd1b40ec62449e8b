#include "model/vendors.h"

#include <gtest/gtest.h>

namespace netvet {
namespace {

TEST(Vendors, SpellingsOfOneVendorAreOneVendor) {
  const auto& r = VendorRegistry::builtin();
  const auto huawei = r.find("huawei");
  ASSERT_TRUE(huawei);
  EXPECT_EQ(r.find("HUAWEI"), huawei);
  EXPECT_EQ(r.find("Huawei Technologies Co., Ltd."), huawei);
  EXPECT_EQ(r[*huawei].country, "CN");
  EXPECT_EQ(r[*r.find("ZTE Corporation")].id, "zte");
  EXPECT_FALSE(r.find("Acme Radio Works"));
}

TEST(Vendors, MatchKeysDropCaseSeparatorsAndCorporateWords) {
  EXPECT_EQ(VendorRegistry::match_key("Huawei Technologies Co., Ltd."), "huaweitechnologies");
  EXPECT_EQ(VendorRegistry::match_key("ZTE Corporation"), "zte");
  EXPECT_EQ(VendorRegistry::slug("Acme Radio Ltd."), "acme-radio-ltd");
}

TEST(Vendors, ClosestNamesANearMiss) {
  const auto& r = VendorRegistry::builtin();
  const auto c = r.closest("Eriksson");
  ASSERT_TRUE(c);
  EXPECT_EQ(r[*c].id, "ericsson");
  EXPECT_FALSE(r.closest("Quixotic Semiconductors"));
}

TEST(Vendors, RegistryRejectsASpellingThatNamesTwoVendors) {
  const auto bad = VendorRegistry::from_yaml(
      "vendors:\n  - {id: a, country: US, aliases: [acme]}\n  - {id: b, country: US, aliases: [ACME]}\n",
      "v.yaml");
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().front().message.find("already names vendor 'a'"), std::string::npos);
}

}  // namespace
}  // namespace netvet
