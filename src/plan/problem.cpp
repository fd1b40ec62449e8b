// build_problem(): the packs evaluated on their dates, the flagged elements grouped into
// site visits, the caps' units, the crews and the budgets (problem.h says how).

#include "plan/problem.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "graph/serving.h"
#include "policy/evaluate.h"
#include "policy/remedy.h"

namespace netvet::plan {
namespace {

constexpr std::string_view kNoRegion = "(no region)";

struct CapAt {
  const policy::Pack* pack;
  const policy::Rule* rule;
  Date date;
};

// The month an element's life ends: installed + the function's lifetime.
Month end_of_life(Date installed, double lifetime_years) {
  if (installed == kNoDate || lifetime_years <= 0) return kNever;
  return month_of(installed) + static_cast<Month>(std::lround(lifetime_years * 12));
}

// One cap at its date: per operator or region, the units in scope and the designated ones
// with the items that hold them (counted as rule_cap.cpp counts).
void add_caps(const Inventory& inv, const CapAt& at, std::span<const std::uint32_t> item_of,
              std::vector<CapConstraint>& out) {
  const auto& cap = std::get<policy::CapRule>(at.rule->spec);
  const policy::Pack& pack = *at.pack;
  const ElementTable& el = inv.elements;
  policy::SelectorEvaluator selectors(inv, at.date);
  const policy::RowMask scope = selectors.elements(cap.within.selector.expr, pack.scope());
  policy::RowMask counted = selectors.elements(at.rule->select.selector.expr, pack.scope());
  counted &= scope;
  const auto unit = policy::parse_cap_unit(policy::value_of(cap.unit, pack).text).value_or(policy::CapUnit::sites);
  const double limit = policy::value_of(cap.limit, pack).number;
  const bool by_operator = cap.per == policy::CapScope::op;

  // Per group: its label, and per site the in-scope and counted elements.
  std::map<std::string, std::map<Index, std::pair<bool, std::vector<Index>>>> groups;
  std::map<std::string, double> elements_in_scope;  // per group, for a cap in elements
  scope.for_each([&](std::size_t row) {
    const auto e = static_cast<Index>(row);
    const Index s = el.site[e];
    const std::string label = by_operator ? std::string(inv.str(inv.operators.id[el.op[e]]))
                              : inv.sites.region[s] == kEmptyStr ? std::string(kNoRegion)
                                                                 : std::string(inv.str(inv.sites.region[s]));
    auto& [in_scope, designated] = groups[label][s];
    in_scope = true;
    elements_in_scope[label] += 1;
    if (counted.test(row)) designated.push_back(e);
  });
  for (const auto& [label, sites] : groups) {
    CapConstraint c{.policy = pack.id, .rule = at.rule->id, .scope = label, .date = at.date,
                    .last_month = last_month_before(at.date), .limit = limit, .total = 0, .fixed = 0, .units = {}};
    const auto add_unit = [&](double weight, std::span<const Index> elements) {
      CapUnit u{.weight = weight, .items = {}};
      for (const Index e : elements) {
        if (item_of[e] == UINT32_MAX) {
          c.fixed += weight;  // an element no item replaces: the unit stays
          return;
        }
        u.items.push_back(item_of[e]);
      }
      std::ranges::sort(u.items);
      u.items.erase(std::unique(u.items.begin(), u.items.end()), u.items.end());
      c.units.push_back(std::move(u));
    };
    for (const auto& [site, entry] : sites) {
      const auto& designated = entry.second;
      const double subscribers = static_cast<double>(std::max<std::int64_t>(0, inv.sites.subscribers[site]));
      if (unit == policy::CapUnit::elements) {
        // Each counted element is a unit; the total counts every element in scope.
        for (const Index& e : designated) add_unit(1, std::span<const Index>(&e, 1));
      } else {
        const double weight = unit == policy::CapUnit::sites ? 1.0 : subscribers;
        c.total += weight;
        if (!designated.empty()) add_unit(weight, designated);
      }
    }
    if (unit == policy::CapUnit::elements) c.total = elements_in_scope[label];
    if (c.units.empty() && c.fixed == 0) continue;  // nothing designated: nothing to hold
    out.push_back(std::move(c));
  }
}

}  // namespace

Result<PlanProblem> build_problem(const Inventory& inv, std::span<const policy::Pack> given, const Catalog& catalog,
                                  const Resources& resources, const ProblemOptions& options) {
  // Overrides once, for the evaluations, the remedies and the caps alike.
  auto configured = policy::with_parameters(std::vector<policy::Pack>(given.begin(), given.end()), options.params);
  if (!configured) return std::unexpected(configured.error());
  const std::span<const policy::Pack> packs = *configured;
  PlanProblem p;
  p.currency = catalog.currency;
  p.end_of_life_factor = catalog.end_of_life_factor;
  p.start = resources.start.value_or(month_of(options.as_of));
  p.horizon = resources.horizon;
  if (p.horizon < p.start)
    return fail(file_problem("", fmt::format("the horizon {} is before the start {}: give a later horizon",
                                             format_month(p.horizon), format_month(p.start))));
  if (p.horizon - p.start + 1 > kMaxPlanMonths)
    return fail(file_problem("", fmt::format("{} months from {} to {}: a plan spans at most {} months",
                                             p.horizon - p.start + 1, format_month(p.start), format_month(p.horizon),
                                             kMaxPlanMonths)));
  const Date start_date = first_day(p.start);
  const Date after = first_day(p.horizon + 1);

  // The dates the packs' findings can change on, within the plan's months.
  std::set<Date> dates{start_date};
  std::vector<CapAt> caps;
  for (const auto& pack : packs)
    for (const auto& rule : pack.rules) {
      if (rule.effective != kNoDate && rule.effective > start_date && rule.effective < after) dates.insert(rule.effective);
      const Date cap_date = std::max(rule.effective == kNoDate ? start_date : rule.effective, start_date);
      if (rule.kind() == policy::RuleKind::cap && cap_date < after && (rule.end == kNoDate || rule.end > cap_date))
        caps.push_back({&pack, &rule, cap_date});
    }

  // The first date each element is flagged on.
  std::vector<Date> first(inv.elements.size(), kNoDate);
  policy::EvaluationOptions evaluation;
  evaluation.serving_radius_km = options.serving_radius_km;
  std::shared_ptr<const policy::PolicyExposure> exposure;
  for (const Date date : dates) {
    evaluation.as_of = date;
    evaluation.exposure = exposure;
    auto ev = policy::evaluate(packs, inv, evaluation);
    if (!ev) return std::unexpected(ev.error());
    exposure = ev->exposure;
    const auto flag = [&](Index e) {
      if (first[e] == kNoDate) first[e] = date;
    };
    for (std::uint32_t r = 0; r < ev->rules.size(); ++r) {
      const policy::RuleOutcome& rule = ev->rules[r];
      if (!rule.in_force) continue;
      if (rule.kind == policy::RuleKind::forbid || rule.kind == policy::RuleKind::proximity) {
        ev->findings.flagged(r).for_each([&](std::size_t row) { flag(static_cast<Index>(row)); });
      } else if (rule.kind == policy::RuleKind::exposure && policy::vetted_findings(*ev, r) > 0) {
        for (const Index e : policy::remedy_of(packs, r, inv, *ev).elements) flag(e);
      }
    }
  }

  // Items: one per site, operator and deadline month.
  std::map<std::string, std::uint32_t> region_of;
  std::map<std::tuple<Index, Index, Month>, std::uint32_t> item_at;
  std::vector<std::uint32_t> item_of(inv.elements.size(), UINT32_MAX);
  std::vector<std::uint32_t> operator_of(inv.operators.size(), UINT32_MAX);
  const ElementTable& el = inv.elements;
  for (Index e = 0; e < el.size(); ++e) {
    if (first[e] == kNoDate) continue;
    const FunctionInfo& function = inv.function_of(e);
    const CatalogFigure* figure = catalog.of(function.id);
    if (!figure)
      return fail(file_problem(options.catalog_file,
                               fmt::format("the catalog has no figure for function '{}' (element {} is to be replaced): "
                                           "add it under `functions`",
                                           function.id, inv.str(el.id[e]))));
    const Month deadline = first[e] <= start_date ? p.start : last_month_before(first[e]);
    const Index site = el.site[e];
    const Index op = el.op[e] == kNoIndex ? inv.sites.op[site] : el.op[e];
    auto [it, added] = item_at.try_emplace({site, op, deadline}, static_cast<std::uint32_t>(p.items.size()));
    if (added) {
      const std::string region =
          inv.sites.region[site] == kEmptyStr ? std::string(kNoRegion) : std::string(inv.str(inv.sites.region[site]));
      const auto [r, new_region] = region_of.try_emplace(region, static_cast<std::uint32_t>(region_of.size()));
      if (operator_of[op] == UINT32_MAX) {
        operator_of[op] = static_cast<std::uint32_t>(p.operators.size());
        p.operators.emplace_back(inv.str(inv.operators.id[op]));
      }
      WorkItem item;
      item.site = std::string(inv.str(inv.sites.id[site]));
      item.id = fmt::format("{}@{}{}", item.site, format_month(deadline),
                            op == inv.sites.op[site] ? std::string() : fmt::format("/{}", p.operators[operator_of[op]]));
      item.op = operator_of[op];
      item.region = r->second;
      item.deadline = deadline;
      item.crew_days = catalog.site_visit.crew_days;
      item.visit_cost = catalog.site_visit.cost;
      p.items.push_back(std::move(item));
    }
    WorkItem& item = p.items[it->second];
    item.elements.emplace_back(inv.str(el.id[e]));
    item.crew_days += figure->crew_days;
    item.element_costs.push_back({.cost = figure->cost, .end_of_life = end_of_life(el.installed[e], figure->lifetime_years)});
    item_of[e] = it->second;
  }

  // Regions (in the order items first met them, then by name) and their crews.
  p.regions.resize(region_of.size());
  for (const auto& [name, r] : region_of) p.regions[r] = name;
  for (const auto& region : p.regions) p.capacity.emplace_back(p.months(), resources.crews_in(region));
  p.first_year = year_of(p.start);
  for (const auto& op : p.operators) {
    auto& budget = p.budget.emplace_back();
    for (std::size_t y = 0; y < p.years(); ++y) budget.push_back(resources.budget_of(op, p.first_year + static_cast<int>(y)));
  }

  // Weights: the facilities each site serves.
  if (resources.facility_weight > 0 && inv.facilities.size() > 0) {
    std::vector<Index> all(inv.facilities.size());
    for (Index f = 0; f < all.size(); ++f) all[f] = f;
    const ListColumn<Index> serving = graph::serving_sites(inv, options.serving_radius_km, all);
    std::vector<double> serves(inv.sites.size(), 0);
    for (Index f = 0; f < all.size(); ++f)
      for (const Index s : serving[f]) serves[s] += 1;
    std::map<std::string, double> by_site;
    for (Index s = 0; s < inv.sites.size(); ++s)
      if (serves[s] > 0) by_site[std::string(inv.str(inv.sites.id[s]))] = serves[s];
    for (WorkItem& item : p.items)
      if (const auto it = by_site.find(item.site); it != by_site.end()) item.weight = 1 + resources.facility_weight * it->second;
  }

  for (const CapAt& at : caps) add_caps(inv, at, item_of, p.caps);
  p.new_build = {.sites_per_month = resources.new_sites_per_month,
                 .total = resources.new_sites_total,
                 .crew_days_per_site = catalog.site_visit.crew_days};
  return p;
}

}  // namespace netvet::plan
