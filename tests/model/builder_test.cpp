#include "model/builder.h"

#include <gtest/gtest.h>

namespace netvet {
namespace {

TEST(Builder, ResolvesVendorsDefaultsAndLookups) {
  InventoryBuilder b;
  const auto op = b.add_operator({.id = "ee", .name = "EE"});
  ASSERT_TRUE(op);
  const auto site = b.add_site({.id = "S1", .op = *op});
  ASSERT_TRUE(site);
  const auto gnb = *FunctionVocabulary::builtin().find("gnb");
  const auto e1 = b.add_element({.id = "E1", .site = *site, .function = gnb, .vendor = "HUAWEI"});
  const auto e2 = b.add_element({.id = "E2", .site = *site, .function = gnb, .vendor = "Huawei Technologies Co., Ltd."});
  const auto e3 = b.add_element({.id = "E3", .site = *site, .function = gnb, .vendor = "Acme Radio Ltd"});
  ASSERT_TRUE(e1 && e2 && e3);
  EXPECT_FALSE(b.add_element({.id = "E1", .site = *site, .function = gnb, .vendor = "zte"}));
  const Inventory inv = std::move(b).finish();
  EXPECT_EQ(inv.elements.vendor[*e1], inv.elements.vendor[*e2]);
  EXPECT_EQ(inv.vendor_id(inv.elements.vendor[*e1]), "huawei");
  EXPECT_EQ(inv.vendor_id(inv.elements.vendor[*e3]), "acme-radio-ltd");
  EXPECT_FALSE(inv.vendors.known[inv.elements.vendor[*e3]]);
  EXPECT_EQ(inv.str(inv.elements.vendor_text[*e2]), "Huawei Technologies Co., Ltd.");
  EXPECT_EQ(inv.elements.op[*e1], *op);  // the site's operator by default
  EXPECT_EQ(inv.find_element("E3"), e3);
  EXPECT_FALSE(inv.find_element("E4"));
  EXPECT_EQ(inv.find_site("S1"), site);
  EXPECT_EQ(inv.domain_of(*e1), Domain::ran);
}

}  // namespace
}  // namespace netvet
