#pragma once
// Internal to src/plan: the time-indexed MILP of a plan problem, in a form any LP/MILP
// library takes (columns with bounds, rows as sparse triplets, three objectives).
//
// Columns: x[g][t], the number of items of group g done in month t (integer, 0..|g|):
// items that are interchangeable — same region, operator, deadline, crew-days, cost in
// every month and weight, and in no cap unit — form one group, so a national plan of
// 100,000 site visits has far fewer columns; an item in a cap unit is a group of its own.
// Then per cap unit u a column z[u] in [0, 1] ("the unit has left by the cap's month") and
// per cap an excess column e[c] >= 0.
// Rows: each group done exactly |g| times (Σ_t x[g][t] = |g|); crews per region and
// month; budget per operator and year (finite budgets only); per cap unit and item
// z[u] <= Σ_{t <= last month} x[item][t]; per cap e[c] + Σ_u w_u z[u] >= fixed + Σ_u w_u
// − limit × total.
// Objectives (PlanProblem's, in order): lateness Σ max(0, t − deadline) x + Σ e;
// cost Σ cost(t) x; exposure Σ weight × (t − start) x.

#include <array>
#include <cstdint>
#include <vector>

#include "plan/model.h"

namespace netvet::plan {

struct Milp {
  std::size_t columns = 0;
  std::vector<double> lower, upper;
  std::vector<std::uint8_t> integer;
  std::array<std::vector<double>, 3> objective;  // lateness, cost, exposure
  // Rows: lower <= Σ a x <= upper, as triplets.
  std::vector<double> row_lower, row_upper;
  std::vector<int> entry_row, entry_column;
  std::vector<double> entry_value;

  // What the columns mean, to read a solution back.
  std::vector<std::vector<std::uint32_t>> groups;  // items of each group
  std::size_t months = 0;                          // columns 0 .. groups × months − 1 are x
  std::size_t x(std::size_t group, std::size_t month) const { return group * months + month; }
  // The resource rows, to read or relax them (plan/extra.cpp): crews per region and month
  // index, finite budgets per operator and year index; and the first cap excess column
  // (e[c] is first_excess + c).
  struct ResourceRow {
    std::uint32_t owner = 0;  // region or operator
    std::size_t period = 0;   // month − start, or year − first_year
    std::size_t row = 0;
  };
  std::vector<ResourceRow> crew_rows, budget_rows;
  std::size_t first_excess = 0;

  std::size_t add_row(double lower_bound, double upper_bound);
  void add_entry(std::size_t row, std::size_t column, double value);
};

Milp build_milp(const PlanProblem& problem);

// The schedule a solution of build_milp's model gives: each group's counts per month
// handed out to its items in order.
Schedule schedule_from(const PlanProblem& problem, const Milp& milp, const std::vector<double>& values);
// The columns of `schedule` (x counted per group and month; z and e as implied).
std::vector<double> values_from(const PlanProblem& problem, const Milp& milp, const Schedule& schedule);

}  // namespace netvet::plan
