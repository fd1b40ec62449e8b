#pragma once
// Solving a plan problem (shared/spec/plan.md, "Objective, in this order"): the plan
// module's door for solvers. model.h builds and scores problems; this finds schedules.
//
// exact: the time-indexed MILP of plan/milp.h (interchangeable items aggregated) by
//   COIN-OR CBC, the objectives solved as the spec orders them: least lateness; then
//   least cost with lateness held at its optimum; then least exposure with both held.
//   Each stage starts from the last stage's plan and gets what is left of the time
//   limit; our own watchdog stops CBC at the limit, whatever it is doing.
// fast: for national plans (plan/fast.h): the same model's LP relaxation by CLP, lateness
//   then cost, rounded to a schedule and repaired until crews, budgets and caps hold;
//   `gap` and `bound` against the LP's cost. Exposure is not optimised as a stage.
// automatic: exact when the MILP has at most kExactMaxColumns (20,000) columns, else fast.
//
// The solver's outcome (did each stage finish, and with what bound) is reported apart
// from the plan's status (what the plan achieves): optimal (no lateness, and every stage
// proven optimal), feasible (no lateness, optimality not proven: `gap` and `bound` say
// how far the cost could still fall), infeasible (no plan meets every deadline and cap:
// the plan given has the least lateness found). A problem whose items cannot all be done
// within the horizon under the crews and budgets at all has no plan: that is an error of
// the resources.

#include <chrono>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "plan/model.h"
#include "util/diagnostic.h"

namespace netvet::plan {

enum class SolverMethod : std::uint8_t { exact, fast, automatic };
enum class PlanStatus : std::uint8_t { optimal, feasible, infeasible };
std::string_view name_of(SolverMethod method);
std::string_view name_of(PlanStatus status);

struct SolveOptions {
  SolverMethod method = SolverMethod::automatic;
  double time_limit_seconds = 60;
  // When the plan is late, also work out the extra resources that would make it on time
  // (to_meet_deadlines), within the same time limit.
  bool extra_resources = true;
  // Called as each stage starts ("lateness", "cost", "exposure"; the fast method: "lateness",
  // "cost", "rounding"), for progress on a terminal.
  std::function<void(std::string_view stage)> progress;
};

// What the solver did, apart from what the plan achieves.
struct SolverReport {
  SolverMethod method = SolverMethod::exact;
  std::string outcome;   // "optimal", or which stage stopped at the time limit
  double seconds = 0;
  double gap = 0;        // of the cost stage: (cost − bound) / cost
  double bound = 0;      // the best proven lower bound on the cost, lateness held
  bool cost_proven = false;  // the least lateness and, with it held, the least cost are proven (exposure may not be)
  std::size_t columns = 0, rows = 0;  // of the model solved
};

// What would make every deadline and cap met (the spec's `to_meet_deadlines`), worked out
// when the plan's status is infeasible: the same items, each done by its deadline month
// and every cap met, with as much more crew-days per region and month and budget per
// operator and year as needed. Money is minimised first, then crew-days with that money
// held (lexicographically, so no exchange rate between a crew-day and a currency is
// assumed): the budget asked for is the least that no amount of extra crews could save —
// the figure a regulator or a funding programme grants, and the one it wants honest —
// and the crews are the fewest that then suffice; crews are the operator's to hire.
// Amounts are rounded up: crew-days to the next half day, money to the currency unit.
// A deadline or cap that no resources can meet (a cap whose designated units no item
// removes are already above its limit) is named in `notes`, and is left as late as it
// must be; so is a region with no crews at all up to an item's deadline (the extra
// crews then fill months that had none).
struct ExtraCrews {
  std::uint32_t region = 0;  // into PlanProblem::regions
  Month month = kNoMonth;
  double crew_days = 0;
};
struct ExtraBudget {
  std::uint32_t op = 0;  // into PlanProblem::operators
  int year = 0;
  double amount = 0;     // in the problem's currency
};
struct ExtraResources {
  bool computed = false;  // false when the plan is on time
  std::string outcome;    // "optimal", or the search's outcome (the extras then need not be the least)
  std::vector<ExtraCrews> crews;    // positive only, by region then month
  std::vector<ExtraBudget> budget;  // positive only, by operator then year
  std::vector<std::string> notes;
  double crew_days() const;
  double money() const;
};

struct PlanResult {
  Schedule schedule;
  Evaluation evaluation;  // evaluate(problem, schedule)
  PlanStatus status = PlanStatus::optimal;
  SolverReport solver;
  ExtraResources to_meet_deadlines;  // computed when status is infeasible
};

// `problem` with `extra` added to its crews and budgets (a budget without limit stays so).
PlanProblem with_extra(const PlanProblem& problem, const ExtraResources& extra);

// Errors: no admissible plan at all (the items do not fit in the horizon under the crews
// and budgets), or no plan found within the time limit.
Result<PlanResult> solve(const PlanProblem& problem, const SolveOptions& options);

}  // namespace netvet::plan
