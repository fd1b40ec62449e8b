// The alliance page as text: self-contained, every placeholder filled, the report's JSON
// carried whole and unable to end its script block, and what reads without script (the
// header, the summary, each country's overall verdicts, the rules) written as HTML. What
// the script draws is checked in a browser (alliance_html_browser_test.cpp).

#include <gtest/gtest.h>

#include <regex>

#include "alliance_html_sample.h"
#include "report/alliance_report.h"

namespace netvet::report {
namespace {

using Json = nlohmann::ordered_json;

std::size_t count(const std::string& text, std::string_view what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

std::string data_block(const std::string& html) {
  const std::string open = "<script type=\"application/json\" id=\"netvet-data\">";
  const std::size_t from = html.find(open);
  if (from == std::string::npos) return {};
  const std::size_t begin = from + open.size();
  return html.substr(begin, html.find("</script>", begin) - begin);
}

TEST(AllianceHtml, IsSelfContained) {
  const Json sample = testing::alliance_sample();
  const std::string html = alliance_html_page(sample);
  for (const std::regex& re : {std::regex(R"(<script[^>]*\ssrc\s*=)", std::regex::icase), std::regex(R"(<link\b)", std::regex::icase),
                               std::regex(R"(<(img|iframe|embed|object|source|video|audio)\b)", std::regex::icase),
                               std::regex(R"(\ssrc\s*=)", std::regex::icase), std::regex(R"(@import)"),
                               std::regex(R"(\burl\s*\()", std::regex::icase)}) {
    std::smatch m;
    EXPECT_FALSE(std::regex_search(html, m, re)) << m.str();
  }
  EXPECT_NE(html.find("Content-Security-Policy\" content=\"default-src 'none'"), std::string::npos);
  // URLs only as links to the rules' sources (and the JSON's copies of them).
  std::string rest = html;
  for (const Json& r : sample.at("rules"))
    for (const Json& s : r.at("sources"))
      if (s.contains("url"))
        for (const std::string url = s.at("url").get<std::string>(); !url.empty();) {
          const std::size_t at = rest.find(url);
          if (at == std::string::npos) break;
          rest.erase(at, url.size());
        }
  EXPECT_EQ(rest.find("http://"), std::string::npos) << rest.substr(rest.find("http://"), 80);
  EXPECT_EQ(rest.find("https://"), std::string::npos) << rest.substr(rest.find("https://"), 80);
}

TEST(AllianceHtml, FillsEveryPlaceholderAndClosesEachScriptOnce) {
  const std::string html = alliance_html_page(testing::alliance_sample());
  EXPECT_TRUE(html.starts_with("<!DOCTYPE html>"));
  EXPECT_FALSE(std::regex_search(html, std::regex(R"(\{\{[a-z_]+\}\})")));
  EXPECT_EQ(count(html, "<script"), 2u);
  EXPECT_EQ(count(html, "</script>"), 2u);
  EXPECT_EQ(count(html, "<style>"), 1u);
}

TEST(AllianceHtml, CarriesTheWholeReportAndNoTextCanCloseItsBlock) {
  Json sample = testing::alliance_sample();
  sample.at("countries").at(0).at("verdicts").at(0)["because"] = "ends </script><script>alert(1)</script> <!-- here";
  sample["scenario"] = "Five <Eyes> & \"friends\"";
  const std::string html = alliance_html_page(sample);
  EXPECT_EQ(count(html, "</script>"), 2u);
  EXPECT_EQ(html.find("<!-- here"), std::string::npos);
  EXPECT_EQ(Json::parse(data_block(html)), sample);
  EXPECT_NE(html.find("<h1>Five &lt;Eyes&gt; &amp; &quot;friends&quot;</h1>"), std::string::npos);
}

TEST(AllianceHtml, ReadsWithoutScript) {
  const Json sample = testing::alliance_sample();
  const std::string html = alliance_html_page(sample);
  EXPECT_NE(html.find("<h1>" + sample.at("scenario").get<std::string>() + "</h1>"), std::string::npos);
  EXPECT_NE(html.find("<span>Partner US</span><span>As of 2020-02-01</span>"), std::string::npos);
  // Each country's overall verdicts, four levels per country, in the summary table.
  const auto& countries = sample.at("countries");
  for (const Json& c : countries)
    EXPECT_NE(html.find("<a href=\"#country-" + c.at("code").get<std::string>() + "\">"), std::string::npos) << c.at("code");
  const std::string table = html.substr(html.find("<table class=\"matrix\" id=\"overall\">"));
  EXPECT_EQ(count(table.substr(0, table.find("</table>")), "<span class=\"v v-"), 4 * countries.size());
  // Each rule, numbered, with its legal status.
  for (std::size_t i = 0; i < sample.at("rules").size(); ++i)
    EXPECT_NE(html.find("<tr id=\"rule-" + std::to_string(i + 1) + "\" class=\"status-"), std::string::npos) << i;
  EXPECT_NE(html.find("<span class=\"status\">bill</span>"), std::string::npos);
}

TEST(AllianceHtml, RendersWhateverTheJsonLeavesOut) {
  // Members missing or of another type are left out, never an error.
  for (const char* text : {R"({})", R"([])", R"({"countries": [{"code": "XX"}], "rules": "none"})",
                           R"({"scenario": 3, "countries": [{"overall": {"if_enacted": 1}}, 2], "rules": [{"sources": [1]}]})"}) {
    const std::string html = alliance_html_page(Json::parse(text));
    EXPECT_TRUE(html.starts_with("<!DOCTYPE html>")) << text;
    EXPECT_EQ(count(html, "</script>"), 2u) << text;
  }
}

TEST(AllianceHtml, ClassesComeFromKnownLevelsOnly) {
  Json sample = testing::alliance_sample();
  sample.at("countries").at(0).at("overall")["intelligence"] = "x\" onmouseover=\"alert(1)";
  const std::string html = alliance_html_page(sample);
  EXPECT_EQ(html.find("onmouseover=\"alert"), std::string::npos);
  EXPECT_NE(html.find("<span class=\"v v-unknown\">x&quot; onmouseover=&quot;alert(1)</span>"), std::string::npos);
}

}  // namespace
}  // namespace netvet::report
