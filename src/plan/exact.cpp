// solve_exact(): the MILP's three objectives, one stage each, each stage holding the ones
// before at their optimum (solve.h).

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>

#include "plan/cbc.h"
#include "plan/extra.h"
#include "plan/fast.h"
#include "plan/milp.h"
#include "plan/solve.h"

namespace netvet::plan {
namespace {

using Clock = SolveClock;

constexpr std::array<std::string_view, 3> kStages = {"lateness", "cost", "exposure"};

// How far above a stage's optimum the next stages may let it go: rounding only.
double slack(double value) { return 1e-6 + 1e-9 * std::abs(value); }

}  // namespace

Result<PlanResult> solve_exact(const PlanProblem& problem, const Milp& milp, const SolveOptions& options,
                               Clock::time_point began, Clock::time_point deadline) {
  PlanResult result;
  result.solver.method = SolverMethod::exact;
  result.solver.columns = milp.columns;
  result.solver.rows = milp.row_lower.size();

  std::vector<Keep> keep;
  std::vector<double> incumbent;
  bool proven = true;
  std::string stopped;
  // The stages' deadline: the lateness stage has three quarters of the limit at most; the
  // cost and exposure stages the whole limit, or, once the plan is known to be late, three
  // quarters of what is left. The rest is kept for the extra resources (plan/extra.h).
  auto stages_deadline = began + (deadline - began) * 3 / 4;
  for (int stage = 0; stage < 3; ++stage) {
    if (options.progress) options.progress(kStages[static_cast<std::size_t>(stage)]);
    MilpAnswer answer = solve_milp(milp, stage, keep, incumbent.empty() ? nullptr : &incumbent, stages_deadline);
    if (answer.outcome == SearchOutcome::infeasible) {
      // Only the first stage can be infeasible: later ones start from a solution.
      return fail(file_problem("--resources", "no plan fits the horizon: the items cannot all be done between the start and "
                                   "the horizon with these crews and budgets (give more months, crews or budget)"));
    }
    if (answer.outcome == SearchOutcome::no_solution) {
      if (incumbent.empty())
        return fail(file_problem("--time-limit", fmt::format("no plan found within the time limit of {} s (give --time-limit more)",
                                                 options.time_limit_seconds)));
      proven = false;
      if (stopped.empty()) stopped = fmt::format("time limit in the {} stage", kStages[static_cast<std::size_t>(stage)]);
      break;
    }
    if (answer.outcome == SearchOutcome::time_limit) {
      proven = false;
      if (stopped.empty()) stopped = fmt::format("time limit in the {} stage", kStages[static_cast<std::size_t>(stage)]);
    }
    if (stage == 1) {
      result.solver.cost_proven = proven && answer.outcome == SearchOutcome::optimal;
      result.solver.bound = answer.bound;
      result.solver.gap = answer.objective > 0 ? std::max(0.0, (answer.objective - answer.bound) / answer.objective) : 0;
    }
    incumbent = std::move(answer.values);
    // The next stages keep this one at the value reached (its optimum when proven).
    double reached = 0;
    for (std::size_t c = 0; c < milp.columns; ++c) reached += milp.objective[static_cast<std::size_t>(stage)][c] * incumbent[c];
    keep.push_back({.objective = stage, .at_most = reached + slack(reached)});
    if (stage == 0) {
      const auto now = Clock::now();
      stages_deadline = reached <= slack(0) || now >= deadline ? deadline : now + (deadline - now) * 3 / 4;
    }
    if (Clock::now() >= stages_deadline && stage < 2) {
      proven = false;
      if (stopped.empty()) stopped = fmt::format("time limit after the {} stage", kStages[static_cast<std::size_t>(stage)]);
      break;
    }
  }
  result.schedule = schedule_from(problem, milp, incumbent);
  result.evaluation = evaluate(problem, result.schedule);
  result.solver.outcome = proven ? "optimal" : stopped;
  result.status = result.evaluation.objective.lateness > slack(0) ? PlanStatus::infeasible
                  : proven                                         ? PlanStatus::optimal
                                                                   : PlanStatus::feasible;
  if (result.status == PlanStatus::infeasible && options.extra_resources) {
    if (options.progress) options.progress("extra resources");
    result.to_meet_deadlines = extra_resources(problem, milp, deadline);
  }
  result.solver.seconds = std::chrono::duration<double>(Clock::now() - began).count();
  return result;
}

}  // namespace netvet::plan
