// solve_milp() and solve_lp(): the Milp loaded into CLP through OSI, solved by CBC's
// standard driver (CbcMain: its cuts and heuristics) or CLP alone, stopped by our own
// event handler at the deadline.

#include "plan/cbc.h"

#include <CbcEventHandler.hpp>
#include <CbcModel.hpp>
#include <CbcSolver.hpp>
#include <ClpEventHandler.hpp>
#include <ClpSimplex.hpp>
#include <ClpSolve.hpp>
#include <CoinPackedMatrix.hpp>
#include <CoinPackedVector.hpp>
#include <OsiClpSolverInterface.hpp>
#include <fmt/format.h>

#include <cmath>
#include <string>

namespace netvet::plan {
namespace {

using Clock = std::chrono::steady_clock;

// Stops CBC at the deadline: CBC calls it at every node, solution and heuristic pass, and
// stops at the next opportunity when told to.
class Watchdog : public CbcEventHandler {
 public:
  explicit Watchdog(Clock::time_point deadline) : deadline_(deadline) {}
  CbcAction event(CbcEvent) override { return Clock::now() >= deadline_ ? stop : noAction; }
  CbcEventHandler* clone() const override { return new Watchdog(*this); }

 private:
  Clock::time_point deadline_;
};

// The same for CLP's simplex iterations (an LP of a national plan can take a while).
class LpWatchdog : public ClpEventHandler {
 public:
  explicit LpWatchdog(Clock::time_point deadline) : deadline_(deadline) {}
  int event(Event) override { return Clock::now() >= deadline_ ? 5 : -1; }  // 5: stop, -1: go on
  ClpEventHandler* clone() const override { return new LpWatchdog(*this); }

 private:
  Clock::time_point deadline_;
};

double bound(double value, double infinity) {
  if (std::isinf(value)) return value > 0 ? infinity : -infinity;
  return value;
}

// The model with objective `which` and the lexicographic rows of `keep`, loaded.
void load(OsiClpSolverInterface& solver, const Milp& milp, int which, const std::vector<Keep>& keep, bool integers) {
  const double infinity = solver.getInfinity();
  std::vector<int> rows(milp.entry_row), columns(milp.entry_column);
  std::vector<double> values(milp.entry_value), row_lower, row_upper;
  for (std::size_t r = 0; r < milp.row_lower.size(); ++r) {
    row_lower.push_back(bound(milp.row_lower[r], infinity));
    row_upper.push_back(bound(milp.row_upper[r], infinity));
  }
  for (const Keep& k : keep) {
    const auto row = static_cast<int>(row_lower.size());
    row_lower.push_back(-infinity);
    row_upper.push_back(k.at_most);
    for (std::size_t c = 0; c < milp.columns; ++c) {
      const double a = milp.objective[static_cast<std::size_t>(k.objective)][c];
      if (a == 0) continue;
      rows.push_back(row);
      columns.push_back(static_cast<int>(c));
      values.push_back(a);
    }
  }
  const CoinPackedMatrix matrix(true, rows.data(), columns.data(), values.data(), static_cast<CoinBigIndex>(values.size()));
  std::vector<double> lower, upper;
  for (std::size_t c = 0; c < milp.columns; ++c) {
    lower.push_back(bound(milp.lower[c], infinity));
    upper.push_back(bound(milp.upper[c], infinity));
  }
  // The matrix may have fewer columns than the model when the last ones have no entry.
  CoinPackedMatrix full(matrix);
  full.setDimensions(static_cast<int>(row_lower.size()), static_cast<int>(milp.columns));
  solver.loadProblem(full, lower.data(), upper.data(), milp.objective[static_cast<std::size_t>(which)].data(),
                     row_lower.data(), row_upper.data());
  if (integers)
    for (std::size_t c = 0; c < milp.columns; ++c)
      if (milp.integer[c]) solver.setInteger(static_cast<int>(c));
  solver.messageHandler()->setLogLevel(0);
  solver.getModelPtr()->messageHandler()->setLogLevel(0);
}

}  // namespace

std::string_view name_of(SearchOutcome outcome) {
  switch (outcome) {
    case SearchOutcome::optimal: return "optimal";
    case SearchOutcome::time_limit: return "time limit";
    case SearchOutcome::no_solution: return "time limit, no solution";
    case SearchOutcome::infeasible: return "infeasible";
  }
  return "";
}

MilpAnswer solve_milp(const Milp& milp, int which, const std::vector<Keep>& keep, const std::vector<double>* start,
                      Clock::time_point deadline) {
  MilpAnswer answer;
  OsiClpSolverInterface solver;
  load(solver, milp, which, keep, true);
  CbcModel model(solver);
  CbcSolverUsefulData data;
  CbcMain0(model, data);
  model.setLogLevel(0);
  model.messageHandler()->setLogLevel(0);
  const Watchdog watchdog(deadline);
  model.passInEventHandler(&watchdog);
  if (start) {
    // A first solution by column name: CBC's MIP start.
    std::vector<std::pair<std::string, double>> mip_start;
    for (std::size_t c = 0; c < milp.columns; ++c)
      if ((*start)[c] != 0) mip_start.emplace_back(fmt::format("C{}", c), (*start)[c]);
    for (std::size_t c = 0; c < milp.columns; ++c) model.solver()->setColName(static_cast<int>(c), fmt::format("C{}", c));
    model.setMIPStart(mip_start);
  }
  const double seconds = std::max(0.0, std::chrono::duration<double>(deadline - Clock::now()).count());
  const std::string limit = fmt::format("{:.3f}", seconds);
  const char* argv[] = {"netvet", "-log", "0", "-slog", "0", "-sec", limit.c_str(), "-solve", "-quit"};
  CbcMain1(static_cast<int>(std::size(argv)), argv, model, [](CbcModel*, int) { return 0; }, data);

  const double* best = model.bestSolution();
  if (model.isProvenInfeasible() && !best) {
    answer.outcome = SearchOutcome::infeasible;
    return answer;
  }
  if (!best) {
    answer.outcome = SearchOutcome::no_solution;
    return answer;
  }
  answer.values.assign(best, best + milp.columns);
  answer.objective = model.getObjValue();
  answer.bound = model.getBestPossibleObjValue();
  answer.outcome = model.isProvenOptimal() && !model.isSecondsLimitReached() && Clock::now() < deadline
                       ? SearchOutcome::optimal
                       : SearchOutcome::time_limit;
  if (answer.outcome == SearchOutcome::optimal) answer.bound = answer.objective;
  return answer;
}

namespace {

// The LP options for a plan's model: many more columns (groups × months) than rows
// (groups, crews, budgets), for which CLP's sprint (primal on a growing subset of
// columns) is far faster than the dual simplex it would start with; it picks plain
// primal when the shape does not suit sprint.
void lp_options(OsiClpSolverInterface& solver) {
  ClpSolve options;
  options.setSolveType(ClpSolve::usePrimalorSprint);
  options.setPresolveType(ClpSolve::presolveOn);
  options.setSpecialOption(2, 1);  // no interrupt handler: the server solves in threads
  solver.setSolveOptions(options);
}

MilpAnswer lp_answer(const OsiClpSolverInterface& solver, std::size_t columns) {
  MilpAnswer answer;
  if (solver.isProvenPrimalInfeasible()) {
    answer.outcome = SearchOutcome::infeasible;
    return answer;
  }
  if (!solver.isProvenOptimal()) {
    answer.outcome = SearchOutcome::no_solution;
    return answer;
  }
  answer.values.assign(solver.getColSolution(), solver.getColSolution() + columns);
  answer.objective = solver.getObjValue();
  answer.bound = answer.objective;
  answer.outcome = SearchOutcome::optimal;
  return answer;
}

}  // namespace

MilpAnswer solve_lp(const Milp& milp, int which, const std::vector<Keep>& keep, Clock::time_point deadline) {
  OsiClpSolverInterface solver;
  load(solver, milp, which, keep, false);
  const LpWatchdog watchdog(deadline);
  solver.getModelPtr()->passInEventHandler(&watchdog);
  lp_options(solver);
  solver.initialSolve();
  return lp_answer(solver, milp.columns);
}

LexicographicLp solve_lp_lateness_then_cost(const Milp& milp, Clock::time_point deadline,
                                            const std::function<double(const MilpAnswer&)>& plan_lateness) {
  LexicographicLp out;
  OsiClpSolverInterface solver;
  load(solver, milp, 0, {}, false);
  const LpWatchdog watchdog(deadline);
  solver.getModelPtr()->passInEventHandler(&watchdog);
  lp_options(solver);
  solver.initialSolve();
  out.lateness = lp_answer(solver, milp.columns);
  if (out.lateness.outcome != SearchOutcome::optimal) return out;
  // Lateness held: at 0 by fixing the columns that add any (no dense row), else by a
  // Keep row; then the cost from the lateness optimum's basis, which stays feasible:
  // primal simplex.
  const double late = out.lateness.objective;
  const std::vector<double>& lateness = milp.objective[0];
  const bool fixed = late <= 1e-6;
  const auto keep_row = [&](double at_most) {
    CoinPackedVector row;
    for (std::size_t c = 0; c < milp.columns; ++c)
      if (lateness[c] != 0) row.insert(static_cast<int>(c), lateness[c]);
    solver.addRow(row, -solver.getInfinity(), at_most + 1e-6 + 1e-9 * at_most);
  };
  if (fixed) {
    for (std::size_t c = 0; c < milp.columns; ++c)
      if (lateness[c] > 0) solver.setColUpper(static_cast<int>(c), 0);
  } else {
    keep_row(late);
  }
  solver.setObjective(milp.objective[1].data());
  solver.setHintParam(OsiDoDualInResolve, false, OsiHintDo);
  solver.resolve();
  out.cost = lp_answer(solver, milp.columns);
  if (out.cost.outcome != SearchOutcome::optimal) return out;
  const double plan = plan_lateness(out.cost);
  if (plan <= late + 1e-6 + 1e-9 * late) return out;
  // The plan is later than the LP: lateness let up to the plan's, from the same basis
  // (still feasible: the held lateness is below the new limit).
  if (fixed) {
    for (std::size_t c = 0; c < milp.columns; ++c)
      if (lateness[c] > 0) solver.setColUpper(static_cast<int>(c), milp.upper[c]);
    keep_row(plan);
  } else {
    const int row = solver.getNumRows() - 1;
    solver.setRowUpper(row, plan + 1e-6 + 1e-9 * plan);
  }
  solver.resolve();
  out.relaxed = lp_answer(solver, milp.columns);
  return out;
}

}  // namespace netvet::plan
