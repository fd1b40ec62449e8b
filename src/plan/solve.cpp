// solve(): the checks every method shares, then the method (solve.h, fast.h).

#include "plan/solve.h"

#include <fmt/format.h>

#include <algorithm>

#include "plan/extra.h"
#include "plan/fast.h"
#include "plan/milp.h"

namespace netvet::plan {

std::string_view name_of(SolverMethod method) {
  switch (method) {
    case SolverMethod::exact: return "exact";
    case SolverMethod::fast: return "fast";
    case SolverMethod::automatic: return "auto";
  }
  return "";
}

std::string_view name_of(PlanStatus status) {
  switch (status) {
    case PlanStatus::optimal: return "optimal";
    case PlanStatus::feasible: return "feasible";
    case PlanStatus::infeasible: return "infeasible";
  }
  return "";
}

Result<PlanResult> solve(const PlanProblem& problem, const SolveOptions& options) {
  const auto began = SolveClock::now();
  const auto deadline = began + std::chrono::duration_cast<SolveClock::duration>(
                                    std::chrono::duration<double>(std::max(0.0, options.time_limit_seconds)));
  // A site visit is done within one month: one that needs more crew-days than its region
  // ever has cannot be planned, whatever the horizon.
  for (const WorkItem& item : problem.items) {
    const auto& capacity = problem.capacity[item.region];
    const double most = capacity.empty() ? 0 : *std::ranges::max_element(capacity);
    if (item.crew_days > most + 1e-9)
      return fail(file_problem("--resources",
                               fmt::format("site visit {} needs {} crew-days in one month, and region {} never has more "
                                           "than {}: give {} more crews",
                                           item.id, item.crew_days, problem.regions[item.region], most,
                                           problem.regions[item.region])));
  }
  const Milp milp = build_milp(problem);
  const bool fast = options.method == SolverMethod::fast ||
                    (options.method == SolverMethod::automatic && milp.columns > kExactMaxColumns);
  auto result = fast ? solve_fast(problem, milp, options, began, deadline) : solve_exact(problem, milp, options, began, deadline);
  // The exact method works out what would make a late plan on time within its own time
  // split; the fast one with what is left of the limit (the search starts from an answer
  // that is enough by construction, so a stopped search still gives one).
  if (fast && options.extra_resources && result && result->status == PlanStatus::infeasible &&
      !result->to_meet_deadlines.computed) {
    if (options.progress) options.progress("extra resources");
    result->to_meet_deadlines = extra_resources(problem, milp, deadline);
  }
  // An optimal plan has its least cost proven, whichever method proved it.
  if (result && result->status == PlanStatus::optimal) result->solver.cost_proven = true;
  return result;
}

}  // namespace netvet::plan
