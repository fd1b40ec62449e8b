#include "model/diff.h"

#include <gtest/gtest.h>

#include <map>

#include "model/builder.h"
#include "util/date.h"

namespace netvet {
namespace {

FunctionId fn(std::string_view name) { return *FunctionVocabulary::builtin().find(name); }

// Two operators; `after` changes element Ex in exactly field x, respells a vendor and
// changes a serial number (no change), drops "gone" and adds "new".
Inventory network(bool later) {
  InventoryBuilder b;
  const Index a = *b.add_operator({.id = "a"}), z = *b.add_operator({.id = "z"});
  const Index s1 = *b.add_site({.id = "S1", .op = a}), s2 = *b.add_site({.id = "S2", .op = a});
  b.add_site({.id = "S3", .op = z});
  const auto d = [](int y, unsigned m, unsigned day) { return date_from_ymd(y, m, day); };
  b.add_element({.id = "Efunction", .site = s1, .function = fn(later ? "du" : "cu"), .vendor = "Nokia"});
  b.add_element({.id = "Evendor", .site = s1, .function = fn("ru"), .vendor = later ? "Ericsson" : "Huawei"});
  b.add_element({.id = "Esite", .site = later ? s2 : s1, .function = fn("csr"), .vendor = "Cisco"});
  b.add_element({.id = "Eoperator", .site = s1, .function = fn("csr"), .vendor = "Cisco", .op = later ? z : a});
  b.add_element({.id = "Egeneration", .site = s1, .function = fn("gnb"), .vendor = "Nokia",
                 .generation = later ? Generations{kGen4G | kGen5G} : Generations{kGen5G}});
  b.add_element({.id = "Emodel", .site = s1, .function = fn("ru"), .vendor = "Nokia", .model = later ? "AHEGB" : "AHEGA"});
  b.add_element({.id = "Esoftware", .site = s1, .function = fn("ru"), .vendor = "Nokia", .software = later ? "22R1" : ""});
  b.add_element({.id = "Einstalled", .site = s1, .function = fn("ru"), .vendor = "Nokia",
                 .installed = later ? d(2025, 1, 2) : d(2021, 6, 30)});
  // Respelled and with a new serial number: neither is a change.
  b.add_element({.id = "same", .site = s2, .function = fn("upf"), .vendor = later ? "HUAWEI" : "Huawei Technologies Co., Ltd.",
                 .serial = later ? "X2" : "X1"});
  if (!later) b.add_element({.id = "gone", .site = s2, .function = fn("amf"), .vendor = "ZTE"});
  if (later) b.add_element({.id = "new", .site = s2, .function = fn("smf"), .vendor = "Samsung"});
  return std::move(b).finish();
}

TEST(Diff, EachFieldThatChangesIsNamedAndSpellingsAreNotChanges) {
  const Inventory before = network(false), after = network(true);
  const InventoryDiff diff = diff_inventories(before, after);
  ASSERT_EQ(diff.added.size(), 1U);
  EXPECT_EQ(after.str(after.elements.id[diff.added[0]]), "new");
  ASSERT_EQ(diff.removed.size(), 1U);
  EXPECT_EQ(before.str(before.elements.id[diff.removed[0]]), "gone");
  EXPECT_EQ(diff.unchanged, 1U);
  std::map<std::string, FieldSet> changed;
  for (const auto& c : diff.changed) changed[std::string(after.str(after.elements.id[c.after]))] = c.fields;
  ASSERT_EQ(changed.size(), kElementFieldCount);
  for (std::size_t f = 0; f < kElementFieldCount; ++f) {
    const auto field = static_cast<ElementField>(f);
    std::string id = "E";
    id += name_of(field);
    EXPECT_EQ(changed[id], field_bit(field)) << id;
  }
  const auto text = [&](const Inventory& inv, std::string_view id, ElementField f) {
    return element_field_text(inv, *inv.find_element(id), f);
  };
  EXPECT_EQ(text(before, "Evendor", ElementField::vendor), "huawei");
  EXPECT_EQ(text(after, "Evendor", ElementField::vendor), "ericsson");
  EXPECT_EQ(text(after, "Egeneration", ElementField::generation), "4G;5G");
  EXPECT_EQ(text(before, "Esoftware", ElementField::software), "");
  EXPECT_EQ(text(after, "Einstalled", ElementField::installed), "2025-01-02");
  EXPECT_EQ(text(after, "Eoperator", ElementField::operator_), "z");
  EXPECT_EQ(text(after, "Efunction", ElementField::function), "du");
}

TEST(Diff, AnInventoryAgainstItselfHasNoChange) {
  const Inventory inv = network(false);
  const InventoryDiff diff = diff_inventories(inv, inv);
  EXPECT_TRUE(diff.added.empty());
  EXPECT_TRUE(diff.removed.empty());
  EXPECT_TRUE(diff.changed.empty());
  EXPECT_EQ(diff.unchanged, inv.elements.size());
}

}  // namespace
}  // namespace netvet
