// Judging a scenario: small networks whose findings are known by hand (the policy fixtures
// of us-sharing and us-colocation), so that every verdict below is worked out from their
// expected.yaml files, not read off the program (tests/fixtures/alliance/scenarios/README.md).

#include <gtest/gtest.h>

#include <filesystem>

#include "alliance/alliance.h"
#include "policy/assume.h"
#include "policy/evaluate.h"

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

TEST(Verdicts, AnAllianceNoCountryBelongsToIsNoted) {
  auto scenario = parse_scenario(R"(format: netvet-alliance
version: 1
name: No five-eyes here
partner: US
sharing: [packs/core-only.yaml]
countries:
  - code: DE
    alliances: [nato]
    networks:
      - inventory: ../../policy/us-sharing/ndaa-fy2020-core/fires/inventory.json
)", "s.yaml", kScenarios);
  ASSERT_TRUE(scenario) << all_of(scenario.error());
  auto report = judge(*scenario, {.as_of = *parse_date("2020-02-01")});
  ASSERT_TRUE(report) << all_of(report.error());
  EXPECT_EQ(report->notes, (std::vector<std::string>{"core-only/core applies to members of 'five-eyes', and no country "
                                                     "of the scenario is one: check the spelling in the pack and the "
                                                     "countries' alliances"}));
  EXPECT_EQ(report->countries[0].verdicts[0].verdict.name(), "n/a");
  EXPECT_TRUE(judged("2020-02-01").report.notes.empty()) << "GB is five-eyes there";
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

std::vector<std::string> all_elements(const std::vector<Replacement>& list) {
  std::vector<std::string> out;
  for (const auto& r : list) out.insert(out.end(), r.elements.begin(), r.elements.end());
  return out;
}

TEST(ToChange, ListsPerOperatorWhatClearsEachRule) {
  const Judged j = judged("2020-02-01");
  const auto& gb = j.report.countries[0];
  const auto& de = j.report.countries[1];
  const auto& it = j.report.countries[2];
  // GB: the Huawei gNodeB of the 'radio' network, and nothing for rules without findings.
  ASSERT_EQ(gb.verdicts[1].to_change.size(), 1U);
  EXPECT_EQ(gb.verdicts[1].to_change[0].op, "op1");
  EXPECT_EQ(gb.verdicts[1].to_change[0].network, "radio");
  EXPECT_EQ(all_elements(gb.verdicts[1].to_change), (std::vector<std::string>{"S1-GNB"}));
  EXPECT_TRUE(gb.verdicts[0].to_change.empty());
  // DE: forbid rules list exactly what they flag (the expected.yaml files of the fixtures).
  EXPECT_EQ(all_elements(de.verdicts[0].to_change), (std::vector<std::string>{"CORE1-AMF", "CORE1-UPF"}));
  EXPECT_EQ(all_elements(de.verdicts[2].to_change), (std::vector<std::string>{"CORE1-UPF", "NOC1-EMS", "IX1-SEPP"}));
  EXPECT_EQ(de.verdicts[1].to_change_count, 3U);
  // IT: the embassy's way through op1 crosses the Huawei cell-site router C1-CSR, and op3's
  // Huawei EMS1 manages an element on it: both go, listed under op1 for the facility.
  EXPECT_EQ(all_elements(it.verdicts[3].to_change), (std::vector<std::string>{"C1-CSR", "NOC3-EMS1"}));
  const auto& embassy = it.verdicts[3].facilities[0];
  ASSERT_EQ(embassy.to_change.size(), 1U);
  EXPECT_EQ(embassy.to_change[0].op, "op1");
  EXPECT_EQ(embassy.to_change[0].elements, (std::vector<std::string>{"C1-CSR", "NOC3-EMS1"}));
  for (const auto& c : j.report.countries)
    for (const auto& v : c.verdicts) EXPECT_TRUE(v.to_change_clears) << c.country->name << " " << v.rule->id;
}

TEST(ToChange, ReRunningEachRuleAfterItsReplacementsFindsNothing) {
  // Independently of the checks judge() makes: each network rebuilt, each rule's to_change
  // made by Ericsson, the sharing packs evaluated again.
  const Judged j = judged("2020-02-01");
  std::size_t checked = 0;
  for (const auto& c : j.report.countries) {
    for (std::size_t n = 0; n < c.country->networks.size(); ++n) {
      auto network = build_network(c.country->networks[n]);
      ASSERT_TRUE(network) << all_of(network.error());
      for (std::uint32_t i = 0; i < c.verdicts.size(); ++i) {
        std::vector<Index> rows;
        for (const auto& r : c.verdicts[i].to_change)
          if (r.network == c.networks[n])
            for (const auto& id : r.elements) rows.push_back(*network->find_element(id));
        if (rows.empty()) continue;
        Inventory copy = policy::clone_inventory(*network);
        ASSERT_TRUE(policy::replace_elements(copy, rows, "ericsson"));
        policy::EvaluationOptions options;
        options.as_of = j.report.as_of;
        auto ev = policy::evaluate(j.scenario.sharing, copy, options);
        ASSERT_TRUE(ev);
        std::size_t left = 0;
        ev->findings.for_each_of(i, [&](const policy::Finding& f) { left += policy::clause_of(*ev, f) != "isolated"; });
        EXPECT_EQ(left, 0U) << c.country->name << " " << c.networks[n] << " " << c.verdicts[i].rule->id;
        ++checked;
      }
    }
  }
  EXPECT_EQ(checked, 7U) << "GB 1, DE 3, IT 3 rules with findings";
}

struct Projected {
  Scenario scenario;
  AllianceReport report;
};

Projected projected(std::string_view as_of) {
  auto scenario = load_scenario_file(kScenarios / "projection.yaml");
  EXPECT_TRUE(scenario) << all_of(scenario.error());
  Projected out{std::move(*scenario), {}};
  auto report = judge(out.scenario, {.as_of = *parse_date(as_of)});
  EXPECT_TRUE(report) << all_of(report.error());
  out.report = std::move(*report);
  return out;
}

TEST(Projection, TheFiveGRuleTurnsFullOnTheRegimesDateAndNotBefore) {
  const Projected p = projected("2020-02-01");
  const auto& gb = p.report.countries[0];
  EXPECT_EQ(gb.verdicts[1].verdict.name(), "none") << "S1-GNB: Huawei in 5G today";
  ASSERT_EQ(gb.projection.size(), 2U);
  // 2023-06-30: the ZTE router goes (transport); S.3153 reads Huawei in 5G still.
  EXPECT_EQ(format_date(gb.projection[0].date), "2023-06-30");
  EXPECT_EQ(gb.projection[0].replaced, 1U);
  EXPECT_EQ(gb.projection[0].events, (std::vector<std::string>{"remove-5g/transport-out takes effect"}));
  EXPECT_EQ(gb.projection[0].verdicts[1].name(), "none");
  EXPECT_EQ(of(gb.projection[0].if_enacted, SharingScope::intelligence), SharingLevel::none);
  // 2027-12-31: the Huawei gNodeB goes; S.3153 has nothing left to read.
  EXPECT_EQ(format_date(gb.projection[1].date), "2027-12-31");
  EXPECT_EQ(gb.projection[1].replaced, 1U);
  EXPECT_EQ(gb.projection[1].verdicts[1].name(), "full");
  EXPECT_EQ(gb.projection[1].findings[1], 0U);
  EXPECT_EQ(of(gb.projection[1].if_enacted, SharingScope::intelligence), SharingLevel::full);
  // Judged on the eve of the date, the network is as it is: nothing is projected as done.
  const Projected eve = projected("2027-12-30");
  EXPECT_EQ(eve.report.countries[0].verdicts[1].verdict.name(), "none");
  ASSERT_EQ(eve.report.countries[0].projection.size(), 1U);
  EXPECT_EQ(format_date(eve.report.countries[0].projection[0].date), "2027-12-31");
}

TEST(Projection, WhatTheRegimeAlreadyRequiredIsOverdueAndDoneOnTheFirstDate) {
  // On 2024-01-01 the ZTE router should have gone (2023-06-30) and has not: it is replaced
  // with the Huawei gNodeB on 2027-12-31, and the step says so.
  const Projected p = projected("2024-01-01");
  const auto& gb = p.report.countries[0];
  ASSERT_EQ(gb.projection.size(), 1U);
  EXPECT_EQ(format_date(gb.projection[0].date), "2027-12-31");
  EXPECT_EQ(gb.projection[0].replaced, 2U);
  EXPECT_EQ(gb.projection[0].overdue, 1U);
  EXPECT_EQ(gb.projection[0].events,
            (std::vector<std::string>{"remove-5g/5g-out takes effect",
                                      "1 element the regime already required on 2024-01-01 (overdue)"}));
}

TEST(Projection, WhatWasDueWhileARuleWasInForceIsDoneThoughTheRuleEnds) {
  // The transport rule is in force on 2020-02-01 and ends on 2021-01-01: the ZTE router was
  // due while it held, so the first date replaces it and says so.
  auto scenario = parse_scenario(R"(format: netvet-alliance
version: 1
name: A rule that ends
as_of: 2020-02-01
partner: US
sharing: [us-sharing]
countries:
  - code: GB
    alliances: [five-eyes]
    regime: [packs/transport-until-2021.yaml]
    networks:
      - inventory: ../../policy/us-sharing/ndaa-fy2020-core/quiet/inventory.json
)", "s.yaml", kScenarios);
  ASSERT_TRUE(scenario) << all_of(scenario.error());
  auto report = judge(*scenario, {.as_of = *parse_date("2020-02-01")});
  ASSERT_TRUE(report) << all_of(report.error());
  const auto& steps = report->countries[0].projection;
  ASSERT_EQ(steps.size(), 1U);
  EXPECT_EQ(format_date(steps[0].date), "2021-01-01");
  EXPECT_EQ(steps[0].overdue, 1U);
  EXPECT_EQ(steps[0].replaced, 1U);
  EXPECT_EQ(steps[0].events, (std::vector<std::string>{"transport-until-2021/transport-out ends",
                                                        "1 element the regime already required on 2020-02-01 (overdue)"}));
}

TEST(Projection, TheSharingRulesOwnDatesAreOnItsTimelineToo) {
  // Judged on 2019-06-01 the NDAA (2019-12-20) and S.3153 (2020-01-08) are not yet in
  // force: their dates are events, and S.3153 turns none when it takes effect, with nothing
  // replaced for it.
  const Projected p = projected("2019-06-01");
  const auto& gb = p.report.countries[0];
  EXPECT_EQ(gb.verdicts[1].verdict.name(), "full");
  ASSERT_GE(gb.projection.size(), 1U);
  EXPECT_EQ(format_date(gb.projection[0].date), "2020-01-08");
  EXPECT_EQ(gb.projection[0].events, (std::vector<std::string>{"us-sharing/s3153-huawei-5g takes effect"}));
  EXPECT_EQ(gb.projection[0].replaced, 0U);
  EXPECT_EQ(gb.projection[0].verdicts[1].name(), "none");
}

TEST(Projection, ACountryWithoutARegimeStaysAsItIs) {
  const Projected p = projected("2020-02-01");
  const auto& jp = p.report.countries[1];
  EXPECT_TRUE(jp.country->regime.empty());
  EXPECT_TRUE(jp.projection.empty());
  EXPECT_EQ(jp.verdicts[1].verdict.name(), "none");
}

}  // namespace
}  // namespace netvet::alliance
