#pragma once
// Internal to src/plan: the two methods behind solve() (solve.h), and the pieces of the
// fast method that its tests take apart.
//
// fast: for national plans, where the exact MILP is too slow.
//   1. The LP relaxation of plan/milp.h's model by CLP, lexicographically: least
//      lateness, then least cost with lateness held (a Keep row). Its cost is a proven
//      lower bound on the cost of any plan whose lateness is at most the LP's.
//   2. round_lp(): per group, the LP's mass x[g][t] handed to the group's items in month
//      order, each month getting its whole part and the largest remainders the rest.
//   3. repair(): months where a region's crews or an operator's yearly budget are
//      exceeded have items moved out, the cheapest moves first, each to the month with
//      room that adds the least lateness, then the least cost, then is the nearest
//      (earlier at a tie: work done sooner is less exposure); then caps that would be
//      missed have their cheapest units brought forward into months with room.
//   0. Before all: two earliest-deadline-first greedies (step 4); when one is on time, the
//      lateness LP is skipped (its optimum is 0) and the cost LP has the late columns fixed
//      at 0. The better greedy plan is kept when it beats the rounded LP.
//   4. When repair cannot (no move fits), the greedy's plan; when there is none, CBC on
//      the lateness stage alone (a tiny problem can be a packing puzzle the LP does not
//      see; a large one rarely is).
//   5. improve() (plan/improve.h) on the repaired plan and on the greedy's, the better
//      kept: ejection chains (an item to a better month, the item it displaces to
//      another, ... until a month with room) that lower lateness, then cost. When crews
//      bind, the repair's single moves push items late; chains bring them back.
//   The gap is (cost − bound) / cost against the LP's cost bound when the plan's lateness
//   equals the LP's; when it is higher, the cost LP is solved again with lateness held at
//   the plan's, whose optimum bounds every plan at most as late, and the outcome says so.
//   Exposure is not optimised beyond the repair's preference for nearer, earlier months.
//
// Complexity: the LP has groups × months columns (aggregation keeps it to thousands of
// groups on generated national plans; every distinct end-of-life month makes more).
// Repair is O(moves × items in a month × months); improve.h gives the chains' cost.

#include <chrono>

#include "plan/milp.h"
#include "plan/solve.h"

namespace netvet::plan {

// Above this many MILP columns, `automatic` takes the fast method: the exact one proves
// optimality on a few thousand columns in seconds, and gives up its proofs (and time) on
// national plans of hundreds of thousands.
inline constexpr std::size_t kExactMaxColumns = 20000;

using SolveClock = std::chrono::steady_clock;

Result<PlanResult> solve_exact(const PlanProblem& problem, const Milp& milp, const SolveOptions& options,
                               SolveClock::time_point began, SolveClock::time_point deadline);
Result<PlanResult> solve_fast(const PlanProblem& problem, const Milp& milp, const SolveOptions& options,
                              SolveClock::time_point began, SolveClock::time_point deadline);

// Step 2: the LP's values (build_milp's columns) rounded to a schedule; every item gets
// a month in start..horizon.
Schedule round_lp(const PlanProblem& problem, const Milp& milp, const std::vector<double>& values);

// Step 3: moves items of `schedule` until crews, budgets and caps hold; false when some
// crew or budget excess has no move left that fits (caps missed after the moves left
// are lateness, not a failure).
bool repair(const PlanProblem& problem, Schedule& schedule);

// Step 4: earliest deadline first (a cap's month when earlier), each item in the month
// with room that adds the least lateness, then (`cheapest`) the least cost, then the
// earliest; false when an item fits in no month.
bool greedy(const PlanProblem& problem, Schedule& schedule, bool cheapest);

}  // namespace netvet::plan
