#include <csv.h>
#include <gtest/gtest.h>

#include <algorithm>

#include "check_fixture.h"
#include "report/check_formats.h"

namespace netvet::report {
namespace {

// Parses CSV with libcsv in strict mode, an RFC 4180 reader independent of ours.
struct Parsed {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  bool ok = true;
};

Parsed parse_csv(const std::string& text) {
  Parsed p;
  csv_parser parser;
  EXPECT_EQ(csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI), 0);
  auto on_field = [](void* data, std::size_t len, void* out) {
    static_cast<Parsed*>(out)->row.emplace_back(static_cast<const char*>(data), len);
  };
  auto on_row = [](int, void* out) {
    auto* q = static_cast<Parsed*>(out);
    q->rows.push_back(std::move(q->row));
    q->row.clear();
  };
  if (csv_parse(&parser, text.data(), text.size(), on_field, on_row, &p) != text.size()) p.ok = false;
  if (csv_fini(&parser, on_field, on_row, &p) != 0) p.ok = false;
  csv_free(&parser);
  return p;
}

TEST(CheckCsv, OneRowPerFindingThatRoundTripsThroughAStrictReader) {
  const Inventory inv = testing::sample_inventory();
  CheckReport report = testing::sample_report(inv);
  report.findings[1].message = "a, b; \"c\"\r\nd";  // CR LF inside a field too
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
    EXPECT_EQ(row[0], f.policy);
    EXPECT_EQ(row[1], f.rule);
    EXPECT_EQ(row[4], f.subject_id);
    EXPECT_EQ(row[8], f.message) << i;
    EXPECT_EQ(row[13], f.waived ? "yes" : "no");
    EXPECT_EQ(row[18], finding_fingerprint(f));
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
