// The fast method's improvement phase (plan/improve.h): hand problems that only a chain
// of moves improves, and random tiny problems from random admissible schedules, against
// the exhaustive optimum.

#include "plan/improve.h"

#include <gtest/gtest.h>

#include <iostream>
#include <random>

#include "exhaustive.h"
#include "plan/milp.h"

namespace netvet::plan {
namespace {

Month m(std::string_view text) { return *parse_month(text); }

SolveClock::time_point later() { return SolveClock::now() + std::chrono::seconds(20); }

// One region, one operator, one crew-day a month over `months` months from 2025-01; items
// of one crew-day added by the tests.
PlanProblem one_a_month(std::size_t months) {
  PlanProblem p;
  p.currency = "GBP";
  p.end_of_life_factor = 0.5;
  p.start = m("2025-01");
  p.horizon = p.start + static_cast<Month>(months) - 1;
  p.regions = {"R"};
  p.capacity = {std::vector<double>(months, 1)};
  p.operators = {"op"};
  p.first_year = 2025;
  p.budget = {{kUnlimited}};
  return p;
}

void add_item(PlanProblem& p, std::string_view deadline, double cost, Month end_of_life) {
  const std::string id = fmt::format("S{}@{}", p.items.size(), deadline);
  p.items.push_back({.id = id, .site = id.substr(0, id.find('@')), .op = 0, .region = 0, .elements = {"E"},
                     .deadline = m(deadline), .crew_days = 1, .visit_cost = 0,
                     .element_costs = {{.cost = cost, .end_of_life = end_of_life}}, .weight = 1});
}

TEST(Improve, SwapsTwoItemsWhenNeitherMonthHasRoom) {
  // A costs half from 2025-02 but sits in 2025-01; B costs the same in both and fills
  // 2025-02. No single move fits; the swap saves 50.
  PlanProblem p = one_a_month(2);
  add_item(p, "2025-02", 100, m("2025-02"));  // A
  add_item(p, "2025-02", 100, kNever);        // B
  Schedule s{.month = {m("2025-01"), m("2025-02")}};
  const Milp milp = build_milp(p);
  const ImproveReport report = improve(p, milp, s, later());
  EXPECT_EQ(s.month, (std::vector<Month>{m("2025-02"), m("2025-01")}));
  EXPECT_EQ(report.chains, 1U);
  const Evaluation e = evaluate(p, s);
  EXPECT_TRUE(e.on_time());
  EXPECT_DOUBLE_EQ(e.objective.cost, 150);
}

TEST(Improve, BringsALateItemBackThroughAChainOfMoves) {
  // L is due in 2025-01 but sits in 2025-02 (late by one); X, due in 2025-03, fills
  // 2025-01; 2025-03 is free. L to 2025-01, X to 2025-03: on time, at the same cost.
  PlanProblem p = one_a_month(3);
  add_item(p, "2025-01", 100, kNever);  // L
  add_item(p, "2025-03", 100, kNever);  // X
  Schedule s{.month = {m("2025-02"), m("2025-01")}};
  ASSERT_DOUBLE_EQ(evaluate(p, s).objective.lateness, 1);
  const Milp milp = build_milp(p);
  improve(p, milp, s, later());
  EXPECT_EQ(s.month[0], m("2025-01"));
  EXPECT_GE(s.month[1], m("2025-02"));
  EXPECT_TRUE(evaluate(p, s).on_time());
}

TEST(Improve, ClosesAChainThroughMonthsOfDifferentRoom) {
  // Two crew-days a month over two months. U (1.5 crew-days, half price from 2025-02)
  // sits in 2025-01; 2025-02 holds V (1) and T (0.5), room 0.5. U goes to 2025-02 only if
  // V comes back the other way: a closed chain through months of different room.
  PlanProblem p = one_a_month(2);
  p.capacity = {{2, 2}};
  add_item(p, "2025-02", 100, kNever);        // V: 1 crew-day, in 2025-02
  add_item(p, "2025-02", 100, m("2025-02"));  // U: 1.5 crew-days, half price in 2025-02
  add_item(p, "2025-02", 100, kNever);        // T: 0.5 crew-days, in 2025-02
  p.items[1].crew_days = 1.5;
  p.items[2].crew_days = 0.5;
  Schedule s{.month = {m("2025-02"), m("2025-01"), m("2025-02")}};
  ASSERT_TRUE(evaluate(p, s).admissible());
  const Milp milp = build_milp(p);
  improve(p, milp, s, later());
  const Evaluation e = evaluate(p, s);
  EXPECT_TRUE(e.on_time());
  EXPECT_EQ(s.month, (std::vector<Month>{m("2025-01"), m("2025-02"), m("2025-02")}));
  EXPECT_DOUBLE_EQ(e.objective.cost, 250);
}

TEST(Improve, NeverCrossesACapsMonthWithAnItemTheCapCounts) {
  // As the swap above, but a cap on 2025-02-01 counts A's site: at most none may remain,
  // so A must stay in 2025-01 though it would be cheaper in 2025-02.
  PlanProblem p = one_a_month(2);
  add_item(p, "2025-02", 100, m("2025-02"));  // A
  add_item(p, "2025-02", 100, kNever);        // B
  p.caps = {{.policy = "t", .rule = "cap", .scope = "op", .date = *parse_date("2025-02-01"), .last_month = m("2025-01"),
             .limit = 0, .total = 1, .fixed = 0, .units = {{.weight = 1, .items = {0}}}}};
  Schedule s{.month = {m("2025-01"), m("2025-02")}};
  ASSERT_TRUE(evaluate(p, s).on_time());
  const Milp milp = build_milp(p);
  improve(p, milp, s, later());
  EXPECT_EQ(s.month, (std::vector<Month>{m("2025-01"), m("2025-02")}));
  EXPECT_TRUE(evaluate(p, s).on_time());
}

TEST(Improve, KeepsABudgetThatAChainWouldBreak) {
  // The swap saves 50 in total but moves B's 100 into 2025 while A's 50 leaves 2026: with
  // 2025's budget spent, no chain may apply.
  PlanProblem p = one_a_month(2);
  p.start = m("2025-12");
  p.horizon = m("2026-01");
  p.budget = {{100, kUnlimited}};
  add_item(p, "2026-01", 100, m("2026-01"));  // A: 100 in 2025-12, 50 in 2026-01
  add_item(p, "2026-01", 120, kNever);        // B: 120 either way
  Schedule s{.month = {m("2025-12"), m("2026-01")}};
  ASSERT_TRUE(evaluate(p, s).admissible());
  const Milp milp = build_milp(p);
  const ImproveReport report = improve(p, milp, s, later());
  EXPECT_EQ(s.month, (std::vector<Month>{m("2025-12"), m("2026-01")}));
  EXPECT_EQ(report.chains, 0U);
  EXPECT_GE(report.rejected, 1U);
  EXPECT_TRUE(evaluate(p, s).admissible());
}

// A random schedule of `p` that meets crews and budgets, or none after some tries.
std::optional<Schedule> random_admissible(const PlanProblem& p, std::mt19937& rng) {
  std::uniform_int_distribution<int> month(0, static_cast<int>(p.months()) - 1);
  for (int attempt = 0; attempt < 200; ++attempt) {
    Schedule s{.month = std::vector<Month>(p.items.size())};
    for (Month& mo : s.month) mo = p.start + month(rng);
    if (evaluate(p, s).admissible()) return s;
  }
  return std::nullopt;
}

TEST(Improve, NeverWorsensAndStaysAdmissibleOnRandomTinyProblems) {
  // From random admissible schedules: the improved one is admissible, never later, never
  // dearer at equal lateness, and never better than the exhaustive optimum; how often it
  // reaches the optimum's lateness and cost is printed (a local search need not).
  std::mt19937 rng(20261207);
  std::size_t tried = 0, improved = 0, optimal = 0;
  for (int round = 0; round < 400; ++round) {
    const PlanProblem p = testing::random_tiny_problem(rng);
    std::optional<Schedule> s = random_admissible(p, rng);
    if (!s) continue;
    ++tried;
    const Objective before = evaluate(p, *s).objective;
    const Milp milp = build_milp(p);
    const ImproveReport report = improve(p, milp, *s, later());
    const Evaluation after = evaluate(p, *s);
    ASSERT_TRUE(after.admissible()) << "round " << round;
    EXPECT_LE(after.objective.lateness, before.lateness + 1e-9) << "round " << round;
    if (after.objective.lateness >= before.lateness - 1e-9) {
      EXPECT_LE(after.objective.cost, before.cost + 1e-6) << "round " << round;
    }
    if (report.chains > 0) {
      ++improved;
      EXPECT_EQ(testing::compare(after.objective, before), -1) << "round " << round << ": a chain that gained nothing";
    }
    const testing::ExhaustiveResult best = testing::exhaustive_optimum(p);
    ASSERT_TRUE(best.admissible);
    const Objective late_and_cost{.lateness = after.objective.lateness, .cost = after.objective.cost, .exposure = 0};
    const Objective best_late_and_cost{.lateness = best.objective.lateness, .cost = best.objective.cost, .exposure = 0};
    EXPECT_GE(testing::compare(late_and_cost, best_late_and_cost), 0) << "round " << round;
    if (testing::compare(late_and_cost, best_late_and_cost) == 0) ++optimal;
  }
  std::cout << "improvement on " << tried << " random admissible schedules: " << improved << " improved, " << optimal
            << " at the optimum's lateness and cost\n";
  EXPECT_GT(tried, 100U);
  EXPECT_GT(improved, tried / 4);
  EXPECT_GT(optimal * 10, tried * 6) << "at the optimum in at least 60% of rounds";
}

}  // namespace
}  // namespace netvet::plan
