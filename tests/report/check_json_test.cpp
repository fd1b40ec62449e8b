#include <gtest/gtest.h>

#include <regex>
#include <set>

#include "check_fixture.h"
#include "report/check_formats.h"

namespace netvet::report {
namespace {

using json = nlohmann::json;

std::vector<std::string> keys(const json& j) {
  std::vector<std::string> out;
  for (const auto& [k, v] : j.items()) out.push_back(k);
  return out;
}

// Round-tripped through text, as a script would read it.
json render(const CheckReport& r) { return json::parse(check_json(r).dump()); }

class CheckJson : public ::testing::Test {
 protected:
  Inventory inv = testing::sample_inventory();
  CheckReport report = testing::sample_report(inv);
};

TEST_F(CheckJson, TopLevelAndNestedKeysAreCliMdsInItsOrder) {
  const json j = json::parse(check_json(report).dump());  // ordered_json keeps order in text
  const nlohmann::ordered_json o = nlohmann::ordered_json::parse(check_json(report).dump());
  std::vector<std::string> top;
  for (const auto& [k, v] : o.items()) top.push_back(k);
  EXPECT_EQ(top, (std::vector<std::string>{"as_of", "policies", "summary", "findings", "measures"}));
  EXPECT_EQ(j["as_of"], "2026-11-22");
  ASSERT_EQ(j["policies"].size(), 2u);
  for (const json& p : j["policies"]) EXPECT_EQ(keys(p), (std::vector<std::string>{"id", "title", "version"}));
  EXPECT_EQ(j["policies"][0]["id"], "uk-tsa");
  EXPECT_EQ(j["policies"][0]["version"], "2022-10");

  // Findings: cli.md's eight keys first, in its order; additions only after them.
  const std::vector<std::string> contract = {"policy", "rule", "severity", "subject", "operator", "vendor",
                                             "effective", "message"};
  const std::set<std::string> additions = {"clause", "measured", "fingerprint", "waived", "waiver", "source",
                                           "remediation"};
  ASSERT_EQ(o["findings"].size(), report.findings.size());
  for (const auto& f : o["findings"]) {
    std::vector<std::string> k;
    for (const auto& [name, v] : f.items()) k.push_back(name);
    ASSERT_GE(k.size(), contract.size());
    EXPECT_EQ(std::vector<std::string>(k.begin(), k.begin() + 8), contract);
    for (std::size_t i = 8; i < k.size(); ++i) EXPECT_TRUE(additions.contains(k[i])) << k[i];
    std::vector<std::string> subject;
    for (const auto& [name, v] : f["subject"].items()) subject.push_back(name);
    EXPECT_EQ(subject, (std::vector<std::string>{"kind", "id"}));
    EXPECT_TRUE(std::set<std::string>({"critical", "high", "medium", "low"}).contains(f["severity"]));
    EXPECT_TRUE(std::set<std::string>({"element", "site", "operator", "facility"}).contains(f["subject"]["kind"]));
    EXPECT_TRUE(std::regex_match(f["effective"].get<std::string>(), std::regex(R"(\d{4}-\d{2}-\d{2})")));
  }
  for (const auto& m : o["measures"]) {
    std::vector<std::string> k;
    for (const auto& [name, v] : m.items()) k.push_back(name);
    ASSERT_GE(k.size(), 7u);
    EXPECT_EQ(std::vector<std::string>(k.begin(), k.begin() + 7),
              (std::vector<std::string>{"policy", "rule", "operator", "value", "limit", "unit", "ok"}));
  }
}

TEST_F(CheckJson, FindingsAndMeasuresCarryTheirValues) {
  const json j = render(report);
  const json& f = j["findings"][0];
  EXPECT_EQ(f["policy"], "uk-tsa");
  EXPECT_EQ(f["rule"], "core-exclusion");
  EXPECT_EQ(f["subject"], (json{{"kind", "element"}, {"id", "E-LDN-AMF"}}));
  EXPECT_EQ(f["operator"], "ee");
  EXPECT_EQ(f["vendor"], "huawei");
  EXPECT_EQ(f["effective"], "2023-01-28");
  EXPECT_EQ(f["message"], testing::kAwkwardMessage);
  EXPECT_EQ(f["source"]["url"], report.rules[0].source.url);  // the rule's source explains the finding
  EXPECT_EQ(j["findings"][1]["subject"]["kind"], "operator");
  EXPECT_DOUBLE_EQ(j["findings"][1]["measured"]["value"].get<double>(), 0.41);
  EXPECT_EQ(j["findings"][3]["waived"], true);
  EXPECT_EQ(j["findings"][3]["waiver"], std::string(report.findings[3].waiver));

  ASSERT_EQ(j["measures"].size(), 3u);
  EXPECT_EQ(j["measures"][0]["operator"], "ee");
  EXPECT_DOUBLE_EQ(j["measures"][0]["value"].get<double>(), 0.41);
  EXPECT_DOUBLE_EQ(j["measures"][0]["limit"].get<double>(), 0.35);
  EXPECT_EQ(j["measures"][0]["unit"], "sites");
  EXPECT_EQ(j["measures"][0]["ok"], false);
  EXPECT_EQ(j["measures"][1]["ok"], true);
  EXPECT_FALSE(j["measures"][2].contains("count"));  // unknown counts are left out, not -1
}

TEST_F(CheckJson, SummaryCountsTheFindingsArray) {
  const json j = render(report);
  const json& s = j["summary"];
  EXPECT_EQ(s["findings"], j["findings"].size());
  EXPECT_EQ(keys(s["by_severity"]), (std::vector<std::string>{"critical", "high", "low", "medium"}));  // json sorts
  std::int64_t sum = 0;
  for (const std::string sev : {"critical", "high", "medium", "low"}) {
    std::int64_t n = 0;
    for (const json& f : j["findings"]) n += f["severity"] == sev;
    EXPECT_EQ(s["by_severity"][sev], n) << sev;
    sum += n;
  }
  EXPECT_EQ(sum, s["findings"]);
  EXPECT_EQ(s["by_severity"]["critical"], 2);
  EXPECT_EQ(s["waived"], 1);
  EXPECT_EQ(s["compliant"], false);
}

TEST_F(CheckJson, CompliantIffEveryFindingIsWaived) {
  for (Finding& f : report.findings) f.waived = true;
  EXPECT_EQ(render(report)["summary"]["compliant"], true);
  report.findings[2].waived = false;
  EXPECT_EQ(render(report)["summary"]["compliant"], false);
  report.findings.clear();
  const json j = render(report);
  EXPECT_EQ(j["summary"]["compliant"], true);
  EXPECT_EQ(j["summary"]["findings"], 0);
  EXPECT_EQ(j["summary"]["by_severity"]["low"], 0);  // every severity present, even at zero
  EXPECT_TRUE(j["findings"].is_array());
}

TEST_F(CheckJson, UnknownEffectiveDateIsNull) {
  report.findings[0].effective = kNoDate;
  report.as_of = kNoDate;
  const json j = render(report);
  EXPECT_TRUE(j["findings"][0]["effective"].is_null());
  EXPECT_TRUE(j["as_of"].is_null());
}

}  // namespace
}  // namespace netvet::report
