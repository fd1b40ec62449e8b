// The plan model's months and evaluate(): every constraint kind on a problem small enough
// to add up by hand.

#include <gtest/gtest.h>

#include "plan/model.h"

namespace netvet::plan {
namespace {

Month m(std::string_view text) { return *parse_month(text); }

TEST(Months, CountFromYearZeroAndRoundTrip) {
  EXPECT_EQ(m("2027-12"), 2027 * 12 + 11);
  EXPECT_EQ(format_month(m("2027-12")), "2027-12");
  EXPECT_EQ(month_of(*parse_date("2028-01-01")), m("2028-01"));
  EXPECT_EQ(last_month_before(*parse_date("2028-01-01")), m("2027-12")) << "flagged from 2028-01-01: work by 2027-12";
  EXPECT_EQ(last_month_before(*parse_date("2023-07-31")), m("2023-07"));
  EXPECT_EQ(format_date(first_day(m("2024-02"))), "2024-02-01");
  EXPECT_EQ(year_of(m("2024-12")), 2024);
  for (const auto* bad : {"2024-13", "2024-00", "2024-1", "24-01", "2024/01", "2024-01-01", ""})
    EXPECT_FALSE(parse_month(bad)) << bad;
}

// Two regions, one operator, three items over 2025-01..2025-03.
PlanProblem small() {
  PlanProblem p;
  p.currency = "GBP";
  p.end_of_life_factor = 0.5;
  p.start = m("2025-01");
  p.horizon = m("2025-03");
  p.regions = {"North", "South"};
  p.capacity = {{4, 4, 4}, {2, 2, 2}};
  p.operators = {"op1"};
  p.first_year = 2025;
  p.budget = {{kUnlimited}};
  p.items = {
      {.id = "A@2025-01", .site = "A", .op = 0, .region = 0, .elements = {"A-1"}, .deadline = m("2025-01"),
       .crew_days = 3, .visit_cost = 100, .element_costs = {{.cost = 1000, .end_of_life = m("2025-02")}}, .weight = 1},
      {.id = "B@2025-02", .site = "B", .op = 0, .region = 0, .elements = {"B-1", "B-2"}, .deadline = m("2025-02"),
       .crew_days = 2, .visit_cost = 100, .element_costs = {{.cost = 500, .end_of_life = kNever}, {.cost = 500, .end_of_life = kNever}},
       .weight = 11},
      {.id = "C@2025-03", .site = "C", .op = 0, .region = 1, .elements = {"C-1"}, .deadline = m("2025-03"),
       .crew_days = 2, .visit_cost = 100, .element_costs = {{.cost = 200, .end_of_life = kNever}}, .weight = 1},
  };
  return p;
}

TEST(Evaluate, AnOnTimePlanCostsItsItemsAndWeighsTheirMonths) {
  const PlanProblem p = small();
  // A and B together would need 5 crew-days of North's 4: B goes a month later.
  const Evaluation e = evaluate(p, {{m("2025-01"), m("2025-02"), m("2025-03")}});
  EXPECT_TRUE(e.on_time());
  EXPECT_TRUE(e.violations.empty());
  EXPECT_DOUBLE_EQ(e.objective.cost, 1100 + 1100 + 300);
  EXPECT_DOUBLE_EQ(e.objective.exposure, 0 + 11 * 1 + 2);
  EXPECT_DOUBLE_EQ(e.objective.lateness, 0);
}

TEST(Evaluate, EndOfLifeLowersTheCostFromItsMonth) {
  const PlanProblem p = small();
  EXPECT_DOUBLE_EQ(p.cost(p.items[0], m("2025-01")), 1100);
  EXPECT_DOUBLE_EQ(p.cost(p.items[0], m("2025-02")), 600) << "the visit, and half the element";
}

TEST(Evaluate, NamesEveryConstraintItBreaks) {
  PlanProblem p = small();
  p.budget = {{1500}};
  // A late by one month (in 2025-02 with B: 5 crew-days > 4 in North), C outside the horizon.
  const Evaluation e = evaluate(p, {{m("2025-02"), m("2025-02"), m("2025-04")}});
  ASSERT_EQ(e.violations.size(), 4U);
  EXPECT_EQ(e.violations[0].kind, "horizon");
  EXPECT_EQ(e.violations[0].subject, "C@2025-03");
  EXPECT_EQ(e.violations[1].kind, "crews");
  EXPECT_EQ(e.violations[1].subject, "North 2025-02");
  EXPECT_DOUBLE_EQ(e.violations[1].amount, 1);
  EXPECT_EQ(e.violations[2].kind, "budget");
  EXPECT_EQ(e.violations[2].subject, "op1 2025");
  EXPECT_DOUBLE_EQ(e.violations[2].amount, 600 + 1100 - 1500);
  EXPECT_EQ(e.violations[3].kind, "deadline");
  EXPECT_EQ(e.violations[3].subject, "A@2025-01");
  EXPECT_DOUBLE_EQ(e.objective.lateness, 1);
  EXPECT_FALSE(e.admissible());
}

TEST(Evaluate, ACapCountsTheUnitsLeftAtItsDate) {
  PlanProblem p = small();
  // Of 4 sites, A and B hold designated units; at most 25% may be left on 2025-02-15, so
  // one of them must go by 2025-02.
  p.caps = {{.policy = "t", .rule = "cap", .scope = "op1", .date = *parse_date("2025-02-15"),
             .last_month = last_month_before(*parse_date("2025-02-15")), .limit = 0.25, .total = 4, .fixed = 0,
             .units = {{.weight = 1, .items = {0}}, {.weight = 1, .items = {1}}}}};
  const Evaluation one_gone = evaluate(p, {{m("2025-01"), m("2025-03"), m("2025-03")}});
  ASSERT_EQ(one_gone.violations.size(), 1U);
  EXPECT_EQ(one_gone.violations[0].kind, "deadline") << "B is late; the cap holds with A gone";
  const Evaluation both_late = evaluate(p, {{m("2025-03"), m("2025-03"), m("2025-03")}});
  ASSERT_FALSE(both_late.violations.empty());
  EXPECT_EQ(both_late.violations.back().kind, "cap");
  EXPECT_EQ(both_late.violations.back().subject, "t/cap op1 on 2025-02-15");
  EXPECT_DOUBLE_EQ(both_late.violations.back().amount, 1) << "2 left, 1 allowed";
  EXPECT_DOUBLE_EQ(both_late.objective.lateness, 2 + 1 + 1) << "A 2 months late, B 1, the cap 1 unit";
}

TEST(NewBuildDelay, TheProgrammeTakesWhatTheReplacementWorkLeaves) {
  // 10 crew-days a month in one region, 2 a new site, at most 4 a month, 8 in all: two
  // months with no other work. The plan's 6 crew-days in its first month leave room for 2
  // sites then (4 left), 4 the next, 2 the third: one month later.
  PlanProblem p = small();
  p.regions = {"North"};
  p.capacity = {{10, 10, 10}};
  p.items = {p.items[0], p.items[1]};
  p.items[1].region = 0;
  p.items[0].crew_days = 6;
  p.new_build = {.sites_per_month = 4, .total = 8, .crew_days_per_site = 2};
  const NewBuildDelay d = new_build_delay(p, {{m("2025-01"), m("2025-03")}});
  ASSERT_TRUE(d.programme);
  EXPECT_EQ(d.completes_without, m("2025-02"));
  EXPECT_EQ(d.completes, m("2025-03"));
  EXPECT_EQ(d.months, 1);
  // More than the horizon holds: not complete, either way.
  p.new_build.total = 40;
  const NewBuildDelay never = new_build_delay(p, {{m("2025-01"), m("2025-03")}});
  EXPECT_FALSE(never.completes);
  EXPECT_FALSE(never.completes_without);
  EXPECT_FALSE(never.months);
  // No programme, no delay.
  p.new_build = {};
  EXPECT_FALSE(new_build_delay(p, {{m("2025-01"), m("2025-03")}}).programme);
}

}  // namespace
}  // namespace netvet::plan
