#include <fmt/format.h>
#include <gtest/gtest.h>

#include <regex>

#include "check_fixture.h"
#include "report/check_formats.h"

namespace netvet::report {
namespace {

// Whether a line of `text` matches `pattern` (layout-tolerant: columns pad with spaces).
bool has_line(const std::string& text, const std::string& pattern) {
  return std::regex_search(text, std::regex(pattern, std::regex::multiline));
}

class CheckText : public ::testing::Test {
 protected:
  Inventory inv = testing::sample_inventory();
  CheckReport report = testing::sample_report(inv);
};

TEST_F(CheckText, GroupsFindingsUnderTheirRule) {
  const std::string text = check_text(report, false);
  // Headings in rule order; each finding's subject sits between its rule's heading and
  // the next one, though the findings arrive interleaved.
  std::vector<std::size_t> at;
  for (const RuleInfo& r : report.rules) {
    at.push_back(text.find(rule_key(r.policy, r.rule) + "  " + r.title));
    ASSERT_NE(at.back(), std::string::npos) << r.rule;
  }
  EXPECT_TRUE(std::ranges::is_sorted(at));
  at.push_back(text.size());
  for (const Finding& f : report.findings) {
    const std::size_t i = f.rule;
    const std::size_t pos = text.find(fmt::format("{} {}", subject_name(f.subject_kind), f.subject_id), at[i]);
    EXPECT_LT(pos, at[i + 1]) << f.subject_id;
  }
}

TEST_F(CheckText, ShowsXOfNPerOperatorAndExplainsEachFinding) {
  const std::string text = check_text(report, false);
  EXPECT_NE(text.find("6 findings (2 critical, 2 high, 1 medium, 1 low); 1 waived. Not compliant"), std::string::npos)
      << text;
  // core-exclusion: ee has a scope of 5 from the engine; vodafone falls back to its elements.
  EXPECT_TRUE(has_line(text, R"(^  ee +2 of 5 \(40\.0%\)$)")) << text;
  EXPECT_TRUE(has_line(text, R"(^  vodafone +0 of 1 \(0\.0%\)$)")) << text;
  // The waived ZTE finding is not flagged: 0 of ee's 3 elements.
  const std::size_t critical_assets = text.find("eu-5g/critical-assets");
  EXPECT_TRUE(has_line(text.substr(critical_assets), R"(^  ee +0 of 3 \(0\.0%\)$)")) << text;
  // Measures against the cap, with the counts behind the share.
  EXPECT_TRUE(has_line(text, R"(^  ee +410 of 1,000 \(41\.0%\) sites +at most 35\.0% +over the limit$)")) << text;
  EXPECT_NE(text.find("within the limit"), std::string::npos);
  // A finding explains itself: clause, measured value against the limit, source, waiver.
  EXPECT_NE(text.find("Matched: vendor in designated and domain = core."), std::string::npos);
  EXPECT_NE(text.find("Measured 41.0% of sites against a cap of 35.0%."), std::string::npos);
  EXPECT_NE(text.find("Source: Designated Vendor Direction 2022 (Huawei) <https://www.gov.uk/"), std::string::npos);
  EXPECT_NE(text.find("high (waived)"), std::string::npos);
  EXPECT_NE(text.find("Waived: WV-2026-07"), std::string::npos);
  EXPECT_EQ(text.find('\033'), std::string::npos);  // no colour unless asked
}

TEST_F(CheckText, ColourOnlyWhenAsked) {
  const std::string text = check_text(report, true);
  EXPECT_NE(text.find("\033[31mNot compliant\033[0m"), std::string::npos);
  report.findings.clear();
  EXPECT_NE(check_text(report, false).find("0 findings (0 critical, 0 high, 0 medium, 0 low). Compliant"),
            std::string::npos);
}

}  // namespace
}  // namespace netvet::report
