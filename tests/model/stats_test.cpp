#include "model/stats.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <limits>

#include "model/builder.h"

namespace netvet {
namespace {

FunctionId fn(std::string_view name) { return *FunctionVocabulary::builtin().find(name); }

TEST(Stats, SharesPerOperatorAndDomainCountElementsAndSites) {
  InventoryBuilder b;
  const Index ee = *b.add_operator({.id = "ee", .subscribers = 1000});
  const Index three = *b.add_operator({.id = "three"});
  // ee: 3 sites, Huawei on two (3 RAN elements), Nokia on one (1 RAN element).
  const Index s1 = *b.add_site({.id = "S1", .op = ee});
  const Index s2 = *b.add_site({.id = "S2", .op = ee});
  const Index s3 = *b.add_site({.id = "S3", .op = ee, .subscribers = 70});
  b.add_element({.id = "A", .site = s1, .function = fn("ru"), .vendor = "Huawei"});
  b.add_element({.id = "B", .site = s1, .function = fn("gnb"), .vendor = "HUAWEI"});
  b.add_element({.id = "C", .site = s2, .function = fn("ru"), .vendor = "Huawei"});
  b.add_element({.id = "D", .site = s3, .function = fn("ru"), .vendor = "Nokia"});
  b.add_element({.id = "E", .site = s3, .function = fn("csr"), .vendor = "Cisco"});
  // three's kit on ee's site S3 counts for three.
  b.add_element({.id = "F", .site = s3, .function = fn("ru"), .vendor = "Samsung", .op = three});
  const Inventory inv = std::move(b).finish();
  const InventoryStats s = compute_stats(inv);

  EXPECT_EQ(s.elements, 6);
  ASSERT_EQ(s.per_operator.size(), 2u);
  const OperatorStats& e = s.per_operator[ee];
  EXPECT_EQ(e.elements, 5);
  EXPECT_EQ(e.sites, 3);
  EXPECT_EQ(e.subscribers, 1000);  // the operator's own figure wins over its sites' sum
  ASSERT_EQ(e.domains.size(), 2u);  // ran and transport
  const DomainShares& ran = e.domains[0];
  EXPECT_EQ(ran.domain, Domain::ran);
  EXPECT_EQ(ran.elements, 4);
  EXPECT_EQ(ran.sites, 3);
  ASSERT_EQ(ran.vendors.size(), 2u);
  EXPECT_EQ(inv.vendor_id(ran.vendors[0].vendor), "huawei");
  EXPECT_EQ(ran.vendors[0].count, 3);
  EXPECT_EQ(ran.vendors[0].sites, 2);
  EXPECT_EQ(inv.vendor_id(ran.vendors[1].vendor), "nokia");
  EXPECT_EQ(ran.vendors[1].count, 1);

  const OperatorStats& t = s.per_operator[three];
  EXPECT_EQ(t.elements, 1);
  EXPECT_EQ(t.sites, 0);
  EXPECT_EQ(t.subscribers, 0);
  ASSERT_EQ(t.domains.size(), 1u);
  EXPECT_EQ(inv.vendor_id(t.domains[0].vendors[0].vendor), "samsung");

  ASSERT_FALSE(s.elements_by_vendor.empty());
  EXPECT_EQ(s.elements_by_vendor[0], (std::pair<std::string, std::int64_t>{"huawei", 3}));
}

// Site subscribers summed past INT64_MAX were undefined behaviour and printed negative
// totals: the sum saturates (readers bound each count, so only a built inventory gets here).
TEST(Stats, SubscriberTotalsNeverWrapAround) {
  InventoryBuilder b;
  const Index op = *b.add_operator({.id = "op"});
  for (int i = 0; i < 4; ++i)
    b.add_site({.id = fmt::format("S{}", i), .op = op, .subscribers = std::int64_t{4'000'000'000'000'000'000}});
  const Inventory inv = std::move(b).finish();
  const InventoryStats s = compute_stats(inv);
  EXPECT_EQ(s.per_operator[op].subscribers, std::numeric_limits<std::int64_t>::max());
}

}  // namespace
}  // namespace netvet
