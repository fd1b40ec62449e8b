#include "model/extract.h"

#include <gtest/gtest.h>

#include "model/builder.h"

namespace netvet {
namespace {

FunctionId fn(std::string_view name) { return *FunctionVocabulary::builtin().find(name); }

// a and z each own a site; each keeps kit on the other's (shared sites).
Inventory shared_network() {
  InventoryBuilder b;
  const Index a = *b.add_operator({.id = "a", .name = "Alpha"}), z = *b.add_operator({.id = "z"});
  const Index sa = *b.add_site({.id = "Sa", .op = a}), sz = *b.add_site({.id = "Sz", .op = z});
  const Index a1 = *b.add_element({.id = "a1", .site = sa, .function = fn("gnb"), .vendor = "Nokia", .model = "AirScale"});
  const Index a2 = *b.add_element({.id = "a2", .site = sz, .function = fn("ru"), .vendor = "Nokia", .op = a});
  const Index z1 = *b.add_element({.id = "z1", .site = sz, .function = fn("upf"), .vendor = "ZTE", .model = "M1"});
  const Index z2 = *b.add_element({.id = "z2", .site = sa, .function = fn("ru"), .vendor = "ZTE", .op = z});
  auto& extra = b.inventory().elements.extra;
  extra.values[extra.column("rack", 0)] = {b.intern("R7")};  // a1's
  b.add_link(a1, z2, LinkKind::transport);
  b.add_link(a1, a2, LinkKind::transport);
  b.add_link(z1, z2, LinkKind::transport);
  const Index both[] = {sa, sz}, zs[] = {sz};
  b.add_facility({.id = "F1", .kind = FacilityKind::embassy, .lat = 51.5, .lon = -0.1});
  b.add_facility({.id = "F2", .kind = FacilityKind::military, .lat = 51.6, .lon = -0.2, .served_by = both});
  b.add_facility({.id = "F3", .kind = FacilityKind::cni, .lat = 51.7, .lon = -0.3, .served_by = zs});
  b.add_evidence({.subject_kind = SubjectKind::element, .subject_text = "a1", .element = a1});
  b.add_evidence({.subject_kind = SubjectKind::element, .subject_text = "a2", .element = a2});
  b.add_evidence({.subject_kind = SubjectKind::vendor, .subject_text = "vendor:nokia", .vendor = b.vendor("Nokia")});
  b.add_evidence({.subject_kind = SubjectKind::model, .subject_text = "model:zte/M1", .vendor = b.vendor("ZTE"),
                  .model = "M1"});
  return std::move(b).finish();
}

TEST(Extract, KeepsTheOperatorsOwnRowsAndCountsWhatItLeavesOut) {
  const Inventory whole = shared_network();
  const Extraction part = extract_operator(whole, *whole.find_operator("a"));
  const Inventory& inv = part.inventory;
  ASSERT_EQ(inv.operators.size(), 1U);
  EXPECT_EQ(inv.str(inv.operators.name[0]), "Alpha");
  ASSERT_EQ(inv.sites.size(), 1U);
  EXPECT_EQ(inv.str(inv.sites.id[0]), "Sa");
  ASSERT_EQ(inv.elements.size(), 1U);
  EXPECT_EQ(inv.str(inv.elements.id[0]), "a1");
  ASSERT_EQ(inv.elements.extra.names, std::vector<std::string>{"rack"});
  EXPECT_EQ(inv.str(inv.elements.extra.values[0][0]), "R7");
  EXPECT_EQ(part.elements_on_shared_sites, 1U);  // a2, on z's site
  EXPECT_EQ(inv.links.size(), 0U);
  EXPECT_EQ(part.links_left_out, 2U);            // a1-z2 and a1-a2; z1-z2 is z's alone
  ASSERT_EQ(inv.facilities.size(), 2U);          // F1 (by coverage) and F2, narrowed to Sa
  EXPECT_TRUE(inv.facilities.served_by[0].empty());
  ASSERT_EQ(inv.facilities.served_by[1].size(), 1U);
  EXPECT_EQ(inv.facilities.served_by[1][0], 0U);
  EXPECT_EQ(part.facilities_left_out, 1U);       // F3: only z serves it
  ASSERT_EQ(inv.evidence.size(), 2U);            // about a1, and about vendor nokia
  EXPECT_EQ(inv.str(inv.evidence.subject_text[0]), "a1");
  EXPECT_EQ(inv.evidence.subject_kind[1], SubjectKind::vendor);
  EXPECT_EQ(part.evidence_left_out, 2U);         // about a2, and about a ZTE model a has none of
}

TEST(Extract, EveryElementIsInItsOperatorsPartOrCountedLeftOutOfIt) {
  const Inventory whole = shared_network();
  std::size_t total = 0;
  for (Index op = 0; op < whole.operators.size(); ++op) {
    const Extraction part = extract_operator(whole, op);
    total += part.inventory.elements.size() + part.elements_on_shared_sites;
  }
  EXPECT_EQ(total, whole.elements.size());
}

}  // namespace
}  // namespace netvet
