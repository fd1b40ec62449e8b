#include <gtest/gtest.h>

#include "policy/assume.h"
#include "test_net.h"

namespace netvet::policy {
namespace {

using testing::day;
using testing::Net;

Inventory small_net() {
  Net n;
  const Index ee = n.op("ee");
  const Index c = n.site("C1", ee, SiteKind::core);
  const Index s = n.site("S1", ee);
  const Index e1 = n.element("E1", c, "amf", "huawei");
  const Index e2 = n.element("E2", s, "gnb", "huawei");
  const Index e3 = n.element("E3", s, "ru", "zte");
  const Index e4 = n.element("E4", c, "upf", "Acme Radio");
  n.b.add_link(e2, e1, LinkKind::transport);
  n.b.add_link(e3, e2, LinkKind::transport);
  n.b.add_link(e4, e1, LinkKind::manages);
  n.b.add_evidence({.subject_kind = SubjectKind::element, .subject_text = "E3", .element = e3});
  n.b.add_evidence({.subject_kind = SubjectKind::element, .subject_text = "E4", .element = e4});
  return std::move(n).finish();
}

std::vector<std::string> element_vendors(const Inventory& inv) {
  std::vector<std::string> out;
  for (Index e = 0; e < inv.elements.size(); ++e) {
    out.push_back(std::string(inv.str(inv.elements.id[e])) + "=" + std::string(inv.vendor_id(inv.elements.vendor[e])));
  }
  return out;
}

TEST(Assume, ReplaceWhereSelectorOnACopy) {
  const Inventory inv = small_net();
  auto a = parse_assumption("replace huawei with Ericsson where domain == \"core\"");
  ASSERT_TRUE(a) << a.error().front().to_string();
  EXPECT_EQ(a->from, (std::vector<std::string>{"huawei"}));
  const Assumption list[] = {*a};
  const Inventory after = apply_assumptions(inv, list, day("2025-01-01"));
  EXPECT_EQ(element_vendors(after), (std::vector<std::string>{"E1=ericsson", "E2=huawei", "E3=zte", "E4=acme-radio"}));
  EXPECT_EQ(after.str(after.elements.vendor_text[0]), "Ericsson");
  EXPECT_EQ(after.find_vendor("ericsson"), std::optional<Index>(static_cast<Index>(inv.vendors.size())));
  // The original is untouched, and the copy keeps string ids.
  EXPECT_EQ(element_vendors(inv)[0], "E1=huawei");
  EXPECT_EQ(after.elements.id, inv.elements.id);
}

TEST(Assume, RemoveDropsElementsLinksAndEvidence) {
  const Inventory inv = small_net();
  const Designations designations{{"hrv", {"zte", "huawei"}}};
  SelectorScope scope;
  scope.designations = &designations;
  const Assumption list[] = {*parse_assumption("remove zte", scope), *parse_assumption("remove \"Acme Radio\" where site == \"C1\"", scope)};
  const Inventory after = apply_assumptions(inv, list, day("2025-01-01"), scope);
  EXPECT_EQ(element_vendors(after), (std::vector<std::string>{"E1=huawei", "E2=huawei"}));
  ASSERT_EQ(after.links.size(), 1U);  // E2 - E1
  EXPECT_EQ(after.links.a[0], *after.find_element("E2"));
  EXPECT_EQ(after.links.b[0], *after.find_element("E1"));
  EXPECT_EQ(after.evidence.size(), 0U);
  EXPECT_FALSE(after.find_element("E3"));

  const Assumption all[] = {*parse_assumption("replace hrv with nokia", scope)};
  EXPECT_EQ(element_vendors(apply_assumptions(inv, all, day("2025-01-01"), scope)),
            (std::vector<std::string>{"E1=nokia", "E2=nokia", "E3=nokia", "E4=acme-radio"}));
}

TEST(Assume, ErrorsNameTheColumn) {
  auto a = parse_assumption("replace huawei by ericsson");
  ASSERT_FALSE(a);
  EXPECT_EQ(a.error().front().to_string(), "--assume:1:16: expected 'with' and the vendor that replaces it (value 'replace huawei by ericsson')");
  a = parse_assumption("replace huawei with ericson");
  ASSERT_FALSE(a);
  EXPECT_EQ(a.error().front().message, "unknown vendor 'ericson' (did you mean 'ericsson'?)");
  a = parse_assumption("remove zte where domian == core");
  ASSERT_FALSE(a);
  EXPECT_EQ(a.error().front().col, 18);
  EXPECT_FALSE(parse_assumption("upgrade zte"));
}

}  // namespace
}  // namespace netvet::policy
