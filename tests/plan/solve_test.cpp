// The exact solver on problems whose optimum is worked out by hand: the spec's objectives
// in their order, aggregation of interchangeable items, caps, and the two kinds of "no".

#include <gtest/gtest.h>

#include <random>

#include "exhaustive.h"
#include "plan/solve.h"

namespace netvet::plan {
namespace {

Month m(std::string_view text) { return *parse_month(text); }

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

WorkItem item(std::string id, Month deadline, double crew_days, double cost, Month end_of_life = kNever, double weight = 1) {
  return {.id = std::move(id), .site = "S", .op = 0, .region = 0, .elements = {"E"}, .deadline = deadline,
          .crew_days = crew_days, .visit_cost = 0, .element_costs = {{.cost = cost, .end_of_life = end_of_life}},
          .weight = weight};
}

PlanResult solved(const PlanProblem& p) {
  auto r = solve(p, {.method = SolverMethod::exact, .time_limit_seconds = 20, .progress = {}});
  EXPECT_TRUE(r) << (r ? "" : r.error().front().to_string());
  return r ? std::move(*r) : PlanResult{};
}

TEST(ExactSolver, MeetsDeadlinesFirstThenWaitsForEndOfLifeThenDoesTheWeightiestFirst) {
  PlanProblem p = base(2);
  // A must be done by 2025-02; its element reaches end of life in 2025-02, so 2025-02 is
  // cheaper. B (weight 10) and C (weight 1) by 2025-04, equal cost: exposure puts B first.
  p.items = {item("A", m("2025-02"), 2, 1000, m("2025-02")), item("B", m("2025-04"), 2, 100, kNever, 10),
             item("C", m("2025-04"), 2, 100, kNever, 1)};
  const PlanResult r = solved(p);
  EXPECT_EQ(r.status, PlanStatus::optimal);
  EXPECT_EQ(r.solver.outcome, "optimal");
  ASSERT_EQ(r.schedule.month.size(), 3U);
  EXPECT_EQ(r.schedule.month[0], m("2025-02")) << "cheaper at end of life, still on time";
  EXPECT_EQ(r.schedule.month[1], m("2025-01")) << "the weightiest as early as the crews allow";
  EXPECT_EQ(r.schedule.month[2], m("2025-03"));
  EXPECT_DOUBLE_EQ(r.evaluation.objective.lateness, 0);
  EXPECT_DOUBLE_EQ(r.evaluation.objective.cost, 500 + 100 + 100);
  EXPECT_DOUBLE_EQ(r.evaluation.objective.exposure, 1 * 1 + 10 * 0 + 1 * 2);
}

TEST(ExactSolver, TooFewCrewsForTheDeadlinesGiveTheLeastLateness) {
  PlanProblem p = base(2);
  // Three items due 2025-01, one per month fits: lateness 0 + 1 + 2 = 3 at least.
  p.items = {item("A", m("2025-01"), 2, 10), item("B", m("2025-01"), 2, 10), item("C", m("2025-01"), 2, 10)};
  const PlanResult r = solved(p);
  EXPECT_EQ(r.status, PlanStatus::infeasible);
  EXPECT_DOUBLE_EQ(r.evaluation.objective.lateness, 3);
  EXPECT_TRUE(r.evaluation.admissible()) << "late, but within crews and horizon";
  EXPECT_LE(r.solver.columns, 4U + 0U) << "three interchangeable items: one group, four month columns";
}

TEST(ExactSolver, ACapBringsWorkForward) {
  PlanProblem p = base(2);
  // Two items due 2025-04, but a cap on 2025-02-01 allows 1 of 4 units: one must be done
  // in 2025-01, though it costs more then (end of life in 2025-03).
  p.items = {item("A", m("2025-04"), 2, 100, m("2025-03")), item("B", m("2025-04"), 2, 100, m("2025-03"))};
  p.caps = {{.policy = "t", .rule = "cap", .scope = "op", .date = *parse_date("2025-02-01"),
             .last_month = last_month_before(*parse_date("2025-02-01")), .limit = 0.25, .total = 4, .fixed = 0,
             .units = {{.weight = 1, .items = {0}}, {.weight = 1, .items = {1}}}}};
  const PlanResult r = solved(p);
  EXPECT_EQ(r.status, PlanStatus::optimal);
  const int early = (r.schedule.month[0] == m("2025-01")) + (r.schedule.month[1] == m("2025-01"));
  EXPECT_EQ(early, 1);
  EXPECT_DOUBLE_EQ(r.evaluation.objective.cost, 100 + 50) << "the other waits for end of life";
}

TEST(ExactSolver, ItemsThatCannotFitTheHorizonAreAnErrorOfTheResources) {
  PlanProblem p = base(1);
  // Five one-crew-day visits, one a month over four months.
  for (const char* id : {"A", "B", "C", "D", "E"}) p.items.push_back(item(id, m("2025-04"), 1, 10));
  const auto r = solve(p, {.method = SolverMethod::exact, .time_limit_seconds = 10, .progress = {}});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().front().file, "--resources");
  EXPECT_NE(r.error().front().message.find("no plan fits the horizon"), std::string::npos) << r.error().front().message;
}

TEST(ExactSolver, AVisitLargerThanItsRegionsCrewsIsNamed) {
  PlanProblem p = base(1);
  p.items = {item("A", m("2025-04"), 2, 10)};  // 2 crew-days, never more than 1 a month
  const auto r = solve(p, {.method = SolverMethod::exact, .time_limit_seconds = 10, .progress = {}});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().front().message, "site visit A needs 2 crew-days in one month, and region R never has more than 1: "
                                       "give R more crews");
}

TEST(ExactSolver, EqualsTheExhaustiveOptimumOnRandomTinyProblems) {
  // Lateness, cost and exposure, in the spec's order, against every schedule tried; a
  // problem with no admissible schedule is refused by both.
  std::mt19937 rng(20261207);
  std::size_t solved_count = 0, refused = 0;
  for (int round = 0; round < 150; ++round) {
    const PlanProblem p = testing::random_tiny_problem(rng);
    const testing::ExhaustiveResult best = testing::exhaustive_optimum(p);
    const auto r = solve(p, {.method = SolverMethod::exact, .time_limit_seconds = 20, .progress = {}});
    if (!best.admissible) {
      EXPECT_FALSE(r) << "round " << round << ": no admissible schedule, yet the solver gave one";
      ++refused;
      continue;
    }
    ASSERT_TRUE(r) << "round " << round << ": " << r.error().front().to_string();
    EXPECT_TRUE(r->evaluation.admissible()) << "round " << round;
    EXPECT_EQ(testing::compare(r->evaluation.objective, best.objective, 1e-6), 0)
        << "round " << round << ": solver " << r->evaluation.objective.lateness << "/" << r->evaluation.objective.cost << "/"
        << r->evaluation.objective.exposure << ", exhaustive " << best.objective.lateness << "/" << best.objective.cost
        << "/" << best.objective.exposure;
    EXPECT_EQ(r->status, best.objective.lateness > 1e-9 ? PlanStatus::infeasible : PlanStatus::optimal) << "round " << round;
    ++solved_count;
  }
  EXPECT_GT(solved_count, 50U);
  EXPECT_GT(refused, 10U);
}

}  // namespace
}  // namespace netvet::plan
