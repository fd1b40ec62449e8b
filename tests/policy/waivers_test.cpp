// Waivers: the file format (every problem with file:line:column) and which findings a
// waiver covers, before and after it expires.

#include <gtest/gtest.h>

#include "policy/waivers.h"
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
    remediation: Replace the element.
    select: vendor in hrv and domain == core
  - id: cap
    title: Cap
    kind: cap
    severity: high
    effective: 2023-01-01
    sources: [src]
    remediation: Swap.
    select: vendor in hrv
    within: domain == ran
    per: operator
    unit: sites
    limit: 35%
)";

// ee: E1 (huawei amf) and E4 (zte upf) in the core; a huawei gNB on 1 of 1 cell sites (cap).
Inventory net() {
  Net n;
  const Index ee = n.op("ee");
  const Index s1 = n.site("S1", ee);
  const Index c1 = n.site("C1", ee, SiteKind::core);
  const Index c2 = n.site("C2", ee, SiteKind::core);
  n.element("E1", c1, "amf", "huawei");
  n.element("E2", c1, "amf", "ericsson");
  n.element("E3", s1, "gnb", "huawei");
  n.element("E4", c2, "upf", "zte");
  return std::move(n).finish();
}

Diagnostics problems_of(std::string_view yaml, const Pack& pack) {
  auto w = parse_waivers(yaml, "w.yaml", std::span<const Pack>(&pack, 1));
  return w ? Diagnostics{} : w.error();
}

TEST(Waivers, ReadsFingerprintAndRuleEntries) {
  const Pack pack = pack_of(with_rules(kRules));
  auto set = parse_waivers(R"(waivers:
  - fingerprint: 0123456789ABCDEF
    reason: Booked for replacement
    approver: CISO
    expires: 2026-12-31
  - rule: t/core
    selector: site == "C1"
    operator: ee
    reason: Migration in progress
    approver: CTO
    expires: 2027-01-01
)", "w.yaml", std::span<const Pack>(&pack, 1));
  ASSERT_TRUE(set) << set.error().front().to_string();
  ASSERT_EQ(set->waivers.size(), 2U);
  EXPECT_EQ(*set->waivers[0].fingerprint, 0x0123456789abcdefULL);
  EXPECT_EQ(set->waivers[0].describe(), "Booked for replacement (approved by CISO; expires 2026-12-31)");
  EXPECT_EQ(set->waivers[1].policy, "t");
  EXPECT_EQ(set->waivers[1].rule, "core");
  EXPECT_EQ(set->waivers[1].op, "ee");
  ASSERT_TRUE(set->waivers[1].selector);
  EXPECT_TRUE(set->waivers[1].active(day("2026-12-31")));
  EXPECT_FALSE(set->waivers[1].active(day("2027-01-01")));
  EXPECT_EQ(waiver_expiries(*set), (std::vector<Date>{day("2026-12-31"), day("2027-01-01")}));
}

TEST(Waivers, ProblemsCarryLineAndColumn) {
  const Pack pack = pack_of(with_rules(kRules));
  // An unknown key, with a suggestion.
  auto p = problems_of("waivers:\n  - rule: core\n    reasn: x\n    approver: a\n    expires: 2027-01-01\n", pack);
  ASSERT_FALSE(p.empty());
  EXPECT_EQ(p[0].line, 3);
  EXPECT_EQ(p[0].col, 5);
  EXPECT_NE(p[0].message.find("did you mean 'reason'"), std::string::npos) << p[0].message;
  // An unknown rule, a bad date, a bad fingerprint.
  p = problems_of("- rule: t/cor\n  reason: r\n  approver: a\n  expires: 2027-01-01\n", pack);
  ASSERT_EQ(p.size(), 1U);
  EXPECT_NE(p[0].message.find("no rule 't/cor'"), std::string::npos) << p[0].message;
  EXPECT_NE(p[0].message.find("did you mean 't/core'"), std::string::npos) << p[0].message;
  p = problems_of("- rule: core\n  reason: r\n  approver: a\n  expires: 2027-13-01\n", pack);
  ASSERT_EQ(p.size(), 1U);
  EXPECT_EQ(p[0].line, 4);
  EXPECT_EQ(p[0].col, 12);
  p = problems_of("- fingerprint: xyz\n  reason: r\n  approver: a\n  expires: 2027-01-01\n", pack);
  ASSERT_EQ(p.size(), 1U);
  EXPECT_NE(p[0].message.find("16 hex digits"), std::string::npos);
  // A missing reason and approver; a selector error points into the selector.
  p = problems_of("- rule: core\n  expires: 2027-01-01\n", pack);
  EXPECT_EQ(p.size(), 2U);
  p = problems_of("- rule: core\n  selector: vender == huawei\n  reason: r\n  approver: a\n  expires: 2027-01-01\n", pack);
  ASSERT_EQ(p.size(), 1U);
  EXPECT_EQ(p[0].line, 2);
  EXPECT_EQ(p[0].col, 13);
  EXPECT_NE(p[0].message.find("vender"), std::string::npos) << p[0].message;
  // Neither fingerprint nor rule; YAML syntax.
  EXPECT_EQ(problems_of("- reason: r\n  approver: a\n  expires: 2027-01-01\n", pack).size(), 1U);
  EXPECT_FALSE(problems_of("waivers: [\n", pack).empty());
}

// The waived element findings of rule `rule` on `as_of`, as element ids.
std::vector<std::string> waived(const WaiverSet& set, const Pack& pack, const Inventory& inv, std::string_view as_of) {
  EvaluationOptions options;
  options.as_of = day(as_of);
  const auto ev = evaluate(std::span<const Pack>(&pack, 1), inv, options);
  const WaiverMatcher matcher(set, std::span<const Pack>(&pack, 1), *ev, inv);
  std::vector<std::string> out;
  for (const Finding& f : ev->findings) {
    const FindingRecord r = record_of(*ev, inv, f);
    const Waiver* w = matcher.match(f, r.fingerprint);
    if (w) out.push_back(std::string(name_of(r.kind)) + ":" + r.subject);
    if (f.kind == SubjectType::element) {
      EXPECT_EQ(w != nullptr, matcher.waived_elements(f.rule).test(f.row)) << r.subject;
    }
  }
  return out;
}

TEST(Waivers, CoverTheirFindingsUntilTheyExpire) {
  const Pack pack = pack_of(with_rules(kRules));
  const Inventory inv = net();
  const std::string e4 = fingerprint_hex(fingerprint_of("t", "core", SubjectType::element, "E4", ""));
  const std::string yaml = R"(waivers:
  - rule: core
    selector: site == "C1"
    reason: r
    approver: a
    expires: 2025-01-01
  - fingerprint: )" + e4 + R"(
    reason: r
    approver: a
    expires: 2026-01-01
  - rule: cap
    operator: ee
    reason: r
    approver: a
    expires: 2026-01-01
)";
  auto set = parse_waivers(yaml, "w.yaml", std::span<const Pack>(&pack, 1));
  ASSERT_TRUE(set) << set.error().front().to_string();
  using Strings = std::vector<std::string>;
  EXPECT_EQ(waived(*set, pack, inv, "2024-06-01"), (Strings{"element:E1", "element:E4", "operator:ee"}));
  EXPECT_EQ(waived(*set, pack, inv, "2025-01-01"), (Strings{"element:E4", "operator:ee"})) << "E1's waiver expired";
  EXPECT_EQ(waived(*set, pack, inv, "2026-01-01"), Strings{}) << "every waiver expired";
}

TEST(Waivers, SelectorWaiversDoNotCoverAggregates) {
  const Pack pack = pack_of(with_rules(kRules));
  auto set = parse_waivers("- rule: cap\n  selector: vendor == huawei\n  reason: r\n  approver: a\n  expires: 2030-01-01\n",
                           "w.yaml", std::span<const Pack>(&pack, 1));
  ASSERT_TRUE(set);
  EXPECT_TRUE(waived(*set, pack, net(), "2024-06-01").empty());
}

}  // namespace
}  // namespace netvet::policy
