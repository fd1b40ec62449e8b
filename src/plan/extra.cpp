// extra_resources() (plan/extra.h) and with_extra() (plan/solve.h): the least extra money,
// then the fewest extra crew-days, that make every deadline and cap met.

#include "plan/extra.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>

#include "plan/cbc.h"

namespace netvet::plan {
namespace {

using Clock = std::chrono::steady_clock;

constexpr std::array<std::string_view, 2> kStages = {"budget", "crews"};
constexpr double kTiny = 1e-6;  // solver noise below which an amount is nothing

// Rounded up, so that the rounded extras still suffice: crew-days to the next half day
// (catalog crew-days come in halves), money to the currency unit.
double half_days_up(double value) {
  return std::ceil(value * 2 - kTiny) / 2;
}
double units_up(double value) {
  return std::ceil(value - kTiny);
}

// How far above a stage's optimum the next stage may let it go: rounding only.
double slack(double value) {
  return kTiny + 1e-9 * std::abs(value);
}

struct SlackColumn {
  Milp::ResourceRow row;
  std::size_t column = 0;
};

// Appends a column s >= 0 with coefficient −1 on `row` and 1 in objective `objective`.
std::size_t add_slack(Milp& milp, std::size_t row, std::size_t objective) {
  const std::size_t column = milp.columns++;
  milp.lower.push_back(0);
  milp.upper.push_back(kUnlimited);
  milp.integer.push_back(0);
  for (auto& o : milp.objective) o.push_back(0);
  milp.objective[objective].back() = 1;
  milp.add_entry(row, column, -1);
  return column;
}

// Units a cap keeps above its limit whatever is done: designated units no item removes,
// and every unit when its date is before the start (no month to remove them in).
double unavoidable(const PlanProblem& p, const CapConstraint& cap) {
  double all = 0;
  for (const CapUnit& unit : cap.units) all += unit.weight;
  return std::max(0.0, cap.fixed + (cap.last_month < p.start ? all : 0) - cap.allowed());
}

// Deadlines no extra resources change, and regions without crews, for the reader.
void note_limits(const PlanProblem& p, ExtraResources& out) {
  for (const WorkItem& item : p.items) {
    if (item.deadline < p.start) {
      out.notes.push_back(fmt::format(
          "site visit {} was due {}, before the start {}: it counts as due in the start month",
          item.id, format_month(item.deadline), format_month(p.start)));
      continue;
    }
    if (item.crew_days <= 0) continue;
    const auto& capacity = p.capacity[item.region];
    const Month last = std::min(item.deadline, p.horizon);
    bool crews = false;
    for (Month m = p.start; m <= last && !crews; ++m)
      crews = capacity[static_cast<std::size_t>(m - p.start)] > 0;
    if (!crews)
      out.notes.push_back(fmt::format(
          "site visit {} is due {}, and region {} has no crews from {} to then: the extra "
          "crews include months that had none",
          item.id, format_month(item.deadline), p.regions[item.region], format_month(p.start)));
  }
  for (const CapConstraint& cap : p.caps) {
    const double over = unavoidable(p, cap);
    if (over > 0)
      out.notes.push_back(fmt::format(
          "cap {}/{} ({}, {}) cannot be met by any resources: it stays {:g} unit{} above its limit "
          "of {:g} ({})",
          cap.policy, cap.rule, cap.scope, format_date(cap.date), over, over == 1 ? "" : "s",
          cap.allowed(),
          cap.last_month < p.start ? "its date is before the start"
                                   : "designated units that no site visit removes"));
  }
}

// A solution to start from, on time by construction: each item in the first month of its
// deadline and the dates of the caps whose units hold it (the start month at the
// earliest), the slacks whatever crews and money that takes. The search improves on it;
// when the time limit leaves it none, it is the answer (enough, if not the least).
std::vector<double> first_solution(const PlanProblem& p, const Milp& milp, const Milp& base) {
  Schedule schedule{std::vector<Month>(p.items.size(), kNoMonth)};
  for (std::size_t i = 0; i < p.items.size(); ++i)
    schedule.month[i] = std::min(p.items[i].deadline, p.horizon);
  for (const CapConstraint& cap : p.caps)
    for (const CapUnit& unit : cap.units)
      for (const std::uint32_t i : unit.items)
        schedule.month[i] = std::min(schedule.month[i], cap.last_month);
  for (Month& month : schedule.month) month = std::max(month, p.start);
  std::vector<double> values = values_from(p, base, schedule);
  values.resize(milp.columns, 0);
  std::vector<double> activity(milp.row_lower.size(), 0);
  for (std::size_t k = 0; k < milp.entry_value.size(); ++k)
    activity[static_cast<std::size_t>(milp.entry_row[k])] +=
        milp.entry_value[k] * values[static_cast<std::size_t>(milp.entry_column[k])];
  for (std::size_t k = 0; k < milp.entry_value.size(); ++k) {
    const auto column = static_cast<std::size_t>(milp.entry_column[k]);
    const auto row = static_cast<std::size_t>(milp.entry_row[k]);
    if (column >= base.columns) values[column] = std::max(0.0, activity[row] - milp.row_upper[row]);
  }
  return values;
}

}  // namespace

double ExtraResources::crew_days() const {
  double sum = 0;
  for (const ExtraCrews& c : crews) sum += c.crew_days;
  return sum;
}

double ExtraResources::money() const {
  double sum = 0;
  for (const ExtraBudget& b : budget) sum += b.amount;
  return sum;
}

PlanProblem with_extra(const PlanProblem& problem, const ExtraResources& extra) {
  PlanProblem p = problem;
  for (const ExtraCrews& c : extra.crews)
    if (c.month >= p.start && c.month <= p.horizon)
      p.capacity[c.region][static_cast<std::size_t>(c.month - p.start)] += c.crew_days;
  for (const ExtraBudget& b : extra.budget) {
    const int y = b.year - p.first_year;
    if (y >= 0 && static_cast<std::size_t>(y) < p.years())
      p.budget[b.op][static_cast<std::size_t>(y)] += b.amount;
  }
  return p;
}

ExtraResources extra_resources(const PlanProblem& p, const Milp& base, Clock::time_point deadline) {
  ExtraResources out;
  note_limits(p, out);
  Milp milp = base;
  for (auto& o : milp.objective) std::ranges::fill(o, 0.0);
  // Every item by its deadline (the start month at the earliest).
  for (std::size_t g = 0; g < milp.groups.size(); ++g) {
    const Month last = std::max(p.items[milp.groups[g].front()].deadline, p.start);
    for (std::size_t t = 0; t < milp.months; ++t)
      if (p.start + static_cast<Month>(t) > last) milp.upper[milp.x(g, t)] = 0;
  }
  // Every cap met, but for what no plan avoids.
  double late_anyway = 0;
  for (std::size_t c = 0; c < p.caps.size(); ++c) {
    const double over = unavoidable(p, p.caps[c]);
    milp.upper[milp.first_excess + c] = over;
    late_anyway += over;
  }
  std::vector<SlackColumn> money, crews;
  for (const Milp::ResourceRow& row : base.budget_rows)
    money.push_back({row, add_slack(milp, row.row, 0)});
  for (const Milp::ResourceRow& row : base.crew_rows)
    crews.push_back({row, add_slack(milp, row.row, 1)});

  std::vector<Keep> keep;
  const std::vector<double> start = first_solution(p, milp, base);
  std::vector<double> incumbent;
  out.outcome = "optimal";
  for (std::size_t stage = 0; stage < kStages.size(); ++stage) {
    MilpAnswer answer = solve_milp(milp, static_cast<int>(stage), keep,
                                   incumbent.empty() ? &start : &incumbent, deadline);
    if (answer.outcome == SearchOutcome::infeasible) {
      // Cannot happen: with enough crews and money every item fits its first month.
      out.outcome = "infeasible";
      out.notes.push_back("no extra crews or budget make every deadline and cap met");
      return out;
    }
    if (answer.outcome == SearchOutcome::no_solution) {
      out.outcome = fmt::format("time limit in the {} stage", kStages[stage]);
      if (incumbent.empty()) incumbent = start;
      break;
    }
    if (answer.outcome == SearchOutcome::time_limit && out.outcome == "optimal")
      out.outcome = fmt::format("time limit in the {} stage", kStages[stage]);
    incumbent = std::move(answer.values);
    double reached = 0;
    for (std::size_t c = 0; c < milp.columns; ++c)
      reached += milp.objective[stage][c] * incumbent[c];
    keep.push_back({.objective = static_cast<int>(stage), .at_most = reached + slack(reached)});
  }
  out.computed = true;
  for (const SlackColumn& s : money) {
    const double amount = units_up(incumbent[s.column]);
    if (amount > 0)
      out.budget.push_back({.op = s.row.owner,
                            .year = p.first_year + static_cast<int>(s.row.period),
                            .amount = amount});
  }
  for (const SlackColumn& s : crews) {
    const double days = half_days_up(incumbent[s.column]);
    if (days > 0)
      out.crews.push_back({.region = s.row.owner,
                           .month = p.start + static_cast<Month>(s.row.period),
                           .crew_days = days});
  }
  std::ranges::sort(out.crews, {}, [](const ExtraCrews& c) {
    return std::pair{c.region, c.month};
  });
  std::ranges::sort(out.budget, {}, [](const ExtraBudget& b) { return std::pair{b.op, b.year}; });
  // The plan the extras were found with, checked against the problem with them added by
  // the model's own rules: a shortfall here is a bug, said rather than hidden.
  const Evaluation check = evaluate(with_extra(p, out), schedule_from(p, milp, incumbent));
  if (!check.admissible() || check.objective.lateness > late_anyway + slack(late_anyway))
    out.notes.push_back(fmt::format(
        "check failed: with these extras the plan found is still {} (lateness {})",
        check.admissible() ? "late" : "over its crews or budget", check.objective.lateness));
  return out;
}

}  // namespace netvet::plan
