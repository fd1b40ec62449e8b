// The alliance page in a real browser: headless Chromium (Debian's `chromium`, which
// ./netvet.sh installs) loads the page, runs its script and dumps the DOM it drew, which
// libxml2's HTML parser reads back. Rendered from a real `netvet alliance` run on two
// small generated countries and from the sample report with every section
// (tests/fixtures/alliance/report/sample.json). The script marks <body data-rendered="ok">
// when it is done, or "error" with what went wrong in data-error.

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <libxml/HTMLparser.h>
#include <libxml/xpath.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <set>
#include <sstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "alliance_html_sample.h"
#include "report/alliance_report.h"
#include "run_netvet.h"

namespace netvet::testing {
namespace {

using Json = nlohmann::ordered_json;

constexpr const char* kNoChromium =
    "chromium not found: the HTML reports are checked in a real browser, Debian's headless Chromium. "
    "Install it with ./netvet.sh (or apt-get install chromium).";

bool have_chromium() { return std::system("command -v chromium >/dev/null 2>&1") == 0; }

// The DOM Chromium has drawn from the page, serialised; empty when it failed.
std::string rendered_dom(const std::string& page, const TempDir& dir) {
  const std::string out = dir / "dom.html", err = dir / "chromium.err";
  const std::string command = fmt::format(
      "timeout 120 chromium --headless --no-sandbox --disable-gpu --no-first-run --no-default-browser-check "
      "--user-data-dir='{}' --virtual-time-budget=5000 --dump-dom 'file://{}' >'{}' 2>'{}'",
      dir / "profile", page, out, err);
  const int status = std::system(command.c_str());
  if (status != 0) ADD_FAILURE() << "chromium failed (" << status << "): " << read_file(err);
  return read_file(out);
}

// The dumped DOM, read by libxml2's HTML parser and queried with XPath.
class Dom {
 public:
  explicit Dom(const std::string& html)
      : doc_(htmlReadMemory(html.data(), static_cast<int>(html.size()), "page.html", "utf-8",
                            HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET),
             &xmlFreeDoc) {}
  bool ok() const { return doc_ != nullptr; }

  std::vector<xmlNode*> all(const std::string& xpath, xmlNode* context = nullptr) const {
    std::vector<xmlNode*> out;
    if (!doc_) return out;
    std::unique_ptr<xmlXPathContext, decltype(&xmlXPathFreeContext)> ctx(xmlXPathNewContext(doc_.get()),
                                                                          &xmlXPathFreeContext);
    if (context != nullptr) ctx->node = context;
    std::unique_ptr<xmlXPathObject, decltype(&xmlXPathFreeObject)> result(
        xmlXPathEvalExpression(reinterpret_cast<const xmlChar*>(xpath.c_str()), ctx.get()), &xmlXPathFreeObject);
    if (!result) {
      ADD_FAILURE() << "bad XPath: " << xpath;
      return out;
    }
    if (result->nodesetval != nullptr)
      for (int i = 0; i < result->nodesetval->nodeNr; ++i) out.push_back(result->nodesetval->nodeTab[i]);
    return out;
  }
  xmlNode* one(const std::string& xpath, xmlNode* context = nullptr) const {
    const auto nodes = all(xpath, context);
    return nodes.empty() ? nullptr : nodes.front();
  }

 private:
  std::unique_ptr<xmlDoc, decltype(&xmlFreeDoc)> doc_;
};

std::string attribute(xmlNode* node, const char* name) {
  if (node == nullptr) return "(no node)";
  xmlChar* v = xmlGetProp(node, reinterpret_cast<const xmlChar*>(name));
  std::string out = v != nullptr ? reinterpret_cast<const char*>(v) : "";
  xmlFree(v);
  return out;
}

std::string content(xmlNode* node) {
  if (node == nullptr) return "(no node)";
  xmlChar* v = xmlNodeGetContent(node);
  std::string out = v != nullptr ? reinterpret_cast<const char*>(v) : "";
  xmlFree(v);
  return out;
}

// The classes of an element.
std::set<std::string> classes(xmlNode* node) {
  std::set<std::string> out;
  std::istringstream words(attribute(node, "class"));
  for (std::string w; words >> w;) out.insert(w);
  return out;
}

// An XPath test for a class among an element's classes.
std::string has_class(const std::string& name) {
  return "contains(concat(' ', normalize-space(@class), ' '), ' " + name + " ')";
}

std::string level_class(const std::string& verdict) { return verdict == "n/a" ? "v-na" : "v-" + verdict; }

// What every page must show: drawn without error, and the matrix with one row per
// country and one cell per rule, coloured by the country's verdict under the rule.
void expect_matrix(const Dom& dom, const Json& report) {
  xmlNode* body = dom.one("//body");
  ASSERT_NE(body, nullptr);
  EXPECT_EQ(attribute(body, "data-rendered"), "ok") << "data-error: " << attribute(body, "data-error");
  EXPECT_EQ(attribute(body, "data-error"), "");
  const Json& rules = report.at("rules");
  const Json& countries = report.at("countries");
  const auto heads = dom.all("//table[@id='matrix-table']/thead/tr/th[" + has_class("rule") + "]");
  ASSERT_EQ(heads.size(), rules.size());
  for (std::size_t i = 0; i < rules.size(); ++i) {
    const std::string title = attribute(heads[i], "title");
    EXPECT_NE(title.find(rules[i].at("title").get<std::string>()), std::string::npos) << title;
    EXPECT_NE(title.find("Scope: " + rules[i].at("scope").get<std::string>()), std::string::npos) << title;
    EXPECT_NE(title.find("Legal status: " + rules[i].at("status").get<std::string>()), std::string::npos) << title;
  }
  const auto rows = dom.all("//table[@id='matrix-table']/tbody/tr");
  ASSERT_EQ(rows.size(), countries.size());
  for (std::size_t c = 0; c < countries.size(); ++c) {
    const Json& country = countries[c];
    EXPECT_EQ(attribute(rows[c], "data-country"), country.at("code"));
    const auto cells = dom.all("td[" + has_class("cell") + " and @data-rule]", rows[c]);
    ASSERT_EQ(cells.size(), rules.size()) << country.at("code");
    for (std::size_t r = 0; r < rules.size(); ++r) {
      const Json& v = country.at("verdicts").at(r);
      const std::string verdict = v.at("verdict");
      EXPECT_EQ(attribute(cells[r], "data-verdict"), verdict) << country.at("code") << " " << v.at("rule");
      xmlNode* chip = dom.one("span[" + has_class(level_class(verdict)) + "]", cells[r]);
      ASSERT_NE(chip, nullptr) << country.at("code") << " " << v.at("rule");
      EXPECT_EQ(attribute(chip, "title").substr(0, v.at("because").get<std::string>().size()), v.at("because"));
      // A rule not in force on the date is marked, where it concerns the country.
      EXPECT_EQ(classes(chip).contains("dormant"), !v.value("in_force", true) && verdict != "n/a")
          << country.at("code") << " " << v.at("rule");
    }
    // The overall columns: intelligence, co-location, and both if enacted.
    const auto overall = dom.all("td[" + has_class("overall") + "]", rows[c]);
    ASSERT_EQ(overall.size(), 4u);
    EXPECT_EQ(attribute(overall[0], "data-verdict"), country.at("overall").at("intelligence"));
    EXPECT_EQ(attribute(overall[1], "data-verdict"), country.at("overall").at("co-location"));
    EXPECT_EQ(attribute(overall[2], "data-verdict"), country.at("overall").at("if_enacted").at("intelligence"));
    EXPECT_EQ(attribute(overall[3], "data-verdict"), country.at("overall").at("if_enacted").at("co-location"));
  }
}

TEST(AllianceHtmlBrowser, DrawsTheSampleWithEverySection) {
  ASSERT_TRUE(have_chromium()) << kNoChromium;
  TempDir dir;
  const Json sample = alliance_sample();
  const std::string page = dir / "sample.html";
  std::ofstream(page) << report::alliance_html_page(sample);
  const Dom dom(rendered_dom(page, dir));
  ASSERT_TRUE(dom.ok());
  expect_matrix(dom, sample);

  // GB's projection: one column per date, as_of first; S.3153 turns from none to full at
  // 2027-12-31, when the UK's own deadline has Huawei out of its 5G.
  xmlNode* timeline = dom.one("//section[@id='country-GB']//table[" + has_class("timeline") + "]");
  ASSERT_NE(timeline, nullptr);
  const auto dates = dom.all("thead/tr/th[@data-date]", timeline);
  const Json& projection = sample.at("countries").at(0).at("projection");
  ASSERT_EQ(dates.size(), projection.size() + 1);
  EXPECT_EQ(attribute(dates[0], "data-date"), "2020-02-01");
  std::size_t at = 0;
  for (std::size_t i = 0; i < dates.size(); ++i)
    if (attribute(dates[i], "data-date") == "2027-12-31") at = i;
  ASSERT_GT(at, 0u);
  const auto s3153 = dom.all("tbody/tr[@data-rule='us-sharing s3153-huawei-5g']/td", timeline);
  ASSERT_EQ(s3153.size(), dates.size());
  EXPECT_EQ(attribute(s3153[0], "data-verdict"), "none");
  EXPECT_EQ(attribute(s3153[at - 1], "data-verdict"), "none");
  EXPECT_EQ(attribute(s3153[at], "data-verdict"), "full");
  EXPECT_NE(dom.one("span[" + has_class("changed") + "]", s3153[at]), nullptr);
  EXPECT_EQ(dom.all("tbody/tr[" + has_class("overall") + "]", timeline).size(), 4u);
  EXPECT_EQ(attribute(dom.one("tbody/tr[" + has_class("overall") + "][3]/td[last()]", timeline), "data-verdict"), "full");

  // Footprint per operator, with a bar for the share of RAN sites.
  const Json& footprint = sample.at("countries").at(0).at("footprint");
  const auto operators = dom.all("//section[@id='country-GB']//table[" + has_class("footprint") + "]/tbody/tr");
  ASSERT_EQ(operators.size(), footprint.at("operators").size());
  EXPECT_EQ(attribute(operators[0], "data-operator"), footprint.at("operators").at(0).at("id"));
  EXPECT_NE(dom.one(".//div[" + has_class("fill") + "]", operators[0]), nullptr);

  // What would change S.3153's verdict: per operator the count and the first ids, the
  // rest behind a disclosure.
  const auto changes = dom.all("//section[@id='country-GB']//table[" + has_class("changes") +
                               "]/tbody/tr[@data-rule='s3153-huawei-5g']");
  const Json* to_change = nullptr;
  for (const Json& v : sample.at("countries").at(0).at("verdicts"))
    if (v.at("rule") == "s3153-huawei-5g") to_change = &v.at("to_change");
  ASSERT_NE(to_change, nullptr);
  ASSERT_EQ(changes.size(), to_change->size());
  const std::string first_id = to_change->at(0).at("elements").at(0);
  EXPECT_NE(content(changes[0]).find(first_id), std::string::npos) << content(changes[0]);
  EXPECT_NE(dom.one(".//details[" + has_class("ids") + "]/summary", changes[0]), nullptr);

  // The exposed facilities with their cuts.
  const auto facilities = dom.all("//section[@id='country-GB']//table[" + has_class("facilities") +
                                  "]/tbody/tr[@data-facility]");
  ASSERT_FALSE(facilities.empty());
  EXPECT_NE(content(facilities[0]).find("none"), std::string::npos) << content(facilities[0]);

  // A country without footprint, changes or projection (NZ in the sample) has its panel
  // and its reasons, and none of the sections it has no data for.
  xmlNode* nz = dom.one("//section[@id='country-NZ']");
  ASSERT_NE(nz, nullptr);
  EXPECT_NE(dom.one(".//table[" + has_class("reasons") + "]", nz), nullptr);
  EXPECT_EQ(dom.one(".//table[" + has_class("timeline") + "]", nz), nullptr);
  EXPECT_EQ(dom.one(".//table[" + has_class("footprint") + "]", nz), nullptr);
}

TEST(AllianceHtmlBrowser, DrawsARealRun) {
  ASSERT_TRUE(have_chromium()) << kNoChromium;
  TempDir dir;
  const std::string scenario = dir / "scenario.yaml";
  std::ofstream(scenario) << R"(format: netvet-alliance
version: 1
name: Two small networks
as_of: 2020-02-01
partner: US
sharing: [us-sharing]
countries:
  - code: GB
    alliances: [five-eyes, nato]
    regime: [gb]
    networks:
      - generate: {sites: 300, seed: 1}
  - code: DE
    alliances: [nato]
    networks:
      - generate: {sites: 200, seed: 2}
      - generate: {sites: 100, seed: 3}
        name: DE, second network
)";
  const std::string page = dir / "alliance.html";
  const CliRun html = run_netvet("alliance '" + scenario + "' --format html -o '" + page + "'");
  ASSERT_TRUE(html.exit_code == 0 || html.exit_code == 1) << html.err;
  EXPECT_EQ(html.out, "");
  const CliRun json = run_netvet("alliance '" + scenario + "' --format json");
  ASSERT_EQ(json.exit_code, html.exit_code) << json.err;
  const Json report = Json::parse(json.out);
  const Dom dom(rendered_dom(page, dir));
  ASSERT_TRUE(dom.ok());
  expect_matrix(dom, report);
  EXPECT_NE(dom.one("//section[@id='country-GB']"), nullptr);
  EXPECT_NE(dom.one("//section[@id='country-DE']"), nullptr);
}

TEST(AllianceHtmlBrowser, DrawsAReportWithSectionsMissingOrMalformed) {
  ASSERT_TRUE(have_chromium()) << kNoChromium;
  TempDir dir;
  const std::string page = dir / "odd.html";
  std::ofstream(page) << report::alliance_html_page(Json::parse(R"({
    "scenario": "odd", "rules": [{"pack": "p", "id": "r", "title": "t", "scope": "intelligence", "status": "bill"}],
    "countries": [{"code": "XX", "verdicts": [{"pack": "p", "rule": "r", "verdict": "restricted", "to_change": 3,
                                               "facilities": [{"id": "f", "cut": "x"}, 7]}],
                   "footprint": {"operators": [{"id": "a"}], "vendors": "huawei"}, "projection": [{"date": "2030-01-01"}, 5]},
                  {"code": "YY"}, 3]})"));
  const Dom dom(rendered_dom(page, dir));
  ASSERT_TRUE(dom.ok());
  xmlNode* body = dom.one("//body");
  EXPECT_EQ(attribute(body, "data-rendered"), "ok") << attribute(body, "data-error");
  EXPECT_EQ(dom.all("//table[@id='matrix-table']/tbody/tr").size(), 2u);
}

}  // namespace
}  // namespace netvet::testing
