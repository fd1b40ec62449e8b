#include <gtest/gtest.h>

#include <regex>
#include <set>

#include "check_fixture.h"
#include "report/check_formats.h"

namespace netvet::report {
namespace {

using json = nlohmann::json;

std::size_t count(const std::string& text, std::string_view what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

// The text of <script type="application/json" id="ID">...</script>.
std::string script_block(const std::string& html, const std::string& id) {
  const std::string open = "<script type=\"application/json\" id=\"" + id + "\">";
  const std::size_t from = html.find(open);
  if (from == std::string::npos) return {};
  const std::size_t begin = from + open.size();
  return html.substr(begin, html.find("</script>", begin) - begin);
}

class CheckHtml : public ::testing::Test {
 protected:
  Inventory inv = testing::sample_inventory();
  CheckReport report = testing::sample_report(inv);
};

TEST_F(CheckHtml, IsSelfContained) {
  const std::string html = check_html(report, inv);
  // Nothing the browser would fetch: no external scripts, styles, images, frames or imports.
  for (const std::regex& re : {std::regex(R"(<script[^>]*\ssrc\s*=)", std::regex::icase),
                               std::regex(R"(<link\b)", std::regex::icase),
                               std::regex(R"(<(img|iframe|embed|object|source|video|audio)\b)", std::regex::icase),
                               std::regex(R"(\ssrc\s*=)", std::regex::icase), std::regex(R"(@import)"),
                               std::regex(R"(\burl\s*\()", std::regex::icase)})
  {
    std::smatch m;
    EXPECT_FALSE(std::regex_search(html, m, re)) << html.substr(static_cast<std::size_t>(std::max<std::ptrdiff_t>(0, m.position() - 60)), 140);
  }
  // The page forbids itself the network.
  EXPECT_NE(html.find("Content-Security-Policy\" content=\"default-src 'none'"), std::string::npos);
  // URLs appear only as plain links to rule sources, the SVG namespace name and the
  // inlined decoder's licence comment; remove those and none may be left.
  std::string rest = html;
  std::vector<std::string> allowed = {"http://www.w3.org/2000/svg", "https://github.com/topojson/topojson-client"};
  for (const RuleInfo& r : report.rules)
    if (!r.source.url.empty()) allowed.push_back(r.source.url);
  for (const std::string& a : allowed)
    for (std::size_t at; (at = rest.find(a)) != std::string::npos;) rest.erase(at, a.size());
  EXPECT_EQ(rest.find("http://"), std::string::npos) << rest.substr(rest.find("http://"), 80);
  EXPECT_EQ(rest.find("https://"), std::string::npos) << rest.substr(rest.find("https://"), 80);
  EXPECT_EQ(rest.find("//cdn"), std::string::npos);
}

TEST_F(CheckHtml, EveryPlaceholderIsFilledAndEveryScriptClosesOnce) {
  const std::string html = check_html(report, inv);
  EXPECT_FALSE(std::regex_search(html, std::regex(R"(\{\{[a-z_]+\}\})")));
  EXPECT_TRUE(html.starts_with("<!DOCTYPE html>"));
  EXPECT_EQ(count(html, "<script"), 4u);
  EXPECT_EQ(count(html, "</script>"), 4u);  // no data or library closes a block early
  EXPECT_EQ(count(html, "<style>"), 1u);
}

TEST_F(CheckHtml, CarriesEveryFindingAndTheOutlines) {
  testing::set_message(report, 0, "ends </script><script>alert(1)</script>");
  const std::string html = check_html(report, inv);
  const json data = json::parse(script_block(html, "netvet-data"));
  ASSERT_EQ(data["findings"].size(), report.findings.size());
  std::set<std::string> ids;
  for (const json& f : data["findings"]) ids.insert(f[3].get<std::string>());
  for (const Finding& f : report.findings) {
    EXPECT_TRUE(ids.contains(std::string(f.subject_id))) << f.subject_id;
    EXPECT_NE(html.find(f.subject_id), std::string::npos) << f.subject_id;
  }
  EXPECT_EQ(data["findings"][0][7], message_of(report, report.findings[0]));  // survives the escaping intact
  EXPECT_EQ(data["findings"][0][11], "LDN-001");                   // the element's site, for search

  // The country outlines: world-atlas TopoJSON, and topojson-client to decode them.
  const json atlas = json::parse(script_block(html, "netvet-atlas"));
  EXPECT_EQ(atlas["type"], "Topology");
  EXPECT_GT(atlas["objects"]["countries"]["geometries"].size(), 200u);
  EXPECT_NE(html.find("topojson-client v3.1.0"), std::string::npos);
  EXPECT_NE(html.find("world-atlas 2.0.2"), std::string::npos);  // credited with its version
}

TEST_F(CheckHtml, DrawsABarPerMeasureRedWhenOverTheCap) {
  const std::string html = check_html(report, inv);
  for (const Measure& m : report.measures) {
    const std::regex row("<div class=\"bar-row( over)?\" data-operator=\"" + m.op + "\">");
    std::smatch match;
    ASSERT_TRUE(std::regex_search(html, match, row)) << m.op;
    EXPECT_EQ(match[1].matched, !m.ok) << m.op;
  }
  EXPECT_NE(html.find("style=\"width:41.00%\""), std::string::npos);  // 0.41 on a 0-100% axis
  EXPECT_NE(html.find("style=\"left:35.00%\""), std::string::npos);   // the cap
  report.measures.clear();
  EXPECT_EQ(check_html(report, inv).find("class=\"bar-row"), std::string::npos);
}

TEST_F(CheckHtml, SummaryAndHeaderAreEscaped) {
  report.inventory = "<b>UK</b> & co";
  const std::string html = check_html(report, inv);
  EXPECT_EQ(html.find("<b>UK</b>"), std::string::npos);
  EXPECT_NE(html.find("<h1>&lt;b&gt;UK&lt;/b&gt; &amp; co</h1>"), std::string::npos);
  EXPECT_NE(html.find("<a class=\"card critical\" href=\"#findings\" data-severity=\"0\"><div class=\"label\">critical</div>"
                      "<div class=\"n\">2</div>"),
            std::string::npos);
  EXPECT_NE(html.find("Not compliant"), std::string::npos);
}

TEST_F(CheckHtml, MapShowsFlaggedSitesFirstWithinItsCap) {
  const json all = json::parse(script_block(check_html(report, inv), "netvet-data"));
  EXPECT_EQ(all["map"]["located"], 5);  // NOWHERE-1 has no coordinates
  EXPECT_EQ(all["map"]["sites"].size(), 5u);
  EXPECT_EQ(all["map"]["flagged"], 3);  // LDN-001, GLA-001, BEL-001; MAN-001's finding is waived
  const json capped = json::parse(script_block(check_html(report, inv, {.max_map_sites = 2}), "netvet-data"));
  ASSERT_EQ(capped["map"]["sites"].size(), 2u);
  // The two worst flagged sites, the worst drawn last: GLA-001 (medium) then LDN-001 (critical).
  EXPECT_EQ(capped["map"]["sites"][0][4], "GLA-001");
  EXPECT_EQ(capped["map"]["sites"][1][4], "LDN-001");
  EXPECT_EQ(capped["map"]["sites"][1][2], 0);  // critical
  EXPECT_EQ(capped["map"]["sites"][1][3], 2);  // two findings
}

TEST_F(CheckHtml, TableCapKeepsTheMostSevere) {
  const json data = json::parse(script_block(check_html(report, inv, {.max_table_findings = 2}), "netvet-data"));
  ASSERT_EQ(data["findings"].size(), 2u);
  EXPECT_EQ(data["findings_total"], report.findings.size());
  for (const json& f : data["findings"]) EXPECT_EQ(f[1], 0);  // both critical
}

TEST(SitesGeojson, IsRfc7946WithLongitudeFirst) {
  const Inventory inv = testing::sample_inventory();
  const CheckReport report = testing::sample_report(inv);
  const json g = json::parse(sites_geojson(report, inv).dump());
  EXPECT_EQ(g["type"], "FeatureCollection");
  ASSERT_EQ(g["features"].size(), 5u);
  const json& london = g["features"][0];
  EXPECT_EQ(london["type"], "Feature");
  EXPECT_EQ(london["geometry"]["type"], "Point");
  EXPECT_DOUBLE_EQ(london["geometry"]["coordinates"][0].get<double>(), -0.1276);
  EXPECT_DOUBLE_EQ(london["geometry"]["coordinates"][1].get<double>(), 51.5072);
  EXPECT_EQ(london["properties"]["id"], "LDN-001");
  EXPECT_EQ(london["properties"]["operator"], "ee");
  EXPECT_EQ(london["properties"]["findings"], 2);
  EXPECT_EQ(london["properties"]["severity"], "critical");
  EXPECT_EQ(g["features"][1]["properties"]["severity"], "none");  // MAN-001: only a waived finding
}

}  // namespace
}  // namespace netvet::report
