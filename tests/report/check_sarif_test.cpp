#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <memory>
#include <set>

#include "check_fixture.h"
#include "report/check_formats.h"

namespace netvet::report {
namespace {

using json = nlohmann::json;

class CheckSarif : public ::testing::Test {
 protected:
  Inventory inv = testing::sample_inventory();
  CheckReport report = testing::sample_report(inv);
  json render() const { return json::parse(check_sarif(report).dump()); }
};

TEST_F(CheckSarif, HasTheShapeOfSarif210) {
  const json s = render();
  EXPECT_EQ(s["version"], "2.1.0");
  EXPECT_TRUE(s["$schema"].get<std::string>().ends_with("sarif-2.1.0.json"));
  ASSERT_EQ(s["runs"].size(), 1u);
  const json& driver = s["runs"][0]["tool"]["driver"];
  EXPECT_EQ(driver["name"], "netvet");
  EXPECT_FALSE(driver["version"].get<std::string>().empty());
  EXPECT_FALSE(driver.contains("informationUri"));  // not invented when unknown
  report.information_uri = "https://example.org/netvet";
  EXPECT_EQ(render()["runs"][0]["tool"]["driver"]["informationUri"], "https://example.org/netvet");

  // Every rule the report knows, once, with a short description.
  const json& rules = driver["rules"];
  ASSERT_EQ(rules.size(), report.rules.size());
  std::set<std::string> ids;
  for (const json& r : rules) {
    EXPECT_TRUE(ids.insert(r["id"].get<std::string>()).second) << r["id"];
    EXPECT_FALSE(r["shortDescription"]["text"].get<std::string>().empty());
  }
  EXPECT_EQ(rules[0]["id"], "uk-tsa/core-exclusion");
  EXPECT_EQ(rules[0]["helpUri"], report.rules[0].source.url);
  EXPECT_EQ(rules[0]["fullDescription"]["text"], report.rules[0].description);
  EXPECT_FALSE(rules[4].contains("helpUri"));  // a rule without a source

  const json& results = s["runs"][0]["results"];
  ASSERT_EQ(results.size(), report.findings.size());
  for (const json& r : results) {
    const std::string id = r["ruleId"];
    ASSERT_TRUE(ids.contains(id)) << id;
    EXPECT_EQ(rules[r["ruleIndex"].get<std::size_t>()]["id"], id);
    EXPECT_TRUE(std::set<std::string>({"error", "warning", "note"}).contains(r["level"])) << r["level"];
    EXPECT_FALSE(r["message"]["text"].get<std::string>().empty());
    ASSERT_EQ(r["locations"].size(), 1u);
    const json& logical = r["locations"][0]["logicalLocations"];
    ASSERT_EQ(logical.size(), 1u);
    EXPECT_EQ(logical[0]["kind"], "resource");
    EXPECT_FALSE(logical[0]["fullyQualifiedName"].get<std::string>().empty());
    ASSERT_TRUE(r["partialFingerprints"].is_object());
    EXPECT_FALSE(r["partialFingerprints"].empty());
  }
  EXPECT_EQ(results[0]["level"], "error");    // critical
  EXPECT_EQ(results[2]["level"], "warning");  // medium
  EXPECT_EQ(results[4]["level"], "note");     // low
  EXPECT_EQ(results[0]["locations"][0]["logicalLocations"][0]["fullyQualifiedName"], "ee/element/E-LDN-AMF");
  EXPECT_EQ(results[1]["locations"][0]["logicalLocations"][0]["fullyQualifiedName"], "operator/ee");
  // The waived finding is reported, suppressed with its reason.
  EXPECT_FALSE(results[0].contains("suppressions"));
  ASSERT_TRUE(results[3].contains("suppressions"));
  EXPECT_EQ(results[3]["suppressions"][0]["kind"], "external");
  EXPECT_EQ(results[3]["suppressions"][0]["justification"], std::string(report.findings[3].waiver));
}

TEST_F(CheckSarif, RulesOnlyInMeasuresStillGetARule) {
  report.measures.push_back({"eu-5g", "vendor-cap", "ee", 0.5, 0.4, MeasureUnit::sites, false});
  const json s = render();
  const json& rules = s["runs"][0]["tool"]["driver"]["rules"];
  ASSERT_EQ(rules.size(), report.rules.size() + 1);
  EXPECT_EQ(rules.back()["id"], "eu-5g/vendor-cap");
  EXPECT_EQ(rules.back()["shortDescription"]["text"], "vendor-cap");
  // The report's own rules come first, so a finding's rule keeps its index.
  for (const json& r : s["runs"][0]["results"]) EXPECT_EQ(rules[r["ruleIndex"].get<std::size_t>()]["id"], r["ruleId"]);
}

std::map<std::string, std::string> fingerprints(const json& sarif) {
  std::map<std::string, std::string> out;  // fullyQualifiedName + rule -> fingerprint
  for (const json& r : sarif["runs"][0]["results"])
    out[r["ruleId"].get<std::string>() + " " +
        r["locations"][0]["logicalLocations"][0]["fullyQualifiedName"].get<std::string>()] =
        r["partialFingerprints"].dump();
  return out;
}

TEST_F(CheckSarif, FingerprintsAreStableAcrossRunsOrderAndWording) {
  const auto first = fingerprints(render());
  EXPECT_EQ(first, fingerprints(render()));
  // Another run: findings in another order, messages reworded, dates moved.
  std::ranges::reverse(report.findings);
  for (std::size_t i = 0; i < report.findings.size(); ++i) {
    testing::set_message(report, i, message_of(report, report.findings[i]) + " (reworded)");
    report.findings[i].effective = kNoDate;
  }
  EXPECT_EQ(first, fingerprints(render()));
  // ... and distinct findings never share one.
  std::set<std::string> distinct;
  for (const auto& [key, fp] : first) distinct.insert(fp);
  EXPECT_EQ(distinct.size(), first.size());
  // A given fingerprint is kept as is.
  report.findings[0].fingerprint = 0x0123456789abcdefULL;
  EXPECT_EQ(render()["runs"][0]["results"][0]["partialFingerprints"]["netvetFinding/v1"], "0123456789abcdef");
}

TEST(FindingFingerprint, DependsOnIdentityNotOnMessage) {
  CheckReport report;
  report.rules = {{.policy = "p", .rule = "r"}, {.policy = "ab", .rule = "c"}, {.policy = "a", .rule = "bc"}};
  auto messages = std::make_shared<MessageList>();
  Finding a{.rule = 0, .subject_id = "E1", .op = "ee", .vendor = "huawei", .detail = messages->add("x")};
  Finding b = a;
  b.detail = messages->add("y");
  b.severity = FindingSeverity::low;
  report.messages = messages;
  EXPECT_EQ(finding_fingerprint(report, a), finding_fingerprint(report, b));
  b.subject_id = "E2";
  EXPECT_NE(finding_fingerprint(report, a), finding_fingerprint(report, b));
  // Field boundaries count: ("ab", "c") is not ("a", "bc").
  Finding c = a, d = a;
  c.rule = 1;
  d.rule = 2;
  EXPECT_NE(finding_fingerprint(report, c), finding_fingerprint(report, d));
  EXPECT_EQ(finding_fingerprint(report, a).size(), 16u);
}

}  // namespace
}  // namespace netvet::report
