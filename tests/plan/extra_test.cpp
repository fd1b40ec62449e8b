// The extra resources that would make a late plan on time (solve.h's ExtraResources):
// small problems worked out by hand, and random tiny ones where the extras, added to the
// problem, must let the solver and the exhaustive search both reach no lateness.

#include <gtest/gtest.h>

#include <cmath>
#include <iostream>
#include <random>

#include "exhaustive.h"
#include "plan/solve.h"

namespace netvet::plan {
namespace {

Month m(std::string_view text) {
  return *parse_month(text);
}

// One region with `crews` crew-days a month over 2025-01..2025-04, one operator.
PlanProblem base(double crews) {
  PlanProblem p;
  p.currency = "GBP";
  p.end_of_life_factor = 0.5;
  p.start = m("2025-01");
  p.horizon = m("2025-04");
  p.regions = {"R"};
  p.capacity = {std::vector<double>(4, crews)};
  p.operators = {"op"};
  p.first_year = 2025;
  p.budget = {{kUnlimited}};
  return p;
}

WorkItem item(std::string id, Month deadline, double crew_days, double cost,
              Month end_of_life = kNever) {
  return {.id = std::move(id),
          .site = "S",
          .op = 0,
          .region = 0,
          .elements = {"E"},
          .deadline = deadline,
          .crew_days = crew_days,
          .visit_cost = 0,
          .element_costs = {{.cost = cost, .end_of_life = end_of_life}},
          .weight = 1};
}

PlanResult solved(const PlanProblem& p) {
  auto r = solve(p, {.method = SolverMethod::exact, .time_limit_seconds = 20, .progress = {}});
  EXPECT_TRUE(r) << (r ? "" : r.error().front().to_string());
  return r ? std::move(*r) : PlanResult{};
}

TEST(ExtraResources, APlanOnTimeNeedsNone) {
  PlanProblem p = base(4);
  p.items = {item("A", m("2025-01"), 2, 10), item("B", m("2025-01"), 2, 10)};
  const PlanResult r = solved(p);
  EXPECT_EQ(r.status, PlanStatus::optimal);
  EXPECT_FALSE(r.to_meet_deadlines.computed);
  EXPECT_TRUE(r.to_meet_deadlines.crews.empty());
  EXPECT_TRUE(r.to_meet_deadlines.budget.empty());
}

TEST(ExtraResources, ThreeVisitsDueInAMonthWithRoomForTwoNeedOneVisitsCrewDaysThen) {
  PlanProblem p = base(4);
  p.items = {item("A", m("2025-01"), 2, 10), item("B", m("2025-01"), 2, 10),
             item("C", m("2025-01"), 2, 10)};
  const PlanResult r = solved(p);
  ASSERT_EQ(r.status, PlanStatus::infeasible);
  const ExtraResources& x = r.to_meet_deadlines;
  EXPECT_TRUE(x.computed);
  EXPECT_EQ(x.outcome, "optimal");
  ASSERT_EQ(x.crews.size(), 1U);
  EXPECT_EQ(x.crews[0].region, 0U);
  EXPECT_EQ(x.crews[0].month, m("2025-01"));
  EXPECT_DOUBLE_EQ(x.crews[0].crew_days, 2);
  EXPECT_TRUE(x.budget.empty()) << "no budget rows: unlimited";
  EXPECT_TRUE(x.notes.empty()) << x.notes.front();
  EXPECT_EQ(solved(with_extra(p, x)).status, PlanStatus::optimal);
}

TEST(ExtraResources, TheFastMethodSaysWhatWouldMakeItsLatePlanOnTimeToo) {
  PlanProblem p = base(4);
  p.items = {item("A", m("2025-01"), 2, 10), item("B", m("2025-01"), 2, 10),
             item("C", m("2025-01"), 2, 10)};
  auto r = solve(p, {.method = SolverMethod::fast, .time_limit_seconds = 20, .progress = {}});
  ASSERT_TRUE(r) << r.error().front().to_string();
  ASSERT_EQ(r->status, PlanStatus::infeasible);
  EXPECT_EQ(r->solver.method, SolverMethod::fast);
  const ExtraResources& x = r->to_meet_deadlines;
  EXPECT_TRUE(x.computed);
  ASSERT_EQ(x.crews.size(), 1U);
  EXPECT_DOUBLE_EQ(x.crews[0].crew_days, 2);
  auto again = solve(with_extra(p, x), {.method = SolverMethod::fast, .time_limit_seconds = 20, .progress = {}});
  ASSERT_TRUE(again);
  EXPECT_DOUBLE_EQ(again->evaluation.objective.lateness, 0);
}

TEST(ExtraResources, CrewDaysAreRoundedUpToTheNextHalfDay) {
  PlanProblem p = base(3);
  // 1.25 + 1.25 + 1.25 = 3.75 crew-days due 2025-01 with 3: 0.75 short, asked as 1.
  p.items = {item("A", m("2025-01"), 1.25, 10), item("B", m("2025-01"), 1.25, 10),
             item("C", m("2025-01"), 1.25, 10)};
  const PlanResult r = solved(p);
  ASSERT_EQ(r.status, PlanStatus::infeasible);
  ASSERT_EQ(r.to_meet_deadlines.crews.size(), 1U);
  EXPECT_DOUBLE_EQ(r.to_meet_deadlines.crews[0].crew_days, 1);
}

TEST(ExtraResources, ABudgetTooSmallForTheYearsDeadlinesNeedsTheDifference) {
  PlanProblem p = base(10);
  p.horizon = m("2026-02");
  p.capacity = {std::vector<double>(p.months(), 10)};
  p.budget = {{100, 1000}};
  // 160 due in 2025 with 100 to spend that year: 60 more, and no crews.
  p.items = {item("A", m("2025-04"), 2, 80), item("B", m("2025-06"), 2, 80)};
  const PlanResult r = solved(p);
  ASSERT_EQ(r.status, PlanStatus::infeasible);
  const ExtraResources& x = r.to_meet_deadlines;
  ASSERT_EQ(x.budget.size(), 1U);
  EXPECT_EQ(x.budget[0].op, 0U);
  EXPECT_EQ(x.budget[0].year, 2025);
  EXPECT_DOUBLE_EQ(x.budget[0].amount, 60);
  EXPECT_TRUE(x.crews.empty());
  EXPECT_EQ(solved(with_extra(p, x)).status, PlanStatus::optimal);
}

TEST(ExtraResources, MoneyIsAskedForOnlyWhenNoCrewsCouldSaveIt) {
  PlanProblem p = base(2);
  // A is due 2025-02; it costs 100 in 2025-01 and 50 from its end of life in 2025-02, with
  // 60 to spend. 2025-02 has no crews. On time means 40 more money (in 2025-01) or 2 more
  // crew-days (in 2025-02): money is minimised first, so the crews.
  p.capacity = {{2, 0, 2, 2}};
  p.budget = {{60}};
  p.items = {item("A", m("2025-02"), 2, 100, m("2025-02"))};
  const PlanResult r = solved(p);
  ASSERT_EQ(r.status, PlanStatus::infeasible);
  EXPECT_EQ(r.schedule.month[0], m("2025-03")) << "a month late";
  const ExtraResources& x = r.to_meet_deadlines;
  EXPECT_TRUE(x.budget.empty());
  ASSERT_EQ(x.crews.size(), 1U);
  EXPECT_EQ(x.crews[0].month, m("2025-02"));
  EXPECT_DOUBLE_EQ(x.crews[0].crew_days, 2);
  EXPECT_EQ(solved(with_extra(p, x)).status, PlanStatus::optimal);
}

TEST(ExtraResources, ADeadlineBeforeAnyCrewsIsNoted) {
  PlanProblem p = base(2);
  p.capacity = {{0, 0, 2, 2}};
  p.items = {item("A", m("2025-01"), 2, 10)};
  const PlanResult r = solved(p);
  ASSERT_EQ(r.status, PlanStatus::infeasible);
  const ExtraResources& x = r.to_meet_deadlines;
  ASSERT_EQ(x.crews.size(), 1U);
  EXPECT_EQ(x.crews[0].month, m("2025-01"));
  EXPECT_DOUBLE_EQ(x.crews[0].crew_days, 2);
  ASSERT_EQ(x.notes.size(), 1U);
  EXPECT_EQ(x.notes[0],
            "site visit A is due 2025-01, and region R has no crews from 2025-01 to then: the "
            "extra crews "
            "include months that had none");
}

TEST(ExtraResources, ACapNeedsItsUnitsDoneBeforeItsDate) {
  PlanProblem p = base(2);
  // Two visits due 2025-04, but a cap on 2025-02-01 allows none of 2 units: both in
  // 2025-01, where there is room for one.
  p.items = {item("A", m("2025-04"), 2, 100), item("B", m("2025-04"), 2, 100)};
  p.caps = {{.policy = "t",
             .rule = "cap",
             .scope = "op",
             .date = *parse_date("2025-02-01"),
             .last_month = last_month_before(*parse_date("2025-02-01")),
             .limit = 0,
             .total = 2,
             .fixed = 0,
             .units = {{.weight = 1, .items = {0}}, {.weight = 1, .items = {1}}}}};
  const PlanResult r = solved(p);
  ASSERT_EQ(r.status, PlanStatus::infeasible);
  const ExtraResources& x = r.to_meet_deadlines;
  ASSERT_EQ(x.crews.size(), 1U);
  EXPECT_EQ(x.crews[0].month, m("2025-01"));
  EXPECT_DOUBLE_EQ(x.crews[0].crew_days, 2);
  EXPECT_EQ(solved(with_extra(p, x)).status, PlanStatus::optimal);
}

TEST(ExtraResources, ACapNoResourcesCanMeetIsNotedAndLeftAsLateAsItMustBe) {
  PlanProblem p = base(2);
  // One designated unit no item removes, and a limit of none.
  p.items = {item("A", m("2025-04"), 2, 100)};
  p.caps = {{.policy = "t",
             .rule = "cap",
             .scope = "op",
             .date = *parse_date("2025-03-01"),
             .last_month = last_month_before(*parse_date("2025-03-01")),
             .limit = 0,
             .total = 2,
             .fixed = 1,
             .units = {{.weight = 1, .items = {0}}}}};
  const PlanResult r = solved(p);
  ASSERT_EQ(r.status, PlanStatus::infeasible);
  const ExtraResources& x = r.to_meet_deadlines;
  EXPECT_TRUE(x.computed);
  EXPECT_TRUE(x.crews.empty());
  EXPECT_TRUE(x.budget.empty());
  ASSERT_EQ(x.notes.size(), 1U);
  EXPECT_NE(x.notes[0].find("cap t/cap (op, 2025-03-01) cannot be met by any resources: it stays 1 "
                            "unit above its limit of 0"),
            std::string::npos)
      << x.notes[0];
}

// Units a cap keeps above its limit whatever is done (the random problems' fixed units).
double unavoidable(const PlanProblem& p) {
  double sum = 0;
  for (const CapConstraint& cap : p.caps) sum += std::max(0.0, cap.fixed - cap.allowed());
  return sum;
}

// The least extra money, then the fewest extra crew-days, over every schedule that meets
// each deadline and cap, by trying them all (tiny problems only).
struct Shortfall {
  double money = kUnlimited, crew_days = kUnlimited;
};

Shortfall least_shortfall(const PlanProblem& p) {
  Shortfall best;
  Schedule s{std::vector<Month>(p.items.size(), kNoMonth)};
  const auto leaf = [&] {
    if (evaluate(p, s).objective.lateness > 1e-9) return;  // a cap not met
    std::vector<std::vector<double>> used(p.regions.size(), std::vector<double>(p.months(), 0));
    std::vector<std::vector<double>> spent(p.operators.size(), std::vector<double>(p.years(), 0));
    for (std::size_t i = 0; i < p.items.size(); ++i) {
      used[p.items[i].region][static_cast<std::size_t>(s.month[i] - p.start)] +=
          p.items[i].crew_days;
      spent[p.items[i].op][static_cast<std::size_t>(year_of(s.month[i]) - p.first_year)] +=
          p.cost(p.items[i], s.month[i]);
    }
    Shortfall here{0, 0};
    for (std::size_t r = 0; r < used.size(); ++r)
      for (std::size_t t = 0; t < p.months(); ++t)
        here.crew_days += std::max(0.0, used[r][t] - p.capacity[r][t]);
    for (std::size_t o = 0; o < spent.size(); ++o)
      for (std::size_t y = 0; y < p.years(); ++y)
        if (std::isfinite(p.budget[o][y]))
          here.money += std::max(0.0, spent[o][y] - p.budget[o][y]);
    if (here.money < best.money - 1e-6 ||
        (here.money < best.money + 1e-6 && here.crew_days < best.crew_days - 1e-6))
      best = here;
  };
  const auto go = [&](const auto& self, std::size_t i) -> void {
    if (i == p.items.size()) return leaf();
    for (Month month = p.start; month <= std::min(p.items[i].deadline, p.horizon); ++month) {
      s.month[i] = month;
      self(self, i + 1);
    }
  };
  go(go, 0);
  return best;
}

TEST(ExtraResources, AddedToRandomTinyLateProblemsTheyMakeThemOnTimeAndAreTheLeast) {
  // Of the random tiny problems whose optimum is late, those that resources can mend: the
  // extras, added, let both the solver and the exhaustive search reach no lateness, and
  // they are the least money, then the fewest crew-days, of any schedule on time.
  std::mt19937 rng(20261207);
  std::size_t checked = 0, with_crews = 0, with_money = 0;
  for (int round = 0; round < 400 && checked < 60; ++round) {
    const PlanProblem p = testing::random_tiny_problem(rng);
    if (unavoidable(p) > 0) continue;
    const testing::ExhaustiveResult best = testing::exhaustive_optimum(p);
    if (!best.admissible || best.objective.lateness <= 1e-9) continue;
    const auto r =
        solve(p, {.method = SolverMethod::exact, .time_limit_seconds = 20, .progress = {}});
    ASSERT_TRUE(r) << "round " << round << ": " << r.error().front().to_string();
    ASSERT_EQ(r->status, PlanStatus::infeasible) << "round " << round;
    const ExtraResources& x = r->to_meet_deadlines;
    EXPECT_TRUE(x.computed) << "round " << round;
    EXPECT_EQ(x.outcome, "optimal") << "round " << round;
    for (const std::string& note : x.notes) ADD_FAILURE() << "round " << round << ": " << note;
    EXPECT_FALSE(x.crews.empty() && x.budget.empty())
        << "round " << round << ": late, yet nothing needed";
    for (const ExtraCrews& c : x.crews)
      EXPECT_EQ(c.crew_days * 2, std::round(c.crew_days * 2)) << "half days";
    for (const ExtraBudget& b : x.budget)
      EXPECT_EQ(b.amount, std::round(b.amount)) << "currency units";
    const PlanProblem more = with_extra(p, x);
    const auto again =
        solve(more, {.method = SolverMethod::exact, .time_limit_seconds = 20, .progress = {}});
    ASSERT_TRUE(again) << "round " << round;
    EXPECT_NE(again->status, PlanStatus::infeasible) << "round " << round;
    EXPECT_DOUBLE_EQ(again->evaluation.objective.lateness, 0) << "round " << round;
    const testing::ExhaustiveResult mended = testing::exhaustive_optimum(more);
    EXPECT_TRUE(mended.admissible) << "round " << round;
    EXPECT_DOUBLE_EQ(mended.objective.lateness, 0) << "round " << round;
    // And they are the least: money first, then crew-days (the random problems' crew-days
    // come in halves and their money in whole units, so rounding adds nothing).
    const Shortfall least = least_shortfall(p);
    EXPECT_NEAR(x.money(), least.money, 1e-6) << "round " << round;
    EXPECT_NEAR(x.crew_days(), least.crew_days, 1e-6) << "round " << round;
    with_crews += !x.crews.empty();
    with_money += !x.budget.empty();
    ++checked;
  }
  EXPECT_GE(checked, 20U);
  EXPECT_GT(with_crews, 0U);
  std::cout << "checked " << checked << " late problems: " << with_crews << " needed crews, "
            << with_money << " money\n";
}

}  // namespace
}  // namespace netvet::plan
