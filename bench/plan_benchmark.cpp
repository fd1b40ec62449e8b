// The fast plan method on a national rip-and-replace programme (issue 12's target: at
// least 100,000 site visits over 60 months in <= 60 s with a cost gap <= 1%).
//
// The problem is generated here, shaped like a national one: 16 regions whose crews
// differ (a big region has three times a small one's work), 4 operators working in every
// region, three kinds of site visit (a radio or three, one baseband), equipment installed
// in yearly cohorts 2018-2023 (end of life eight years on, so in January of 2026..2031:
// waiting for it cuts the cost), six deadline months spread over 2027-06..2030-12 and a
// tenth of sites serving a facility (weight 11). Crews are the second argument (in %) ×
// the region's work spread over the 60 months, less in December and January (0.6 of
// the other months): at 115% a plan meets every deadline with work pulled towards ends
// of life; at 108% the crews bind so hard that no plan does (the LP's least lateness is
// thousands of months), and the lateness LP must be solved. Budgets are 1.2 × an operator's
// full-price cost spread over the five years. Counters: seconds, gap, lateness, items,
// columns and rows of the model.

#include <benchmark/benchmark.h>

#include <array>
#include <chrono>
#include <cstdio>
#include <random>
#include <string>

#include "plan/solve.h"

namespace netvet::plan {
namespace {

PlanProblem national_plan(std::size_t items, double crews) {
  constexpr std::size_t kRegions = 16, kOperators = 4;
  PlanProblem p;
  p.currency = "GBP";
  p.end_of_life_factor = 0.3;
  p.start = *parse_month("2026-01");
  p.horizon = *parse_month("2030-12");
  p.first_year = 2026;
  for (std::size_t r = 0; r < kRegions; ++r) p.regions.push_back("R" + std::to_string(r));
  for (std::size_t o = 0; o < kOperators; ++o) p.operators.push_back("op" + std::to_string(o));

  struct Kind {
    int radios;
  };
  constexpr std::array<Kind, 3> kKinds = {{{1}, {2}, {3}}};
  const std::array<Month, 6> deadlines = {*parse_month("2027-06"), *parse_month("2027-12"), *parse_month("2028-06"),
                                          *parse_month("2028-12"), *parse_month("2029-12"), *parse_month("2030-12")};
  std::mt19937 rng(12);
  std::discrete_distribution<std::size_t> region({3, 3, 2, 2, 2, 2, 1.5, 1.5, 1.5, 1.5, 1, 1, 1, 1, 1, 1});
  std::uniform_int_distribution<std::size_t> any_op(0, kOperators - 1), any_kind(0, 2), any_deadline(0, 5);
  std::uniform_int_distribution<int> cohort(2018, 2023);
  std::bernoulli_distribution facility(0.1);

  std::vector<double> work(kRegions, 0);
  std::vector<double> full(kOperators, 0);
  for (std::size_t i = 0; i < items; ++i) {
    const Kind kind = kKinds[any_kind(rng)];
    const Month end_of_life = (cohort(rng) + 8) * 12;  // January, eight years after installation
    WorkItem item{.id = "S" + std::to_string(i), .site = "S" + std::to_string(i),
                  .op = static_cast<std::uint32_t>(any_op(rng)), .region = static_cast<std::uint32_t>(region(rng)),
                  .elements = {}, .deadline = deadlines[any_deadline(rng)], .crew_days = 2, .visit_cost = 8000,
                  .element_costs = {}, .weight = facility(rng) ? 11.0 : 1.0};
    for (int e = 0; e < kind.radios; ++e) {
      item.elements.push_back(item.id + "-ru" + std::to_string(e));
      item.element_costs.push_back({.cost = 12000, .end_of_life = end_of_life});
      item.crew_days += 0.5;
    }
    item.elements.push_back(item.id + "-gnb");
    item.element_costs.push_back({.cost = 30000, .end_of_life = end_of_life});
    item.crew_days += 1;
    work[item.region] += item.crew_days;
    full[item.op] += p.cost(item, p.start);
    p.items.push_back(std::move(item));
  }
  for (std::size_t r = 0; r < kRegions; ++r) {
    std::vector<double> capacity(p.months());
    for (std::size_t t = 0; t < p.months(); ++t) {
      const int month_of_year = static_cast<int>(t % 12);
      const double season = month_of_year == 0 || month_of_year == 11 ? 0.6 : 1.07;
      capacity[t] = std::round(work[r] * crews / 60 * season);
    }
    p.capacity.push_back(std::move(capacity));
  }
  for (std::size_t o = 0; o < kOperators; ++o) p.budget.emplace_back(p.years(), std::round(full[o] * 1.2 / 5));
  return p;
}

void BM_PlanFastNational(benchmark::State& state) {
  const PlanProblem p = national_plan(static_cast<std::size_t>(state.range(0)), static_cast<double>(state.range(1)) / 100);
  PlanResult last;
  for (auto _ : state) {
    const auto began = std::chrono::steady_clock::now();
    auto r = solve(p, {.method = SolverMethod::fast, .time_limit_seconds = 300, .extra_resources = false, .progress = [&](std::string_view stage) {
                         std::fprintf(stderr, "  %.2f s: %.*s\n",
                                      std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count(),
                                      static_cast<int>(stage.size()), stage.data());
                       }});
    if (!r) {
      state.SkipWithError(r.error().front().to_string().c_str());
      return;
    }
    last = std::move(*r);
  }
  state.counters["seconds"] = last.solver.seconds;
  state.counters["gap_pct"] = last.solver.gap * 100;
  state.counters["lateness"] = last.evaluation.objective.lateness;
  state.counters["items"] = static_cast<double>(p.items.size());
  state.counters["columns"] = static_cast<double>(last.solver.columns);
  state.counters["rows"] = static_cast<double>(last.solver.rows);
  std::fprintf(stderr, "fast: %zu items, %zu columns, %zu rows: %.2f s, gap %.4f%%, lateness %g, status %s, %s\n",
               p.items.size(), last.solver.columns, last.solver.rows, last.solver.seconds, last.solver.gap * 100,
               last.evaluation.objective.lateness, std::string(name_of(last.status)).c_str(), last.solver.outcome.c_str());
}
BENCHMARK(BM_PlanFastNational)->Args({100000, 115})->Args({100000, 113})->Args({100000, 108})->Iterations(1)->Unit(benchmark::kSecond)->UseRealTime();

}  // namespace
}  // namespace netvet::plan

BENCHMARK_MAIN();
