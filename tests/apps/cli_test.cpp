// The command line as users and pipelines meet it: exit codes, outputs, JSON keys.

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "run_netvet.h"

namespace netvet::testing {
namespace {

const std::string kExample = NETVET_SOURCE_DIR "/examples/london";

TEST(Cli, ValidateAcceptsTheBundledExample) {
  const CliRun r = run_netvet("validate '" + kExample + "'");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("valid CSV bundle with 2 operators, 13 sites, 74 elements"), std::string::npos) << r.out;
}

TEST(Cli, ValidateJsonCountsTheTables) {
  const CliRun r = run_netvet("validate '" + kExample + "' --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_TRUE(j["valid"].get<bool>());
  EXPECT_EQ(j["counts"]["sites"], 13);
  EXPECT_EQ(j["counts"]["facilities"], 3);
  EXPECT_EQ(j["counts"]["evidence"], 3);
}

// Sites' coverage ranges: counted when some cell sites carry one; a bad one is exit 2
// naming the file, row, column and value.
TEST(Cli, ValidateCountsRangesAndRejectsABadOne) {
  const std::string rich = NETVET_FIXTURES "/io/rich";
  CliRun r = run_netvet("validate '" + rich + "'");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("5 sites (2 cell sites with a range_km)"), std::string::npos) << r.out;
  r = run_netvet("validate '" + rich + "' --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(nlohmann::json::parse(r.out)["counts"]["sites_with_range_km"], 2);
  r = run_netvet("validate '" NETVET_FIXTURES "/io/bad/bad_range'");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("sites.csv:2"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("malformed distance '-1'"), std::string::npos) << r.err;
}

TEST(Cli, StatsWritesSharesAsXOfN) {
  const CliRun r = run_netvet("stats '" + kExample + "'");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // alba's RAN: 25 RAN elements... counted by the stats JSON below; here the wording.
  EXPECT_NE(r.out.find(" of "), std::string::npos);
  EXPECT_NE(r.out.find("Operator alba (Alba Mobile)"), std::string::npos) << r.out;
}

TEST(Cli, StatsJsonSharesAddUpPerOperatorAndDomain) {
  const CliRun r = run_netvet("stats '" + kExample + "' --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j["operators"].size(), 2u);
  for (const auto& op : j["operators"]) {
    for (const auto& d : op["domains"]) {
      long long sum = 0;
      double share = 0;
      for (const auto& v : d["vendors"]) {
        sum += v["elements"].get<long long>();
        share += v["share"].get<double>();
      }
      EXPECT_EQ(sum, d["elements"].get<long long>());
      EXPECT_NEAR(share, 1.0, 1e-9);
    }
  }
  // brig keeps Ericsson kit on alba's shared site C8: it counts towards brig.
  const auto& brig = j["operators"][1];
  EXPECT_EQ(brig["id"], "brig");
  EXPECT_EQ(brig["domains"][0]["domain"], "ran");
  EXPECT_EQ(brig["domains"][0]["elements"], 6);  // C6, C7 (RU + gNB each) and C8-RU2, C8-GNB2
}

TEST(Cli, ConvertRoundTripsThroughJson) {
  TempDir dir;
  ASSERT_EQ(run_netvet("convert '" + kExample + "' '" + (dir / "n.json") + "'").exit_code, 0);
  ASSERT_EQ(run_netvet("convert '" + (dir / "n.json") + "' '" + (dir / "csv") + "'").exit_code, 0);
  ASSERT_EQ(run_netvet("convert '" + (dir / "csv") + "' '" + (dir / "again.json") + "'").exit_code, 0);
  EXPECT_EQ(read_file(dir / "n.json"), read_file(dir / "again.json"));
  const auto doc = nlohmann::json::parse(read_file(dir / "n.json"));
  EXPECT_EQ(doc["format"], "netvet-inventory");
  EXPECT_EQ(doc["version"], 1);
  EXPECT_EQ(doc["elements"].size(), 74u);
}

TEST(Cli, BadUsageIsExitCodeTwo) {
  EXPECT_EQ(run_netvet("frobnicate").exit_code, 2);
  EXPECT_EQ(run_netvet("validate").exit_code, 2);
  EXPECT_EQ(run_netvet("stats '" + kExample + "' --format yaml").exit_code, 2);
  EXPECT_EQ(run_netvet("validate /nonexistent/inventory").exit_code, 2);
}

TEST(Cli, EveryCommandHasHelp) {
  for (const char* command : {"validate", "stats", "convert", "generate"}) {
    const CliRun r = run_netvet(std::string(command) + " --help");
    EXPECT_EQ(r.exit_code, 0) << command;
    EXPECT_NE(r.out.find("--"), std::string::npos) << command;
  }
}

TEST(Cli, GenerateIsDeterministicForASeedAndRejectsUnknownCountries) {
  TempDir dir;
  ASSERT_EQ(run_netvet("generate --country NZ --sites 300 --seed 5 --out '" + (dir / "a") + "' -q").exit_code, 0);
  ASSERT_EQ(run_netvet("generate --country NZ --sites 300 --seed 5 --out '" + (dir / "b") + "' -q").exit_code, 0);
  ASSERT_EQ(run_netvet("generate --country NZ --sites 300 --seed 6 --out '" + (dir / "c") + "' -q").exit_code, 0);
  for (const char* table : {"operators.csv", "sites.csv", "elements.csv", "links.csv", "facilities.csv"})
    EXPECT_EQ(read_file(dir.path() / "a" / table), read_file(dir.path() / "b" / table)) << table;
  EXPECT_NE(read_file(dir.path() / "a" / "elements.csv"), read_file(dir.path() / "c" / "elements.csv"));
  EXPECT_EQ(run_netvet("validate '" + (dir / "a") + "'").exit_code, 0);

  const CliRun bad = run_netvet("generate --country XX --sites 10 --seed 1 --out '" + (dir / "x") + "'");
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("GB"), std::string::npos) << "lists the available countries: " << bad.err;
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "x"));
}

}  // namespace
}  // namespace netvet::testing
