// `netvet check` with exposure through the real binary, on examples/london with answers
// worked out by hand from its CSV files: the us-colocation pack's exposure rule (the US
// embassy served by C1 alone at a 150 m serving radius crosses Huawei's gNodeB, router
// and aggregation router), and the check HTML report's exposure section (each facility's
// chain in path order, coloured by vendor, and the outage chart).

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "run_netvet.h"

namespace netvet::testing {
namespace {

using Json = nlohmann::json;

const std::string kLondon = NETVET_SOURCE_DIR "/examples/london";

const Json* finding_about(const Json& doc, const std::string& subject) {
  for (const auto& f : doc["findings"])
    if (f["subject"]["id"] == subject) return &f;
  return nullptr;
}

// The text between `id="ID"` and the next `id="fac-` (or the end of its section).
std::string block(const std::string& html, const std::string& id) {
  const auto at = html.find("id=\"" + id + "\"");
  if (at == std::string::npos) return {};
  const auto end = std::min(html.find("id=\"fac-", at + 1), html.find("</section>", at));
  return html.substr(at, end - at);
}

TEST(CheckExposureCli, UsEmbassyServedByOneHuaweiCellIsExposed) {
  const CliRun r = run_netvet("check '" + kLondon + "' --policy us-colocation --as-of 2025-01-01 --serving-radius 0.15 --format json");
  ASSERT_EQ(r.exit_code, 1) << r.out << r.err;
  const Json doc = Json::parse(r.out);
  ASSERT_EQ(doc["findings"].size(), 1U) << r.out;  // the other two facilities are GB's
  const Json* f = finding_about(doc, "F-US-EMB");
  ASSERT_NE(f, nullptr) << r.out;
  EXPECT_EQ((*f)["subject"]["kind"], "facility");
  EXPECT_EQ((*f)["rule"], "us-facility-exposure");
  EXPECT_EQ((*f)["severity"], "high");
  EXPECT_EQ((*f)["vendor"], "huawei");  // the first designated element from the cell: C1-GNB
  EXPECT_EQ((*f)["operator"], "alba");
  EXPECT_EQ((*f)["clause"], "transport, influence exposure to high-risk");
  const std::string message = (*f)["message"];
  // C1's radio, antenna and gNodeB are all sources, and every one's way leads through the
  // gNodeB: the smallest cut is that one Huawei element, nearest the cells.
  EXPECT_NE(message.find("is exposed to huawei (transport, influence): via alba, every path from its serving cells to "
                         "the core crosses the designated vendors' element: C1-GNB (huawei gnb)"),
            std::string::npos)
      << message;
  // The cut is the explanation; the unavoidable chain is the exposure command's, and the
  // message does not repeat it.
  EXPECT_EQ(message.find("cannot avoid C1-GNB"), std::string::npos) << message;
  // Huawei's EMS manages the gNodeB (and more): the nearest influencing element.
  EXPECT_NE(message.find("DC1-EMS-HW (huawei ems) manages or hosts C1-GNB (huawei gnb)"), std::string::npos) << message;
  EXPECT_NE(message.find("[us-colocation us-facility-exposure; source:"), std::string::npos) << message;
}

TEST(CheckExposureCli, AtTheDefaultRadiusTwoOperatorsLeaveNothingUnavoidable) {
  // C1, C2 (alba) and C6 (brig) serve the embassy: no element is on every path, and its
  // operators' control plane and managers are Nokia, Oracle, Mavenir, Ericsson, Red Hat.
  const CliRun r = run_netvet("check '" + kLondon + "' --policy us-colocation --as-of 2025-01-01 --format json");
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_TRUE(Json::parse(r.out)["findings"].empty()) << r.out;
}

TEST(CheckExposureCli, TimelineShowsTheEmbassyExposedFromTheRulesDate) {
  // Nothing is in force on the start date, so the exposure is first computed on
  // 2020-08-13 (and reused on the dates after it).
  const CliRun r = run_netvet("timeline '" + kLondon + "' --policy us-colocation,gb --serving-radius 0.15 --as-of 2020-01-01");
  ASSERT_EQ(r.exit_code, 1) << r.out << r.err;
  const auto day = r.out.find("2020-08-13  +1 -0");
  ASSERT_NE(day, std::string::npos) << r.out;
  EXPECT_NE(r.out.find("facility:F-US-EMB", day), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("free 1 facility from exposure to the designated vendors"), std::string::npos) << r.out;
}

TEST(CheckExposureCli, GbPackShowsTheIsolatedCaseAsLowSeverity) {
  // examples/london with a UK military base 30 km from every cell site: nothing serves it.
  TempDir dir;
  const std::filesystem::path london = dir.path() / "london";
  std::filesystem::copy(kLondon, london, std::filesystem::copy_options::recursive);
  std::ofstream(london / "facilities.csv", std::ios::app) << "F-RANGE,military,51.75,-0.45,GB,,Firing range,\n";
  const CliRun r = run_netvet("check '" + london.string() + "' --policy gb --as-of 2025-01-01 --format json");
  ASSERT_EQ(r.exit_code, 1) << r.err;
  const Json doc = Json::parse(r.out);
  const Json* f = finding_about(doc, "F-RANGE");
  ASSERT_NE(f, nullptr) << r.out;
  EXPECT_EQ((*f)["rule"], "sensitive-site-exposure");
  EXPECT_EQ((*f)["severity"], "low");
  EXPECT_EQ((*f)["clause"], "isolated");
  EXPECT_NE((*f)["message"].get<std::string>().find("no site serves it (no served_by, and no cell site reaches it: by its range_km, or within 2 km without one)"),
            std::string::npos)
      << (*f)["message"];
}

TEST(CheckExposureCli, HtmlReportShowsEachFacilitysChainAndTheOutageChart) {
  TempDir dir;
  const std::string out = dir / "check.html";
  const CliRun r = run_netvet("check '" + kLondon + "' --policy gb,us-colocation --as-of 2025-01-01 --serving-radius 0.15 "
                              "--format html --output '" + out + "'");
  ASSERT_EQ(r.exit_code, 1) << r.err;
  const std::string html = read_file(out);
  EXPECT_NE(html.find("default-src 'none'"), std::string::npos);
  EXPECT_EQ(html.find("{{"), std::string::npos) << "a placeholder left unfilled";
  EXPECT_EQ(html.find("<link"), std::string::npos);
  EXPECT_EQ(html.find("src=\"http"), std::string::npos);
  const auto section = html.find("<section class=\"panel\" id=\"exposure\">");
  ASSERT_NE(section, std::string::npos);
  for (const char* id : {"fac-F-DOCKS", "fac-F-US-EMB", "fac-F-WHITEHALL"})
    EXPECT_NE(html.find(std::string("id=\"") + id + "\"", section), std::string::npos) << id;

  // Each chain in path order, every chip with its function and canonical vendor.
  struct Chip {
    const char *id, *what;
  };
  const std::vector<Chip> docks{{"C4-SC", "small_cell &middot; samsung"}, {"C4-CSR", "csr &middot; juniper"},
                                {"C4-MW", "microwave &middot; ceragon"},   {"C3-MW", "microwave &middot; ceragon"},
                                {"C3-CSR", "csr &middot; cisco"},          {"AGG1-R2", "router &middot; cisco"},
                                {"CORE1-R1", "router &middot; cisco"}};
  const std::vector<Chip> embassy{{"C1-GNB", "gnb &middot; huawei"}, {"C1-CSR", "csr &middot; huawei"},
                                  {"AGG1-R1", "router &middot; huawei"}, {"CORE1-R1", "router &middot; cisco"}};
  for (const auto& [facility, chain] : {std::pair{"fac-F-DOCKS", docks}, std::pair{"fac-F-US-EMB", embassy}}) {
    const std::string b = block(html, facility);
    ASSERT_FALSE(b.empty()) << facility;
    std::size_t at = 0;
    for (const Chip& c : chain) {
      const auto next = b.find(std::string("<span class=\"id\">") + c.id + "</span><span class=\"what\">" + c.what + "</span>", at);
      ASSERT_NE(next, std::string::npos) << facility << ": " << c.id << " (" << c.what << ") in order\n" << b;
      at = next;
    }
  }
  // Huawei is designated by gb and us-colocation: its chips are marked, its badge shown.
  const std::string embassy_block = block(html, "fac-F-US-EMB");
  EXPECT_NE(embassy_block.find("chip designated"), std::string::npos);
  EXPECT_NE(embassy_block.find("exposed to huawei"), std::string::npos) << embassy_block;
  EXPECT_EQ(block(html, "fac-F-DOCKS").find("chip designated"), std::string::npos);
  // The outage chart, after the chains: Huawei's group with a bar per operator.
  const auto chart = html.find("id=\"outage\"", section);
  ASSERT_NE(chart, std::string::npos);
  EXPECT_NE(html.find("data-vendors=\"huawei\"", chart), std::string::npos);
  EXPECT_NE(html.find("data-operator=\"alba\"", chart), std::string::npos);
  EXPECT_NE(html.find("data-operator=\"brig\"", chart), std::string::npos);
}

TEST(CheckExposureCli, HtmlReportWithoutFacilitiesHasNoExposureSection) {
  TempDir dir;
  const std::filesystem::path london = dir.path() / "london";
  std::filesystem::copy(kLondon, london, std::filesystem::copy_options::recursive);
  std::ofstream(london / "facilities.csv", std::ios::trunc) << "id,kind,lat,lon,owner,served_by,name,tags\n";
  const std::string out = dir / "check.html";
  const CliRun r = run_netvet("check '" + london.string() + "' --policy gb --as-of 2025-01-01 --format html --output '" + out + "'");
  ASSERT_EQ(r.exit_code, 1) << r.err;
  const std::string html = read_file(out);
  EXPECT_EQ(html.find("id=\"exposure\""), std::string::npos);
  EXPECT_EQ(html.find("{{"), std::string::npos);
}

}  // namespace
}  // namespace netvet::testing
