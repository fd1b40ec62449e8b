// Judging a scenario: small networks whose findings are known by hand (the policy fixtures
// of us-sharing and us-colocation), so that every verdict below is worked out from their
// expected.yaml files, not read off the program (tests/fixtures/alliance/scenarios/README.md).

#include <gtest/gtest.h>

#include <filesystem>

#include "alliance/alliance.h"

namespace netvet::alliance {
namespace {

using policy::SharingLevel;
using policy::SharingScope;

const std::filesystem::path kScenarios = std::filesystem::path(NETVET_FIXTURES) / "alliance" / "scenarios";

std::string all_of(const Diagnostics& problems) {
  std::string out;
  for (const auto& d : problems) out += d.to_string() + "\n";
  return out;
}

struct Judged {
  Scenario scenario;
  AllianceReport report;
};

Judged judged(std::string_view as_of) {
  auto scenario = load_scenario_file(kScenarios / "verdicts.yaml");
  EXPECT_TRUE(scenario) << all_of(scenario.error());
  Judged out{std::move(*scenario), {}};
  auto report = judge(out.scenario, {.as_of = *parse_date(as_of)});
  EXPECT_TRUE(report) << all_of(report.error());
  out.report = std::move(*report);
  return out;
}

// The verdict names of a country, rule by rule: us-sharing's four, then core-only's.
std::vector<std::string> names(const CountryVerdicts& c) {
  std::vector<std::string> out;
  for (const auto& v : c.verdicts) out.emplace_back(v.verdict.name());
  return out;
}

SharingLevel of(const ScopeLevels& levels, SharingScope scope) { return levels[static_cast<std::size_t>(scope)]; }

TEST(Verdicts, EachRuleGivesItsVerdictWhereItHasFindingsFullWhereNotAndNaWhereItDoesNotApply) {
  const Judged j = judged("2020-02-01");
  ASSERT_EQ(j.report.countries.size(), 4U);
  const auto& gb = j.report.countries[0];
  const auto& de = j.report.countries[1];
  const auto& it = j.report.countries[2];
  const auto& jp = j.report.countries[3];
  // GB: Huawei in the 5G radio of one network (S1-GNB) and in 4G of the other; core-only
  // applies (five-eyes) and is quiet.
  EXPECT_EQ(names(gb), (std::vector<std::string>{"full", "none", "full", "full", "full"}));
  EXPECT_EQ(gb.verdicts[1].findings, 1U);
  EXPECT_EQ(gb.networks, (std::vector<std::string>{"radio", "4g"}));
  // DE: the ZTE AMF and Huawei UPF (ndaa: 2), the Huawei UPF, SEPP and gNodeB (S.3153: 3),
  // the Huawei UPF, EMS and SEPP (statements: 3); core-only does not apply (not five-eyes).
  EXPECT_EQ(names(de), (std::vector<std::string>{"restricted", "none", "restricted", "full", "n/a"}));
  EXPECT_EQ(de.verdicts[0].findings, 2U);
  EXPECT_EQ(de.verdicts[1].findings, 3U);
  EXPECT_EQ(de.verdicts[2].findings, 3U);
  EXPECT_EQ(de.verdicts[4].findings, 0U) << "a rule that does not apply counts nothing";
  // IT: the ZTE AMF of op2 (ndaa: 1), two Huawei EMSs (statements: 2), nothing 5G; the US
  // embassy F-EMB exposed to Huawei through op1 (co-location: none).
  EXPECT_EQ(names(it), (std::vector<std::string>{"restricted", "full", "restricted", "none", "n/a"}));
  EXPECT_EQ(it.verdicts[0].findings, 1U);
  EXPECT_EQ(it.verdicts[2].findings, 2U);
  EXPECT_EQ(it.verdicts[3].findings, 1U);
  // JP: nothing, and a US base that cannot be vetted (no verdict from it).
  EXPECT_EQ(names(jp), (std::vector<std::string>{"full", "full", "full", "full", "n/a"}));
  EXPECT_EQ(jp.verdicts[3].findings, 0U);
  EXPECT_EQ(jp.verdicts[3].unvetted, 1U);
}

TEST(Verdicts, OverallCountsEnactedRulesAndIfEnactedCountsThemAll) {
  const Judged j = judged("2020-02-01");
  const auto& gb = j.report.countries[0];
  const auto& de = j.report.countries[1];
  const auto& it = j.report.countries[2];
  const auto& jp = j.report.countries[3];
  // GB: only the bill fires.
  EXPECT_EQ(of(gb.overall, SharingScope::intelligence), SharingLevel::full);
  EXPECT_EQ(of(gb.if_enacted, SharingScope::intelligence), SharingLevel::none);
  EXPECT_EQ(of(gb.if_enacted, SharingScope::co_location), SharingLevel::full);
  // DE: the enacted NDAA reading restricts; the bill would end sharing.
  EXPECT_EQ(of(de.overall, SharingScope::intelligence), SharingLevel::restricted);
  EXPECT_EQ(of(de.if_enacted, SharingScope::intelligence), SharingLevel::none);
  // IT: co-location rests on a statement: full overall, none if enacted.
  EXPECT_EQ(of(it.overall, SharingScope::intelligence), SharingLevel::restricted);
  EXPECT_EQ(of(it.overall, SharingScope::co_location), SharingLevel::full);
  EXPECT_EQ(of(it.if_enacted, SharingScope::intelligence), SharingLevel::restricted);
  EXPECT_EQ(of(it.if_enacted, SharingScope::co_location), SharingLevel::none);
  EXPECT_EQ(jp.overall, (ScopeLevels{SharingLevel::full, SharingLevel::full}));
  EXPECT_EQ(jp.if_enacted, (ScopeLevels{SharingLevel::full, SharingLevel::full}));
  EXPECT_TRUE(j.report.restricted_anywhere());
}

TEST(Verdicts, EveryFacilityOfThePartnersGetsItsOwnVerdict) {
  const Judged j = judged("2020-02-01");
  // IT's network: F-EMB (embassy, exposed through op1), F-BASE (military; its ZTE AMF is
  // not Huawei), F-CONS (government: not a kind the rule names), F-CLEAN (embassy, a clean
  // way through op4). F-GB is the UK's, not the partner's.
  const auto& facilities = j.report.countries[2].verdicts[3].facilities;
  ASSERT_EQ(facilities.size(), 4U);
  std::vector<std::string> seen;
  for (const auto& f : facilities) seen.push_back(f.id + ":" + std::string(f.verdict_name()));
  EXPECT_EQ(seen, (std::vector<std::string>{"F-EMB:none", "F-BASE:full", "F-CONS:n/a", "F-CLEAN:full"}));
  EXPECT_EQ(facilities[0].operator_id, "op1");
  // JP's isolated base: unvetted, not passed and not failed.
  const auto& jp = j.report.countries[3].verdicts[3].facilities;
  ASSERT_EQ(jp.size(), 1U);
  EXPECT_EQ(jp[0].id, "F-ISO");
  EXPECT_FALSE(jp[0].vetted);
  EXPECT_EQ(jp[0].verdict_name(), "unvetted");
  // Intelligence rules carry no facility verdicts.
  EXPECT_TRUE(j.report.countries[2].verdicts[0].facilities.empty());
}

TEST(Verdicts, RulesNotYetInForceGiveFullAndCountForNeither) {
  // 2019-12-01: the NDAA (2019-12-20) and S.3153 (2020-01-08) are not in force; the 2019
  // statements are (2019-02-11).
  const Judged j = judged("2019-12-01");
  const auto& de = j.report.countries[1];
  EXPECT_EQ(names(de), (std::vector<std::string>{"full", "full", "restricted", "full", "n/a"}));
  EXPECT_FALSE(de.verdicts[0].in_force);
  EXPECT_NE(de.verdicts[0].because.find("Not in force on 2019-12-01: in force from 2019-12-20."), std::string::npos)
      << de.verdicts[0].because;
  EXPECT_EQ(of(de.overall, SharingScope::intelligence), SharingLevel::full);
  EXPECT_EQ(of(de.if_enacted, SharingScope::intelligence), SharingLevel::restricted);
  EXPECT_FALSE(j.report.restricted_anywhere()) << "no enacted rule in force restricts anyone";
}

TEST(Verdicts, EachVerdictSaysWhyInOneSentence) {
  const Judged j = judged("2020-02-01");
  const auto& gb = j.report.countries[0];
  EXPECT_EQ(gb.verdicts[1].because,
            "1 finding in 1 of the 2 networks of United Kingdom (huawei 1), e.g. huawei gnb S1-GNB of op1 (in "
            "'radio'); verdict none, if the bill were enacted.");
  EXPECT_EQ(gb.verdicts[0].because, "No finding in the 2 networks of United Kingdom; verdict full.");
  const auto& de = j.report.countries[1];
  EXPECT_EQ(de.verdicts[4].because, "Does not apply to Germany: the rule concerns members of five-eyes only.");
  EXPECT_NE(de.verdicts[0].because.find("2 findings in the network of Germany (huawei 1, zte 1)"), std::string::npos)
      << de.verdicts[0].because;
  EXPECT_NE(de.verdicts[0].because.find("; verdict restricted, by law in force."), std::string::npos);
  const auto& it = j.report.countries[2].verdicts[3].because;
  EXPECT_NE(it.find("1 facility in the network of Italy (huawei 1), e.g. embassy facility F-EMB"), std::string::npos) << it;
  EXPECT_NE(it.find("C1-CSR (huawei csr)"), std::string::npos) << "names the cut: " << it;
  EXPECT_EQ(it.find("[us-sharing"), std::string::npos) << "the citation is the rule's, shown with the rule";
  EXPECT_NE(j.report.countries[3].verdicts[3].because.find("1 facility could not be vetted"), std::string::npos);
}

TEST(Verdicts, ANetworkThatDoesNotLoadIsReportedInItsOwnFiles) {
  auto scenario = parse_scenario(R"(format: netvet-alliance
version: 1
name: Bad network
partner: US
sharing: [us-sharing]
countries:
  - code: GB
    networks:
      - inventory: ../../io/bad/unknown_function
)", "bad.yaml", kScenarios);
  ASSERT_TRUE(scenario) << all_of(scenario.error());
  auto report = judge(*scenario, {.as_of = *parse_date("2020-02-01")});
  ASSERT_FALSE(report);
  EXPECT_NE(report.error().front().file.find("unknown_function"), std::string::npos) << all_of(report.error());
}

}  // namespace
}  // namespace netvet::alliance
