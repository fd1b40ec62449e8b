#include <gtest/gtest.h>

#include <algorithm>

#include "check_fixture.h"
#include "read_back.h"
#include "report/check_formats.h"

namespace netvet::report {
namespace {

// libcsv in strict mode, an RFC 4180 reader independent of ours.
using read_back::parse_csv;
using read_back::Parsed;

TEST(CheckCsv, OneRowPerFindingThatRoundTripsThroughAStrictReader) {
  const Inventory inv = testing::sample_inventory();
  CheckReport report = testing::sample_report(inv);
  testing::set_message(report, 1, "a, b; \"c\"\r\nd");  // CR LF inside a field too
  const std::string csv = check_csv(report);
  EXPECT_TRUE(csv.ends_with("\r\n"));
  const Parsed p = parse_csv(csv);
  ASSERT_TRUE(p.ok);
  ASSERT_EQ(p.rows.size(), report.findings.size() + 1);
  const auto& header = p.rows[0];
  ASSERT_EQ(header.size(), 19u);
  EXPECT_EQ(header[0], "policy");
  EXPECT_EQ(header[8], "message");
  for (const auto& row : p.rows) EXPECT_EQ(row.size(), header.size());
  for (std::size_t i = 0; i < report.findings.size(); ++i) {
    const auto& row = p.rows[i + 1];
    const Finding& f = report.findings[i];
    EXPECT_EQ(row[0], rule_of(report, f).policy);
    EXPECT_EQ(row[1], rule_of(report, f).rule);
    EXPECT_EQ(row[4], f.subject_id);
    EXPECT_EQ(row[8], message_of(report, f)) << i;
    EXPECT_EQ(row[13], f.waived ? "yes" : "no");
    EXPECT_EQ(row[18], finding_fingerprint(report, f));
  }
  EXPECT_EQ(p.rows[1][8], testing::kAwkwardMessage);
  EXPECT_EQ(p.rows[2][10], "0.41");  // the measured value, at full precision
  EXPECT_EQ(p.rows[2][11], "0.35");
  EXPECT_EQ(p.rows[1][16], report.rules[0].source.url);
  // A field is quoted only when it must be.
  EXPECT_NE(csv.find("\r\nuk-tsa,core-exclusion,critical,element,E-LDN-AMF,ee,huawei,2023-01-28,\"Huawei"),
            std::string::npos);
}

TEST(CheckCsv, NoFindingsIsAHeaderAlone) {
  const std::string csv = check_csv(CheckReport{});
  EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 1);
  EXPECT_TRUE(csv.starts_with("policy,rule,severity,"));
}

}  // namespace
}  // namespace netvet::report
