// The exhaustive reference itself, before any solver is compared with it: problems whose
// optimum is worked out by hand, a plain enumeration of every schedule that its pruning
// must agree with, and the random generator's problems being well formed.

#include "exhaustive.h"

#include <gtest/gtest.h>

#include <set>

namespace netvet::plan::testing {
namespace {

Month m(std::string_view text) {
  return *parse_month(text);
}

// One operator, one region (North), 2025-01..2025-03; items added by each test.
PlanProblem quarter(std::vector<double> capacity = {4, 4, 4}) {
  PlanProblem p;
  p.currency = "GBP";
  p.end_of_life_factor = 0.3;
  p.start = m("2025-01");
  p.horizon = m("2025-03");
  p.regions = {"North"};
  p.capacity = {std::move(capacity)};
  p.operators = {"op1"};
  p.first_year = 2025;
  p.budget = {{kUnlimited}};
  return p;
}

WorkItem item(std::string site, std::string_view deadline, double crew_days, double element_cost,
              Month end_of_life = kNever, double weight = 1) {
  return {.id = fmt::format("{}@{}", site, deadline),
          .site = site,
          .op = 0,
          .region = 0,
          .elements = {site + "-1"},
          .deadline = m(deadline),
          .crew_days = crew_days,
          .visit_cost = 100,
          .element_costs = {{.cost = element_cost, .end_of_life = end_of_life}},
          .weight = weight};
}

TEST(Exhaustive, FindsTheOnlyOnTimePlan) {
  // A (3 crew-days, due in January) fills January; B (2) and C (1), due in February, can
  // only both go in February, where they fill the 3 crew-days exactly.
  PlanProblem p = quarter({3, 3, 3});
  p.items = {item("A", "2025-01", 3, 1000), item("B", "2025-02", 2, 500),
             item("C", "2025-02", 1, 200)};
  const ExhaustiveResult r = exhaustive_optimum(p);
  ASSERT_TRUE(r.admissible);
  EXPECT_EQ(r.best.month, (std::vector<Month>{m("2025-01"), m("2025-02"), m("2025-02")}));
  EXPECT_DOUBLE_EQ(r.objective.lateness, 0);
  EXPECT_DOUBLE_EQ(r.objective.cost, 1100 + 600 + 300);
  EXPECT_DOUBLE_EQ(r.objective.exposure, 0 + 1 + 1);
  EXPECT_EQ(r.optima, 1U);
  // A alone in one of 3 months; B and C each in one of the other 2 (together they fit).
  EXPECT_EQ(r.schedules, 3U * 2 * 2);
  EXPECT_EQ(r.disagreements, 0U);
}

TEST(Exhaustive, WaitsForTheEndOfLifeWhenTheDeadlineAllows) {
  // The element's life ends in February: 1100 in January, 100 + 0.3 × 1000 = 400 after.
  // February and March cost the same; February is less exposure.
  PlanProblem p = quarter();
  p.items = {item("A", "2025-03", 1, 1000, m("2025-02"))};
  ExhaustiveResult r = exhaustive_optimum(p);
  EXPECT_EQ(r.best.month, std::vector<Month>{m("2025-02")});
  EXPECT_DOUBLE_EQ(r.objective.cost, 400);
  EXPECT_DOUBLE_EQ(r.objective.exposure, 1);
  // Due in January, lateness comes first: 1100 on time beats 400 a month late.
  p.items = {item("A", "2025-01", 1, 1000, m("2025-02"))};
  r = exhaustive_optimum(p);
  EXPECT_EQ(r.best.month, std::vector<Month>{m("2025-01")});
  EXPECT_DOUBLE_EQ(r.objective.lateness, 0);
  EXPECT_DOUBLE_EQ(r.objective.cost, 1100);
}

TEST(Exhaustive, CrewsForceTheLeastLatenessKnownByHand) {
  // Three visits of 2 crew-days, all due in January, with 2 crew-days a month: one a
  // month, late 0 + 1 + 2 = 3. Cost is the same whatever the order; exposure puts the
  // heaviest (Z: 21) first and the lightest (X: 1) last: 0 × 21 + 1 × 11 + 2 × 1 = 13.
  PlanProblem p = quarter({2, 2, 2});
  p.items = {item("X", "2025-01", 2, 0, kNever, 1), item("Y", "2025-01", 2, 100, kNever, 11),
             item("Z", "2025-01", 2, 200, kNever, 21)};
  const ExhaustiveResult r = exhaustive_optimum(p);
  ASSERT_TRUE(r.admissible);
  EXPECT_DOUBLE_EQ(r.objective.lateness, 3);
  EXPECT_DOUBLE_EQ(r.objective.cost, 100 + 200 + 300);
  EXPECT_DOUBLE_EQ(r.objective.exposure, 13);
  EXPECT_EQ(r.best.month, (std::vector<Month>{m("2025-03"), m("2025-02"), m("2025-01")}));
  EXPECT_EQ(r.schedules, 6U) << "the 3! orders";
  EXPECT_EQ(r.optima, 1U);
}

TEST(Exhaustive, ABudgetCanForceLatenessToo) {
  // 500 a year: the item (1100 at full price) fits only from February, when its element's
  // life has ended (400): one month late.
  PlanProblem p = quarter();
  p.budget = {{500}};
  p.items = {item("A", "2025-01", 1, 1000, m("2025-02"))};
  const ExhaustiveResult r = exhaustive_optimum(p);
  ASSERT_TRUE(r.admissible);
  EXPECT_EQ(r.best.month, std::vector<Month>{m("2025-02")});
  EXPECT_DOUBLE_EQ(r.objective.lateness, 1);
}

TEST(Exhaustive, SaysWhenNoScheduleMeetsTheHardConstraints) {
  PlanProblem p = quarter();
  p.items = {item("A", "2025-01", 5, 1000)};  // 5 crew-days, 4 a month
  ExhaustiveResult r = exhaustive_optimum(p);
  EXPECT_FALSE(r.admissible) << "no admissible plan: the crews never suffice";
  EXPECT_EQ(r.schedules, 0U);
  p = quarter();
  p.budget = {{1000}};
  p.items = {item("A", "2025-01", 1, 1000)};  // 1100 every month
  r = exhaustive_optimum(p);
  EXPECT_FALSE(r.admissible) << "no admissible plan: the budget never suffices";
}

TEST(Exhaustive, ACapWhoseUnitSpansTwoItemsNeedsBothDone) {
  // Site S has two items (due February and March); the cap, none left on 2025-02-01,
  // counts S until both are done by January.
  auto problem = [](double january) {
    PlanProblem p = quarter({january, 4, 4});
    p.items = {item("S", "2025-02", 2, 1000), item("S", "2025-03", 2, 1000, m("2025-03"))};
    p.items[1].elements = {"S-2"};
    p.caps = {{.policy = "t",
               .rule = "cap",
               .scope = "op1",
               .date = *parse_date("2025-02-01"),
               .last_month = m("2025-01"),
               .limit = 0,
               .total = 2,
               .fixed = 0,
               .units = {{.weight = 1, .items = {0, 1}}}}};
    return p;
  };
  ExhaustiveResult r = exhaustive_optimum(problem(4));
  EXPECT_EQ(r.best.month, (std::vector<Month>{m("2025-01"), m("2025-01")}));
  EXPECT_DOUBLE_EQ(r.objective.lateness, 0);
  EXPECT_DOUBLE_EQ(r.objective.cost, 2200)
      << "the cap is worth more than waiting for S-2's end of life";
  // With 3 crew-days in January the cap is missed by 1 unit whatever is done; then the
  // second item waits for its end of life in March (400), the first goes in January.
  r = exhaustive_optimum(problem(3));
  EXPECT_EQ(r.best.month, (std::vector<Month>{m("2025-01"), m("2025-03")}));
  EXPECT_DOUBLE_EQ(r.objective.lateness, 1);
  EXPECT_DOUBLE_EQ(r.objective.cost, 1100 + 400);
  EXPECT_DOUBLE_EQ(r.objective.exposure, 0 + 2);
}

TEST(Exhaustive, RefusesProblemsThatAreNotTiny) {
  PlanProblem p = quarter();
  for (int i = 0; i < 8; ++i) p.items.push_back(item(fmt::format("S{}", i), "2025-03", 0, 0));
  EXPECT_THROW(exhaustive_optimum(p), std::invalid_argument);
}

// Every schedule, one after another, scored by evaluate(): what the pruned search must find.
ExhaustiveResult plain_enumeration(const PlanProblem& p) {
  ExhaustiveResult out;
  Schedule s{std::vector<Month>(p.items.size(), p.start)};
  while (true) {
    const Evaluation e = evaluate(p, s);
    if (e.admissible()) {
      ++out.schedules;
      const int c = out.admissible ? compare(e.objective, out.objective) : -1;
      if (c < 0) {
        out = {.admissible = true,
               .best = s,
               .objective = e.objective,
               .schedules = out.schedules,
               .optima = 1};
      } else if (c == 0) {
        ++out.optima;
      }
    }
    std::size_t i = 0;
    while (i < s.month.size() && s.month[i] == p.horizon) s.month[i++] = p.start;
    if (i == s.month.size()) break;
    ++s.month[i];
  }
  return out;
}

TEST(Exhaustive, PruningAgreesWithEveryScheduleTried) {
  std::mt19937 rng(20240612);
  int admissible = 0, late = 0;
  for (int n = 0; n < 60; ++n) {
    const PlanProblem p = random_tiny_problem(rng, {.max_items = 6, .max_months = 5});
    const ExhaustiveResult fast = exhaustive_optimum(p);
    const ExhaustiveResult plain = plain_enumeration(p);
    SCOPED_TRACE(n);
    EXPECT_EQ(fast.disagreements, 0U);
    ASSERT_EQ(fast.admissible, plain.admissible);
    EXPECT_EQ(fast.schedules, plain.schedules);
    if (!fast.admissible) continue;
    ++admissible;
    if (fast.objective.lateness > 0) ++late;
    EXPECT_EQ(compare(fast.objective, plain.objective), 0);
    EXPECT_EQ(fast.optima, plain.optima);
    EXPECT_EQ(compare(evaluate(p, fast.best).objective, fast.objective), 0);
  }
  // The generator makes both kinds, and problems with no admissible plan are not all.
  EXPECT_GT(admissible, 30);
  EXPECT_GT(late, 3);
  EXPECT_GT(admissible - late, 3);
}

TEST(Exhaustive, RandomTinyProblemsAreWellFormedAndRepeatable) {
  for (unsigned seed = 1; seed <= 50; ++seed) {
    std::mt19937 a(seed), b(seed);
    const PlanProblem p = random_tiny_problem(a, {.max_items = 7, .max_months = 5});
    const PlanProblem q = random_tiny_problem(b, {.max_items = 7, .max_months = 5});
    SCOPED_TRACE(seed);
    ASSERT_EQ(p.items.size(), q.items.size());
    ASSERT_GE(p.items.size(), 1U);
    ASSERT_LE(p.items.size(), kMaxItems);
    ASSERT_LE(p.months(), kMaxMonths);
    ASSERT_EQ(p.capacity.size(), p.regions.size());
    ASSERT_EQ(p.budget.size(), p.operators.size());
    for (const auto& b_o : p.budget) ASSERT_EQ(b_o.size(), p.years());
    std::set<std::string> ids, elements;
    for (std::size_t i = 0; i < p.items.size(); ++i) {
      const WorkItem& w = p.items[i];
      EXPECT_EQ(w.id, q.items[i].id);
      EXPECT_TRUE(ids.insert(w.id).second) << w.id;
      EXPECT_EQ(w.id, fmt::format("{}@{}", w.site, format_month(w.deadline)));
      EXPECT_GE(w.deadline, p.start);
      EXPECT_LE(w.deadline, p.horizon);
      EXPECT_LT(w.op, p.operators.size());
      EXPECT_LT(w.region, p.regions.size());
      ASSERT_EQ(w.element_costs.size(), w.elements.size());
      for (const std::string& e : w.elements) EXPECT_TRUE(elements.insert(e).second) << e;
    }
    for (const CapConstraint& cap : p.caps) {
      EXPECT_EQ(cap.last_month, last_month_before(cap.date));
      double designated = cap.fixed;
      for (const CapUnit& u : cap.units) {
        designated += u.weight;
        for (const std::uint32_t i : u.items) EXPECT_LT(i, p.items.size());
      }
      EXPECT_LE(designated, cap.total);
    }
  }
}

}  // namespace
}  // namespace netvet::plan::testing
