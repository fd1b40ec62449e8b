#pragma once
// Internal to src/plan: the fast method's improvement phase (fast.h, step 5), ejection
// chains over an admissible schedule.
//
// A chain moves an item from month a0 to month a1, an item of a1 to a2, ..., and the last
// one into a month ak with room for it: every month on the way takes one item and gives
// one (its crew-days change by the difference of the two), a0 only gives. A closed chain
// (ak = a0) is a swap. The best chain of a region is a shortest path, by Bellman-Ford
// (queue-based), in a graph whose nodes are (month, crew-days of the item the month has
// taken: none at a0) and whose arc a -> b of a size is the best move of an item of that
// size from a to b: the items' interchangeable group (plan/milp.h) whose lateness, then
// cost, rise least, compared lexicographically as the spec orders them (sums of whole
// months and cents: exact, so the search ends). The item a month gives may be smaller
// than the one it took by at most the month's room. A chain is applied when it
// lowers lateness, or cost at equal lateness; exposure is not searched (moves that only
// bring work forward at equal cost are many, and not worth a search each). Chains that
// meet no common month are applied from one search.
//
// What it keeps: crews (by the construction above, and checked), budgets (checked when a
// chain is applied: a chain that breaks one is undone and its arcs left out until the
// region changes), caps (an item a cap counts never crosses the cap's month: the cap's
// count stays) and the horizon. So the plan stays admissible and its objective never
// gets worse in the spec's order.
//
// Cost: per search O(nodes relaxed × months × sizes), nodes = months × (sizes + 1); a
// region's arcs are kept per month, recomputed for the months a chain touched in
// O(months × groups in the month).

#include <cstddef>

#include "plan/fast.h"
#include "plan/milp.h"
#include "plan/model.h"

namespace netvet::plan {

struct ImproveReport {
  std::size_t chains = 0;    // applied
  std::size_t rejected = 0;  // found, but broke a budget (or needed an item twice): undone
  std::size_t searches = 0;
  bool stopped = false;      // by the deadline, before the last search found nothing
};

// Improves `schedule` (admissible: every item within the horizon, crews and budgets held)
// in place by ejection chains until none is left or `deadline` passes.
ImproveReport improve(const PlanProblem& problem, const Milp& milp, Schedule& schedule, SolveClock::time_point deadline);

}  // namespace netvet::plan
