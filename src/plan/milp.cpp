// build_milp(): items grouped, then the columns, rows and objectives milp.h describes.

#include "plan/milp.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <tuple>

namespace netvet::plan {
namespace {

// What makes two items interchangeable in the model.
using GroupKey = std::tuple<std::uint32_t, std::uint32_t, Month, double, double, double, std::vector<std::pair<Month, double>>>;

GroupKey key_of(const WorkItem& item) {
  std::vector<std::pair<Month, double>> costs;
  for (const ElementCost& e : item.element_costs) costs.emplace_back(e.end_of_life, e.cost);
  std::ranges::sort(costs);
  return {item.region, item.op, item.deadline, item.crew_days, item.visit_cost, item.weight, std::move(costs)};
}

}  // namespace

std::size_t Milp::add_row(double lower_bound, double upper_bound) {
  row_lower.push_back(lower_bound);
  row_upper.push_back(upper_bound);
  return row_lower.size() - 1;
}

void Milp::add_entry(std::size_t row, std::size_t column, double value) {
  if (value == 0) return;
  entry_row.push_back(static_cast<int>(row));
  entry_column.push_back(static_cast<int>(column));
  entry_value.push_back(value);
}

Milp build_milp(const PlanProblem& p) {
  Milp milp;
  milp.months = p.months();
  const std::size_t months = milp.months;

  // Groups: items in a cap unit alone, the rest by what makes them interchangeable.
  std::vector<std::uint8_t> in_cap(p.items.size(), 0);
  for (const CapConstraint& cap : p.caps)
    for (const CapUnit& unit : cap.units)
      for (const std::uint32_t i : unit.items) in_cap[i] = 1;
  std::map<GroupKey, std::size_t> group_of_key;
  std::vector<std::size_t> group_of_item(p.items.size());
  for (std::uint32_t i = 0; i < p.items.size(); ++i) {
    if (in_cap[i]) {
      group_of_item[i] = milp.groups.size();
      milp.groups.push_back({i});
      continue;
    }
    auto [it, added] = group_of_key.try_emplace(key_of(p.items[i]), milp.groups.size());
    if (added) milp.groups.emplace_back();
    milp.groups[it->second].push_back(i);
    group_of_item[i] = it->second;
  }

  std::size_t units = 0;
  for (const CapConstraint& cap : p.caps) units += cap.units.size();
  const std::size_t x_columns = milp.groups.size() * months;
  milp.columns = x_columns + units + p.caps.size();
  milp.first_excess = x_columns + units;
  milp.lower.assign(milp.columns, 0);
  milp.upper.assign(milp.columns, 1);
  milp.integer.assign(milp.columns, 0);
  for (auto& objective : milp.objective) objective.assign(milp.columns, 0);

  for (std::size_t g = 0; g < milp.groups.size(); ++g) {
    const WorkItem& item = p.items[milp.groups[g].front()];
    const auto count = static_cast<double>(milp.groups[g].size());
    const std::size_t done = milp.add_row(count, count);
    for (std::size_t t = 0; t < months; ++t) {
      const std::size_t c = milp.x(g, t);
      const Month month = p.start + static_cast<Month>(t);
      milp.upper[c] = count;
      milp.integer[c] = 1;
      milp.objective[0][c] = std::max(0, month - item.deadline);
      milp.objective[1][c] = p.cost(item, month);
      milp.objective[2][c] = item.weight * static_cast<double>(t);
      milp.add_entry(done, c, 1);
    }
  }

  // Crews per region and month.
  for (std::size_t r = 0; r < p.regions.size(); ++r)
    for (std::size_t t = 0; t < months; ++t) {
      std::size_t row = SIZE_MAX;
      for (std::size_t g = 0; g < milp.groups.size(); ++g) {
        const WorkItem& item = p.items[milp.groups[g].front()];
        if (item.region != r || item.crew_days == 0) continue;
        if (row == SIZE_MAX) {
          row = milp.add_row(-kUnlimited, p.capacity[r][t]);
          milp.crew_rows.push_back({.owner = static_cast<std::uint32_t>(r), .period = t, .row = row});
        }
        milp.add_entry(row, milp.x(g, t), item.crew_days);
      }
    }
  // Budgets per operator and calendar year, where there is one.
  for (std::size_t o = 0; o < p.operators.size(); ++o)
    for (std::size_t y = 0; y < p.years(); ++y) {
      if (!std::isfinite(p.budget[o][y])) continue;
      const std::size_t row = milp.add_row(-kUnlimited, p.budget[o][y]);
      milp.budget_rows.push_back({.owner = static_cast<std::uint32_t>(o), .period = y, .row = row});
      for (std::size_t g = 0; g < milp.groups.size(); ++g) {
        const WorkItem& item = p.items[milp.groups[g].front()];
        if (item.op != o) continue;
        for (std::size_t t = 0; t < months; ++t)
          if (static_cast<std::size_t>(year_of(p.start + static_cast<Month>(t)) - p.first_year) == y)
            milp.add_entry(row, milp.x(g, t), milp.objective[1][milp.x(g, t)]);
      }
    }
  // Caps: a unit has left when each of its items is done by the cap's month.
  std::size_t z = x_columns;
  for (std::size_t c = 0; c < p.caps.size(); ++c) {
    const CapConstraint& cap = p.caps[c];
    const std::size_t excess = x_columns + units + c;
    milp.upper[excess] = kUnlimited;
    milp.objective[0][excess] = 1;
    double all = 0;
    for (const CapUnit& unit : cap.units) all += unit.weight;
    const std::size_t limit = milp.add_row(cap.fixed + all - cap.allowed(), kUnlimited);
    milp.add_entry(limit, excess, 1);
    for (const CapUnit& unit : cap.units) {
      for (const std::uint32_t i : unit.items) {
        const std::size_t row = milp.add_row(-kUnlimited, 0);
        milp.add_entry(row, z, 1);
        for (std::size_t t = 0; t < months && p.start + static_cast<Month>(t) <= cap.last_month; ++t)
          milp.add_entry(row, milp.x(group_of_item[i], t), -1);
      }
      milp.add_entry(limit, z, unit.weight);
      ++z;
    }
  }
  return milp;
}

Schedule schedule_from(const PlanProblem& p, const Milp& milp, const std::vector<double>& values) {
  Schedule s;
  s.month.assign(p.items.size(), kNoMonth);
  for (std::size_t g = 0; g < milp.groups.size(); ++g) {
    std::size_t next = 0;
    const auto& items = milp.groups[g];
    for (std::size_t t = 0; t < milp.months && next < items.size(); ++t) {
      auto n = static_cast<std::size_t>(std::llround(std::max(0.0, values[milp.x(g, t)])));
      for (; n > 0 && next < items.size(); --n) s.month[items[next++]] = p.start + static_cast<Month>(t);
    }
  }
  return s;
}

std::vector<double> values_from(const PlanProblem& p, const Milp& milp, const Schedule& schedule) {
  std::vector<double> values(milp.columns, 0);
  for (std::size_t g = 0; g < milp.groups.size(); ++g)
    for (const std::uint32_t i : milp.groups[g]) {
      const Month m = schedule.month[i];
      if (m >= p.start && m <= p.horizon) values[milp.x(g, static_cast<std::size_t>(m - p.start))] += 1;
    }
  std::size_t z = milp.groups.size() * milp.months;
  std::size_t units = 0;
  for (const CapConstraint& cap : p.caps) units += cap.units.size();
  for (std::size_t c = 0; c < p.caps.size(); ++c) {
    const CapConstraint& cap = p.caps[c];
    double left = cap.fixed;
    for (const CapUnit& unit : cap.units) {
      const bool gone = std::ranges::all_of(unit.items, [&](std::uint32_t i) {
        return schedule.month[i] != kNoMonth && schedule.month[i] <= cap.last_month;
      });
      values[z++] = gone ? 1 : 0;
      if (!gone) left += unit.weight;
    }
    values[milp.groups.size() * milp.months + units + c] = std::max(0.0, left - cap.allowed());
  }
  return values;
}

}  // namespace netvet::plan
