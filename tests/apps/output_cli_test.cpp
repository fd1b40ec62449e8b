// Output a new user can read (issue 10, "Confusing output"): each problem a user met,
// kept gone through the real binary.

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cctype>
#include <regex>

#include "run_netvet.h"

namespace netvet::testing {
namespace {

const std::string kExample = NETVET_SOURCE_DIR "/examples/london";
const std::string kPolicyFixtures = NETVET_SOURCE_DIR "/tests/fixtures/policy";

// A `$name` left unfilled: not the "$name (now VALUE)" or "VALUE ($name)" with which
// `policies show` names the parameter behind a value it shows, nor one in a "Selector:"
// line, which quotes the selector as the pack writes it. Scanned by hand: libstdc++'s
// std::regex gave this pattern's lookaheads different answers in the release and the
// sanitized builds.
bool has_unfilled_parameter(const std::string& text) {
  const auto word = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; };
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n') line_start = i + 1;
    if (text[i] != '$' || i + 1 >= text.size() || !(std::isalpha(static_cast<unsigned char>(text[i + 1])) || text[i + 1] == '_'))
      continue;
    const std::size_t first = text.find_first_not_of(' ', line_start);
    if (first != std::string::npos && text.compare(first, 9, "Selector:") == 0) continue;
    std::size_t end = i + 1;
    while (end < text.size() && word(text[end])) ++end;
    if (end < text.size() && text[end] == ')') continue;  // "VALUE ($name)"
    std::size_t next = end;
    while (next < text.size() && std::isspace(static_cast<unsigned char>(text[next]))) ++next;
    if (next > end && text.compare(next, 4, "(now") == 0) continue;  // "$name (now VALUE)"
    return true;
  }
  return false;
}

TEST(OutputCli, PackDescriptionsHaveTheirParametersFilledIn) {
  const CliRun list = run_netvet("policies --format json");
  ASSERT_EQ(list.exit_code, 0) << list.err;
  auto listed = nlohmann::json::parse(list.out);  // kept: the loop reads into it (ASan)
  for (const auto& p : listed["policies"]) {
    const std::string id = p["id"];
    const CliRun show = run_netvet("policies show " + id + " --format json");
    ASSERT_EQ(show.exit_code, 0) << show.err;
    const auto pack = nlohmann::json::parse(show.out);
    EXPECT_FALSE(has_unfilled_parameter(pack["title"].get<std::string>())) << id;
    EXPECT_FALSE(has_unfilled_parameter(pack["description"].get<std::string>())) << id;
    for (const auto& rule : pack["rules"]) {
      for (const char* key : {"title", "description", "remediation"})
        EXPECT_FALSE(has_unfilled_parameter(rule[key].get<std::string>())) << id << " " << rule["id"] << " " << key;
    }
    const CliRun text = run_netvet("policies show " + id);
    EXPECT_FALSE(has_unfilled_parameter(text.out)) << text.out;
  }
  const CliRun gb = run_netvet("policies show gb");
  EXPECT_NE(gb.out.find("installed on or after 2021-09-30."), std::string::npos) << gb.out;
  EXPECT_NE(gb.out.find("in sites,\n     must be at most 35%."), std::string::npos) << gb.out;
  // An override is what the description then says.
  const CliRun check = run_netvet("check '" + kExample + "' --policy gb --param gb.cap_unit=elements --as-of 2024-01-01");
  EXPECT_NE(check.out.find("in elements, must be at most 35%"), std::string::npos) << check.out;
  EXPECT_FALSE(has_unfilled_parameter(check.out)) << check.out;
}

TEST(OutputCli, FindingMessagesAreOneLineAndNameTheClauseOnce) {
  // core-exclusion's selector is written over two lines in the pack.
  const CliRun json = run_netvet("check '" + kExample + "' --policy gb,eu-toolbox,de --as-of 2030-01-01 --format json");
  ASSERT_EQ(json.exit_code, 1) << json.err;
  const auto j = nlohmann::json::parse(json.out);
  bool core_exclusion = false;
  for (const auto& f : j["findings"]) {
    const std::string message = f["message"], clause = f.value("clause", "");
    EXPECT_EQ(message.find('\n'), std::string::npos) << message;
    EXPECT_EQ(clause.find('\n'), std::string::npos) << clause;
    EXPECT_EQ(clause.find("  "), std::string::npos) << clause;
    if (!clause.empty() && clause != "true") {
      EXPECT_EQ(message.find(clause), std::string::npos) << message;
    }
    if (f["rule"] == "core-exclusion") {
      core_exclusion = true;
      EXPECT_EQ(clause, "vendor in designated and domain in [core, management, interconnect]");
    }
  }
  EXPECT_TRUE(core_exclusion);

  // Text: the clause appears once per finding row, and no row is broken over lines.
  const CliRun text = run_netvet("check '" + kExample + "' --policy gb --as-of 2030-01-01");
  std::size_t rows = 0, clauses = 0;
  for (std::size_t at = 0; (at = text.out.find("critical  element DC1-", at)) != std::string::npos; ++at) ++rows;
  const std::string clause = "vendor in designated and domain in [core, management, interconnect]";
  for (std::size_t at = 0; (at = text.out.find(clause, at)) != std::string::npos; ++at) ++clauses;
  EXPECT_GT(rows, 0U) << text.out;
  EXPECT_LE(clauses, rows) << text.out;
  EXPECT_EQ(text.out.find("matches `"), std::string::npos) << text.out;

  // CSV: one record per line (no line break inside a cell).
  const CliRun csv = run_netvet("check '" + kExample + "' --policy gb --as-of 2030-01-01 --format csv");
  EXPECT_EQ(csv.out.find("\n  and"), std::string::npos) << csv.out;
}

TEST(OutputCli, RulesNotYetInForceSayFromWhen) {
  const CliRun text = run_netvet("check '" + kExample + "' --policy gb --as-of 2022-06-01");
  EXPECT_NE(text.out.find("Not evaluated: not in force until 2023-12-31 (this check is as of 2022-06-01)."), std::string::npos)
      << text.out;
  EXPECT_NE(text.out.find("Not evaluated: not in force until 2027-12-31"), std::string::npos) << text.out;

  const CliRun junit = run_netvet("check '" + kExample + "' --policy gb --as-of 2022-06-01 --format junit");
  EXPECT_NE(junit.out.find("<skipped message=\"not in force until 2027-12-31\"/>"), std::string::npos) << junit.out;
}

TEST(OutputCli, TheHtmlReportGradesBadgesByTheWorstOpenFindingAndLinksToTheFindings) {
  // Two isolated facilities (low) under a high-severity exposure rule.
  TempDir dir;
  const std::string page = dir / "check.html";
  const CliRun r = run_netvet("check '" + kPolicyFixtures + "/gb/sensitive-site-exposure/isolated/inventory.json' "
                              "--policy gb --as-of 2024-01-01 --format html --output '" + page + "'");
  ASSERT_EQ(r.exit_code, 1) << r.err;
  const std::string html = read_file(page);
  const auto row_start = html.find("<span class=\"key mono\">gb/sensitive-site-exposure</span>");
  ASSERT_NE(row_start, std::string::npos);
  const std::string row = html.substr(row_start, html.find("</tr>", row_start) - row_start);
  EXPECT_NE(row.find("<span class=\"sev low\""), std::string::npos) << row;
  EXPECT_EQ(row.find("<span class=\"sev high\""), std::string::npos) << row;
  EXPECT_NE(row.find("rule: high"), std::string::npos) << row;
  EXPECT_NE(row.find("no serving operator"), std::string::npos) << row;
  EXPECT_EQ(html.find("(none)"), std::string::npos);
  // From the top of the page to the findings: a link, and the counts are links too.
  const auto nav = html.find("<nav class=\"jump\"");
  ASSERT_NE(nav, std::string::npos);
  EXPECT_LT(nav, html.find("<section class=\"cards\""));
  EXPECT_NE(html.find("<a href=\"#findings\" class=\"primary\">Findings (", nav), std::string::npos);
  EXPECT_NE(html.find("class=\"to-findings\" data-rule=\"gb/sensitive-site-exposure\""), std::string::npos);
  EXPECT_NE(html.find("<section class=\"panel\" id=\"findings\">"), std::string::npos);
}

TEST(OutputCli, TheHtmlReportLabelsCapsAndMinimumsOnTheirOwnAxes) {
  TempDir dir;
  const std::string page = dir / "check.html";
  const CliRun r = run_netvet("check '" + kExample + "' --policy gb,eu-toolbox --as-of 2024-01-01 --format html --output '" +
                              page + "'");
  ASSERT_LE(r.exit_code, 1) << r.err;
  const std::string html = read_file(page);
  EXPECT_EQ(html.find("Designated-vendor share against caps"), std::string::npos);
  // eu-toolbox/sm05-multi-vendor counts vendors against a minimum of 2: never "cap 2",
  // never a percentage axis.
  const auto sm05 = html.find("<div class=\"bars\" data-rule=\"eu-toolbox/sm05-multi-vendor\">");
  ASSERT_NE(sm05, std::string::npos) << html;
  const std::string group = html.substr(sm05, html.find("<div class=\"bars\"", sm05 + 1) - sm05);
  EXPECT_NE(group.find("vendors per operator and domain"), std::string::npos) << group;
  EXPECT_NE(group.find("minimum 2"), std::string::npos) << group;
  EXPECT_EQ(group.find("cap 2"), std::string::npos) << group;
  EXPECT_FALSE(std::regex_search(group, std::regex("[0-9]%[^\"]"))) << group;  // no share: only CSS widths
  EXPECT_NE(group.find("<span>vendors</span>"), std::string::npos) << group;
  // gb/access-cap-5g is a share against a cap, on a percentage axis.
  const auto cap = html.find("<div class=\"bars\" data-rule=\"gb/access-cap-5g\">");
  ASSERT_NE(cap, std::string::npos);
  const std::string shares = html.substr(cap, html.find("<div class=\"bars\"", cap + 1) - cap);
  EXPECT_NE(shares.find("share of sites per operator"), std::string::npos) << shares;
  EXPECT_NE(shares.find("cap 35.0%"), std::string::npos) << shares;
  EXPECT_NE(shares.find("<span>share</span>"), std::string::npos) << shares;
  // The text report says the same in words.
  const CliRun text = run_netvet("check '" + kExample + "' --policy eu-toolbox --as-of 2024-01-01");
  EXPECT_NE(text.out.find("at least 2"), std::string::npos) << text.out;
  EXPECT_EQ(text.out.find("100.0% of vendors"), std::string::npos) << text.out;
}

TEST(OutputCli, PacksAnswerToCountryNamesAndAliases) {
  const CliRun gb = run_netvet("check '" + kExample + "' --policy gb --as-of 2024-01-01 --format json");
  for (const char* name : {"uk", "UK", "united-kingdom", "'United Kingdom'", "great-britain"}) {
    const CliRun r = run_netvet("check '" + kExample + "' --policy " + name + " --as-of 2024-01-01 --format json");
    EXPECT_EQ(r.exit_code, gb.exit_code) << name << r.err;
    EXPECT_EQ(r.out, gb.out) << name;
  }
  const CliRun de = run_netvet("policies show germany");
  EXPECT_EQ(de.exit_code, 0) << de.err;
  EXPECT_EQ(de.out.rfind("de: ", 0), 0U) << de.out;
  EXPECT_EQ(run_netvet("test-policy uk").exit_code, 0);
  const CliRun typo = run_netvet("check '" + kExample + "' --policy ukk");
  EXPECT_EQ(typo.exit_code, 2);
  EXPECT_NE(typo.err.find("did you mean 'uk'?"), std::string::npos) << typo.err;
}

TEST(OutputCli, BadDatesSayWhatIsWrong) {
  const CliRun month = run_netvet("check '" + kExample + "' --policy gb --as-of 2026-13-01");
  EXPECT_EQ(month.exit_code, 2);
  EXPECT_NE(month.err.find("--as-of: not a date: month 13 is out of range (01-12) (value '2026-13-01')"), std::string::npos)
      << month.err;
  const CliRun day = run_netvet("check '" + kExample + "' --policy gb --as-of 2026-02-30");
  EXPECT_EQ(day.exit_code, 2);
  EXPECT_NE(day.err.find("day 30 does not exist in February 2026, which has 28 days"), std::string::npos) << day.err;
  const CliRun until = run_netvet("timeline '" + kExample + "' --policy gb --until 2026-04-31");
  EXPECT_EQ(until.exit_code, 2);
  EXPECT_NE(until.err.find("--until: not a date: day 31 does not exist in April 2026"), std::string::npos) << until.err;
}

TEST(OutputCli, AnUnknownCountryProfileIsNamedWithTheProfilesThereAre) {
  TempDir dir;
  const CliRun r = run_netvet("generate --country FR --sites 10 --seed 1 --out '" + (dir / "fr") + "'");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("error: --country: no country profile for 'FR': the profiles are AU, CA, DE, GB, IT, JP, NZ, SE and US"),
            std::string::npos)
      << r.err;
}

TEST(OutputCli, DocsCliMdIsTheBinarysHelpAll) {
  const CliRun r = run_netvet("help-all --markdown");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(r.out == read_file(NETVET_SOURCE_DIR "/docs/cli.md"))
      << "docs/cli.md is out of date: regenerate it with `./netvet.sh docs` "
         "(build/ci/apps/netvet/netvet help-all --markdown > docs/cli.md)";
}

}  // namespace
}  // namespace netvet::testing
