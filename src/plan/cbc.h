#pragma once
// Internal to src/plan: COIN-OR CBC behind one function, the only file that includes COIN
// headers (STYLE.md: wrap CBC in one file). What the call did and what the search found
// are separate values, as HiGHS separates HighsStatus from HighsModelStatus.

#include <chrono>
#include <functional>
#include <optional>
#include <vector>

#include "plan/milp.h"

namespace netvet::plan {

// What CBC's search found.
enum class SearchOutcome : std::uint8_t {
  optimal,      // proven optimal
  time_limit,   // stopped by the deadline with a solution (best so far)
  no_solution,  // stopped by the deadline before finding any
  infeasible,   // proven to have no solution
};
std::string_view name_of(SearchOutcome outcome);

struct MilpAnswer {
  SearchOutcome outcome = SearchOutcome::no_solution;
  std::vector<double> values;  // the best solution (empty without one)
  double objective = 0;        // its value
  double bound = 0;            // the best proven bound on the objective
};

// Minimises objective `which` (0 lateness, 1 cost, 2 exposure) of `milp`, with the extra
// rows `keep` (each: objective k's value at most a bound: the lexicographic stages) and
// `start` as a first solution when given. The search is stopped at `deadline` by our own
// event handler (CBC's own limits are not always honoured), whatever it is doing.
struct Keep {
  int objective = 0;
  double at_most = 0;
};
MilpAnswer solve_milp(const Milp& milp, int which, const std::vector<Keep>& keep, const std::vector<double>* start,
                      std::chrono::steady_clock::time_point deadline);

// The LP relaxation of the same model by CLP (no integrality): its optimum is a bound.
MilpAnswer solve_lp(const Milp& milp, int which, const std::vector<Keep>& keep,
                    std::chrono::steady_clock::time_point deadline);

// The LP relaxation's lateness optimum, then its cost optimum with lateness held there,
// in one CLP model: the cost stage starts from the lateness stage's basis. Then
// `plan_lateness` is called with the cost stage's answer (when optimal) and returns the
// lateness of the plan made from it; when that is above the LP's, the cost optimum with
// lateness held at the plan's (a bound on every plan at most as late) is solved from the
// cost stage's basis too, into `relaxed`.
struct LexicographicLp {
  MilpAnswer lateness, cost, relaxed;
};
LexicographicLp solve_lp_lateness_then_cost(const Milp& milp, std::chrono::steady_clock::time_point deadline,
                                            const std::function<double(const MilpAnswer&)>& plan_lateness);

}  // namespace netvet::plan
