#pragma once
// Internal to src/plan: the extra crews and budget that would make a late plan's problem
// on time (solve.h's ExtraResources), found with a MILP made from build_milp's.
//
// The model: build_milp's columns and rows, with each item's months after its deadline
// closed (an item due before the start is due in the start month), each cap's excess fixed
// at what no plan can avoid (0 unless its designated units no item removes are already
// above the limit, or its date is before the start), and a slack column s >= 0 on every
// crew row (Σ crew-days − s <= crews) and every finite budget row (Σ cost − s <= budget).
// Stage 1 minimises Σ budget slack; stage 2 minimises Σ crew slack with the money held at
// its optimum (exact.cpp's lexicographic stages, by the same solve_milp). The search
// starts from a solution on time by construction (each item in the first month of its
// deadline and its caps' dates, the slacks whatever that takes). Both stages share the
// caller's deadline; a stage stopped by it keeps its best solution (that start at worst),
// which still makes the plan on time but need not be the least.

#include <chrono>

#include "plan/milp.h"
#include "plan/solve.h"

namespace netvet::plan {

ExtraResources extra_resources(const PlanProblem& problem, const Milp& milp,
                               std::chrono::steady_clock::time_point deadline);

}  // namespace netvet::plan
