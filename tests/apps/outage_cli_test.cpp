// `netvet outage` through the real binary, on examples/london with totals worked out by
// hand: Alba has six cell sites (28,600 subscribers), Brig two (7,800).

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <set>

#include "run_netvet.h"

namespace netvet::testing {
namespace {

using Json = nlohmann::json;

const std::string kLondon = NETVET_SOURCE_DIR "/examples/london";

struct Survival {
  int sites_total, sites_surviving;
  long long subscribers_total, subscribers_surviving;
  bool operator==(const Survival&) const = default;
};

std::map<std::string, Survival> operators(const Json& scenario) {
  std::map<std::string, Survival> out;
  std::vector<std::string> order;
  for (const auto& o : scenario["operators"]) {
    order.push_back(o["operator"]);
    out[o["operator"]] = {o["sites_total"], o["sites_surviving"], o["subscribers_total"], o["subscribers_surviving"]};
  }
  EXPECT_TRUE(std::is_sorted(order.begin(), order.end()));
  return out;
}

Json run_json(const std::string& args) {
  const CliRun r = run_netvet(args + " --format json");
  EXPECT_EQ(r.exit_code, 0) << args << "\n" << r.err;
  return Json::parse(r.out);
}

TEST(OutageCli, HuaweiInBothModes) {
  const Json doc = run_json("outage '" + kLondon + "' --vendor huawei --mode both");
  ASSERT_EQ(doc["scenarios"].size(), 2u);
  EXPECT_EQ(doc["scenarios"][0]["mode"], "failure");
  EXPECT_EQ(doc["scenarios"][1]["mode"], "kill-switch");
  // Failure: C1 keeps only its antenna, cut off behind C1-RU1; C5's router hangs off
  // AGG1-R1 alone. C2, C3, C4 and C8 (by its Ericsson radio) go round through AGG1-R2.
  // Kill-switch also removes what DC1-EMS-HW and DC1-RA manage: C1's and C8's Huawei
  // kit, AGG1-R1 and the EMS itself, all of them Huawei already, so the totals agree.
  const Survival alba{6, 4, 28600, 5100 + 6300 + 5800 + 3300};
  const Survival brig{2, 2, 7800, 7800};
  for (const auto& s : doc["scenarios"]) {
    EXPECT_EQ(s["vendors"], (std::vector<std::string>{"huawei"}));
    const auto ops = operators(s);
    EXPECT_EQ(ops.at("alba"), alba) << s["mode"];
    EXPECT_EQ(ops.at("brig"), brig) << s["mode"];
  }
  const auto base = operators(doc["baseline"]);
  EXPECT_EQ(base.at("alba"), (Survival{6, 6, 28600, 28600}));
}

TEST(OutageCli, KillSwitchFollowsManagement) {
  // DC1-OSS (Netcracker) manages every EMS and the NMS: failing alone it cuts nothing
  // off; switched off it takes CORE1-R1 (through the NMS) and with it all of Alba.
  const Json doc = run_json("outage '" + kLondon + "' --vendor Netcracker");
  ASSERT_EQ(doc["scenarios"].size(), 2u);
  EXPECT_EQ(operators(doc["scenarios"][0]).at("alba"), (Survival{6, 6, 28600, 28600}));
  EXPECT_EQ(operators(doc["scenarios"][1]).at("alba"), (Survival{6, 0, 28600, 0}));
  EXPECT_EQ(operators(doc["scenarios"][1]).at("brig"), (Survival{2, 2, 7800, 7800}));
  const Json one = run_json("outage '" + kLondon + "' --vendor netcracker --mode kill-switch");
  ASSERT_EQ(one["scenarios"].size(), 1u);
  EXPECT_EQ(one["scenarios"][0]["mode"], "kill-switch");
}

TEST(OutageCli, SeveralVendorsGoOutTogether) {
  // Huawei and ZTE: as Huawei alone (C5 was already lost), and ZTE listed though it
  // changes nothing more.
  const Json doc = run_json("outage '" + kLondon + "' --vendor zte,HUAWEI --mode failure");
  ASSERT_EQ(doc["scenarios"].size(), 1u);
  EXPECT_EQ(doc["scenarios"][0]["vendors"], (std::vector<std::string>{"huawei", "zte"}));
  EXPECT_EQ(operators(doc["scenarios"][0]).at("alba").sites_surviving, 4);
}

TEST(OutageCli, AllVendorsListsEveryVendorTwice) {
  const Json doc = run_json("outage '" + kLondon + "' --all-vendors");
  std::map<std::string, std::vector<std::string>> modes;
  std::vector<std::string> order;
  for (const auto& s : doc["scenarios"]) {
    ASSERT_EQ(s["vendors"].size(), 1u);
    order.push_back(s["vendors"][0]);
    modes[s["vendors"][0]].push_back(s["mode"]);
  }
  EXPECT_TRUE(std::is_sorted(order.begin(), order.end()));
  // The vendors of examples/london/elements.csv, by canonical id.
  const std::set<std::string> expected{"arista", "ceragon", "ciena", "cisco", "commscope", "ericsson", "huawei",
                                       "juniper", "mavenir", "netcracker", "nokia", "oracle", "palo-alto", "red-hat",
                                       "ribbon", "samsung", "zte"};
  std::set<std::string> got;
  for (const auto& [v, m] : modes) {
    got.insert(v);
    EXPECT_EQ(m, (std::vector<std::string>{"failure", "kill-switch"})) << v;
  }
  EXPECT_EQ(got, expected);
  EXPECT_EQ(doc["scenarios"].size(), 2 * expected.size());
}

TEST(OutageCli, TextSaysWhatSurvives) {
  const CliRun r = run_netvet("outage '" + kLondon + "' --vendor huawei");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  for (const char* s : {"huawei - failure", "huawei - kill-switch", "4 of 6 (66.7%)", "2 of 2 (100.0%)", "20,500 of 28,600"})
    EXPECT_NE(r.out.find(s), std::string::npos) << s << "\n" << r.out;
}

TEST(OutageCli, BadUsageExitsTwo) {
  EXPECT_EQ(run_netvet("outage '" + kLondon + "'").exit_code, 2);
  EXPECT_EQ(run_netvet("outage '" + kLondon + "' --vendor huawei --all-vendors").exit_code, 2);
  EXPECT_EQ(run_netvet("outage '" + kLondon + "' --vendor huawei --mode meltdown").exit_code, 2);
  const CliRun r = run_netvet("outage '" + kLondon + "' --vendor nobody-at-all");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("vendors in this inventory:"), std::string::npos) << r.err;
}

TEST(OutageCli, HtmlIsSelfContained) {
  TempDir dir;
  const std::string out = dir / "outage.html";
  const CliRun r = run_netvet("outage '" + kLondon + "' --all-vendors --format html --output '" + out + "'");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string html = read_file(out);
  EXPECT_NE(html.find("default-src 'none'"), std::string::npos);
  EXPECT_EQ(html.find("{{"), std::string::npos);
  EXPECT_EQ(html.find("src=\"http"), std::string::npos);
  EXPECT_NE(html.find("data-vendors=\"netcracker\""), std::string::npos);
  EXPECT_NE(html.find("data-vendors=\"cisco\""), std::string::npos);
}

}  // namespace
}  // namespace netvet::testing
