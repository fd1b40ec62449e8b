// The plan as JSON (the spec's shape), CSV and text.

#include "report/plan_report.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "report/text_table.h"

namespace netvet::report {
namespace {

using plan::format_month;
using plan::Month;

// Money and crew-days rounded to what a reader (and a re-check) needs: cents.
double rounded(double value) { return std::round(value * 100) / 100; }

struct MonthUse {
  double crew_days = 0, cost = 0;
};

// Per region and month: what the plan uses.
std::vector<std::vector<MonthUse>> usage(const plan::PlanProblem& p, const plan::Schedule& s) {
  std::vector<std::vector<MonthUse>> use(p.regions.size(), std::vector<MonthUse>(p.months()));
  for (std::size_t i = 0; i < p.items.size(); ++i) {
    const Month m = s.month[i];
    if (m < p.start || m > p.horizon) continue;
    auto& u = use[p.items[i].region][static_cast<std::size_t>(m - p.start)];
    u.crew_days += p.items[i].crew_days;
    u.cost += p.cost(p.items[i], m);
  }
  return use;
}

// The spec's `to_meet_deadlines`: {} for a plan on time; else the extra crews per region
// and month and budget per operator and year that would make it so, with notes and the
// search's outcome when they are not simply the least.
nlohmann::ordered_json to_meet_deadlines(const plan::PlanProblem& p, const plan::PlanResult& r) {
  nlohmann::ordered_json out = nlohmann::ordered_json::object();
  if (r.status != plan::PlanStatus::infeasible) return out;
  const plan::ExtraResources& extra = r.to_meet_deadlines;
  nlohmann::ordered_json crews = nlohmann::ordered_json::array(), budget = nlohmann::ordered_json::array();
  for (const auto& c : extra.crews)
    crews.push_back({{"region", p.regions[c.region]}, {"month", format_month(c.month)}, {"crew_days", c.crew_days}});
  for (const auto& b : extra.budget) budget.push_back({{"operator", p.operators[b.op]}, {"year", b.year}, {"amount", b.amount}});
  if (extra.computed) {
    out["crews"] = std::move(crews);
    out["budget"] = std::move(budget);
  } else {
    out["crews"] = nullptr;  // not worked out (the time limit came first)
    out["budget"] = nullptr;
  }
  if (extra.outcome != "optimal") out["outcome"] = extra.outcome;
  if (!extra.notes.empty()) out["notes"] = extra.notes;
  return out;
}

// The same in a line or two for people.
std::string extra_text(const plan::PlanProblem& p, const plan::PlanResult& r) {
  if (r.status != plan::PlanStatus::infeasible) return {};
  const plan::ExtraResources& extra = r.to_meet_deadlines;
  if (!extra.computed) return "To meet every deadline and cap: not worked out within the time limit\n";
  std::string out;
  if (extra.crews.empty() && extra.budget.empty()) {
    out = "To meet every deadline and cap: no extra crews or budget would do it (see the notes)\n";
  } else {
    constexpr std::size_t kShown = 6;
    std::string parts;
    for (std::size_t k = 0; k < std::min(kShown, extra.crews.size()); ++k)
      parts += fmt::format("{}{} {} +{:g}", parts.empty() ? "" : ", ", p.regions[extra.crews[k].region],
                           format_month(extra.crews[k].month), extra.crews[k].crew_days);
    if (extra.crews.size() > kShown) parts += fmt::format(", and {} more", extra.crews.size() - kShown);
    std::string money;
    for (std::size_t k = 0; k < std::min(kShown, extra.budget.size()); ++k)
      money += fmt::format("{}{} {} +{:.0f}", money.empty() ? "" : ", ", p.operators[extra.budget[k].op], extra.budget[k].year,
                           extra.budget[k].amount);
    if (extra.budget.size() > kShown) money += fmt::format(", and {} more", extra.budget.size() - kShown);
    std::string what;
    if (!parts.empty()) what = fmt::format("{:g} more crew-days ({})", extra.crew_days(), parts);
    if (!money.empty()) what += fmt::format("{}{:.0f} {} more budget ({})", what.empty() ? "" : "; ", extra.money(), p.currency, money);
    out = "To meet every deadline and cap: " + what + "\n";
  }
  if (extra.outcome != "optimal") out += fmt::format("  ({}: enough, but not proven the least)\n", extra.outcome);
  for (const auto& note : extra.notes) out += "  note: " + note + "\n";
  return out;
}

}  // namespace

nlohmann::ordered_json plan_json(const plan::PlanProblem& p, const plan::PlanResult& r) {
  const plan::Schedule& s = r.schedule;
  nlohmann::ordered_json items = nlohmann::ordered_json::array();
  double crew_days = 0, cost = 0;
  std::size_t elements = 0;
  nlohmann::ordered_json slips = nlohmann::ordered_json::array();
  for (std::size_t i = 0; i < p.items.size(); ++i) {
    const plan::WorkItem& item = p.items[i];
    const double item_cost = p.cost(item, s.month[i]);
    crew_days += item.crew_days;
    cost += item_cost;
    elements += item.elements.size();
    items.push_back({{"id", item.id},
                     {"site", item.site},
                     {"operator", p.operators[item.op]},
                     {"region", p.regions[item.region]},
                     {"elements", item.elements},
                     {"month", format_month(s.month[i])},
                     {"deadline", format_month(item.deadline)},
                     {"crew_days", rounded(item.crew_days)},
                     {"cost", rounded(item_cost)}});
    if (s.month[i] > item.deadline)
      slips.push_back({{"item", item.id}, {"deadline", format_month(item.deadline)}, {"month", format_month(s.month[i])},
                       {"months_late", s.month[i] - item.deadline}});
  }
  nlohmann::ordered_json months = nlohmann::ordered_json::array();
  const auto use = usage(p, s);
  for (std::size_t g = 0; g < p.regions.size(); ++g)
    for (std::size_t t = 0; t < p.months(); ++t)
      if (use[g][t].crew_days > 0)
        months.push_back({{"month", format_month(p.start + static_cast<Month>(t))},
                          {"region", p.regions[g]},
                          {"crew_days", rounded(use[g][t].crew_days)},
                          {"capacity", std::isfinite(p.capacity[g][t]) ? nlohmann::ordered_json(p.capacity[g][t])
                                                                      : nlohmann::ordered_json(nullptr)},
                          {"cost", rounded(use[g][t].cost)}});
  nlohmann::ordered_json caps = nlohmann::ordered_json::array();
  for (const auto& cap : p.caps) {
    const double left = plan::units_left(cap, s, cap.last_month);
    const bool ok = left <= cap.allowed() + 1e-9;
    caps.push_back({{"policy", cap.policy},
                    {"rule", cap.rule},
                    {"operator", cap.scope},
                    {"date", format_date(cap.date)},
                    {"limit", cap.limit},
                    {"units_total", cap.total},
                    {"units_left", left},
                    {"ok", ok}});
    if (!ok)
      slips.push_back({{"cap", fmt::format("{}/{}", cap.policy, cap.rule)}, {"operator", cap.scope},
                       {"date", format_date(cap.date)}, {"units_over", left - cap.allowed()}});
  }
  const auto& o = r.evaluation.objective;
  // The 5G delay: 0 without a new-build programme; null when the programme does not
  // complete within the horizon (then the months it completes in say which did).
  const plan::NewBuildDelay d = plan::new_build_delay(p, s);
  nlohmann::ordered_json delay{{"months", d.programme ? (d.months ? nlohmann::ordered_json(*d.months) : nlohmann::ordered_json())
                                                      : nlohmann::ordered_json(0)}};
  if (d.programme) {
    delay["completes"] = d.completes ? nlohmann::ordered_json(format_month(*d.completes)) : nlohmann::ordered_json();
    delay["completes_without_replacement"] =
        d.completes_without ? nlohmann::ordered_json(format_month(*d.completes_without)) : nlohmann::ordered_json();
  }
  return {{"status", plan::name_of(r.status)},
          {"currency", p.currency},
          {"start", format_month(p.start)},
          {"horizon", format_month(p.horizon)},
          {"solver",
           {{"method", plan::name_of(r.solver.method)},
            {"outcome", r.solver.outcome},
            {"seconds", std::round(r.solver.seconds * 1000) / 1000},
            {"gap", r.solver.gap},
            {"cost_proven", r.solver.cost_proven},
            {"bound", rounded(r.solver.bound)},
            {"columns", r.solver.columns},
            {"rows", r.solver.rows}}},
          {"objective", {{"lateness", o.lateness}, {"cost", rounded(o.cost)}, {"exposure", o.exposure}}},
          {"items", std::move(items)},
          {"months", std::move(months)},
          {"caps", std::move(caps)},
          {"slips", std::move(slips)},
          {"to_meet_deadlines", to_meet_deadlines(p, r)},
          {"delay", std::move(delay)},
          {"totals", {{"items", p.items.size()}, {"elements", elements}, {"cost", rounded(cost)}, {"crew_days", rounded(crew_days)}}}};
}

std::string plan_csv(const plan::PlanProblem& p, const plan::PlanResult& r) {
  // Fields are ids, regions and numbers; a region or id with a comma or quote is quoted.
  const auto field = [](const std::string& text) {
    if (text.find_first_of(",\"\n") == std::string::npos) return text;
    std::string quoted = "\"";
    for (const char c : text) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
    return quoted + "\"";
  };
  std::string out = "id,site,operator,region,month,deadline,months_late,crew_days,cost,elements,element_ids\n";
  for (std::size_t i = 0; i < p.items.size(); ++i) {
    const plan::WorkItem& item = p.items[i];
    const Month m = r.schedule.month[i];
    std::string ids;
    for (const auto& e : item.elements) ids += (ids.empty() ? "" : ";") + e;
    out += fmt::format("{},{},{},{},{},{},{},{},{:.2f},{},{}\n", field(item.id), field(item.site), field(p.operators[item.op]),
                       field(p.regions[item.region]), format_month(m), format_month(item.deadline),
                       std::max(0, m - item.deadline), item.crew_days, p.cost(item, m), item.elements.size(), field(ids));
  }
  return out;
}

std::string plan_text(const plan::PlanProblem& p, const plan::PlanResult& r, bool style) {
  const auto& o = r.evaluation.objective;
  std::size_t elements = 0;
  double crew_days = 0;
  for (const auto& item : p.items) {
    elements += item.elements.size();
    crew_days += item.crew_days;
  }
  std::string out = fmt::format("Plan {} to {}: {} ({})\n", format_month(p.start), format_month(p.horizon), plan::name_of(r.status),
                                r.status == plan::PlanStatus::infeasible ? "no plan meets every deadline and cap: the least lateness"
                                : r.status == plan::PlanStatus::optimal ? "every deadline and cap met, least cost proven"
                                : r.solver.cost_proven ? "every deadline and cap met at the least cost; the order by exposure not proven"
                                                       : "every deadline and cap met; least cost not proven");
  out += fmt::format("  {} site visits, {} elements, {:.0f} crew-days; cost {:.0f} {}; lateness {}; exposure {:.0f}\n",
                     p.items.size(), elements, crew_days, o.cost, p.currency, o.lateness, o.exposure);
  out += fmt::format("  solver: {} ({}), {:.2f} s, {} columns, {} rows{}\n\n", plan::name_of(r.solver.method), r.solver.outcome,
                     r.solver.seconds, r.solver.columns, r.solver.rows,
                     r.solver.gap > 0 ? fmt::format(", cost gap {:.2f}% to a bound of {:.0f}", r.solver.gap * 100, r.solver.bound)
                                      : std::string());
  // The busiest months: most crew-days, over regions.
  const auto use = usage(p, r.schedule);
  std::vector<std::pair<double, std::size_t>> by_month;
  for (std::size_t t = 0; t < p.months(); ++t) {
    double total = 0;
    for (const auto& region : use) total += region[t].crew_days;
    if (total > 0) by_month.emplace_back(total, t);
  }
  std::ranges::sort(by_month, [](const auto& a, const auto& b) { return a.first > b.first || (a.first == b.first && a.second < b.second); });
  if (!by_month.empty()) {
    TextTable busiest({"MONTH", "CREW-DAYS", "COST"}, {Align::left, Align::right, Align::right});
    for (std::size_t k = 0; k < std::min<std::size_t>(5, by_month.size()); ++k) {
      const std::size_t t = by_month[k].second;
      double cost = 0;
      for (const auto& region : use) cost += region[t].cost;
      busiest.add_row({format_month(p.start + static_cast<Month>(t)), fmt::format("{:.0f}", by_month[k].first), fmt::format("{:.0f}", cost)});
    }
    out += "Busiest months\n" + busiest.render(2, style) + "\n";
  }
  std::size_t late = 0;
  for (std::size_t i = 0; i < p.items.size(); ++i) late += r.schedule.month[i] > p.items[i].deadline;
  if (late > 0) out += fmt::format("Slips: {} site visit{} after their deadline (the JSON lists each)\n", late, late == 1 ? "" : "s");
  if (const plan::NewBuildDelay d = plan::new_build_delay(p, r.schedule); d.programme) {
    if (d.months)
      out += fmt::format("5G delay: the new-build programme completes in {} instead of {}: {} month{} later\n",
                         format_month(*d.completes), format_month(*d.completes_without), *d.months, *d.months == 1 ? "" : "s");
    else
      out += fmt::format("5G delay: the new-build programme does not complete by {}{}\n", format_month(p.horizon),
                         d.completes_without ? fmt::format(" with this work (it would by {} without it)",
                                                           format_month(*d.completes_without))
                                             : std::string(" even without the replacement work"));
  }
  out += extra_text(p, r);
  if (!p.caps.empty()) {
    TextTable caps({"CAP", "OPERATOR", "DATE", "LEFT", "ALLOWED", "OK"}, {Align::left, Align::left, Align::left, Align::right, Align::right});
    for (const auto& cap : p.caps) {
      const double left = plan::units_left(cap, r.schedule, cap.last_month);
      caps.add_row({cap.policy + "/" + cap.rule, cap.scope, format_date(cap.date), fmt::format("{:.0f}", left),
                    fmt::format("{:.1f} of {:.0f}", cap.allowed(), cap.total), left <= cap.allowed() + 1e-9 ? "yes" : "no"});
    }
    out += "Caps at their dates\n" + caps.render(2, style) + "\n";
  }
  return out;
}

}  // namespace netvet::report
