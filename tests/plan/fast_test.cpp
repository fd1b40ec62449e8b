// The fast method (plan/fast.h) against the exhaustive optimum on tiny problems, and a
// hand problem whose LP point rounds to a month its crews cannot take.

#include <gtest/gtest.h>

#include <iostream>
#include <map>
#include <random>

#include "exhaustive.h"
#include "plan/fast.h"
#include "plan/milp.h"
#include "plan/solve.h"

namespace netvet::plan {
namespace {

Month m(std::string_view text) { return *parse_month(text); }

// Four items of one crew-day, each its own group (different costs), with two crew-days a
// month over 2025-01..2025-02; every element reaches end of life in 2025-02 (half price).
PlanProblem four_in_two_months() {
  PlanProblem p;
  p.currency = "GBP";
  p.end_of_life_factor = 0.5;
  p.start = m("2025-01");
  p.horizon = m("2025-02");
  p.regions = {"R"};
  p.capacity = {{2, 2}};
  p.operators = {"op"};
  p.first_year = 2025;
  p.budget = {{kUnlimited}};
  int n = 0;
  for (const double cost : {100.0, 110.0, 120.0, 130.0}) {
    const std::string id = fmt::format("S{}@2025-02", n++);
    p.items.push_back({.id = id, .site = id.substr(0, 2), .op = 0, .region = 0, .elements = {"E"},
                       .deadline = m("2025-02"), .crew_days = 1, .visit_cost = 0,
                       .element_costs = {{.cost = cost, .end_of_life = m("2025-02")}}, .weight = 1});
  }
  return p;
}

TEST(FastSolver, RepairMovesTheItemThatGainsMostOutOfAMonthTheRoundingOverfilled) {
  // Three one-crew-day items (groups of their own), 1.5 crew-days a month over
  // 2025-01..2025-03, end of life in 2025-03. The LP point with half of each item in
  // each of 2025-01 and 2025-02 (1.5 crew-days each) rounds to two items in one month,
  // whatever the rounding: 2025-01 gets items 0 and 2 (the tie goes to the earlier
  // month; item 1 goes to 2025-02, which item 0's round-up left short).
  PlanProblem p = four_in_two_months();
  p.horizon = m("2025-03");
  p.capacity = {{1.5, 1.5, 1.5}};
  p.items.pop_back();
  for (WorkItem& item : p.items) {
    item.deadline = m("2025-03");
    item.element_costs.front().end_of_life = m("2025-03");
  }
  const Milp milp = build_milp(p);
  ASSERT_EQ(milp.groups.size(), 3U);
  std::vector<double> values(milp.columns, 0);
  for (std::size_t g = 0; g < 3; ++g) values[milp.x(g, 0)] = values[milp.x(g, 1)] = 0.5;
  Schedule s = round_lp(p, milp, values);
  EXPECT_EQ(s.month, (std::vector<Month>{m("2025-01"), m("2025-02"), m("2025-01")}));
  const Evaluation rounded = evaluate(p, s);
  ASSERT_FALSE(rounded.admissible()) << "two crew-days in a month of 1.5";
  EXPECT_EQ(rounded.violations.front().kind, "crews");

  ASSERT_TRUE(repair(p, s));
  const Evaluation repaired = evaluate(p, s);
  EXPECT_TRUE(repaired.on_time());
  // Of the two in 2025-01, the dearer gains most from waiting for end of life.
  EXPECT_EQ(s.month, (std::vector<Month>{m("2025-01"), m("2025-02"), m("2025-03")}));
  EXPECT_DOUBLE_EQ(repaired.objective.cost, 100 + 110 + 60);

  // The whole method finds the same plan; the LP's bound puts 1.5 items in 2025-03.
  const auto r = solve(p, {.method = SolverMethod::fast, .time_limit_seconds = 20, .progress = {}});
  ASSERT_TRUE(r) << r.error().front().to_string();
  EXPECT_EQ(r->solver.method, SolverMethod::fast);
  EXPECT_DOUBLE_EQ(r->evaluation.objective.cost, 270);
  EXPECT_NEAR(r->solver.bound, 100 + 110 + 120 - 60 - 27.5, 1e-6);
  EXPECT_NEAR(r->solver.gap, (270 - 242.5) / 270, 1e-9);
  EXPECT_EQ(r->status, PlanStatus::feasible);
}

TEST(FastSolver, IsOptimalWhenTheLpIsIntegral) {
  const PlanProblem p = four_in_two_months();  // two a month; the dearer two wait
  const auto r = solve(p, {.method = SolverMethod::fast, .time_limit_seconds = 20, .progress = {}});
  ASSERT_TRUE(r) << r.error().front().to_string();
  EXPECT_DOUBLE_EQ(r->evaluation.objective.cost, 100 + 110 + 60 + 65);
  EXPECT_NEAR(r->solver.bound, 335, 1e-6);
  EXPECT_EQ(r->solver.gap, 0);
  EXPECT_EQ(r->status, PlanStatus::optimal);
}

TEST(FastSolver, ACapMissedAfterRoundingHasItsCheapestUnitBroughtForward) {
  PlanProblem p = four_in_two_months();
  p.capacity = {{4, 4}};
  // At most 2 of 4 sites may remain on 2025-02-01: two items must be done in 2025-01.
  p.caps = {{.policy = "t", .rule = "cap", .scope = "op", .date = *parse_date("2025-02-01"),
             .last_month = m("2025-01"), .limit = 0.5, .total = 4, .fixed = 0,
             .units = {{.weight = 1, .items = {0}}, {.weight = 1, .items = {1}}, {.weight = 1, .items = {2}},
                       {.weight = 1, .items = {3}}}}};
  Schedule s{.month = std::vector<Month>(4, m("2025-02"))};  // all waiting for end of life
  EXPECT_DOUBLE_EQ(evaluate(p, s).objective.lateness, 2);
  ASSERT_TRUE(repair(p, s));
  EXPECT_DOUBLE_EQ(evaluate(p, s).objective.lateness, 0);
  EXPECT_EQ(s.month[0], m("2025-01")) << "the cheapest to bring forward";
  EXPECT_EQ(s.month[1], m("2025-01"));
  EXPECT_EQ(s.month[2], m("2025-02"));
  EXPECT_EQ(s.month[3], m("2025-02"));
}

TEST(FastSolver, AutomaticPicksExactForSmallModels) {
  const auto r = solve(four_in_two_months(), {.method = SolverMethod::automatic, .time_limit_seconds = 20, .progress = {}});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->solver.method, SolverMethod::exact);
  EXPECT_LE(r->solver.columns, kExactMaxColumns);
}

TEST(FastSolver, IsAdmissibleAndBoundedOnRandomTinyProblems) {
  // Against every schedule: the plan is admissible whenever one is; its lateness is the
  // optimum's in most rounds; its cost is at least the bound it reports, and at least the
  // optimum's when their lateness ties.
  std::mt19937 rng(20261207);
  std::size_t solved_count = 0, refused = 0, later = 0, dearer = 0;
  std::map<std::string, int> outcomes;  // how each plan was found
  for (int round = 0; round < 200; ++round) {
    const PlanProblem p = testing::random_tiny_problem(rng);
    const testing::ExhaustiveResult best = testing::exhaustive_optimum(p);
    const auto r = solve(p, {.method = SolverMethod::fast, .time_limit_seconds = 20, .progress = {}});
    if (!best.admissible) {
      EXPECT_FALSE(r) << "round " << round << ": no admissible schedule, yet the solver gave one";
      ++refused;
      continue;
    }
    ASSERT_TRUE(r) << "round " << round << ": " << r.error().front().to_string();
    ++solved_count;
    ++outcomes[r->solver.outcome.substr(0, r->solver.outcome.find(';'))];
    const Objective& got = r->evaluation.objective;
    EXPECT_TRUE(r->evaluation.admissible()) << "round " << round;
    EXPECT_GE(got.lateness, best.objective.lateness - 1e-9) << "round " << round;
    EXPECT_GE(got.cost, r->solver.bound - 1e-6 * std::max(1.0, got.cost)) << "round " << round << ": " << r->solver.outcome;
    EXPECT_GE(r->solver.gap, 0);
    EXPECT_LE(r->solver.gap, 1);
    if (got.lateness > best.objective.lateness + 1e-9) {
      ++later;
      EXPECT_EQ(r->status, PlanStatus::infeasible);
      continue;
    }
    EXPECT_GE(got.cost, best.objective.cost - 1e-6 * std::max(1.0, got.cost)) << "round " << round;
    if (got.cost > best.objective.cost + 1e-6 * std::max(1.0, got.cost)) ++dearer;
    const PlanStatus expected = got.lateness > 1e-9    ? PlanStatus::infeasible
                                : r->solver.gap <= 1e-9 ? PlanStatus::optimal
                                                        : PlanStatus::feasible;
    EXPECT_EQ(r->status, expected) << "round " << round;
  }
  std::cout << "fast method on " << solved_count << " tiny problems: lateness above the optimum's in " << later
            << ", cost above it (lateness tied) in " << dearer << "; " << refused << " refused\n";
  for (const auto& [how, n] : outcomes) std::cout << "  " << n << " by " << how << "\n";
  EXPECT_GT(solved_count, 50U);
  EXPECT_GT(refused, 10U);
  EXPECT_LE(later * 10, solved_count) << "lateness the optimum's in at least 90% of rounds";
}

}  // namespace
}  // namespace netvet::plan
