// `netvet plan` through the real binary: a plan for a generated GB network under gb that
// its own --verify passes, the same plan broken on purpose and caught, and bad resources
// refused with their place.

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "run_netvet.h"

namespace netvet::testing {
namespace {

// A generated GB network of 400 cell sites, and resources for it.
struct Planned {
  TempDir dir;
  std::string network = dir / "gb";
  std::string resources = dir / "resources.yaml";
  Planned() {
    const CliRun g = run_netvet("generate --country GB --sites 400 --seed 3 --out '" + network + "'");
    EXPECT_EQ(g.exit_code, 0) << g.err;
    std::ofstream(resources) << "start: 2021-01\nhorizon: 2028-12\ncrews: {default: 30, London: 120}\n"
                                "budget: {default: unlimited}\nfacility_weight: 10\n";
  }
  std::string plan(const std::string& more) const {
    return "plan '" + network + "' --policy gb --as-of 2021-01-01 --resources '" + resources + "' " + more;
  }
};

TEST(PlanCli, APlanForGbMeetsItsDeadlinesAndItsOwnVerifierPassesIt) {
  const Planned p;
  const std::string json = p.dir / "plan.json";
  const CliRun r = run_netvet(p.plan("--format json --output '" + json + "'"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::ifstream in(json);
  const auto j = nlohmann::json::parse(in);
  EXPECT_EQ(j["status"], "optimal");
  EXPECT_EQ(j["currency"], "GBP") << "the gb pack's default catalog";
  EXPECT_EQ(j["objective"]["lateness"], 0);
  EXPECT_GT(j["items"].size(), 10U);
  double cost = 0;
  for (const auto& item : j["items"]) {
    EXPECT_LE(item["month"].get<std::string>(), item["deadline"].get<std::string>()) << item["id"];
    cost += item["cost"].get<double>();
  }
  EXPECT_NEAR(cost, j["totals"]["cost"].get<double>(), 1.0);
  for (const auto& cap : j["caps"]) EXPECT_EQ(cap["ok"], true) << cap["operator"];
  const CliRun verified = run_netvet(p.plan("--verify '" + json + "'"));
  EXPECT_EQ(verified.exit_code, 0) << verified.out << verified.err;
  EXPECT_NE(verified.out.find("0 violation(s)"), std::string::npos) << verified.out;
}

TEST(PlanCli, VerifyNamesWhatABrokenPlanBreaks) {
  const Planned p;
  const std::string json = p.dir / "plan.json";
  ASSERT_EQ(run_netvet(p.plan("--format json --output '" + json + "'")).exit_code, 0);
  nlohmann::json j;
  std::ifstream(json) >> j;
  // A wrong cost on the first item, and the second item's first element left out.
  j["items"][0]["cost"] = j["items"][0]["cost"].get<double>() + 1000;
  auto& elements = j["items"][1]["elements"];
  const std::string dropped = elements[0];
  elements.erase(elements.begin());
  const std::string broken = p.dir / "broken.json";
  std::ofstream(broken) << j.dump(2);
  const CliRun r = run_netvet(p.plan("--verify '" + broken + "'"));
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("VIOLATION cost"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("VIOLATION elements"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find(dropped), std::string::npos) << "names the element left out: " << r.out;
}

TEST(PlanCli, BadResourcesAreExitTwoWithTheirPlaceAndNothingWritten) {
  const Planned p;
  std::ofstream(p.resources) << "start: 2021-01\nhorizon: 2020-13\n";
  const std::string out = p.dir / "plan.json";
  const CliRun r = run_netvet(p.plan("--format json --output '" + out + "'"));
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  EXPECT_NE(r.err.find("resources.yaml:2:"), std::string::npos) << r.err;
  EXPECT_FALSE(std::filesystem::exists(out));
  // Crews too few for a site visit: the visit and the region are named.
  std::ofstream(p.resources) << "start: 2021-01\nhorizon: 2028-12\ncrews: {default: 5}\n";
  const CliRun few = run_netvet(p.plan("--format json --output '" + out + "'"));
  EXPECT_EQ(few.exit_code, 2) << few.err;
  EXPECT_NE(few.err.find("crew-days in one month, and region"), std::string::npos) << few.err;
  EXPECT_FALSE(std::filesystem::exists(out));
}

std::size_t occurrences(const std::string& text, const std::string& needle) {
  std::size_t n = 0;
  for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
  return n;
}

TEST(PlanCli, TheHtmlPageDrawsInARealBrowser) {
  // Debian's headless Chromium runs the page's script; the DOM it dumps shows what it drew.
  ASSERT_EQ(std::system("command -v chromium >/dev/null 2>&1"), 0)
      << "chromium not found: the HTML reports are checked in a real browser; ./netvet.sh installs it";
  const Planned p;
  const std::string page = p.dir / "plan.html", json = p.dir / "plan.json", dom = p.dir / "dom.html";
  ASSERT_EQ(run_netvet(p.plan("--format html --output '" + page + "'")).exit_code, 0);
  ASSERT_EQ(run_netvet(p.plan("--format json --output '" + json + "'")).exit_code, 0);
  const std::string command = "timeout 120 chromium --headless --no-sandbox --disable-gpu --no-first-run --user-data-dir='" +
                              std::string(p.dir / "profile") + "' --virtual-time-budget=5000 --dump-dom 'file://" + page +
                              "' >'" + dom + "' 2>/dev/null";
  ASSERT_EQ(std::system(command.c_str()), 0);
  std::stringstream drawn;
  drawn << std::ifstream(dom).rdbuf();
  const std::string html = drawn.str();
  EXPECT_NE(html.find("data-rendered=\"ok\""), std::string::npos) << "the script ran to its end without an error";
  EXPECT_EQ(html.find("data-error="), std::string::npos);
  // One row per region with work (at most 40 drawn), one chart per cap.
  nlohmann::json j;
  std::ifstream(json) >> j;
  std::set<std::string> regions;
  for (const auto& m : j["months"]) regions.insert(m["region"].get<std::string>());
  EXPECT_EQ(occurrences(html, "data-region=\""), std::min<std::size_t>(regions.size(), 40));
  EXPECT_EQ(occurrences(html, "data-cap=\""), j["caps"].size());
  EXPECT_NE(html.find("<svg"), std::string::npos) << "the cumulative cost chart";
}

}  // namespace
}  // namespace netvet::testing
