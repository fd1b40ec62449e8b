// `netvet test-policy` and `netvet policies` through the real binary: the closing line CI
// reads, exit codes, the thirteen built-in packs (one a sharing pack), and bad packs located
// as file:line:column.

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <regex>

#include "run_netvet.h"

namespace netvet::testing {
namespace {

const std::string kBadPacks = NETVET_FIXTURES "/policy/bad-packs";
const std::vector<std::string> kIds{"gb", "eu-toolbox", "de", "us", "us-colocation", "us-sharing", "au", "nz", "ca", "se", "jp", "in", "it"};

std::string last_line(const std::string& text) {
  const auto end = text.find_last_not_of('\n');
  if (end == std::string::npos) return {};
  const auto start = text.rfind('\n', end);
  return text.substr(start == std::string::npos ? 0 : start + 1, end - (start == std::string::npos ? 0 : start + 1) + 1);
}

TEST(TestPolicy, BuiltinPackPassesWithTheClosingLine) {
  const CliRun r = run_netvet("test-policy gb");
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  std::smatch m;
  const std::string line = last_line(r.out);
  ASSERT_TRUE(std::regex_match(line, m, std::regex(R"((\d+) passed, (\d+) failed)"))) << r.out;
  EXPECT_GE(std::stoi(m[1]), 14);
  EXPECT_EQ(m[2], "0");
  EXPECT_NE(r.out.find("PASS  core-exclusion/fires (fires)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("PASS  core-exclusion/quiet (quiet)"), std::string::npos) << r.out;
}

TEST(TestPolicy, EveryBuiltinPackPasses) {
  const CliRun r = run_netvet("test-policy all --format json");
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["failed"], 0);
  EXPECT_EQ(j["packs"].size(), kIds.size());
  for (const auto& pack : j["packs"]) EXPECT_TRUE(pack["uncovered"].empty()) << pack["id"];
}

TEST(TestPolicy, UsersPackFolderWithAFailingCaseExitsOne) {
  TempDir dir;
  std::filesystem::copy_file(NETVET_SOURCE_DIR "/data/policies/ca.yaml", dir / "mine.yaml");
  std::filesystem::copy(NETVET_FIXTURES "/policy/ca", dir / "mine.tests", std::filesystem::copy_options::recursive);
  // Break one expectation: the 4G eNodeB is not expected any more.
  const std::string expected = dir / "mine.tests/4g-removal/fires/expected.yaml";
  std::string text = read_file(expected);
  const auto at = text.find("  - element:S1-ENB\n");
  ASSERT_NE(at, std::string::npos) << text;
  text.erase(at, std::string("  - element:S1-ENB\n").size());
  std::ofstream(expected) << text;
  const CliRun r = run_netvet("test-policy '" + dir.path().string() + "'");
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("FAIL  4g-removal/fires (fires)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("unexpected finding element:S1-ENB"), std::string::npos) << r.out;
  EXPECT_TRUE(std::regex_match(last_line(r.out), std::regex(R"(\d+ passed, 1 failed)"))) << r.out;
}

TEST(TestPolicy, BadPacksExitTwoWithFileLineColumn) {
  const std::map<std::string, std::string> cases{
      {"unknown-key.yaml", ":20:5: column 'remedation': unknown key 'remedation'"},
      {"bad-expression.yaml", ":19:"},
      {"unknown-designation.yaml", ":19:23:"},
      {"unknown-vendor.yaml", ":10:22:"},
      {"bad-date.yaml", ":18:16: column 'effective': '2024-02-30' is not a date: day 30 does not exist in February 2024, which has 29 days"},
      {"exposure-kind.yaml", ":19:35: column 'kinds': unknown facility kind 'castle'"},
      {"exposure-designation.yaml", ":20:14: column 'vendors': unknown designation 'hrvs' (did you mean 'hrv'?)"},
      {"exposure-via.yaml", ":21:24: column 'via': unknown way 'influenced' (did you mean 'influence'?)"},
      {"sharing-scope.yaml", ":22:12: column 'scope': unknown scope 'co-locaton' (did you mean 'co-location'?)"},
      {"sharing-terms-in-regime.yaml", ":20:14: column 'verdict': 'verdict' is a term of a sharing pack's rules"},
  };
  for (const auto& [file, where] : cases) {
    const std::string path = kBadPacks + "/" + file;
    const CliRun test = run_netvet("test-policy '" + path + "'");
    EXPECT_EQ(test.exit_code, 2) << file << ": " << test.out << test.err;
    EXPECT_NE(test.err.find(file + where), std::string::npos) << file << ": " << test.err;
    EXPECT_TRUE(std::regex_search(test.err, std::regex(std::regex_replace(file, std::regex(R"(\.)"), R"(\.)") + R"(:\d+:\d+: )")))
        << file << ": " << test.err;
    const CliRun show = run_netvet("policies show '" + path + "'");
    EXPECT_EQ(show.exit_code, 2) << file;
    EXPECT_NE(show.err.find(file + where), std::string::npos) << file << ": " << show.err;
  }
}

TEST(TestPolicy, UnknownPackIsBadUsage) {
  const CliRun r = run_netvet("test-policy zz");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("no built-in policy pack 'zz'"), std::string::npos) << r.err;
}

TEST(Policies, ListsTheThirteenBuiltinPacksWithTheirKind) {
  const CliRun r = run_netvet("policies");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const auto& id : kIds) EXPECT_NE(r.out.find("\n" + id + " "), std::string::npos) << id << "\n" << r.out;
  EXPECT_TRUE(std::regex_search(r.out, std::regex(R"(\ngb +regime +GB )"))) << r.out;
  EXPECT_TRUE(std::regex_search(r.out, std::regex(R"(\nus-sharing +sharing +US )"))) << r.out;
  const CliRun json = run_netvet("policies --format json");
  ASSERT_EQ(json.exit_code, 0) << json.err;
  const auto j = nlohmann::json::parse(json.out);
  ASSERT_EQ(j["policies"].size(), kIds.size());
  for (const auto& p : j["policies"]) {
    EXPECT_GT(p["rules"].get<int>(), 0) << p["id"];
    EXPECT_EQ(p["reflects"].get<std::string>().size(), 10U);
    const bool sharing = p["id"] == "us-sharing";
    EXPECT_EQ(p["kind"], sharing ? "sharing" : "regime") << p["id"];
    EXPECT_EQ(p["partner"], sharing ? nlohmann::json("US") : nlohmann::json()) << p["id"];
  }
}

TEST(Policies, ShowSaysWhatASharingRulesFindingsMean) {
  const CliRun r = run_netvet("policies show us-sharing");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string flat = std::regex_replace(r.out, std::regex(R"(\s+)"), " ");  // prose is wrapped
  for (const auto* needle : {"A sharing pack: what the partner (US) said or wrote",
                             "Sharing: intelligence shared by US (a bill: introduced, not law). A country where the",
                             "co-location of the resources of US (a statement: an official's words, not law)",
                             "Our reading", "embassy or military facilities owned by US"}) {
    EXPECT_NE(flat.find(needle), std::string::npos) << needle << "\n" << r.out;
  }
  const CliRun json = run_netvet("policies show us-sharing --format json");
  ASSERT_EQ(json.exit_code, 0) << json.err;
  const auto j = nlohmann::json::parse(json.out);
  EXPECT_EQ(j["kind"], "sharing");
  EXPECT_EQ(j["partner"], "US");
  ASSERT_EQ(j["rules"].size(), 4U);
  EXPECT_EQ(j["rules"][1]["id"], "s3153-huawei-5g");
  EXPECT_EQ(j["rules"][1]["sharing"],
            nlohmann::json::parse(R"({"scope": "intelligence", "status": "bill", "verdict": "none", "applies_to": null})"));
  EXPECT_EQ(j["rules"][3]["sharing"]["scope"], "co-location");
  // A regime pack's rules carry no sharing terms.
  const auto gb = nlohmann::json::parse(run_netvet("policies show gb --format json").out);
  EXPECT_EQ(gb["kind"], "regime");
  EXPECT_FALSE(gb["rules"][0].contains("sharing"));
}

TEST(Policies, ShowExplainsAPackInProse) {
  const CliRun r = run_netvet("policies show gb");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const auto* needle : {"gb: United Kingdom", "access-cap-5g", "in force from 2023-07-31",
                             "cap_unit = sites", "confidence L", "Sources", "the designation designated (huawei)"}) {
    EXPECT_NE(r.out.find(needle), std::string::npos) << needle << "\n" << r.out;
  }
  // The exposure rule kind, in prose and without an element selector.
  for (const auto* needle : {"sensitive-site-exposure", "high exposure, in force from 2023-01-28",
                             "Flags each of the military or nuclear facilities in GB", "(transport)",
                             "designation designated (huawei), taken together, through any one serving operator's",
                             "each exposed operator's cut", "isolated", "low severity"}) {
    EXPECT_NE(r.out.find(needle), std::string::npos) << needle << "\n" << r.out;
  }
  const CliRun us = run_netvet("policies show us-colocation");
  ASSERT_EQ(us.exit_code, 0) << us.err;
  for (const auto* needle : {"facilities of any kind owned by US", "(transport)", "(control_plane)", "(influence)",
                             "an assumption"}) {
    EXPECT_NE(us.out.find(needle), std::string::npos) << needle << "\n" << us.out;
  }
  const auto exposure_rule = us.out.find("us-facility-exposure");
  EXPECT_EQ(us.out.find("Selector:", exposure_rule), std::string::npos) << "an exposure rule selects facilities";
  const CliRun jp = run_netvet("policies show jp --format json");
  ASSERT_EQ(jp.exit_code, 0) << jp.err;
  const auto j = nlohmann::json::parse(jp.out);
  EXPECT_EQ(j["parameters"][0]["name"], "designated_vendors");
  EXPECT_EQ(j["parameters"][0]["default"], "");
  EXPECT_EQ(run_netvet("policies show zz").exit_code, 2);
}

}  // namespace
}  // namespace netvet::testing
