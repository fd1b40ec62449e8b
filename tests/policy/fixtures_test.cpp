// Tests as data: every rule of every built-in pack fires on its firing cases and stays
// quiet on its quiet ones (tests/fixtures/policy/ID), and the runner reports what differs.

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "io/inventory_io.h"
#include "policy/fixture_runner.h"

namespace netvet::policy {
namespace {

const std::filesystem::path kFixtures = std::filesystem::path(NETVET_FIXTURES) / "policy";

InventoryLoader loader() {
  return [](const std::filesystem::path& path) { return io::read_inventory(path); };
}

std::string all_of(const Diagnostics& problems) {
  std::string out;
  for (const auto& d : problems) out += d.to_string() + "\n";
  return out;
}

TEST(BuiltinPacks, TheElevenJurisdictionsTheUsColocationStanceAndTheUsSharingPack) {
  auto ids = builtin_pack_ids();
  std::ranges::sort(ids);
  std::vector<std::string> expected{"au", "ca", "de", "eu-toolbox", "gb", "in", "it", "jp", "nz", "se", "us", "us-colocation", "us-sharing"};
  EXPECT_EQ(ids, expected);
}

TEST(BuiltinPacks, EveryRuleTracesToASourceAndEveryParameterIsDocumented) {
  for (const auto& id : builtin_pack_ids()) {
    auto pack = builtin_pack(id);
    ASSERT_TRUE(pack) << id << ": " << all_of(pack.error());
    EXPECT_NE(pack->reflects, kNoDate) << id;
    EXPECT_FALSE(pack->description.empty()) << id;
    EXPECT_FALSE(pack->rules.empty()) << id;
    for (const auto& rule : pack->rules) {
      EXPECT_FALSE(rule.sources.empty()) << id << "/" << rule.id;
      EXPECT_FALSE(rule.description.empty()) << id << "/" << rule.id << " explains what it selects";
      EXPECT_FALSE(rule.remediation.empty()) << id << "/" << rule.id;
    }
    for (const auto& param : pack->parameters) {
      EXPECT_FALSE(param.description.empty()) << id << ": parameter " << param.name << " is undocumented";
    }
  }
}

TEST(BuiltinPacks, EveryRuleFiresOnItsFixtureAndStaysQuietOnItsCounterFixture) {
  for (const auto& id : builtin_pack_ids()) {
    SCOPED_TRACE(id);
    auto pack = builtin_pack(id);
    ASSERT_TRUE(pack) << all_of(pack.error());
    auto report = run_fixtures(*pack, kFixtures / id, loader());
    ASSERT_TRUE(report) << all_of(report.error());
    for (const auto& c : report->cases) {
      std::string problems;
      for (const auto& p : c.problems) problems += "\n  " + p;
      EXPECT_TRUE(c.passed) << id << "/" << c.name << problems;
    }
    // Coverage: every rule has a firing and a quiet case.
    EXPECT_TRUE(report->uncovered.empty()) << id << ": " << (report->uncovered.empty() ? "" : report->uncovered.front());
    EXPECT_GE(report->cases.size(), 2 * pack->rules.size());
    EXPECT_EQ(report->failed(), 0U);
  }
}

TEST(FixtureRunner, ReportsMissingAndUnexpectedFindings) {
  auto pack = builtin_pack("gb");
  ASSERT_TRUE(pack);
  auto cases = read_fixture_cases(kFixtures / "gb" / "core-exclusion");
  ASSERT_TRUE(cases) << all_of(cases.error());
  ASSERT_EQ(cases->size(), 2U);
  FixtureCase& fires = cases->front();
  ASSERT_TRUE(fires.fires());
  fires.findings.erase(fires.findings.begin());        // one finding now unexpected
  fires.findings.push_back({.subject = "element:NOPE"});  // and one missing
  auto report = run_fixture_cases(*pack, *cases, loader());
  ASSERT_TRUE(report) << all_of(report.error());
  ASSERT_EQ(report->cases.size(), 2U);
  const auto& outcome = report->cases.front();
  EXPECT_FALSE(outcome.passed);
  ASSERT_EQ(outcome.problems.size(), 2U);
  EXPECT_EQ(outcome.problems[0], "missing finding element:NOPE");
  EXPECT_TRUE(outcome.problems[1].starts_with("unexpected finding element:C1-AMF: huawei amf C1-AMF")) << outcome.problems[1];
  EXPECT_TRUE(report->cases.back().passed);
  // The other rules of the pack have no case here: each is a coverage failure.
  EXPECT_EQ(report->uncovered.size(), pack->rules.size() - 1);
  EXPECT_EQ(report->failed(), 1 + pack->rules.size() - 1);
}

TEST(FixtureRunner, ChecksMeasuresWhenGiven) {
  auto pack = builtin_pack("gb");
  ASSERT_TRUE(pack);
  auto cases = read_fixture_cases(kFixtures / "gb" / "access-cap-5g");
  ASSERT_TRUE(cases) << all_of(cases.error());
  auto& fires = cases->front();
  ASSERT_FALSE(fires.measures.empty());
  fires.measures.front().value = 0.5;
  fires.measures.front().ok = true;
  auto report = run_fixture_cases(*pack, *cases, loader());
  ASSERT_TRUE(report);
  const auto& problems = report->cases.front().problems;
  ASSERT_EQ(problems.size(), 2U);
  EXPECT_NE(problems[0].find("value 0.5 expected"), std::string::npos) << problems[0];
  EXPECT_NE(problems[1].find("ok true expected"), std::string::npos) << problems[1];
}

TEST(FixtureRunner, ACaseForAnUnknownRuleIsABadFixture) {
  auto pack = builtin_pack("ca");
  ASSERT_TRUE(pack);
  auto cases = read_fixture_cases(kFixtures / "ca" / "5g-removal");
  ASSERT_TRUE(cases);
  cases->front().rule = "5g-remova";
  auto report = run_fixture_cases(*pack, *cases, loader());
  ASSERT_FALSE(report);
  EXPECT_NE(report.error().front().message.find("rule '5g-remova' is not in pack 'ca' (did you mean '5g-removal'?)"),
            std::string::npos)
      << report.error().front().to_string();
}

TEST(FixtureRunner, BadExpectedFilesAreLocated) {
  const auto dir = std::filesystem::temp_directory_path() / "netvet-fixture-runner-test";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir / "case");
  {
    std::ofstream out(dir / "case" / "expected.yaml");
    out << "rule: r\nas_of: 2024-13-01\nfinding: []\n";
  }
  auto cases = read_fixture_cases(dir);
  std::filesystem::remove_all(dir);
  ASSERT_FALSE(cases);
  std::vector<std::string> messages;
  for (const auto& d : cases.error()) messages.push_back(d.to_string());
  std::string all;
  for (const auto& m : messages) all += m + "\n";
  EXPECT_NE(all.find("expected.yaml:3:1: column 'finding': unknown key 'finding' in expected.yaml (did you mean 'findings'?)"),
            std::string::npos) << all;
  EXPECT_NE(all.find("expected.yaml:2:8: column 'as_of': '2024-13-01' is not a date: month 13 is out of range (01-12)"), std::string::npos) << all;
  EXPECT_NE(all.find("no inventory.json or inventory/"), std::string::npos) << all;
}

}  // namespace
}  // namespace netvet::policy
