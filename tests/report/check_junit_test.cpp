#include <fmt/format.h>
#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <set>

#include "check_fixture.h"
#include "read_back.h"
#include "report/check_formats.h"

namespace netvet::report {
namespace {

// JUnit output is read back with libxml2, a real XML parser: a document that is not
// well-formed (an unescaped '&' or '<', a stray control character) fails to parse.
using read_back::attribute;
using read_back::children;
using read_back::content;
using read_back::Doc;
using read_back::parse_xml;

TEST(CheckJunit, WellFormedWithASuitePerPolicyAndCountsThatAddUp) {
  const Inventory inv = testing::sample_inventory();
  const CheckReport report = testing::sample_report(inv);
  const Doc doc = parse_xml(check_junit(report));
  ASSERT_TRUE(doc);
  xmlNode* root = xmlDocGetRootElement(doc.get());
  ASSERT_STREQ(reinterpret_cast<const char*>(root->name), "testsuites");
  const auto suites = children(root, "testsuite");
  ASSERT_EQ(suites.size(), report.policies.size());
  EXPECT_EQ(attribute(suites[0], "name"), "uk-tsa");
  EXPECT_EQ(attribute(suites[1], "name"), "eu-5g");

  // The test cases that must fail: each (rule, operator) with an unwaived finding.
  std::set<std::string> must_fail;
  for (const Finding& f : report.findings)
    if (!f.waived) must_fail.insert(fmt::format("{}.{} {}", rule_of(report, f).policy, rule_of(report, f).rule, f.op));

  std::size_t all_tests = 0, all_failures = 0;
  std::set<std::string> failed;
  for (xmlNode* suite : suites) {
    const auto cases = children(suite, "testcase");
    std::size_t failures = 0;
    for (xmlNode* c : cases) {
      const auto f = children(c, "failure");
      ASSERT_LE(f.size(), 1u);
      if (f.empty()) continue;
      ++failures;
      const std::string name = attribute(c, "name");  // "rule [operator]"
      const std::string op = name.substr(name.find('[') + 1, name.size() - name.find('[') - 2);
      failed.insert(attribute(c, "classname") + " " + op);
    }
    EXPECT_EQ(attribute(suite, "tests"), std::to_string(cases.size()));
    EXPECT_EQ(attribute(suite, "failures"), std::to_string(failures));
    all_tests += cases.size();
    all_failures += failures;
  }
  EXPECT_EQ(failed, must_fail);
  EXPECT_EQ(attribute(root, "tests"), std::to_string(all_tests));
  EXPECT_EQ(attribute(root, "failures"), std::to_string(all_failures));
  // 5 rules x 3 operators.
  EXPECT_EQ(all_tests, 15u);
}

TEST(CheckJunit, EscapesMarkupAndControlCharacters) {
  const Inventory inv = testing::sample_inventory();
  CheckReport report = testing::sample_report(inv);
  report.rules[0].title = "Core <\"exclusion\"> & 'more'";
  testing::set_message(report, 5, "bell\x07 and NUL-free control\x1b");
  const Doc doc = parse_xml(check_junit(report));
  ASSERT_TRUE(doc);
  xmlNode* suite = children(xmlDocGetRootElement(doc.get()), "testsuite")[0];
  std::string failure_text, failure_message;
  for (xmlNode* c : children(suite, "testcase"))
    if (attribute(c, "name") == "core-exclusion [ee]") {
      xmlNode* f = children(c, "failure").at(0);
      failure_text = content(f);
      failure_message = attribute(f, "message");
      EXPECT_EQ(attribute(f, "type"), "critical");
    }
  EXPECT_NE(failure_text.find(testing::kAwkwardMessage), std::string::npos) << failure_text;
  EXPECT_NE(failure_text.find("matched: vendor in designated and domain = core"), std::string::npos);
  EXPECT_NE(failure_text.find("bell\xEF\xBF\xBD and"), std::string::npos);  // U+FFFD
  EXPECT_EQ(failure_message, "2 findings: Core <\"exclusion\"> & 'more'");
}

TEST(CheckJunit, WaivedFindingsDoNotFailButAreListed) {
  const Inventory inv = testing::sample_inventory();
  const CheckReport report = testing::sample_report(inv);
  const Doc doc = parse_xml(check_junit(report));
  ASSERT_TRUE(doc);
  xmlNode* eu = children(xmlDocGetRootElement(doc.get()), "testsuite")[1];
  bool seen = false;
  for (xmlNode* c : children(eu, "testcase"))
    if (attribute(c, "name") == "critical-assets [ee]") {
      seen = true;
      EXPECT_TRUE(children(c, "failure").empty());
      ASSERT_EQ(children(c, "system-out").size(), 1u);
      EXPECT_NE(content(children(c, "system-out")[0]).find("waived: WV-2026-07"), std::string::npos);
    }
  EXPECT_TRUE(seen);
}

TEST(CheckJunit, EmptyReportIsStillADocument) {
  const Doc doc = parse_xml(check_junit(CheckReport{}));
  ASSERT_TRUE(doc);
  EXPECT_EQ(attribute(xmlDocGetRootElement(doc.get()), "tests"), "0");
}

}  // namespace
}  // namespace netvet::report
