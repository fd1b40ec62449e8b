// Every rule kind fires and stays quiet on small built inventories, with the measured values
// checked.

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "test_net.h"

namespace netvet::policy {
namespace {

using testing::day;
using testing::Net;
using testing::pack_of;
using testing::run;
using testing::subjects;
using testing::with_rules;
using Strings = std::vector<std::string>;

constexpr std::string_view kForbid = R"(  - id: core
    title: No high-risk vendor in the core
    kind: forbid
    severity: critical
    effective: 2023-12-31
    end: 2030-01-01
    sources: [src]
    remediation: Replace the element.
    select: vendor in hrv and domain == core
)";

Inventory core_net() {
  Net n;
  const Index ee = n.op("ee");
  const Index s1 = n.site("S1", ee);
  const Index c1 = n.site("C1", ee, SiteKind::core);
  n.element("E1", c1, "amf", "Huawei Technologies Co., Ltd.");
  n.element("E2", c1, "amf", "ericsson");
  n.element("E3", s1, "gnb", "huawei");
  n.element("E4", c1, "upf", "ZTE");
  return std::move(n).finish();
}

TEST(ForbidRule, EachMatchingElementIsAFindingWhileInForce) {
  const Pack pack = pack_of(with_rules(kForbid));
  const Inventory inv = core_net();
  EXPECT_EQ(subjects(run(pack, inv, "2024-01-01")), (Strings{"element:E1", "element:E4"}));
  EXPECT_TRUE(run(pack, inv, "2023-12-30").findings.empty()) << "not yet effective";
  EXPECT_EQ(run(pack, inv, "2023-12-31").findings.size(), 2U) << "effective on its date";
  EXPECT_TRUE(run(pack, inv, "2030-01-01").findings.empty()) << "no longer in force on its end date";

  const testing::Run e = run(pack, inv, "2024-01-01");
  const FindingRecord& f = e.findings.front();
  EXPECT_EQ(f.policy, "t");
  EXPECT_EQ(f.rule, "core");
  EXPECT_EQ(f.severity, RuleSeverity::critical);
  EXPECT_EQ(f.op, "ee");
  EXPECT_EQ(f.vendor, "huawei");
  EXPECT_EQ(f.effective, day("2023-12-31"));
  // The clause is the finding's own field, shown beside the message: not repeated in it.
  EXPECT_EQ(f.message, "huawei amf E1 at site C1 is forbidden from 2023-12-31 [t core; source: A source]");
  EXPECT_EQ(f.clause, "vendor in hrv and domain == core");
  EXPECT_EQ(f.site, *inv.find_site("C1"));
  EXPECT_EQ(e.rules[0].remediation, "Replace the element.");
  EXPECT_EQ(f.fingerprint, fingerprint_of("t", "core", SubjectType::element, "E1", ""));
  EXPECT_NE(e.findings[0].fingerprint, e.findings[1].fingerprint);
  ASSERT_EQ(e.rules.size(), 1U);
  EXPECT_TRUE(e.rules[0].in_force);
  EXPECT_EQ(e.rules[0].findings, 2U);
}

constexpr std::string_view kCap = R"(  - id: cap
    title: High-risk vendors at most 35% of the access network
    kind: cap
    severity: high
    effective: 2023-07-31
    sources: [src]
    remediation: Swap sites to another vendor.
    select: vendor in hrv
    within: domain == ran
    per: operator
    unit: $cap_unit
    limit: $cap_limit
)";

// ee: 8 cell sites, 3 with a Huawei gNB (S1 also has an Ericsson RU); vf: 4 sites, 1 Huawei.
// A Huawei UPF at a core site is out of scope (within: domain == ran).
Inventory cap_net(std::int64_t huawei_site_subscribers = 1000) {
  Net n;
  const Index ee = n.op("ee");
  const Index vf = n.op("vf");
  for (int i = 1; i <= 8; ++i) {
    const std::string id = fmt::format("S{}", i);
    const Index s = n.site(id, ee, SiteKind::cell, i <= 4 ? "north" : "south", i <= 3 ? huawei_site_subscribers : 1000);
    n.element(fmt::format("G{}", id), s, "gnb", i <= 3 ? "huawei" : "ericsson", kGen5G);
    if (i == 1) n.element("R1", s, "ru", "ericsson");
  }
  const Index core = n.site("C1", ee, SiteKind::core, "north");
  n.element("U1", core, "upf", "huawei");
  for (int i = 1; i <= 4; ++i) {
    const std::string id = fmt::format("V{}", i);
    const Index s = n.site(id, vf, SiteKind::cell, "south", 500);
    n.element(fmt::format("G{}", id), s, "gnb", i == 1 ? "zte" : "nokia");
  }
  return std::move(n).finish();
}

TEST(CapRule, ShareOfSitesAboveTheLimitIsAFindingWithItsMeasure) {
  const Pack pack = pack_of(with_rules(kCap));
  const Inventory inv = cap_net();
  const testing::Run e = run(pack, inv, "2024-01-01");
  EXPECT_EQ(subjects(e), (Strings{"operator:ee"}));
  ASSERT_EQ(e.measures.size(), 2U);
  EXPECT_EQ(e.measures[0].op, "ee");
  EXPECT_DOUBLE_EQ(e.measures[0].value, 3.0 / 8.0);  // 37.5% > 35%
  EXPECT_DOUBLE_EQ(e.measures[0].limit, 0.35);
  EXPECT_EQ(e.measures[0].unit, "sites");
  EXPECT_FALSE(e.measures[0].ok);
  EXPECT_DOUBLE_EQ(e.measures[0].count, 3);
  EXPECT_DOUBLE_EQ(e.measures[0].total, 8);
  EXPECT_EQ(e.measures[1].op, "vf");
  EXPECT_DOUBLE_EQ(e.measures[1].value, 0.25);
  EXPECT_TRUE(e.measures[1].ok);
  EXPECT_EQ(e.findings[0].message,
            "operator ee: 3 of 8 sites (37.5%) in scope `domain == ran` have a matching element; "
            "the limit is 35% [t cap; source: A source]");
  EXPECT_TRUE(run(pack, inv, "2023-07-30").findings.empty());
}

TEST(CapRule, TheUnitIsAParameter) {
  const Pack pack = pack_of(with_rules(kCap));
  // Elements: 3 of 9 RAN elements of ee (33.3%) is under 35%.
  testing::Run e = run(pack, cap_net(), "2024-01-01", {{"", "cap_unit", "elements"}});
  EXPECT_TRUE(e.findings.empty());
  EXPECT_DOUBLE_EQ(e.measures[0].value, 3.0 / 9.0);
  EXPECT_EQ(e.measures[0].unit, "elements");
  // Subscribers: 3 x 100 of 3 x 100 + 5 x 1000 (5.7%) is under; 3 x 10000 of 35000 is over.
  e = run(pack, cap_net(100), "2024-01-01", {{"t", "cap_unit", "subscribers"}});
  EXPECT_TRUE(e.findings.empty());
  EXPECT_DOUBLE_EQ(e.measures[0].value, 300.0 / 5300.0);
  e = run(pack, cap_net(10000), "2024-01-01", {{"", "cap_unit", "subscribers"}});
  EXPECT_EQ(subjects(e), (Strings{"operator:ee"}));
  EXPECT_DOUBLE_EQ(e.measures[0].value, 30000.0 / 35000.0);
  // The limit is at-or-under: 37.5% is allowed at a 37.5% cap.
  e = run(pack, cap_net(), "2024-01-01", {{"", "cap_limit", "0.375"}});
  EXPECT_TRUE(e.findings.empty());
}

TEST(CapRule, PerRegion) {
  std::string rules(kCap);
  rules.replace(rules.find("per: operator"), 13, "per: region");
  const testing::Run e = run(pack_of(with_rules(rules)), cap_net(), "2024-01-01");
  // north: S1-S4 (3 of 4 Huawei); south: S5-S8 and V1-V4 (1 ZTE of 8).
  EXPECT_EQ(subjects(e), (Strings{"region:north"}));
  ASSERT_EQ(e.measures.size(), 2U);
  EXPECT_EQ(e.measures[0].region, "north");
  EXPECT_DOUBLE_EQ(e.measures[0].value, 0.75);
  EXPECT_EQ(e.measures[1].region, "south");
  EXPECT_DOUBLE_EQ(e.measures[1].value, 1.0 / 8.0);
}

TEST(ParamOverrides, UnknownOrIllFittingValuesAreErrors) {
  const Pack pack = pack_of(with_rules(kCap));
  EvaluationOptions options;
  options.as_of = day("2024-01-01");
  const Inventory inv = cap_net();
  options.params = {{"", "cap_units", "sites"}};
  auto e = evaluate(std::span<const Pack>(&pack, 1), inv, options);
  ASSERT_FALSE(e);
  EXPECT_EQ(e.error().front().message, "no pack declares a parameter 'cap_units' (did you mean 'cap_unit'?)");
  options.params = {{"", "cap_unit", "towers"}};
  e = evaluate(std::span<const Pack>(&pack, 1), inv, options);
  ASSERT_FALSE(e);
  EXPECT_NE(e.error().front().message.find("allows only sites, elements or subscribers"), std::string::npos);
  options.params = {{"", "cap_limit", "1.5"}};
  e = evaluate(std::span<const Pack>(&pack, 1), inv, options);
  ASSERT_FALSE(e);
  EXPECT_EQ(e.error().front().to_string(),
            "test.yaml:27:12: column 'cap_limit': 'limit' is a share between 0 and 1 (or 0% and 100%), not 1.5 "
            "(with --param cap_limit=1.5)");
  options.params = {{"xx", "cap_limit", "0.2"}};
  EXPECT_FALSE(evaluate(std::span<const Pack>(&pack, 1), inv, options));
  EXPECT_EQ(parse_param_override("gb.cap_unit = elements")->pack, "gb");
  EXPECT_EQ(parse_param_override("gb.cap_unit = elements")->value, "elements");
  EXPECT_FALSE(parse_param_override("cap_unit"));
}

constexpr std::string_view kProximity = R"(  - id: near
    title: No high-risk vendor near military sites
    kind: proximity
    severity: critical
    effective: 2023-01-28
    sources: [src]
    remediation: Move the site to another vendor.
    select: vendor in hrv
    facilities: {kinds: [military, nuclear], owners: [GB]}
    radius_km: 2
    serving: true
)";

TEST(ProximityRule, WithinTheRadiusOrServingTheFacility) {
  Net n;
  const Index ee = n.op("ee");
  // F1 (military, GB) at 51.5,-0.1. S1 is 1.0 km north; S2 5 km north; S3 10 km away but
  // named in F2's served_by; S4 1 km from F3, a US-owned base (not selected by owner).
  const Index s1 = n.site("S1", ee, SiteKind::hub, {}, kNoCount, 51.509, -0.1);
  const Index s2 = n.site("S2", ee, SiteKind::cell, {}, kNoCount, 51.545, -0.1);
  const Index s3 = n.site("S3", ee, SiteKind::cell, {}, kNoCount, 52.4, -0.1);
  const Index s4 = n.site("S4", ee, SiteKind::cell, {}, kNoCount, 53.009, -1.0);
  const Index s5 = n.site("S5", ee, SiteKind::cell, {}, kNoCount, 54.0015, -2.0);
  n.element("E1", s1, "csr", "huawei");
  n.element("E2", s2, "gnb", "huawei");
  n.element("E3", s3, "gnb", "zte");
  n.element("E4", s4, "gnb", "huawei");
  n.element("E5", s1, "gnb", "ericsson");
  n.element("E6", s5, "gnb", "huawei");
  const Index served[] = {s3};
  n.b.add_facility({.id = "F1", .kind = FacilityKind::military, .lat = 51.5, .lon = -0.1, .owner = *parse_country("GB")});
  n.b.add_facility({.id = "F2", .kind = FacilityKind::nuclear, .lat = 52.0, .lon = -0.1, .owner = *parse_country("GB"), .served_by = served});
  n.b.add_facility({.id = "F3", .kind = FacilityKind::military, .lat = 53.0, .lon = -1.0, .owner = *parse_country("US")});
  n.b.add_facility({.id = "F4", .kind = FacilityKind::embassy, .lat = 51.545, .lon = -0.1, .owner = *parse_country("GB")});
  // F5: no served_by, so the cell sites within the serving radius (2 km; S5 is 0.17 km) serve it.
  n.b.add_facility({.id = "F5", .kind = FacilityKind::nuclear, .lat = 54.0, .lon = -2.0, .owner = *parse_country("GB")});
  const Inventory inv = std::move(n).finish();

  std::string rules(kProximity);
  testing::Run e = run(pack_of(with_rules(rules)), inv, "2024-01-01");
  EXPECT_EQ(subjects(e), (Strings{"element:E1", "element:E3", "element:E6"}));
  EXPECT_NE(e.findings[0].message.find("the site is 1.00 km from military facility F1 (radius 2 km)"), std::string::npos)
      << e.findings[0].message;
  EXPECT_NE(e.findings[1].message.find("the site serves nuclear facility F2"), std::string::npos) << e.findings[1].message;
  EXPECT_NE(e.findings[2].message.find("serves nuclear facility F5 (0.17 km away)"), std::string::npos) << e.findings[2].message;

  // A larger radius reaches S2 (5 km from F1); without serving, F2's served_by no longer
  // counts, and S5 is flagged for its distance to F5.
  rules.replace(rules.find("radius_km: 2"), 12, "radius_km: 6");
  rules.replace(rules.find("serving: true"), 13, "serving: false");
  e = run(pack_of(with_rules(rules)), inv, "2024-01-01");
  EXPECT_EQ(subjects(e), (Strings{"element:E1", "element:E2", "element:E6"}));
  EXPECT_TRUE(run(pack_of(with_rules(rules)), inv, "2023-01-27").findings.empty());
}

// Serving follows a cell site's own range_km: a rural site 7 km away with a 10 km range
// serves F; an urban site 1.5 km away with a 1 km range does not, though the serving
// radius (2 km) would have reached it.
TEST(ProximityRule, ServingFollowsASitesOwnRange) {
  Net n;
  const Index ee = n.op("ee");
  const Index rural = *n.b.add_site({.id = "RURAL", .op = ee, .lat = 54.063, .lon = -2.0, .range_km = 10});
  const Index urban = *n.b.add_site({.id = "URBAN", .op = ee, .lat = 54.0135, .lon = -2.0, .range_km = 1});
  const Index plain = n.site("PLAIN", ee, SiteKind::cell, {}, kNoCount, 54.0, -2.0195);  // 1.27 km, no range
  n.element("E-RURAL", rural, "gnb", "huawei");
  n.element("E-URBAN", urban, "gnb", "huawei");
  n.element("E-PLAIN", plain, "gnb", "huawei");
  n.b.add_facility({.id = "F", .kind = FacilityKind::nuclear, .lat = 54.0, .lon = -2.0, .owner = *parse_country("GB")});
  const Inventory inv = std::move(n).finish();
  std::string rules(kProximity);
  rules.replace(rules.find("radius_km: 2"), 12, "radius_km: 0.5");
  const testing::Run e = run(pack_of(with_rules(rules)), inv, "2024-01-01");
  EXPECT_EQ(subjects(e), (Strings{"element:E-RURAL", "element:E-PLAIN"}));
  EXPECT_NE(e.findings[0].message.find("serves nuclear facility F (7.01 km away)"), std::string::npos)
      << e.findings[0].message;
}

constexpr std::string_view kRequire = R"(  - id: cert
    title: Critical components certified
    kind: require
    severity: high
    effective: 2026-01-01
    sources: [src]
    remediation: Obtain the certificate.
    select: domain == core
    evidence: {type: certification, scheme: BSI TR-03163}
)";

TEST(RequireRule, EvidenceOfTheElementItsModelOrItsVendorValidOnTheDate) {
  Net n;
  const Index op = n.op("dt");
  const Index c = n.site("C1", op, SiteKind::core);
  const Index e1 = n.element("E1", c, "amf", "huawei", 0, kNoDate, "X1");
  const Index e2 = n.element("E2", c, "amf", "ericsson");
  n.element("E3", c, "smf", "nokia");
  n.element("E4", c, "upf", "zte", 0, kNoDate, "X1");  // same model name, other vendor
  n.element("E5", c, "ems", "zte");                    // not core: out of the rule
  (void)e1;
  n.b.add_evidence({.subject_kind = SubjectKind::element, .subject_text = "E2", .element = e2,
                    .type = EvidenceType::certification, .scheme = "BSI TR-03163",
                    .issued = day("2026-03-01"), .expires = day("2028-01-01")});
  n.b.add_evidence({.subject_kind = SubjectKind::model, .subject_text = "model:huawei/X1", .vendor = n.b.vendor("huawei"),
                    .model = "X1", .type = EvidenceType::certification, .scheme = "BSI TR-03163",
                    .issued = day("2025-01-01"), .expires = day("2026-06-01")});
  n.b.add_evidence({.subject_kind = SubjectKind::vendor, .subject_text = "vendor:nokia", .vendor = n.b.vendor("nokia"),
                    .type = EvidenceType::certification, .scheme = "Common Criteria"});
  n.b.add_evidence({.subject_kind = SubjectKind::vendor, .subject_text = "vendor:zte", .vendor = n.b.vendor("zte"),
                    .type = EvidenceType::declaration, .scheme = "BSI TR-03163"});
  const Inventory inv = std::move(n).finish();
  const Pack pack = pack_of(with_rules(kRequire));

  // E1 by its model's certificate; E2 not yet certified; E3's vendor holds another scheme;
  // E4 is the same model name of another vendor; ZTE's declaration is not a certification.
  EXPECT_EQ(subjects(run(pack, inv, "2026-02-01")), (Strings{"element:E2", "element:E3", "element:E4"}));
  EXPECT_EQ(subjects(run(pack, inv, "2026-03-01")), (Strings{"element:E3", "element:E4"}));
  // The model certificate expired on 2026-06-01.
  const testing::Run later = run(pack, inv, "2026-06-01");
  EXPECT_EQ(subjects(later), (Strings{"element:E1", "element:E3", "element:E4"}));
  EXPECT_NE(later.findings[0].message.find("has no certification under BSI TR-03163 valid on 2026-06-01"), std::string::npos)
      << later.findings[0].message;
  EXPECT_TRUE(run(pack, inv, "2025-12-31").findings.empty());
}

// A regime that recognises several certificates (de: TR-03163 takes NESAS CCS-GI, Common
// Criteria or BSZ) accepts any of them, spelled in any case, and no other.
TEST(RequireRule, AnyOfTheSchemesTheRuleRecognises) {
  Net n;
  const Index op = n.op("dt");
  const Index c = n.site("C1", op, SiteKind::core);
  const Index e1 = n.element("E1", c, "amf", "ericsson");
  const Index e2 = n.element("E2", c, "smf", "ericsson");
  const Index e3 = n.element("E3", c, "upf", "ericsson");
  const Index e4 = n.element("E4", c, "udm", "ericsson");
  const Index e5 = n.element("E5", c, "ausf", "ericsson");
  auto certify = [&](Index e, std::string_view id, std::string_view scheme) {
    n.b.add_evidence({.subject_kind = SubjectKind::element, .subject_text = id, .element = e,
                      .type = EvidenceType::certification, .scheme = scheme});
  };
  certify(e1, "E1", "NESAS CCS-GI");
  certify(e2, "E2", "common criteria");
  certify(e3, "E3", " BSZ ");
  certify(e4, "E4", "BSI TR-03163");  // the guideline, not a certificate scheme
  certify(e5, "E5", "NESAS");         // GSMA's assessment alone, not BSI's CCS-GI
  const Inventory inv = std::move(n).finish();
  std::string rules(kRequire);
  rules.replace(rules.find("scheme: BSI TR-03163"), 20, "schemes: [NESAS CCS-GI, Common Criteria, BSZ]");
  const testing::Run r = run(pack_of(with_rules(rules)), inv, "2026-02-01");
  EXPECT_EQ(subjects(r), (Strings{"element:E4", "element:E5"}));
  ASSERT_FALSE(r.findings.empty());
  EXPECT_NE(r.findings[0].message.find("has no certification under NESAS CCS-GI, Common Criteria or BSZ valid on"),
            std::string::npos)
      << r.findings[0].message;
}

// Facilities by where they are (the network's country), whoever owns them.
TEST(ProximityRule, LocatedInTakesEveryOwnersFacilityInTheCountry) {
  constexpr std::string_view kLocated = R"(  - id: near
    title: Not at sensitive sites
    kind: proximity
    severity: critical
    effective: 2023-01-28
    sources: [src]
    remediation: Replace it.
    select: vendor in hrv
    facilities: {kinds: [military], located_in: [GB]}
    radius_km: 2
)";
  auto network = [](std::string_view country) {
    Net n;
    const Index ee = n.op("ee");
    const Index s1 = n.site("S1", ee, SiteKind::cell, {}, kNoCount, 51.509, -0.1);
    const Index s2 = n.site("S2", ee, SiteKind::cell, {}, kNoCount, 52.409, 0.56);
    n.element("E1", s1, "gnb", "huawei");
    n.element("E2", s2, "gnb", "huawei");
    n.b.add_facility({.id = "F-GB", .kind = FacilityKind::military, .lat = 51.5, .lon = -0.1, .owner = *parse_country("GB")});
    n.b.add_facility({.id = "F-US", .kind = FacilityKind::military, .lat = 52.4, .lon = 0.56, .owner = *parse_country("US")});
    Inventory inv = std::move(n).finish();
    if (!country.empty()) inv.meta.country = *parse_country(country);
    return inv;
  };
  const Pack pack = pack_of(with_rules(kLocated));
  EXPECT_EQ(subjects(run(pack, network("GB"), "2024-01-01")), (Strings{"element:E1", "element:E2"}));
  EXPECT_TRUE(run(pack, network("IE"), "2024-01-01").findings.empty());
  // An inventory that names no country is taken for the pack's jurisdiction's.
  EXPECT_EQ(subjects(run(pack, network(""), "2024-01-01")), (Strings{"element:E1", "element:E2"}));
}

constexpr std::string_view kDiversity = R"(  - id: multi
    title: A multi-vendor strategy per operator
    kind: diversity
    severity: medium
    effective: 2020-01-29
    sources: [src]
    remediation: Add a second vendor.
    select: domain == ran
    min_vendors: 2
    max_share: 80%
)";

TEST(DiversityRule, PerOperatorAndDomain) {
  Net n;
  const Index ee = n.op("ee"), vf = n.op("vf"), o2 = n.op("o2");
  const Index se = n.site("SE", ee), sv = n.site("SV", vf), so = n.site("SO", o2);
  for (int i = 0; i < 10; ++i) {
    const std::string k = fmt::format("{}", i);
    n.element(fmt::format("ee{}", k), se, "ru", i < 9 ? "huawei" : "ericsson");
    n.element(fmt::format("vf{}", k), sv, "ru", "nokia");
    n.element(fmt::format("o2{}", k), so, "ru", i < 5 ? "ericsson" : "nokia");
  }
  n.element("core", se, "amf", "huawei");  // one vendor in ee's core: outside `select`
  const testing::Run e = run(pack_of(with_rules(kDiversity)), std::move(n).finish(), "2024-01-01");
  EXPECT_EQ(subjects(e), (Strings{"operator:ee", "operator:vf"}));
  EXPECT_EQ(e.findings[0].scope, "ran");
  EXPECT_EQ(e.findings[0].vendor, "huawei");
  EXPECT_EQ(e.findings[0].message,
            "operator ee, ran domain: 2 vendors among 10 matching elements; huawei has 90%; no vendor may "
            "exceed 80% [t multi; source: A source]");
  EXPECT_NE(e.findings[1].message.find("1 vendor among 10"), std::string::npos) << e.findings[1].message;
  EXPECT_NE(e.findings[1].message.find("at least 2 vendors required"), std::string::npos);
  ASSERT_EQ(e.measures.size(), 6U);  // vendors and max share, for 3 operators
  EXPECT_EQ(e.measures[2].op, "vf");
  EXPECT_EQ(e.measures[2].unit, "vendors");
  EXPECT_DOUBLE_EQ(e.measures[2].value, 1);
  EXPECT_FALSE(e.measures[2].ok);
  EXPECT_DOUBLE_EQ(e.measures[5].value, 0.5);
  EXPECT_TRUE(e.measures[5].ok);
}

}  // namespace
}  // namespace netvet::policy
