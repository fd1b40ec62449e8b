// netvet convert --operator: one operator's part of an inventory, as the real binary
// writes it, on a generated network: each part is valid and of that operator alone, and
// the parts' elements and those each reports left out add up to the whole.

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <regex>

#include "run_netvet.h"

namespace netvet::testing {
namespace {

using nlohmann::json;

// The number stderr gives for elements on other operators' sites; 0 when it says none.
std::size_t left_out_on_shared_sites(const std::string& err) {
  static const std::regex kLine(R"(left out (\d+) elements? of \S+ on other operators' \(shared\) sites)");
  std::smatch match;
  return std::regex_search(err, match, kLine) ? std::stoul(match[1].str()) : 0;
}

TEST(ConvertOperator, EveryOperatorsPartIsValidAndThePartsAddUpToTheWhole) {
  TempDir dir;
  const std::string network = dir / "gb";
  ASSERT_EQ(run_netvet("generate --country GB --sites 200 --seed 1 --out '" + network + "' -q").exit_code, 0);
  const CliRun stats = run_netvet("stats '" + network + "' --format json");
  ASSERT_EQ(stats.exit_code, 0) << stats.err;
  const json whole = json::parse(stats.out);
  ASSERT_GE(whole["operators"].size(), 2U);

  std::int64_t kept = 0, left_out = 0, shared_reports = 0;
  for (const json& op : whole["operators"]) {
    const std::string id = op["id"];
    SCOPED_TRACE(id);
    const std::string out = dir / (id + ".json");
    const CliRun r = run_netvet("convert '" + network + "' --operator '" + id + "' --to json --output '" + out + "'");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const std::size_t shared = left_out_on_shared_sites(r.err);
    shared_reports += shared > 0;
    left_out += static_cast<std::int64_t>(shared);
    // Valid, and of this operator alone.
    const CliRun valid = run_netvet("validate '" + out + "' --format json");
    ASSERT_EQ(valid.exit_code, 0) << valid.out << valid.err;
    const json part = json::parse(read_file(out));
    ASSERT_EQ(part["operators"].size(), 1U);
    EXPECT_EQ(part["operators"][0]["id"], id);
    for (const json& site : part["sites"]) EXPECT_EQ(site["operator"], id);
    for (const json& element : part["elements"]) EXPECT_TRUE(!element.contains("operator") || element["operator"] == id);
    EXPECT_EQ(json::parse(valid.out)["counts"]["elements"], part["elements"].size());
    // Its elements on its own sites, all of them: the operator's total less those reported.
    EXPECT_EQ(static_cast<std::int64_t>(part["elements"].size()) + static_cast<std::int64_t>(shared),
              op["elements"].get<std::int64_t>());
    kept += static_cast<std::int64_t>(part["elements"].size());
  }
  EXPECT_EQ(kept + left_out, whole["counts"]["elements"].get<std::int64_t>());
  EXPECT_GT(shared_reports, 0) << "GB's generated network shares sites: some operator has kit on another's";
}

TEST(ConvertOperator, AnUnknownOperatorIsBadUsageNamingTheKnownOnesAndWritesNothing) {
  TempDir dir;
  const std::string out = dir / "part.json";
  const CliRun r = run_netvet("convert '" NETVET_SOURCE_DIR "/examples/london' --operator nobody --output '" + out + "'");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("no operator 'nobody'"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("its operators are: "), std::string::npos) << r.err;
  EXPECT_FALSE(std::filesystem::exists(out));
}

TEST(ConvertOperator, OutIsGivenOnceEitherWay) {
  TempDir dir;
  const CliRun none = run_netvet("convert '" NETVET_SOURCE_DIR "/examples/london'");
  EXPECT_EQ(none.exit_code, 2);
  const CliRun both = run_netvet("convert '" NETVET_SOURCE_DIR "/examples/london' '" + (dir / "a.json") + "' --output '" +
                                 (dir / "b.json") + "'");
  EXPECT_EQ(both.exit_code, 2);
  EXPECT_FALSE(std::filesystem::exists(dir / "a.json"));
}

}  // namespace
}  // namespace netvet::testing
