// Months, an item's cost in a month, and evaluate(): the spec's constraints and objective
// applied to a schedule, one pass each.

#include "plan/model.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <charconv>

namespace netvet::plan {
namespace {

constexpr double kSlack = 1e-9;  // sums of crew-days and money are compared with this much room

// Civil date from days since 1970-01-01 (H. Hinnant's algorithm, as util/date.cpp uses).
void ymd(Date days, int& year, unsigned& month) {
  const std::int64_t z = std::int64_t{days} + 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  month = mp < 10 ? mp + 3 : mp - 9;
  year = static_cast<int>(static_cast<std::int64_t>(yoe) + era * 400 + (month <= 2 ? 1 : 0));
}

}  // namespace

Month month_of(Date date) {
  int year = 0;
  unsigned month = 0;
  ymd(date, year, month);
  return year * 12 + static_cast<Month>(month) - 1;
}

Date first_day(Month month) {
  const int year = month >= 0 ? month / 12 : (month - 11) / 12;
  return date_from_ymd(year, static_cast<unsigned>(month - year * 12 + 1), 1);
}

int year_of(Month month) { return month >= 0 ? month / 12 : (month - 11) / 12; }

std::string format_month(Month month) {
  const int year = year_of(month);
  return fmt::format("{:04}-{:02}", year, month - year * 12 + 1);
}

std::optional<Month> parse_month(std::string_view text) {
  if (text.size() != 7 || text[4] != '-') return std::nullopt;
  int year = 0, month = 0;
  const auto y = std::from_chars(text.data(), text.data() + 4, year);
  const auto m = std::from_chars(text.data() + 5, text.data() + 7, month);
  if (y.ec != std::errc{} || y.ptr != text.data() + 4 || m.ec != std::errc{} || m.ptr != text.data() + 7) return std::nullopt;
  if (month < 1 || month > 12 || year < 1) return std::nullopt;
  return year * 12 + month - 1;
}

double PlanProblem::cost(const WorkItem& item, Month month) const {
  double total = item.visit_cost;
  for (const ElementCost& e : item.element_costs) total += month >= e.end_of_life ? e.cost * end_of_life_factor : e.cost;
  return total;
}

bool Evaluation::admissible() const {
  return std::ranges::none_of(violations, [](const Violation& v) {
    return v.kind == "horizon" || v.kind == "crews" || v.kind == "budget";
  });
}

double units_left(const CapConstraint& cap, const Schedule& schedule, Month by) {
  double left = cap.fixed;
  for (const CapUnit& unit : cap.units) {
    const bool gone = std::ranges::all_of(unit.items, [&](std::uint32_t i) {
      return i < schedule.month.size() && schedule.month[i] != kNoMonth && schedule.month[i] <= by;
    });
    if (!gone) left += unit.weight;
  }
  return left;
}

Evaluation evaluate(const PlanProblem& p, const Schedule& schedule) {
  Evaluation out;
  const std::size_t months = p.months();
  std::vector<std::vector<double>> used(p.regions.size(), std::vector<double>(months, 0));
  std::vector<std::vector<double>> spent(p.operators.size(), std::vector<double>(p.years(), 0));
  std::vector<Violation> late;
  for (std::size_t i = 0; i < p.items.size(); ++i) {
    const WorkItem& item = p.items[i];
    const Month m = i < schedule.month.size() ? schedule.month[i] : kNoMonth;
    if (m == kNoMonth || m < p.start || m > p.horizon) {
      out.violations.push_back({.kind = "horizon",
                                .subject = item.id,
                                .amount = 0,
                                .limit = 0});
      continue;
    }
    const auto k = static_cast<std::size_t>(m - p.start);
    used[item.region][k] += item.crew_days;
    const double cost = p.cost(item, m);
    spent[item.op][static_cast<std::size_t>(year_of(m) - p.first_year)] += cost;
    out.objective.cost += cost;
    out.objective.exposure += item.weight * static_cast<double>(m - p.start);
    if (m > item.deadline) {
      out.objective.lateness += static_cast<double>(m - item.deadline);
      late.push_back({.kind = "deadline", .subject = item.id, .amount = static_cast<double>(m - item.deadline), .limit = 0});
    }
  }
  for (std::size_t r = 0; r < p.regions.size(); ++r)
    for (std::size_t k = 0; k < months; ++k)
      if (used[r][k] > p.capacity[r][k] + kSlack)
        out.violations.push_back({.kind = "crews",
                                  .subject = fmt::format("{} {}", p.regions[r], format_month(p.start + static_cast<Month>(k))),
                                  .amount = used[r][k] - p.capacity[r][k],
                                  .limit = p.capacity[r][k]});
  for (std::size_t o = 0; o < p.operators.size(); ++o)
    for (std::size_t y = 0; y < p.years(); ++y)
      if (spent[o][y] > p.budget[o][y] * (1 + kSlack) + kSlack)
        out.violations.push_back({.kind = "budget",
                                  .subject = fmt::format("{} {}", p.operators[o], p.first_year + static_cast<int>(y)),
                                  .amount = spent[o][y] - p.budget[o][y],
                                  .limit = p.budget[o][y]});
  out.violations.insert(out.violations.end(), late.begin(), late.end());
  for (const CapConstraint& cap : p.caps) {
    const double left = units_left(cap, schedule, cap.last_month);
    const double over = left - cap.allowed();
    if (over > kSlack) {
      out.objective.lateness += over;
      out.violations.push_back({.kind = "cap",
                                .subject = fmt::format("{}/{} {} on {}", cap.policy, cap.rule, cap.scope, format_date(cap.date)),
                                .amount = over,
                                .limit = cap.allowed()});
    }
  }
  return out;
}

NewBuildDelay new_build_delay(const PlanProblem& p, const Schedule& schedule) {
  NewBuildDelay out;
  const NewBuild& nb = p.new_build;
  out.programme = nb.total > 0 && nb.sites_per_month > 0 && nb.crew_days_per_site > 0;
  if (!out.programme) return out;
  std::vector<double> free(p.months(), 0), all(p.months(), 0);
  for (std::size_t r = 0; r < p.regions.size(); ++r)
    for (std::size_t t = 0; t < p.months(); ++t) {
      // An unlimited region lets the programme build its monthly rate there.
      const double capacity = std::isfinite(p.capacity[r][t]) ? p.capacity[r][t] : nb.sites_per_month * nb.crew_days_per_site;
      all[t] += capacity;
      free[t] += capacity;
    }
  for (std::size_t i = 0; i < p.items.size(); ++i) {
    const Month m = i < schedule.month.size() ? schedule.month[i] : kNoMonth;
    if (m >= p.start && m <= p.horizon) free[static_cast<std::size_t>(m - p.start)] -= p.items[i].crew_days;
  }
  const auto completes = [&](const std::vector<double>& crews) -> std::optional<Month> {
    double built = 0;
    for (std::size_t t = 0; t < crews.size(); ++t) {
      built += std::min(nb.sites_per_month, std::floor(std::max(0.0, crews[t]) / nb.crew_days_per_site + 1e-9));
      if (built >= nb.total - 1e-9) return p.start + static_cast<Month>(t);
    }
    return std::nullopt;
  };
  out.completes = completes(free);
  out.completes_without = completes(all);
  if (out.completes && out.completes_without) out.months = *out.completes - *out.completes_without;
  return out;
}

}  // namespace netvet::plan
