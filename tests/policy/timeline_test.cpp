// Timelines: the key dates, what appears and clears on each, and the obligations.

#include <gtest/gtest.h>

#include "policy/timeline.h"
#include "test_net.h"

namespace netvet::policy {
namespace {

using testing::day;
using testing::Net;
using testing::pack_of;
using testing::with_rules;

constexpr std::string_view kRules = R"(  - id: core
    title: No high-risk vendor in the core
    kind: forbid
    severity: critical
    effective: 2023-12-31
    sources: [src]
    remediation: Replace.
    select: vendor in hrv and domain == core
  - id: g5
    title: No high-risk 5G
    kind: forbid
    severity: critical
    effective: 2027-12-31
    end: 2030-01-01
    sources: [src]
    remediation: Remove.
    select: vendor in hrv and generation has "5G"
  - id: cert
    title: Certified core
    kind: require
    severity: high
    effective: 2020-01-01
    sources: [src]
    remediation: Certify.
    select: domain == core and vendor == ericsson
    evidence: {type: certification}
)";

// ee: huawei amf E1 (core), 3 huawei 5G gNBs at 2 sites, an ericsson amf certified until
// 2026-06-01. vf: 1 zte 5G gNB.
Inventory net() {
  Net n;
  const Index ee = n.op("ee");
  const Index vf = n.op("vf");
  const Index s1 = n.site("S1", ee);
  const Index s2 = n.site("S2", ee);
  const Index v1 = n.site("V1", vf);
  const Index c1 = n.site("C1", ee, SiteKind::core);
  n.element("E1", c1, "amf", "huawei");
  const Index e2 = n.element("E2", c1, "amf", "ericsson");
  n.element("G1", s1, "gnb", "huawei", kGen5G);
  n.element("G2", s1, "ru", "huawei", kGen5G);
  n.element("G3", s2, "gnb", "huawei", kGen5G);
  n.element("G4", v1, "gnb", "zte", kGen4G | kGen5G);
  n.b.add_evidence({.subject_kind = SubjectKind::element, .subject_text = "E2", .element = e2,
                    .type = EvidenceType::certification, .evidence_id = "C-9", .issued = day("2022-01-01"),
                    .expires = day("2026-06-01")});
  return std::move(n).finish();
}

TEST(Timeline, ListsEveryDateFindingsAppearOrClear) {
  const Pack pack = pack_of(with_rules(kRules));
  const Inventory inv = net();
  TimelineOptions options;
  options.from = day("2025-01-01");
  const auto t = build_timeline(std::span<const Pack>(&pack, 1), inv, options);
  ASSERT_TRUE(t) << t.error().front().to_string();
  EXPECT_EQ(t->open, 1U) << "E1 in the core";
  ASSERT_EQ(t->dates.size(), 3U);

  // The certificate expires: E2 needs one again.
  EXPECT_EQ(t->dates[0].date, day("2026-06-01"));
  ASSERT_EQ(t->dates[0].events.size(), 1U);
  EXPECT_EQ(t->dates[0].events[0].kind, TimelineEvent::Kind::evidence_expires);
  EXPECT_EQ(t->dates[0].events[0].text, "certification C-9 for E2 expires");
  ASSERT_EQ(t->dates[0].changes.size(), 1U);
  EXPECT_EQ(t->rules[t->dates[0].changes[0].rule].rule, "cert");
  EXPECT_EQ(t->dates[0].changes[0].appear, 1U);
  EXPECT_EQ(t->dates[0].open, 2U);

  // The 5G removal deadline: 3 ee elements at 2 sites, 1 vf element.
  const TimelineDate& g5 = t->dates[1];
  EXPECT_EQ(g5.date, day("2027-12-31"));
  EXPECT_EQ(g5.events[0].text, "t/g5 takes effect");
  ASSERT_EQ(g5.changes.size(), 2U);
  EXPECT_EQ(g5.changes[0].op, "ee");
  EXPECT_EQ(g5.changes[0].appear, 3U);
  EXPECT_EQ(g5.changes[0].sites_appear, 2U);
  EXPECT_EQ(g5.changes[0].vendors_appear, (std::vector<std::string>{"huawei"}));
  EXPECT_EQ(g5.changes[0].sample_appear, (std::vector<std::string>{"element:G1", "element:G2", "element:G3"}));
  EXPECT_EQ(g5.changes[1].op, "vf");
  EXPECT_EQ(g5.changes[1].appear, 1U);
  EXPECT_EQ(g5.appear, 4U);
  EXPECT_EQ(g5.open, 6U);

  // The rule ends: they clear.
  EXPECT_EQ(t->dates[2].date, day("2030-01-01"));
  EXPECT_EQ(t->dates[2].clear, 4U);
  EXPECT_EQ(t->dates[2].appear, 0U);
  EXPECT_EQ(t->dates[2].open, 2U);

  // What must be done by when, per operator: overdue first, then by date.
  ASSERT_EQ(t->obligations.size(), 4U);
  const Obligation& overdue = t->obligations[0];
  EXPECT_EQ(overdue.op, "ee");
  EXPECT_TRUE(overdue.overdue);
  EXPECT_EQ(overdue.due, day("2023-12-31"));
  EXPECT_EQ(overdue.action, "remove 1 huawei element at 1 site");
  EXPECT_EQ(t->obligations[1].due, day("2026-06-01"));
  EXPECT_EQ(t->obligations[1].action, "hold valid certification for 1 ericsson element at 1 site");
  EXPECT_EQ(t->obligations[2].due, day("2027-12-31"));
  EXPECT_EQ(t->obligations[2].action, "remove 3 huawei elements at 2 sites");
  EXPECT_EQ(t->obligations[3].op, "vf");
  EXPECT_EQ(t->obligations[3].action, "remove 1 zte element at 1 site");
}

TEST(Timeline, UntilStopsEarlyAndWaiversReturnOnExpiry) {
  const Pack pack = pack_of(with_rules(kRules));
  const Inventory inv = net();
  auto waivers = parse_waivers("- rule: core\n  reason: Migrating\n  approver: CTO\n  expires: 2026-01-01\n", "w.yaml",
                               std::span<const Pack>(&pack, 1));
  ASSERT_TRUE(waivers);
  TimelineOptions options;
  options.from = day("2025-01-01");
  options.until = day("2027-01-01");
  options.waivers = &*waivers;
  const auto t = build_timeline(std::span<const Pack>(&pack, 1), inv, options);
  ASSERT_TRUE(t);
  EXPECT_EQ(t->open, 0U) << "E1 is waived";
  ASSERT_EQ(t->dates.size(), 2U);
  EXPECT_EQ(t->dates[0].date, day("2026-01-01"));
  EXPECT_EQ(t->dates[0].events[0].kind, TimelineEvent::Kind::waiver_expires);
  EXPECT_EQ(t->dates[0].appear, 1U) << "E1 is back";
  EXPECT_EQ(t->dates[1].date, day("2026-06-01"));
}

TEST(Timeline, ReusingSelectorsAcrossDatesGivesTheSameFindings) {
  const Pack pack = pack_of(with_rules(kRules));
  const Inventory inv = net();
  SelectorEvaluator shared(inv, day("2025-01-01"));
  for (const auto* date : {"2025-01-01", "2026-06-01", "2028-01-01", "2026-05-31"}) {
    EvaluationOptions fresh, reused;
    fresh.as_of = reused.as_of = day(date);
    reused.selectors = &shared;
    reused.threads = 1;
    const auto a = evaluate(std::span<const Pack>(&pack, 1), inv, fresh);
    const auto b = evaluate(std::span<const Pack>(&pack, 1), inv, reused);
    ASSERT_TRUE(a && b);
    EXPECT_EQ(records_of(*a, inv).size(), records_of(*b, inv).size()) << date;
    for (std::uint32_t r = 0; r < a->rules.size(); ++r) EXPECT_EQ(a->findings.flagged(r), b->findings.flagged(r)) << date;
  }
}

}  // namespace
}  // namespace netvet::policy
