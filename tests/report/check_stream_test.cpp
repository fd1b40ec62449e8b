// The streamed JSON, SARIF, CSV and JUnit of `netvet check` against the renderers they replaced
// (check_tree_reference.h): byte for byte, on the shared sample, on strings that need
// every kind of escaping, and on a generated national network checked against five
// packs, with waivers, a baseline and what-if assumptions.

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <map>
#include <set>
#include <sstream>

#include "check_fixture.h"
#include "check_tree_reference.h"
#include "gen/generate.h"
#include "policy/evaluate.h"
#include "policy/pack.h"
#include "report/check_formats.h"
#include "report/check_from_policy.h"

namespace netvet::report {
namespace {

std::string streamed(void (*write)(const CheckReport&, std::ostream&), const CheckReport& report) {
  std::ostringstream out;
  write(report, out);
  return std::move(out).str();
}

// Compares line by line first, so that a difference is shown where it is.
void expect_same_text(const std::string& actual, const std::string& expected) {
  std::istringstream a(actual), e(expected);
  std::string la, le;
  for (std::size_t line = 1; std::getline(e, le); ++line) {
    ASSERT_TRUE(std::getline(a, la)) << "streamed output ends before line " << line << " of " << expected.size() << " bytes";
    ASSERT_EQ(la, le) << "line " << line;
  }
  EXPECT_EQ(actual.size(), expected.size());
  EXPECT_TRUE(actual == expected);
}

void expect_streams_match_reference(const CheckReport& report) {
  expect_same_text(streamed(write_check_json, report), testing::reference_check_json(report).dump(2) + "\n");
  expect_same_text(streamed(write_check_sarif, report), testing::reference_check_sarif(report).dump(2) + "\n");
  expect_same_text(streamed(write_check_csv, report), testing::reference_check_csv(report));
  expect_same_text(streamed(write_check_junit, report), testing::reference_check_junit(report));
}

TEST(CheckStream, SampleReportIsByteForByteTheTree) {
  const Inventory inv = testing::sample_inventory();
  expect_streams_match_reference(testing::sample_report(inv));
}

TEST(CheckStream, WhatIfAndBaselineAdditionsSitWhereTheTreePutThem) {
  const Inventory inv = testing::sample_inventory();
  CheckReport report = testing::sample_report(inv);
  report.assumptions = {"remove huawei where domain == \"core\"", "replace zte with nokia"};
  report.baseline = BaselineUse{"runs/2026-10-01 \"before\".json", 1234};
  expect_streams_match_reference(report);
  report.as_of = kNoDate;  // SARIF: the run's properties then hold only the additions
  expect_streams_match_reference(report);
  report.assumptions.clear();
  expect_streams_match_reference(report);
}

TEST(CheckStream, EmptyReportKeepsEmptyContainersOnOneLine) {
  CheckReport report;
  const std::string json = streamed(write_check_json, report);
  EXPECT_NE(json.find("\"findings\": []"), std::string::npos) << json;
  expect_streams_match_reference(report);
}

TEST(CheckStream, EscapingIsTheLibrarysForEveryKindOfCharacter) {
  const Inventory inv = testing::sample_inventory();
  CheckReport report = testing::sample_report(inv);
  using namespace std::string_literals;
  testing::set_message(report, 0, "tab\there, nul \0 bell \a esc \x1b del \x7f, back\\slash, \"quoted\", slash /, "s +
                                      "Zürich — 東京 🛰, form\ffeed\r\n");
  Finding& f = report.findings.front();
  f.subject_id = "E\"1\\";
  f.waiver = "ok\u2028line separator";
  f.waived = true;
  static const Source own{"Title with a \"quote\"", "https://example.org/a?b=c&d=\"e\""};
  f.source = &own;
  f.measured = Measurement{1.0 / 3.0, 1e-7, MeasureUnit::subscribers};
  report.findings[1].measured = Measurement{12345678901234.5, 0.1 + 0.2, MeasureUnit::elements};
  report.measures.push_back({"uk-tsa", "ran-share-cap", "x", 2.5e300, -0.0, MeasureUnit::vendors, false, 0, 0, "ran"});
  expect_streams_match_reference(report);
}

// A generated GB network checked against five packs far enough ahead that removal
// deadlines have passed: thousands of findings of every kind, element and aggregate.
TEST(CheckStream, GeneratedNationalNetworkAgainstFivePacks) {
  auto inventory = gen::generate({.country = "GB", .sites = 1500, .seed = 5});
  ASSERT_TRUE(inventory.has_value());
  std::vector<policy::Pack> packs;
  for (const std::string_view id : {"gb", "eu-toolbox", "de", "us", "ca"}) {
    auto pack = policy::builtin_pack(id);
    ASSERT_TRUE(pack.has_value()) << id;
    packs.push_back(std::move(*pack));
  }
  policy::EvaluationOptions options;
  options.as_of = *parse_date("2030-01-01");
  auto evaluation = policy::evaluate(packs, *inventory, options);
  ASSERT_TRUE(evaluation.has_value());

  FromPolicyOptions from;
  std::atomic<std::size_t> seen{0};  // decide is called from the mapping's threads
  from.decide = [&](const policy::Finding&, std::uint64_t fingerprint) {
    ++seen;
    if (fingerprint % 13 == 0) return Disposition{Disposition::Kind::drop, {}};
    if (fingerprint % 7 == 0) return Disposition{Disposition::Kind::waive, "WV-1: \"contracted\", until 2031-01-01"};
    return Disposition{};
  };
  auto mapped = check_report_of(packs, *evaluation, *inventory, from);
  CheckReport& report = mapped.report;
  report.assumptions = {"remove zte"};
  report.baseline = BaselineUse{"earlier.json", static_cast<std::int64_t>(mapped.dropped)};

  ASSERT_GT(report.findings.size(), 1000u);
  const std::set<SubjectType> kinds = [&] {
    std::set<SubjectType> k;
    for (const Finding& f : report.findings) k.insert(f.subject_kind);
    return k;
  }();
  EXPECT_GE(kinds.size(), 2u) << "element findings and aggregate ones";
  EXPECT_TRUE(std::ranges::any_of(report.findings, [](const Finding& f) { return f.measured.has_value(); }));
  EXPECT_TRUE(std::ranges::any_of(report.findings, [](const Finding& f) { return f.waived; }));
  EXPECT_GT(mapped.dropped, 0u);
  EXPECT_EQ(seen, report.findings.size() + mapped.dropped);
  // Mapped on several threads, the findings still come in the evaluation's rule order,
  // with the dropped ones' places closed up.
  std::vector<std::size_t> rule_order;
  ASSERT_EQ(report.rules.size(), evaluation->rules.size());
  for (const Finding& f : report.findings) {
    ASSERT_LT(f.rule, evaluation->rules.size());
    const policy::RuleOutcome& rule = evaluation->rules[f.rule];
    ASSERT_EQ(rule_of(report, f).policy, rule.policy);
    ASSERT_EQ(rule_of(report, f).rule, rule.rule);
    ASSERT_TRUE(f.fingerprint.has_value()) << "an empty slot was left behind";
    rule_order.push_back(f.rule);
  }
  EXPECT_TRUE(std::ranges::is_sorted(rule_order));
  // Messages worded as they are written, and the borrowed subjects and clauses, are the
  // engine's own records of the same findings.
  std::map<std::uint64_t, policy::FindingRecord> records;
  for (policy::FindingRecord& r : policy::records_of(*evaluation, *inventory)) {
    const std::uint64_t fingerprint = r.fingerprint;
    ASSERT_TRUE(records.emplace(fingerprint, std::move(r)).second) << "fingerprints are unique";
  }
  for (const Finding& f : report.findings) {
    const policy::FindingRecord& r = records.at(*f.fingerprint);
    ASSERT_EQ(message_of(report, f), r.message);
    ASSERT_EQ(f.clause, r.clause);
    ASSERT_EQ(f.subject_id, r.subject);
    ASSERT_EQ(f.op, r.op);
    ASSERT_EQ(f.vendor, r.vendor);
  }
  expect_streams_match_reference(report);
}

}  // namespace
}  // namespace netvet::report
