// The fast method (fast.h): the LP relaxation by CLP, rounded, repaired, and its gap to
// the LP's bound.

#include "plan/fast.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <optional>
#include <tuple>

#include "plan/cbc.h"
#include "plan/improve.h"

namespace netvet::plan {
namespace {

using Clock = SolveClock;

constexpr double kSlack = 1e-9;  // as evaluate() compares crew-days and money

// How far above an LP stage's optimum the next stage may let it go: rounding only.
double slack(double value) { return 1e-6 + 1e-9 * std::abs(value); }

// Crew-days per region and month, money per operator and year, and the items in each
// region and month, kept current as items move.
class Ledger {
 public:
  Ledger(const PlanProblem& p, Schedule& s)
      : p_(p), s_(s), used_(p.regions.size(), std::vector<double>(p.months(), 0)),
        spent_(p.operators.size(), std::vector<double>(p.years(), 0)),
        at_(p.regions.size(), std::vector<std::vector<std::uint32_t>>(p.months())) {
    for (std::uint32_t i = 0; i < p.items.size(); ++i) {
      const Month m = s.month[i];
      if (m < p.start || m > p.horizon) continue;  // placed by the caller before any move
      add(i, index(m));
    }
  }

  std::size_t index(Month m) const { return static_cast<std::size_t>(m - p_.start); }
  Month month(std::size_t t) const { return p_.start + static_cast<Month>(t); }
  std::size_t year(std::size_t t) const { return static_cast<std::size_t>(year_of(month(t)) - p_.first_year); }
  double cost(std::uint32_t i, std::size_t t) const { return p_.cost(p_.items[i], month(t)); }

  bool crews_over(std::size_t r, std::size_t t) const { return used_[r][t] > p_.capacity[r][t] + kSlack; }
  bool budget_over(std::size_t o, std::size_t y) const {
    return spent_[o][y] > p_.budget[o][y] * (1 + kSlack) + kSlack;
  }
  const std::vector<std::uint32_t>& at(std::size_t r, std::size_t t) const { return at_[r][t]; }

  // Whether item i, now in month `from` (or nowhere: SIZE_MAX), fits in month t.
  bool fits(std::uint32_t i, std::size_t from, std::size_t t) const {
    if (t == from) return true;
    const WorkItem& item = p_.items[i];
    if (used_[item.region][t] + item.crew_days > p_.capacity[item.region][t] + kSlack) return false;
    const std::size_t y = year(t);
    double spent = spent_[item.op][y] + cost(i, t);
    if (from != SIZE_MAX && year(from) == y) spent -= cost(i, from);
    return spent <= p_.budget[item.op][y] * (1 + kSlack) + kSlack;
  }

  void add(std::uint32_t i, std::size_t t) {
    const WorkItem& item = p_.items[i];
    used_[item.region][t] += item.crew_days;
    spent_[item.op][year(t)] += cost(i, t);
    at_[item.region][t].push_back(i);
    s_.month[i] = month(t);
  }
  void remove(std::uint32_t i) {
    const WorkItem& item = p_.items[i];
    const std::size_t t = index(s_.month[i]);
    used_[item.region][t] -= item.crew_days;
    spent_[item.op][year(t)] -= cost(i, t);
    auto& here = at_[item.region][t];
    *std::ranges::find(here, i) = here.back();
    here.pop_back();
    s_.month[i] = kNoMonth;
  }
  void move(std::uint32_t i, std::size_t t) {
    remove(i);
    add(i, t);
  }

 private:
  const PlanProblem& p_;
  Schedule& s_;
  std::vector<std::vector<double>> used_, spent_;
  std::vector<std::vector<std::vector<std::uint32_t>>> at_;
};

// What a move costs, compared in this order: lateness added, cost added, months moved,
// then the earlier month.
using MoveScore = std::tuple<double, double, std::size_t, std::size_t>;

struct Move {
  std::size_t to = SIZE_MAX;
  MoveScore score{};
};

// The best month for item i, now in `from` (SIZE_MAX: nowhere), among the months
// `allowed` says may take it, by MoveScore; none when no such month has room.
template <typename Allowed>
std::optional<Move> best_move(const PlanProblem& p, const Ledger& ledger, std::uint32_t i, std::size_t from,
                              Month due, Allowed allowed, bool cheapest = true) {
  const WorkItem& item = p.items[i];
  const double late_now = from == SIZE_MAX ? 0 : std::max(0, ledger.month(from) - item.deadline);
  const double cost_now = from == SIZE_MAX ? 0 : ledger.cost(i, from);
  std::optional<Move> best;
  for (std::size_t t = 0; t < p.months(); ++t) {
    if (t == from || !allowed(t) || !ledger.fits(i, from, t)) continue;
    // Lateness added; for an item a cap wants early (`due` before its deadline), the
    // months past `due` too, so that it goes as early as the cap needs if it can.
    const double past_due = due < item.deadline ? std::max(0, ledger.month(t) - due) : 0;
    const double late = std::max(0, ledger.month(t) - item.deadline) - late_now + past_due;
    const std::size_t distance = from == SIZE_MAX ? 0 : (t > from ? t - from : from - t);
    const Move m{.to = t, .score = {late, cheapest ? ledger.cost(i, t) - cost_now : 0, distance, t}};
    if (!best || m.score < best->score) best = m;
  }
  return best;
}

// A move found for an item: the item, where it is, where it would go.
struct Candidate {
  std::uint32_t item = 0;
  std::size_t from = 0;
  Move move;
};

// Applies `candidates` cheapest first (each only while its month still has room) until
// `over` says the excess is gone; false when no candidate could be applied. Candidates
// are scored once per round rather than once per move: a national plan's excess can
// take thousands of moves.
template <typename Over>
bool apply_cheapest(Ledger& ledger, std::vector<Candidate>& candidates, Over over) {
  std::ranges::sort(candidates, [](const Candidate& a, const Candidate& b) { return a.move.score < b.move.score; });
  bool moved = false;
  for (const Candidate& c : candidates) {
    if (!over()) break;
    if (!ledger.fits(c.item, c.from, c.move.to)) continue;
    ledger.move(c.item, c.move.to);
    moved = true;
  }
  return moved;
}

// Moves the cheapest items out of (r, t) until its crews hold; false when none can go.
bool relieve_crews(const PlanProblem& p, Ledger& ledger, std::size_t r, std::size_t t) {
  std::vector<Candidate> candidates;
  while (ledger.crews_over(r, t)) {
    candidates.clear();
    for (const std::uint32_t i : ledger.at(r, t)) {
      if (p.items[i].crew_days <= 0) continue;
      const auto m = best_move(p, ledger, i, t, p.items[i].deadline, [](std::size_t) { return true; });
      if (m) candidates.push_back({.item = i, .from = t, .move = *m});
    }
    if (!apply_cheapest(ledger, candidates, [&] { return ledger.crews_over(r, t); })) return false;
  }
  return true;
}

// Moves the cheapest items of operator o out of year y (or to a cheaper month in it)
// until its budget holds; false when none can go.
bool relieve_budget(const PlanProblem& p, Ledger& ledger, std::size_t o, std::size_t y) {
  std::vector<Candidate> candidates;
  while (ledger.budget_over(o, y)) {
    candidates.clear();
    for (std::size_t t = 0; t < p.months(); ++t) {
      if (ledger.year(t) != y) continue;
      for (std::size_t r = 0; r < p.regions.size(); ++r)
        for (const std::uint32_t i : ledger.at(r, t)) {
          if (p.items[i].op != o) continue;
          const double now = ledger.cost(i, t);
          if (now <= 0) continue;
          const auto m = best_move(p, ledger, i, t, p.items[i].deadline, [&](std::size_t to) {
            return ledger.year(to) != y || ledger.cost(i, to) < now - kSlack;
          });
          if (m) candidates.push_back({.item = i, .from = t, .move = *m});
        }
    }
    if (!apply_cheapest(ledger, candidates, [&] { return ledger.budget_over(o, y); })) return false;
  }
  return true;
}

// Brings forward the units of `cap` that cost least per unit to bring forward until the
// cap holds or no unit can come (into months with room: crews and budgets still hold).
void bring_forward(const PlanProblem& p, Ledger& ledger, const CapConstraint& cap, Schedule& s) {
  if (cap.last_month < p.start) return;  // nothing done before the start counts
  const std::size_t last = std::min(p.months() - 1, ledger.index(cap.last_month));
  while (units_left(cap, s, cap.last_month) > cap.allowed() + kSlack) {
    // Each unit still in place, tried: its late items moved, the cost added, undone.
    std::optional<std::pair<double, std::size_t>> best;  // cost per unit, unit
    for (std::size_t u = 0; u < cap.units.size(); ++u) {
      const CapUnit& unit = cap.units[u];
      if (unit.weight <= 0 || std::ranges::all_of(unit.items, [&](std::uint32_t i) { return s.month[i] <= cap.last_month; }))
        continue;
      std::vector<std::pair<std::uint32_t, std::size_t>> undo;  // item, its month before
      double added = 0;
      bool all = true;
      for (const std::uint32_t i : unit.items) {
        if (s.month[i] <= cap.last_month) continue;
        const std::size_t from = ledger.index(s.month[i]);
        const auto m = best_move(p, ledger, i, from, p.items[i].deadline, [&](std::size_t to) { return to <= last; });
        if (!m) {
          all = false;
          break;
        }
        added += std::get<1>(m->score);
        undo.emplace_back(i, from);
        ledger.move(i, m->to);
      }
      for (auto it = undo.rbegin(); it != undo.rend(); ++it) ledger.move(it->first, it->second);
      if (all && (!best || added / unit.weight < best->first)) best = {added / unit.weight, u};
    }
    if (!best) return;
    for (const std::uint32_t i : cap.units[best->second].items) {
      if (s.month[i] <= cap.last_month) continue;
      const std::size_t from = ledger.index(s.month[i]);
      const auto m = best_move(p, ledger, i, from, p.items[i].deadline, [&](std::size_t to) { return to <= last; });
      if (m) ledger.move(i, m->to);
    }
  }
}

// Whether `a` is better than `b` in the spec's order (with a little room for rounding).
bool better(const Objective& a, const Objective& b) {
  for (const auto& [x, y] : {std::pair{a.lateness, b.lateness}, std::pair{a.cost, b.cost}, std::pair{a.exposure, b.exposure}}) {
    if (x < y - slack(y)) return true;
    if (x > y + slack(y)) return false;
  }
  return false;
}

// An item's month for the greedy's order: its deadline, or a cap's month when earlier.
std::vector<Month> due_months(const PlanProblem& p) {
  std::vector<Month> due(p.items.size());
  for (std::size_t i = 0; i < p.items.size(); ++i) due[i] = p.items[i].deadline;
  for (const CapConstraint& cap : p.caps)
    for (const CapUnit& unit : cap.units)
      for (const std::uint32_t i : unit.items) due[i] = std::min(due[i], std::max(p.start, cap.last_month));
  return due;
}

}  // namespace

Schedule round_lp(const PlanProblem& p, const Milp& milp, const std::vector<double>& values) {
  Schedule s;
  s.month.assign(p.items.size(), p.start);
  std::vector<std::size_t> count(milp.months);
  std::vector<std::pair<double, std::size_t>> remainder;
  // Crew-days each region's months have been given beyond the LP (negative: short) by
  // the groups rounded so far: a month short of its LP load is favoured for the next
  // group's round-ups, so that round-ups do not pile into the same months.
  std::vector<std::vector<double>> carry(p.regions.size(), std::vector<double>(milp.months, 0));
  for (std::size_t g = 0; g < milp.groups.size(); ++g) {
    const std::vector<std::uint32_t>& items = milp.groups[g];
    const WorkItem& item = p.items[items.front()];
    const double size = std::max(item.crew_days, 1e-9);
    std::size_t given = 0;
    remainder.clear();
    for (std::size_t t = 0; t < milp.months; ++t) {
      const double v = std::max(0.0, values[milp.x(g, t)]);
      const double whole = std::floor(v + 1e-7);
      count[t] = static_cast<std::size_t>(whole);
      given += count[t];
      if (v - whole > 1e-7) remainder.emplace_back(v - whole - carry[item.region][t] / size, t);
    }
    // The largest remainders (less what the month was given already) first; at a tie,
    // the earlier month.
    std::ranges::sort(remainder, [](const auto& a, const auto& b) {
      return a.first != b.first ? a.first > b.first : a.second < b.second;
    });
    for (std::size_t k = 0; given < items.size() && k < remainder.size(); ++k, ++given) ++count[remainder[k].second];
    for (std::size_t t = 0; given < items.size(); t = (t + 1) % milp.months, ++given) ++count[t];  // LP noise only
    for (std::size_t t = milp.months; given > items.size() && t-- > 0;) {  // likewise
      const std::size_t drop = std::min(count[t], given - items.size());
      count[t] -= drop;
      given -= drop;
    }
    std::size_t next = 0;
    for (std::size_t t = 0; t < milp.months; ++t) {
      carry[item.region][t] += (static_cast<double>(count[t]) - std::max(0.0, values[milp.x(g, t)])) * item.crew_days;
      for (std::size_t n = count[t]; n > 0 && next < items.size(); --n) s.month[items[next++]] = p.start + static_cast<Month>(t);
    }
  }
  return s;
}

bool repair(const PlanProblem& p, Schedule& s) {
  Ledger ledger(p, s);
  // Crews and budgets can push each other's excess around; a few passes settle it.
  for (int pass = 0; pass < 4; ++pass) {
    bool over = false;
    for (std::size_t r = 0; r < p.regions.size(); ++r)
      for (std::size_t t = 0; t < p.months(); ++t)
        if (!relieve_crews(p, ledger, r, t)) return false;
    for (std::size_t o = 0; o < p.operators.size(); ++o)
      for (std::size_t y = 0; y < p.years(); ++y)
        if (!relieve_budget(p, ledger, o, y)) return false;
    for (std::size_t r = 0; r < p.regions.size() && !over; ++r)
      for (std::size_t t = 0; t < p.months() && !over; ++t) over = ledger.crews_over(r, t);
    if (!over) break;
  }
  for (const CapConstraint& cap : p.caps) bring_forward(p, ledger, cap, s);
  return evaluate(p, s).admissible();
}

bool greedy(const PlanProblem& p, Schedule& s, bool cheapest) {
  s.month.assign(p.items.size(), kNoMonth);
  const std::vector<Month> due = due_months(p);
  std::vector<std::uint32_t> order(p.items.size());
  std::iota(order.begin(), order.end(), 0U);
  std::ranges::stable_sort(order, [&](std::uint32_t a, std::uint32_t b) {
    return due[a] != due[b] ? due[a] < due[b] : p.items[a].crew_days > p.items[b].crew_days;
  });
  Ledger ledger(p, s);
  for (const std::uint32_t i : order) {
    const auto m = best_move(p, ledger, i, SIZE_MAX, due[i], [](std::size_t) { return true; }, cheapest);
    if (!m) return false;
    ledger.add(i, m->to);
  }
  return true;
}

Result<PlanResult> solve_fast(const PlanProblem& problem, const Milp& milp, const SolveOptions& options,
                              Clock::time_point began, Clock::time_point deadline) {
  PlanResult result;
  result.solver.method = SolverMethod::fast;
  result.solver.columns = milp.columns;
  result.solver.rows = milp.row_lower.size();
  auto finish = [&](std::string outcome) {
    result.evaluation = evaluate(problem, result.schedule);
    result.solver.outcome = std::move(outcome);
    result.solver.seconds = std::chrono::duration<double>(Clock::now() - began).count();
    result.status = result.evaluation.objective.lateness > slack(0) ? PlanStatus::infeasible
                    : result.solver.gap <= 1e-9                      ? PlanStatus::optimal
                                                                     : PlanStatus::feasible;
    return result;
  };
  const auto no_plan = [] {
    return fail(file_problem("--resources", "no plan fits the horizon: the items cannot all be done between the start and "
                                            "the horizon with these crews and budgets (give more months, crews or budget)"));
  };
  const auto out_of_time = [&] {
    return fail(file_problem("--time-limit", fmt::format("no plan found within the time limit of {} s (give --time-limit more)",
                                                         options.time_limit_seconds)));
  };

  // 0. The greedy first: a plan at once, and when it is on time, the least lateness is
  //    known (0) without the lateness LP, the slowest of the two on a national plan (its
  //    objective is zero on most columns: CLP wanders among ties).
  // Two of them: the cheapest month for each item (good plans when crews are loose), the
  // earliest (on time more often when they bind); the better is kept.
  Schedule quick, early;
  bool quick_placed = greedy(problem, quick, true);
  std::optional<Evaluation> quick_score =
      quick_placed ? std::optional<Evaluation>(evaluate(problem, quick)) : std::nullopt;
  if (greedy(problem, early, false)) {
    Evaluation score = evaluate(problem, early);
    if (!quick_placed || better(score.objective, quick_score->objective)) {
      quick = std::move(early);
      quick_score = std::move(score);
      quick_placed = true;
    }
  }
  const bool on_time = quick_score && quick_score->objective.lateness <= slack(0);

  // 2-4 (run as soon as the cost LP is solved): rounded and repaired, or the greedy's
  // plan when better; `placed` says whether either gave a plan.
  std::string how;
  bool placed = false;
  const auto place = [&](const MilpAnswer* cost) {
    placed = false;
    if (options.progress) options.progress("rounding");
    if (cost) {
      result.schedule = round_lp(problem, milp, cost->values);
      placed = repair(problem, result.schedule);
      how = placed ? "LP rounded and repaired" : "repair failed: earliest-deadline-first greedy";
    } else {
      how = "LP not solved in time: earliest-deadline-first greedy";
    }
    // 5. Ejection chains on both plans, and the better kept: items the repair pushed late
    //    come back, work moves to cheaper months. From the greedy's plan (months packed
    //    tight in deadline order) they sometimes reach less lateness than from the
    //    rounded LP's, whose cost is nearer the bound.
    //    Each gets at most a third of the time left when it starts: the bound at the
    //    plan's lateness (an LP solved after) needs some.
    if (options.progress) options.progress("improving");
    const auto a_third_left = [&] { return Clock::now() + (deadline - Clock::now()) / 3; };
    ImproveReport improved;
    if (placed) improved = improve(problem, milp, result.schedule, a_third_left());
    if (quick_placed) {
      Schedule greedy_plan = quick;
      ImproveReport greedy_improved = improve(problem, milp, greedy_plan, a_third_left());
      if (!placed || better(evaluate(problem, greedy_plan).objective, evaluate(problem, result.schedule).objective)) {
        result.schedule = std::move(greedy_plan);
        if (placed) how = "earliest-deadline-first greedy, better than the LP rounded";
        improved = greedy_improved;
        placed = true;
      }
    }
    if (improved.chains > 0) how += fmt::format(", improved by {} chain{}", improved.chains, improved.chains == 1 ? "" : "s");
    if (improved.stopped) how += " (stopped by the time limit)";
    return placed ? evaluate(problem, result.schedule).objective.lateness : 0.0;
  };

  // 1. The LP, lateness then cost.
  double lp_lateness = 0;
  std::optional<MilpAnswer> cost;
  std::optional<double> relaxed_bound;  // the cost LP at the plan's lateness, when later
  if (!on_time) {
    // Both stages in one model, the cost stage from the lateness stage's basis, and the
    // bound at the plan's lateness from there too when the plan is later than the LP.
    if (options.progress) options.progress("lateness");
    LexicographicLp lp = solve_lp_lateness_then_cost(milp, deadline, [&](const MilpAnswer& answer) { return place(&answer); });
    if (lp.lateness.outcome == SearchOutcome::infeasible) return no_plan();
    if (lp.lateness.outcome == SearchOutcome::optimal) lp_lateness = lp.lateness.objective;
    if (lp.cost.outcome == SearchOutcome::optimal) cost = std::move(lp.cost);
    if (lp.relaxed.outcome == SearchOutcome::optimal) relaxed_bound = lp.relaxed.objective;
    if (!cost) place(nullptr);
  } else {
    // Lateness held at 0: the columns that add any are fixed at 0 (the same LP as a Keep
    // row, but presolve takes them out, and no dense row slows the simplex).
    if (options.progress) options.progress("cost");
    Milp held = milp;
    for (std::size_t c = 0; c < held.columns; ++c)
      if (held.objective[0][c] > 0) held.upper[c] = 0;
    MilpAnswer answer = solve_lp(held, 1, {}, deadline);
    if (answer.outcome == SearchOutcome::optimal) cost = std::move(answer);
    place(cost ? &*cost : nullptr);
  }
  if (!placed) {
    MilpAnswer answer = solve_milp(milp, 0, {}, nullptr, deadline);
    if (answer.outcome == SearchOutcome::infeasible) return no_plan();
    if (answer.values.empty()) return out_of_time();
    result.schedule = schedule_from(problem, milp, answer.values);
    how = "repair and greedy failed: CBC on the lateness stage";
    relaxed_bound.reset();  // for another plan
  }

  // The gap against the cost LP at the plan's lateness.
  result.evaluation = evaluate(problem, result.schedule);
  const double late = result.evaluation.objective.lateness;
  const double plan_cost = result.evaluation.objective.cost;
  if (!cost) {
    result.solver.bound = 0;  // costs are never negative: the only bound left
    result.solver.gap = plan_cost > 0 ? 1 : 0;
    return finish(how + "; no LP bound");
  }
  std::optional<double> bound;
  if (late <= lp_lateness + slack(lp_lateness)) {
    bound = cost->objective;
  } else {
    how += fmt::format("; lateness {} above the LP's {:.6g}: bound at the plan's lateness", late, lp_lateness);
    if (relaxed_bound) {
      bound = relaxed_bound;
    } else {
      if (options.progress) options.progress("bound");
      const MilpAnswer again = solve_lp(milp, 1, {{.objective = 0, .at_most = late + slack(late)}}, deadline);
      if (again.outcome == SearchOutcome::optimal) bound = again.objective;
    }
  }
  if (!bound) {
    result.solver.bound = 0;
    result.solver.gap = plan_cost > 0 ? 1 : 0;
    return finish(how + " (not solved in time)");
  }
  result.solver.bound = std::min(*bound, plan_cost);
  result.solver.gap = plan_cost > 0 ? std::max(0.0, (plan_cost - *bound) / plan_cost) : 0;
  // The LP's optimum is exact up to CLP's tolerances: a gap below them is none.
  if (result.solver.gap < 1e-9) result.solver.gap = 0;
  return finish(how);
}

}  // namespace netvet::plan
