// Work items from an inventory and a pack, worked out by hand: deadlines from the first
// date an element is flagged, one visit per site and deadline, costs that fall at end of
// life, and a cap's units.

#include <gtest/gtest.h>

#include "../policy/test_net.h"
#include "plan/problem.h"

namespace netvet::plan {
namespace {

using policy::testing::day;
using policy::testing::Net;
using policy::testing::pack_of;
using policy::testing::with_rules;

TEST(Problem, ItemsAreSiteVisitsDueTheMonthBeforeTheyAreFlagged) {
  Net n;
  const Index op = n.op("o1");
  const Index core = n.site("CORE", op, SiteKind::core, "London");
  const Index a = n.site("A", op, SiteKind::cell, "London");
  const Index b = n.site("B", op, SiteKind::cell, "Leeds");
  const Index c = n.site("C", op, SiteKind::cell, "Leeds");
  n.element("AMF", core, "amf", "huawei");                               // core: flagged before the start
  n.element("A-GNB", a, "gnb", "huawei", kGen5G, day("2020-06-01"));     // 5G: flagged from 2028-01-01
  n.element("A-ENB", a, "enb", "huawei", kGen4G);                        // 4G: never flagged
  n.element("B-GNB", b, "gnb", "huawei", kGen5G, day("2017-03-15"));     // end of life 2027-03
  n.element("C-GNB", c, "gnb", "ericsson", kGen5G);
  const Inventory inv = std::move(n).finish();
  const policy::Pack pack = pack_of(with_rules(R"(  - id: core
    title: No high-risk vendor in the core
    kind: forbid
    severity: high
    effective: 2020-01-01
    sources: [src]
    remediation: Replace it.
    select: vendor in hrv and domain == core
  - id: removal
    title: No high-risk vendor in 5G
    kind: forbid
    severity: high
    effective: 2028-01-01
    sources: [src]
    remediation: Replace it.
    select: vendor in hrv and generation has "5G"
  - id: cap
    title: At most a third of 5G sites
    kind: cap
    severity: high
    effective: 2024-07-31
    sources: [src]
    remediation: Replace some.
    select: vendor in hrv
    within: domain == ran and generation has "5G"
    per: operator
    unit: sites
    limit: 34%
)"));
  const auto catalog = builtin_catalog("gbp");
  ASSERT_TRUE(catalog);
  Resources resources;
  resources.start = *parse_month("2021-01");
  resources.horizon = *parse_month("2028-06");
  resources.crews_default = 10;
  auto built = build_problem(inv, std::span<const policy::Pack>(&pack, 1), *catalog, resources, {.as_of = day("2021-01-01")});
  ASSERT_TRUE(built) << built.error().front().to_string();
  const PlanProblem& p = *built;

  std::vector<std::string> ids;
  for (const auto& item : p.items) ids.push_back(item.id);
  EXPECT_EQ(ids, (std::vector<std::string>{"CORE@2021-01", "A@2027-12", "B@2027-12"}))
      << "the AMF overdue from the start; the gNodeBs due the month before 2028-01-01; nothing for 4G or Ericsson";
  const WorkItem& core_visit = p.items[0];
  EXPECT_EQ(core_visit.elements, (std::vector<std::string>{"AMF"}));
  EXPECT_DOUBLE_EQ(core_visit.crew_days, catalog->site_visit.crew_days + catalog->of("amf")->crew_days);
  EXPECT_EQ(p.regions[core_visit.region], "London");
  const WorkItem& b_visit = p.items[2];
  const double full = catalog->site_visit.cost + catalog->of("gnb")->cost;
  EXPECT_DOUBLE_EQ(p.cost(b_visit, *parse_month("2027-02")), full);
  EXPECT_DOUBLE_EQ(p.cost(b_visit, *parse_month("2027-03")),
                   catalog->site_visit.cost + catalog->of("gnb")->cost * catalog->end_of_life_factor)
      << "installed 2017-03 with a 10-year life";
  EXPECT_EQ(p.regions, (std::vector<std::string>{"London", "Leeds"}));
  EXPECT_EQ(p.capacity[1].size(), p.months());
  EXPECT_DOUBLE_EQ(p.capacity[1][0], 10);

  // The cap on 2024-07-31: 3 5G sites in scope (A, B, C), A's and B's designated; 34% of 3
  // allows 1.02, so one of the two visits must be done by 2024-07.
  ASSERT_EQ(p.caps.size(), 1U);
  const CapConstraint& cap = p.caps[0];
  EXPECT_EQ(cap.scope, "o1");
  EXPECT_EQ(format_month(cap.last_month), "2024-07");
  EXPECT_DOUBLE_EQ(cap.total, 3);
  EXPECT_DOUBLE_EQ(cap.fixed, 0);
  ASSERT_EQ(cap.units.size(), 2U);
  EXPECT_EQ(cap.units[0].items, (std::vector<std::uint32_t>{1}));
  EXPECT_EQ(cap.units[1].items, (std::vector<std::uint32_t>{2}));
}

TEST(Problem, AFunctionTheCatalogDoesNotPriceIsBadInput) {
  Net n;
  const Index op = n.op("o1");
  n.element("AMF", n.site("CORE", op, SiteKind::core), "amf", "huawei");
  const Inventory inv = std::move(n).finish();
  const policy::Pack pack = pack_of(with_rules(R"(  - id: core
    title: No high-risk vendor in the core
    kind: forbid
    severity: high
    effective: 2020-01-01
    sources: [src]
    remediation: Replace it.
    select: vendor in hrv and domain == core
)"));
  auto catalog = parse_catalog("currency: GBP\nsite_visit: {cost: 1, crew_days: 1, assumption: true, note: test}\n"
                               "functions:\n  gnb: {cost: 1, crew_days: 1, lifetime_years: 8, assumption: true, note: test}\n",
                               "mine.yaml");
  ASSERT_TRUE(catalog) << catalog.error().front().to_string();
  Resources resources;
  resources.horizon = *parse_month("2022-12");
  const auto built = build_problem(inv, std::span<const policy::Pack>(&pack, 1), *catalog, resources,
                                   {.as_of = day("2021-01-01"), .catalog_file = "mine.yaml"});
  ASSERT_FALSE(built);
  EXPECT_EQ(built.error().front().file, "mine.yaml");
  EXPECT_NE(built.error().front().message.find("no figure for function 'amf' (element AMF is to be replaced)"),
            std::string::npos) << built.error().front().message;
}

}  // namespace
}  // namespace netvet::plan
