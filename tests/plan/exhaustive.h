#pragma once
// Test code: the reference the plan solvers are checked against, and tiny random problems
// to check them on.
//
// exhaustive_optimum() tries every schedule of a tiny problem (at most kMaxItems items and
// kMaxMonths months: 5^7 = 78,125 schedules) and returns the spec's lexicographic optimum
// — least lateness, then least cost, then least exposure, each compared with a relative
// kTolerance — among the schedules that meet the hard constraints (crews, budget, horizon).
// It walks the items in order, giving each every month of start..horizon, and abandons a
// branch as soon as a region's crews or an operator's budget is exceeded: crew-days and
// costs are never negative, so no schedule below such a branch meets them. Each schedule
// that is reached is scored by evaluate(), the model's own rules; the search adds nothing to
// them. When no schedule meets the hard constraints, `admissible` is false: the problem has
// no admissible plan (the spec's exit 2: it cannot fit into the horizon at all).
//
// random_tiny_problem() makes a problem of that size from a seeded std::mt19937: sites in
// one or two regions and operators, items with deadlines (some at the start month), crew-
// days, element costs with ends of life before, inside or after the horizon, sometimes
// budgets per operator and year, and zero to two caps whose units (sites) span every item
// of their site.

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include "plan/model.h"

namespace netvet::plan::testing {

inline constexpr std::size_t kMaxItems = 7;
inline constexpr std::size_t kMaxMonths = 5;
inline constexpr double kTolerance = 1e-7;

// -1 when `a` is better than `b` in the spec's order, 1 when worse, 0 when they tie.
inline int compare(const Objective& a, const Objective& b, double tolerance = kTolerance) {
  for (const auto& [x, y] : {std::pair{a.lateness, b.lateness}, std::pair{a.cost, b.cost},
                             std::pair{a.exposure, b.exposure}}) {
    const double room = tolerance * std::max({1.0, std::abs(x), std::abs(y)});
    if (x < y - room) return -1;
    if (x > y + room) return 1;
  }
  return 0;
}

struct ExhaustiveResult {
  bool admissible = false;    // some schedule meets crews, budget and horizon
  Schedule best;              // the first optimal schedule in the search's order
  Objective objective;        // its score
  std::size_t schedules = 0;  // schedules that meet the hard constraints
  std::size_t optima = 0;     // of those, how many tie with `best`
  std::size_t disagreements =
      0;  // schedules the pruning let through that evaluate() calls inadmissible: a bug
};

namespace detail {

constexpr double kSlack = 1e-9;  // as evaluate() compares crew-days and money

struct Search {
  const PlanProblem& p;
  ExhaustiveResult out;
  Schedule schedule;
  std::vector<std::vector<double>> used, spent;

  void go(std::size_t i) {
    if (i == p.items.size()) return leaf();
    const WorkItem& item = p.items[i];
    for (Month m = p.start; m <= p.horizon; ++m) {
      const auto k = static_cast<std::size_t>(m - p.start);
      const auto y = static_cast<std::size_t>(year_of(m) - p.first_year);
      const double cost = p.cost(item, m);
      used[item.region][k] += item.crew_days;
      spent[item.op][y] += cost;
      if (used[item.region][k] <= p.capacity[item.region][k] + kSlack &&
          spent[item.op][y] <= p.budget[item.op][y] * (1 + kSlack) + kSlack) {
        schedule.month[i] = m;
        go(i + 1);
      }
      used[item.region][k] -= item.crew_days;
      spent[item.op][y] -= cost;
    }
    schedule.month[i] = kNoMonth;
  }

  void leaf() {
    const Evaluation e = evaluate(p, schedule);
    if (!e.admissible()) {
      ++out.disagreements;
      return;
    }
    ++out.schedules;
    const int c = out.admissible ? compare(e.objective, out.objective) : -1;
    if (c < 0) {
      out.admissible = true;
      out.best = schedule;
      out.objective = e.objective;
      out.optima = 1;
    } else if (c == 0) {
      ++out.optima;
    }
  }
};

}  // namespace detail

inline ExhaustiveResult exhaustive_optimum(const PlanProblem& p) {
  if (p.items.size() > kMaxItems || p.months() > kMaxMonths)
    throw std::invalid_argument(fmt::format(
        "exhaustive_optimum: {} items over {} months is not tiny", p.items.size(), p.months()));
  for (const WorkItem& item : p.items) {
    if (item.crew_days < 0 || item.visit_cost < 0 || p.end_of_life_factor < 0 ||
        std::ranges::any_of(item.element_costs, [](const ElementCost& e) { return e.cost < 0; }))
      throw std::invalid_argument(
          "exhaustive_optimum: pruning needs crew-days and costs that are never negative");
  }
  detail::Search s{.p = p,
                   .out = {},
                   .schedule = {std::vector<Month>(p.items.size(), kNoMonth)},
                   .used = std::vector<std::vector<double>>(p.regions.size(),
                                                            std::vector<double>(p.months(), 0)),
                   .spent = std::vector<std::vector<double>>(p.operators.size(),
                                                             std::vector<double>(p.years(), 0))};
  s.go(0);
  return s.out;
}

// ---- tiny random problems ----------------------------------------------------------------

struct TinyShape {
  std::size_t max_items = 6;   // 1..max_items items (at most kMaxItems)
  std::size_t max_months = 4;  // 1..max_months months (at most kMaxMonths)
  bool budgets = true;         // sometimes a budget per operator and year
  bool caps = true;            // sometimes a cap or two
};

inline PlanProblem random_tiny_problem(std::mt19937& rng, const TinyShape& shape = {}) {
  auto uniform = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  auto chance = [&](double p) { return std::bernoulli_distribution(p)(rng); };
  PlanProblem p;
  p.currency = "GBP";
  p.end_of_life_factor =
      std::vector<double>{0.3, 0.5, 0.8}[static_cast<std::size_t>(uniform(0, 2))];
  p.start = *parse_month("2025-11") + uniform(0, 2);  // some problems span a new year: two budgets
  p.horizon = p.start + uniform(1, static_cast<int>(std::min(shape.max_months, kMaxMonths))) - 1;
  p.first_year = year_of(p.start);
  p.regions = uniform(0, 1) == 0 ? std::vector<std::string>{"North"}
                                 : std::vector<std::string>{"North", "South"};
  p.operators =
      uniform(0, 1) == 0 ? std::vector<std::string>{"op1"} : std::vector<std::string>{"op1", "op2"};
  p.capacity.assign(p.regions.size(), std::vector<double>(p.months(), 0));
  for (auto& region : p.capacity)
    for (double& c : region) c = uniform(3, 8);

  const auto n =
      static_cast<std::size_t>(uniform(1, static_cast<int>(std::min(shape.max_items, kMaxItems))));
  const int months = static_cast<int>(p.months());
  // Some sites hold two items (two deadlines); with one month, every item needs a site.
  const std::size_t sites = months > 1 ? std::max<std::size_t>(1, n - 1) : n;
  std::vector<std::uint32_t> site_op(sites), site_region(sites);
  std::vector<int> site_elements(sites, 0);
  for (std::size_t s = 0; s < sites; ++s) {
    site_op[s] = static_cast<std::uint32_t>(uniform(0, static_cast<int>(p.operators.size()) - 1));
    site_region[s] = static_cast<std::uint32_t>(uniform(0, static_cast<int>(p.regions.size()) - 1));
  }
  while (p.items.size() < n) {
    const auto s = static_cast<std::size_t>(uniform(0, static_cast<int>(sites) - 1));
    const Month deadline = p.start + uniform(0, months - 1);
    const std::string site = fmt::format("S{}", s);
    const std::string id = fmt::format("{}@{}", site, format_month(deadline));
    if (std::ranges::any_of(p.items, [&](const WorkItem& w) { return w.id == id; }))
      continue;  // one item per site and deadline
    WorkItem item{.id = id,
                  .site = site,
                  .op = site_op[s],
                  .region = site_region[s],
                  .deadline = deadline,
                  .crew_days = 1,
                  .visit_cost = uniform(5, 20) * 10.0,
                  .weight = 1 + 10.0 * std::max(0, uniform(-1, 2))};
    for (int e = uniform(1, 3); e > 0; --e) {
      item.elements.push_back(fmt::format("{}-{}", site, ++site_elements[s]));
      item.crew_days += uniform(1, 2) * 0.5;
      item.element_costs.push_back(
          {.cost = uniform(1, 10) * 100.0,
           .end_of_life = chance(0.5) ? kNever : p.start + uniform(-1, months)});
    }
    p.items.push_back(std::move(item));
  }

  p.budget.assign(p.operators.size(), std::vector<double>(p.years(), kUnlimited));
  if (shape.budgets && chance(0.5)) {
    for (std::size_t o = 0; o < p.operators.size(); ++o) {
      double full = 0;  // the operator's items at full price, before any end of life
      for (const WorkItem& item : p.items) {
        if (item.op != o) continue;
        full += item.visit_cost;
        for (const ElementCost& e : item.element_costs) full += e.cost;
      }
      for (double& b : p.budget[o])
        if (chance(0.6)) b = std::round(full * uniform(4, 12) / 10.0);
    }
  }

  if (shape.caps) {
    for (int c = uniform(0, 2); c > 0; --c) {
      const auto o =
          static_cast<std::uint32_t>(uniform(0, static_cast<int>(p.operators.size()) - 1));
      const Month last = p.start + uniform(0, months - 1);
      CapConstraint cap{
          .policy = "p",
          .rule = fmt::format("cap{}", c),
          .scope = p.operators[o],
          .date = first_day(last + 1),
          .last_month = last,
          .limit = std::vector<double>{0, 0.2, 0.35, 0.5}[static_cast<std::size_t>(uniform(0, 3))]};
      for (std::size_t s = 0; s < sites; ++s) {
        if (site_op[s] != o || chance(0.3)) continue;
        CapUnit unit{.weight = chance(0.5) ? 1.0 : uniform(1, 5) * 1.0, .items = {}};
        for (std::size_t i = 0; i < p.items.size(); ++i)
          if (p.items[i].site == fmt::format("S{}", s))
            unit.items.push_back(static_cast<std::uint32_t>(i));
        if (unit.items.empty()) continue;
        cap.total += unit.weight;
        cap.units.push_back(std::move(unit));
      }
      if (cap.units.empty()) continue;
      cap.fixed = chance(0.3) ? 1 : 0;         // designated units no item removes
      cap.total += cap.fixed + uniform(0, 3);  // and units not designated at all
      p.caps.push_back(std::move(cap));
    }
  }
  return p;
}

}  // namespace netvet::plan::testing
