// Remedies (policy/remedy.h) on networks small enough to work out by hand, each checked
// two ways that do not use remedy_of: re-running the rule with the replacements made finds
// nothing, and no smaller set of the vendor's elements does that (an exhaustive search
// over every subset, smallest first).

#include <gtest/gtest.h>

#include <bit>

#include "policy/assume.h"
#include "policy/remedy.h"
#include "test_net.h"

namespace netvet::policy {
namespace {

using testing::day;
using testing::Net;
using testing::pack_of;
using testing::with_rules;

constexpr std::string_view kAsOf = "2026-01-01";

Evaluation evaluated(const Pack& pack, const Inventory& inv) {
  EvaluationOptions options;
  options.as_of = day(kAsOf);
  auto ev = evaluate(std::span<const Pack>(&pack, 1), inv, options);
  EXPECT_TRUE(ev);
  return std::move(*ev);
}

// The findings of rule 0 after replacing `rows` with Ericsson, but facilities that cannot
// be vetted (isolated: no replacement clears them). Counted here, not by vetted_findings.
std::size_t findings_after(const Pack& pack, const Inventory& inv, std::span<const Index> rows) {
  Inventory copy = clone_inventory(inv);
  EXPECT_TRUE(replace_elements(copy, rows, "ericsson"));
  const Evaluation ev = evaluated(pack, copy);
  std::size_t n = 0;
  ev.findings.for_each_of(0, [&](const Finding& f) {
    n += !(f.kind == SubjectType::facility && clause_of(ev, f) == "isolated");
  });
  return n;
}

// The fewest of `candidates` whose replacement leaves rule 0 without findings: every
// subset, by size (at most 16 candidates). SIZE_MAX when none does.
std::size_t fewest_by_search(const Pack& pack, const Inventory& inv, const std::vector<Index>& candidates) {
  EXPECT_LE(candidates.size(), 16U);
  std::size_t best = SIZE_MAX;
  for (std::uint32_t subset = 0; subset < (1U << candidates.size()); ++subset) {
    const auto size = static_cast<std::size_t>(std::popcount(subset));
    if (size >= best) continue;
    std::vector<Index> rows;
    for (std::size_t i = 0; i < candidates.size(); ++i)
      if (subset >> i & 1U) rows.push_back(candidates[i]);
    if (findings_after(pack, inv, rows) == 0) best = size;
  }
  return best;
}

std::vector<Index> of_vendor(const Inventory& inv, std::string_view vendor) {
  std::vector<Index> rows;
  for (Index e = 0; e < inv.elements.size(); ++e)
    if (inv.vendor_id(inv.elements.vendor[e]) == vendor) rows.push_back(e);
  return rows;
}

std::vector<std::string> ids(const Inventory& inv, std::span<const Index> rows) {
  std::vector<std::string> out;
  for (const Index e : rows) out.emplace_back(inv.str(inv.elements.id[e]));
  return out;
}

// Checks `remedy` on rule 0 of `pack`: it clears, by itself as the test re-runs it, and
// nothing smaller among the vendor's elements does.
void expect_smallest_and_clearing(const Pack& pack, const Inventory& inv, const Remedy& remedy) {
  EXPECT_TRUE(remedy.clears);
  EXPECT_EQ(findings_after(pack, inv, remedy.elements), 0U) << "re-running the rule after the replacements";
  EXPECT_EQ(remedy.elements.size(), fewest_by_search(pack, inv, of_vendor(inv, "huawei")));
}

TEST(Remedy, AForbidRuleIsClearedByReplacingExactlyWhatItFlags) {
  Net n;
  const Index op = n.op("o1");
  const Index core = n.site("CORE", op, SiteKind::core);
  const Index cell = n.site("C1", op);
  n.element("AMF", core, "amf", "huawei");
  n.element("UPF", core, "upf", "ericsson");
  n.element("SMF", core, "smf", "huawei");
  n.element("GNB", cell, "gnb", "huawei");
  const Inventory inv = std::move(n).finish();
  const Pack pack = pack_of(with_rules(R"(  - id: core
    title: No high-risk vendor in the core
    kind: forbid
    severity: high
    effective: 2020-01-01
    sources: [src]
    remediation: Replace them.
    select: vendor in hrv and domain == core
)"));
  const Evaluation ev = evaluated(pack, inv);
  const Remedy remedy = remedy_of(std::span<const Pack>(&pack, 1), 0, inv, ev);
  EXPECT_EQ(ids(inv, remedy.elements), (std::vector<std::string>{"AMF", "SMF"}));
  expect_smallest_and_clearing(pack, inv, remedy);
}

TEST(Remedy, ACapInSitesIsClearedByTheFewestElementsWholeSitesFirst) {
  // Five RAN sites of o1, three with Huawei: A (1 element), B (3), C (2). A cap of 35% of
  // sites keeps at most 1 of 5, so two sites must go: A and C, 3 elements, not B.
  Net n;
  const Index op = n.op("o1");
  const Index a = n.site("A", op), b = n.site("B", op), c = n.site("C", op), d = n.site("D", op), e = n.site("E", op);
  n.element("A-GNB", a, "gnb", "huawei");
  n.element("B-GNB", b, "gnb", "huawei");
  n.element("B-ENB", b, "enb", "huawei");
  n.element("B-RU", b, "ru", "huawei");
  n.element("C-GNB", c, "gnb", "huawei");
  n.element("C-RU", c, "ru", "huawei");
  n.element("D-GNB", d, "gnb", "ericsson");
  n.element("E-GNB", e, "gnb", "nokia");
  const Inventory inv = std::move(n).finish();
  const Pack pack = pack_of(with_rules(R"(  - id: cap
    title: Cap on high-risk vendors
    kind: cap
    severity: high
    effective: 2020-01-01
    sources: [src]
    remediation: Replace them.
    select: vendor in hrv
    within: domain == ran
    per: operator
    unit: sites
    limit: 35%
)"));
  const Evaluation ev = evaluated(pack, inv);
  ASSERT_EQ(ev.findings.count_of(0), 1U);
  const Remedy remedy = remedy_of(std::span<const Pack>(&pack, 1), 0, inv, ev);
  EXPECT_EQ(ids(inv, remedy.elements), (std::vector<std::string>{"A-GNB", "C-GNB", "C-RU"}));
  expect_smallest_and_clearing(pack, inv, remedy);
}

// An embassy served by cell S1 of o1; from its router two ways lead to the UPF: through
// Huawei routers D1 then D2, or through Huawei D3 then Ericsson R4. Every path crosses
// {D1, D3} (or {D2, D3}): that is the cut, 2 elements. Replacing D3 alone gives a clean
// way: 1 element.
Inventory two_ways() {
  Net n;
  const Index op = n.op("o1");
  const Index core = n.site("CORE", op, SiteKind::core);
  const Index s1 = n.site("S1", op);
  const Index agg = n.site("AGG", op, SiteKind::aggregation);
  const Index gnb = n.element("S1-GNB", s1, "gnb", "ericsson");
  const Index csr = n.element("S1-CSR", s1, "csr", "ericsson");
  const Index d1 = n.element("D1", agg, "router", "huawei");
  const Index d2 = n.element("D2", agg, "router", "huawei");
  const Index d3 = n.element("D3", agg, "router", "huawei");
  const Index r4 = n.element("R4", agg, "router", "ericsson");
  const Index upf = n.element("UPF", core, "upf", "ericsson");
  n.element("ELSEWHERE", agg, "switch", "huawei");
  n.b.add_link(gnb, csr, LinkKind::transport);
  n.b.add_link(csr, d1, LinkKind::transport);
  n.b.add_link(d1, d2, LinkKind::transport);
  n.b.add_link(d2, upf, LinkKind::transport);
  n.b.add_link(csr, d3, LinkKind::transport);
  n.b.add_link(d3, r4, LinkKind::transport);
  n.b.add_link(r4, upf, LinkKind::transport);
  const std::array<Index, 1> served{s1};
  n.b.add_facility({.id = "EMB", .kind = FacilityKind::embassy, .owner = *parse_country("US"), .served_by = served});
  return std::move(n).finish();
}

constexpr std::string_view kExposure = R"(  - id: exposed
    title: No embassy exposed to high-risk vendors
    kind: exposure
    severity: high
    effective: 2020-01-01
    sources: [src]
    remediation: Replace them.
    facilities: {kinds: [embassy]}
    vendors: hrv
    via: [{via}]
    per_operator: true
)";

std::string exposure_rule(std::string_view via) {
  std::string rule(kExposure);
  rule.replace(rule.find("{via}"), 5, via);
  return with_rules(rule);
}

TEST(Remedy, TransportExposureIsClearedByTheCleanestWayNotByTheCut) {
  const Inventory inv = two_ways();
  const Pack pack = pack_of(exposure_rule("transport"));
  const Evaluation ev = evaluated(pack, inv);
  ASSERT_EQ(ev.findings.count_of(0), 1U);
  const Remedy remedy = remedy_of(std::span<const Pack>(&pack, 1), 0, inv, ev);
  EXPECT_EQ(ids(inv, remedy.elements), (std::vector<std::string>{"D3"}));
  ASSERT_EQ(remedy.facilities.size(), 1U);
  EXPECT_EQ(inv.str(inv.operators.id[remedy.facilities[0].op]), "o1");
  expect_smallest_and_clearing(pack, inv, remedy);
}

TEST(Remedy, ExposureIsJudgedWhenEveryElementOfTheDesignatedVendorIsGone) {
  // Regression: with few facilities, reach is judged by search, and a designated vendor
  // listed without elements (here: all replaced) read an empty reach and crashed.
  const Inventory inv = two_ways();
  for (const std::string_view via : {"transport", "influence"}) {
    const Pack pack = pack_of(exposure_rule(via));
    EXPECT_EQ(findings_after(pack, inv, of_vendor(inv, "huawei")), 0U) << via;
  }
}

TEST(Remedy, ExposureThroughManagementIsClearedByReplacingTheManager) {
  // One clean way, S1-CSR to R1 to the UPF, but Huawei's EMS manages R1: its kill-switch
  // cuts the embassy off. Replacing the EMS clears it; nothing on the path is Huawei.
  Net n;
  const Index op = n.op("o1");
  const Index core = n.site("CORE", op, SiteKind::core);
  const Index s1 = n.site("S1", op);
  const Index gnb = n.element("S1-GNB", s1, "gnb", "ericsson");
  const Index csr = n.element("S1-CSR", s1, "csr", "ericsson");
  const Index r1 = n.element("R1", core, "router", "ericsson");
  const Index upf = n.element("UPF", core, "upf", "ericsson");
  const Index ems = n.element("EMS", core, "ems", "huawei");
  n.element("OTHER-GNB", n.site("S2", op), "gnb", "huawei");
  n.b.add_link(gnb, csr, LinkKind::transport);
  n.b.add_link(csr, r1, LinkKind::transport);
  n.b.add_link(r1, upf, LinkKind::transport);
  n.b.add_link(ems, r1, LinkKind::manages);
  const std::array<Index, 1> served{s1};
  n.b.add_facility({.id = "EMB", .kind = FacilityKind::embassy, .owner = *parse_country("US"), .served_by = served});
  const Inventory inv = std::move(n).finish();
  const Pack pack = pack_of(exposure_rule("influence"));
  const Evaluation ev = evaluated(pack, inv);
  ASSERT_EQ(ev.findings.count_of(0), 1U);
  const Remedy remedy = remedy_of(std::span<const Pack>(&pack, 1), 0, inv, ev);
  EXPECT_EQ(ids(inv, remedy.elements), (std::vector<std::string>{"EMS"}));
  expect_smallest_and_clearing(pack, inv, remedy);
}

TEST(Remedy, ReplacingAnElementLetsGoOfItsOldVendorsManagerOnly) {
  Net n;
  const Index op = n.op("o1");
  const Index s = n.site("S", op);
  const Index ems_h = n.element("EMS-H", s, "ems", "huawei");
  const Index nfvi = n.element("NFVI", s, "nfvi", "huawei");
  const Index gnb = n.element("GNB", s, "gnb", "huawei");
  n.b.add_link(ems_h, gnb, LinkKind::manages);
  n.b.add_link(nfvi, gnb, LinkKind::hosts);
  Inventory inv = std::move(n).finish();
  const std::array<Index, 1> rows{gnb};
  EXPECT_EQ(replace_elements(inv, rows, "ericsson"), std::optional<std::size_t>(1));
  EXPECT_EQ(inv.vendor_id(inv.elements.vendor[gnb]), "ericsson");
  ASSERT_EQ(inv.links.size(), 1U) << "the Huawei EMS no longer manages it; the platform still hosts it";
  EXPECT_EQ(inv.links.kind[0], LinkKind::hosts);
  EXPECT_EQ(replace_elements(inv, rows, "ericsson"), std::optional<std::size_t>(0)) << "already Ericsson";
  EXPECT_FALSE(replace_elements(inv, rows, "no-such-vendor-anywhere"));
}

// o1's embassy cell S1 reaches its UPF over Ericsson routers R1 and R2, which a Huawei
// EMS manages, or over Huawei routers D1 and D2. Its AMF is Huawei, managed by the same EMS.
struct Influenced {
  Inventory inv;
  static Influenced make(bool huawei_amf, bool isolated = false) {
    Net n;
    const Index op = n.op("o1");
    const Index core = n.site("CORE", op, SiteKind::core);
    const Index s1 = n.site("S1", op);
    const Index agg = n.site("AGG", op, SiteKind::aggregation);
    const Index gnb = n.element("S1-GNB", s1, "gnb", "ericsson");
    const Index csr = n.element("S1-CSR", s1, "csr", "ericsson");
    const Index r1 = n.element("R1", agg, "router", "ericsson");
    const Index r2 = n.element("R2", agg, "router", "ericsson");
    const Index d1 = n.element("D1", agg, "router", "huawei");
    const Index d2 = n.element("D2", agg, "router", "huawei");
    const Index upf = n.element("UPF", core, "upf", "ericsson");
    const Index amf = n.element("AMF", core, "amf", huawei_amf ? "huawei" : "nokia");
    const Index ems = n.element("EMS", core, "ems", "huawei");
    n.b.add_link(gnb, csr, LinkKind::transport);
    if (!isolated) {
      n.b.add_link(csr, r1, LinkKind::transport);
      n.b.add_link(r1, r2, LinkKind::transport);
      n.b.add_link(r2, upf, LinkKind::transport);
      n.b.add_link(csr, d1, LinkKind::transport);
      n.b.add_link(d1, d2, LinkKind::transport);
      n.b.add_link(d2, upf, LinkKind::transport);
    }
    n.b.add_link(ems, r1, LinkKind::manages);
    n.b.add_link(ems, r2, LinkKind::manages);
    n.b.add_link(ems, amf, LinkKind::manages);
    const std::array<Index, 1> served{s1};
    n.b.add_facility({.id = "EMB", .kind = FacilityKind::embassy, .owner = *parse_country("US"), .served_by = served});
    return {std::move(n).finish()};
  }
};

TEST(Remedy, TheKillSwitchIsClearedByTheManagerBehindACleanRouteNotByTheRoutersOfTheOther) {
  // Replacing the EMS frees R1-R2 (one element); D1 and D2 would be two.
  const Influenced net = Influenced::make(false);
  const Pack pack = pack_of(exposure_rule("influence"));
  const Evaluation ev = evaluated(pack, net.inv);
  ASSERT_EQ(ev.findings.count_of(0), 1U);
  const Remedy remedy = remedy_of(std::span<const Pack>(&pack, 1), 0, net.inv, ev);
  EXPECT_EQ(ids(net.inv, remedy.elements), (std::vector<std::string>{"EMS"}));
  expect_smallest_and_clearing(pack, net.inv, remedy);
}

TEST(Remedy, AControlPlaneElementIsReplacedWithoutItsOldVendorsManager) {
  // The Huawei AMF is o1's control plane; replaced by Ericsson, the Huawei EMS no longer
  // manages it, so the EMS need not go too.
  const Influenced net = Influenced::make(true);
  const Pack pack = pack_of(exposure_rule("control_plane"));
  const Evaluation ev = evaluated(pack, net.inv);
  ASSERT_EQ(ev.findings.count_of(0), 1U);
  const Remedy remedy = remedy_of(std::span<const Pack>(&pack, 1), 0, net.inv, ev);
  EXPECT_EQ(ids(net.inv, remedy.elements), (std::vector<std::string>{"AMF"}));
  expect_smallest_and_clearing(pack, net.inv, remedy);
}

std::string whole_facility_rule(std::string_view via) {
  std::string rule = exposure_rule(via);
  rule.erase(rule.find("    per_operator: true\n"), std::string_view("    per_operator: true\n").size());
  return rule;
}

TEST(Remedy, AFacilityJudgedAsAWholeIsClearedThroughItsOperatorsEvenWhenNoneReachesTheCore) {
  // Isolated (its cell reaches no core) yet exposed: its operator's control plane is
  // Huawei's. The part names the operator whose control plane it clears.
  const Influenced net = Influenced::make(true, /*isolated=*/true);
  const Pack pack = pack_of(whole_facility_rule("control_plane"));
  const Evaluation ev = evaluated(pack, net.inv);
  ASSERT_EQ(ev.findings.count_of(0), 1U);
  const Remedy remedy = remedy_of(std::span<const Pack>(&pack, 1), 0, net.inv, ev);
  EXPECT_EQ(ids(net.inv, remedy.elements), (std::vector<std::string>{"AMF"}));
  ASSERT_EQ(remedy.facilities.size(), 1U);
  EXPECT_EQ(net.inv.str(net.inv.operators.id[remedy.facilities[0].op]), "o1");
  expect_smallest_and_clearing(pack, net.inv, remedy);
}

TEST(Remedy, AFacilityJudgedAsAWholeNeedsOneCleanOperatorTheCheapest) {
  // The embassy of two_ways() is served by o1 (one Huawei router to replace) and by o2,
  // whose only way crosses two Huawei routers: as a whole, o1's one is enough.
  Net n;
  const Index o1 = n.op("o1"), o2 = n.op("o2");
  const Index core1 = n.site("CORE1", o1, SiteKind::core), core2 = n.site("CORE2", o2, SiteKind::core);
  const Index s1 = n.site("S1", o1), s2 = n.site("S2", o2);
  const Index g1 = n.element("S1-GNB", s1, "gnb", "ericsson"), g2 = n.element("S2-GNB", s2, "gnb", "ericsson");
  const Index h1 = n.element("H1", core1, "router", "huawei");
  const Index h2 = n.element("H2", core2, "router", "huawei"), h3 = n.element("H3", core2, "router", "huawei");
  const Index u1 = n.element("UPF1", core1, "upf", "ericsson"), u2 = n.element("UPF2", core2, "upf", "ericsson");
  n.b.add_link(g1, h1, LinkKind::transport);
  n.b.add_link(h1, u1, LinkKind::transport);
  n.b.add_link(g2, h2, LinkKind::transport);
  n.b.add_link(h2, h3, LinkKind::transport);
  n.b.add_link(h3, u2, LinkKind::transport);
  const std::array<Index, 2> served{s1, s2};
  n.b.add_facility({.id = "EMB", .kind = FacilityKind::embassy, .owner = *parse_country("US"), .served_by = served});
  const Inventory inv = std::move(n).finish();
  const Pack pack = pack_of(whole_facility_rule("transport"));
  const Evaluation ev = evaluated(pack, inv);
  ASSERT_EQ(ev.findings.count_of(0), 1U);
  const Remedy remedy = remedy_of(std::span<const Pack>(&pack, 1), 0, inv, ev);
  EXPECT_EQ(ids(inv, remedy.elements), (std::vector<std::string>{"H1"}));
  expect_smallest_and_clearing(pack, inv, remedy);
}

}  // namespace
}  // namespace netvet::policy
