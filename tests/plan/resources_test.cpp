// A plan's resources: months, crews per region, budgets per operator and year, and the
// lookups the planner makes (a region's crews, an operator's budget in a year); bad files
// are refused with the file, line, column and value of each mistake.

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <filesystem>

#include "plan/resources.h"

namespace netvet::plan {
namespace {

std::string all_of(const Diagnostics& problems) {
  std::string out;
  for (const auto& d : problems) out += d.to_string() + "\n";
  return out;
}

Month m(std::string_view text) { return *parse_month(text); }

// A valid file to break one line of; line numbers below count from its first line.
constexpr std::string_view kGood = R"(start: 2021-01
horizon: 2029-12
crews:
  default: 400
  London: 900
budget:
  default: 150000000
  ee: {2022: 200000000}
  three: 50000000
  vodafone: {default: 80000000, 2023: unlimited}
facility_weight: 10
new_sites_per_month: 5
new_sites_total: 100
)";

std::string with(std::string_view from, std::string_view to) {
  std::string text(kGood);
  const auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

Resources good(const std::string& yaml) {
  auto r = parse_resources(yaml, "r.yaml");
  EXPECT_TRUE(r) << all_of(r.error());
  return r ? std::move(*r) : Resources{};
}

std::vector<std::string> problems(const std::string& yaml, std::string* value = nullptr) {
  auto r = parse_resources(yaml, "r.yaml");
  EXPECT_FALSE(r);
  std::vector<std::string> out;
  if (r) return out;
  for (const auto& d : r.error()) out.push_back(fmt::format("{}:{}:{}: {}: {}", d.file, d.line, d.col, d.column, d.message));
  if (value) *value = r.error().front().value;
  return out;
}

TEST(Resources, TheGoodFileReadsEveryKey) {
  const Resources r = good(std::string(kGood));
  ASSERT_TRUE(r.start);
  EXPECT_EQ(*r.start, m("2021-01"));
  EXPECT_EQ(r.horizon, m("2029-12"));
  EXPECT_EQ(r.crews_default, 400);
  EXPECT_EQ(r.crews.size(), 1U) << "`default` is the rest, not a region";
  EXPECT_EQ(r.budget_default, 150000000);
  EXPECT_EQ(r.budget.size(), 3U);
  EXPECT_EQ(r.facility_weight, 10);
  EXPECT_EQ(r.new_sites_per_month, 5);
  EXPECT_EQ(r.new_sites_total, 100);
}

TEST(Resources, ARegionsCrewsAreItsOwnElseTheDefaults) {
  const Resources r = good(std::string(kGood));
  EXPECT_EQ(r.crews_in("London"), 900);
  EXPECT_EQ(r.crews_in("Leeds"), 400);
  EXPECT_EQ(r.crews_in("london"), 400) << "regions are named as the inventory names them";
  EXPECT_EQ(good(with("crews:\n  default: 400\n  London: 900\n", "crews: 250\n")).crews_in("London"), 250)
      << "a number alone is every region's";
  EXPECT_EQ(good(with("crews:\n  default: 400\n", "crews:\n")).crews_in("Leeds"), 0) << "no default: no crews";
}

TEST(Resources, AnOperatorsBudgetIsItsYearsElseItsEveryYearElseTheDefaultElseUnlimited) {
  const Resources r = good(std::string(kGood));
  EXPECT_EQ(r.budget_of("ee", 2022), 200000000) << "its own for the year";
  EXPECT_EQ(r.budget_of("ee", 2023), 150000000) << "no every-year budget: the default";
  EXPECT_EQ(r.budget_of("three", 2025), 50000000) << "a number alone: every year";
  EXPECT_EQ(r.budget_of("vodafone", 2023), kUnlimited) << "`unlimited` lifts the default for a year";
  EXPECT_EQ(r.budget_of("vodafone", 2024), 80000000) << "its own default";
  EXPECT_EQ(r.budget_of("o2", 2024), 150000000) << "an operator not named: the default";
  const Resources no_default = good(with("  default: 150000000\n", ""));
  EXPECT_EQ(no_default.budget_of("o2", 2024), kUnlimited) << "no default: unlimited";
  EXPECT_EQ(no_default.budget_of("ee", 2023), kUnlimited);
  EXPECT_EQ(no_default.budget_of("ee", 2022), 200000000);
  const Resources none = good(with("budget:\n  default: 150000000\n  ee: {2022: 200000000}\n  three: 50000000\n"
                                   "  vodafone: {default: 80000000, 2023: unlimited}\n",
                                   ""));
  EXPECT_EQ(none.budget_of("ee", 2022), kUnlimited) << "no budget at all: unlimited";
  EXPECT_EQ(good(with("  default: 150000000\n", "  default: unlimited\n")).budget_of("o2", 2024), kUnlimited);
  EXPECT_EQ(good(with("budget:\n  default: 150000000\n  ee: {2022: 200000000}\n  three: 50000000\n"
                      "  vodafone: {default: 80000000, 2023: unlimited}\n",
                      "budget: 1e8\n"))
                .budget_of("ee", 2022),
            1e8)
      << "a number alone is every operator's";
}

TEST(Resources, MonthsAreYearAndMonthOrDates) {
  EXPECT_FALSE(good(with("start: 2021-01\n", "")).start) << "absent: the month of --as-of";
  EXPECT_EQ(*good(with("start: 2021-01", "start: \"2021-01\"")).start, m("2021-01")) << "quoted or not";
  EXPECT_EQ(*good(with("start: 2021-01", "start: 2021-01-15")).start, m("2021-01")) << "a date: its month";
  EXPECT_EQ(good(with("horizon: 2029-12", "horizon: 2029-12-31")).horizon, m("2029-12"));
  const Resources one = good("start: 2021-01\nhorizon: 2021-01\n");
  EXPECT_EQ(*one.start, one.horizon) << "a one-month plan";
}

TEST(Resources, MonthsAreCheckedWhereTheyAreWritten) {
  std::string value;
  EXPECT_EQ(problems(with("start: 2021-01", "start: 2030-01"), &value),
            (std::vector<std::string>{"r.yaml:1:8: start: start 2030-01 is after the horizon 2029-12: expected a first "
                                      "month of work no later than the last"}));
  EXPECT_EQ(value, "2030-01");
  EXPECT_EQ(problems(with("horizon: 2029-12\n", "")),
            (std::vector<std::string>{"r.yaml:1:1: horizon: missing required key 'horizon'"}));
  for (const auto* bad : {"2029-13", "2029", "12/2029", "soon", "2029-1"}) {
    EXPECT_EQ(problems(with("horizon: 2029-12", fmt::format("horizon: {}", bad)), &value),
              (std::vector<std::string>{fmt::format("r.yaml:2:10: horizon: '{}' is not a month: expected YYYY-MM (as "
                                                    "2027-12) or a date (YYYY-MM-DD)",
                                                    bad)}));
    EXPECT_EQ(value, bad);
  }
  EXPECT_EQ(problems(with("horizon: 2029-12", "horizon: 2071-12")),
            (std::vector<std::string>{"r.yaml:2:10: horizon: the plan would span 612 months from 2021-01 to 2071-12: "
                                      "expected at most 600 (50 years)"}));
}

TEST(Resources, CrewsAndBudgetsAreNumbersOfAtLeastZero) {
  std::string value;
  for (const auto* crews : {"-1", "many", "1,000"}) {
    EXPECT_EQ(problems(with("London: 900", fmt::format("London: {}", crews)), &value),
              (std::vector<std::string>{fmt::format("r.yaml:5:11: London: 'London' must be a number of at least 0 "
                                                    "(crew-days per month), not '{}'",
                                                    crews)}));
    EXPECT_EQ(value, crews);
  }
  EXPECT_EQ(problems(with("crews:\n  default: 400\n  London: 900\n", "crews: [400]\n")),
            (std::vector<std::string>{"r.yaml:3:8: crews: expected 'crews' (crew-days per month: {default: N, "
                                      "REGION: N, ...}) as a mapping of keys to values"}));
  EXPECT_EQ(problems(with("  London: 900\n", "  London: 900\n  London: 800\n")),
            (std::vector<std::string>{"r.yaml:6:3: London: region 'London' is listed twice in 'crews'"}));
  EXPECT_EQ(problems(with("three: 50000000", "three: -5")),
            (std::vector<std::string>{"r.yaml:9:10: three: 'three' must be a number of at least 0 (money per calendar "
                                      "year, in the catalog's currency) or unlimited, not '-5'"}));
  EXPECT_EQ(problems(with("2022: 200000000", "2022: lots")),
            (std::vector<std::string>{"r.yaml:8:14: 2022: '2022' must be a number of at least 0 (money per calendar "
                                      "year, in the catalog's currency) or unlimited, not 'lots'"}));
  EXPECT_EQ(problems(with("budget:\n  default: 150000000\n  ee: {2022: 200000000}\n  three: 50000000\n"
                          "  vodafone: {default: 80000000, 2023: unlimited}\n",
                          "budget:\n  - 150000000\n")),
            (std::vector<std::string>{"r.yaml:7:3: budget: expected 'budget' (per operator and calendar year: "
                                      "{default: N, OPERATOR: N or {YEAR: N}}) as a mapping of keys to values"}));
  EXPECT_EQ(problems(with("three: 50000000", "three: [50000000]")),
            (std::vector<std::string>{"r.yaml:9:10: three: expected operator 'three''s budget (a number, unlimited, or "
                                      "{YEAR: N, default: N}) as a mapping of keys to values"}));
  EXPECT_EQ(problems(with("facility_weight: 10", "facility_weight: -10")),
            (std::vector<std::string>{"r.yaml:11:18: facility_weight: 'facility_weight' must be a number of at least "
                                      "0, not '-10'"}));
}

TEST(Resources, BudgetYearsAreYearsThePlanSpans) {
  std::string value;
  for (const auto* year : {"22", "twenty-two", "2022.5", "20222", "0999"}) {
    EXPECT_EQ(problems(with("ee: {2022:", fmt::format("ee: {{{}:", year)), &value),
              (std::vector<std::string>{fmt::format("r.yaml:8:8: {0}: '{0}' is not a year: expected a calendar year "
                                                    "(as 2025) or default",
                                                    year)}));
    EXPECT_EQ(value, year);
  }
  EXPECT_EQ(problems(with("ee: {2022:", "ee: {2031:")),
            (std::vector<std::string>{"r.yaml:8:8: 2031: year 2031 is after the horizon (2029-12): expected a year "
                                      "the plan spans"}));
  EXPECT_EQ(problems(with("ee: {2022: 200000000}", "ee: {2022: 200000000, 2022: 1}")),
            (std::vector<std::string>{"r.yaml:8:25: 2022: year 2022 is listed twice in operator 'ee''s budget"}));
  EXPECT_EQ(problems(with("  three: 50000000\n", "  three: 50000000\n  three: 1\n")),
            (std::vector<std::string>{"r.yaml:10:3: three: operator 'three' is listed twice in 'budget'"}));
}

TEST(Resources, KeysAndTheNewBuildProgrammeAreChecked) {
  std::string value;
  EXPECT_EQ(problems(with("crews:", "crew:"), &value),
            (std::vector<std::string>{"r.yaml:3:1: crew: unknown key 'crew' in resources (did you mean 'crews'?)"}));
  EXPECT_EQ(value, "crew");
  EXPECT_EQ(problems(with("new_sites_per_month: 5\n", "")),
            (std::vector<std::string>{"r.yaml:12:18: new_sites_total: new_sites_total is 100 but no new site is built "
                                      "in any month: expected new_sites_per_month above 0 as well"}));
  const auto bad_byte = problems(with("  London: 900", "  Lon\xC0\xAF" "don: 900"));
  ASSERT_EQ(bad_byte.size(), 1U);
  EXPECT_NE(bad_byte[0].find("r.yaml:5:6: : not UTF-8 text"), std::string::npos) << bad_byte[0];
  const auto syntax = problems(with("ee: {2022: 200000000}", "ee: {2022: 200000000"));
  ASSERT_EQ(syntax.size(), 1U);
  EXPECT_NE(syntax[0].find("YAML syntax error"), std::string::npos) << syntax[0];
  EXPECT_EQ(problems("2021-01\n"),
            (std::vector<std::string>{"r.yaml:1:1: : resources are a mapping with start, horizon, crews, budget, "
                                      "facility_weight, new_sites_per_month and new_sites_total (docs/plan.md)"}));
}

TEST(Resources, FilesAreReadOnlyWhenTheyAreRegularFiles) {
  auto missing = load_resources_file("/nonexistent/resources.yaml");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().front().file, "/nonexistent/resources.yaml");
  auto folder = load_resources_file(std::filesystem::temp_directory_path());
  ASSERT_FALSE(folder);
  EXPECT_NE(folder.error().front().message.find("plan resources"), std::string::npos) << all_of(folder.error());
}

}  // namespace
}  // namespace netvet::plan
