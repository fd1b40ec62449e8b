// remedy_cap(): per group (operator or region) over its limit, the fewest counted
// elements whose replacement brings it within — counted as rule_cap.cpp counts.

#include <algorithm>

#include "policy/remedy_parts.h"
#include "policy/rule_context.h"

namespace netvet::policy {
namespace {

// One group's counted elements at one site.
struct SiteCount {
  Index site = 0;
  std::vector<Index> elements;
  double weight = 1;  // the site's subscribers, for a cap in subscribers
};

}  // namespace

void remedy_cap(const Pack& pack, const Rule& rule, const CapRule& cap, const Inventory& inv, const Evaluation& ev,
                std::uint32_t rule_index, std::vector<Index>& out) {
  const ElementTable& el = inv.elements;
  SelectorEvaluator selectors(inv, ev.as_of);
  const RowMask scope = selectors.elements(cap.within.selector.expr, pack.scope());
  RowMask counted = selectors.elements(rule.select.selector.expr, pack.scope());
  counted &= scope;
  const CapUnit unit = parse_cap_unit(value_of(cap.unit, pack).text).value_or(CapUnit::sites);
  const double limit = value_of(cap.limit, pack).number + 1e-12;  // as run_cap compares

  // The groups over their limit: the aggregate findings name them (operator rows; regions
  // by their text).
  std::vector<Index> over_ops;
  std::vector<StrId> over_regions;
  ev.findings.for_each_of(rule_index, [&](const Finding& f) {
    if (f.kind == SubjectType::op) over_ops.push_back(f.row);
    if (f.kind == SubjectType::region) over_regions.push_back(f.subject);
  });
  const auto in_group = [&](Index e, std::size_t g) {
    return cap.per == CapScope::op ? el.op[e] == over_ops[g] : inv.sites.region[el.site[e]] == over_regions[g];
  };
  const std::size_t groups = cap.per == CapScope::op ? over_ops.size() : over_regions.size();
  for (std::size_t g = 0; g < groups; ++g) {
    // The group's scope and counted elements, per site.
    std::vector<SiteCount> sites;
    std::vector<Index> slot(inv.sites.size(), kNoIndex);
    double total = 0, numerator = 0;
    std::vector<std::uint8_t> site_in_scope(inv.sites.size(), 0);
    scope.for_each([&](std::size_t row) {
      const auto e = static_cast<Index>(row);
      if (!in_group(e, g)) return;
      const Index s = el.site[e];
      const double subscribers = static_cast<double>(std::max<std::int64_t>(0, inv.sites.subscribers[s]));
      if (unit == CapUnit::elements) total += 1;
      else if (!site_in_scope[s]) total += unit == CapUnit::sites ? 1 : subscribers;
      site_in_scope[s] = 1;
      if (!counted.test(row)) return;
      if (slot[s] == kNoIndex) {
        slot[s] = static_cast<Index>(sites.size());
        sites.push_back({.site = s, .elements = {}, .weight = unit == CapUnit::subscribers ? subscribers : 1});
        if (unit != CapUnit::elements) numerator += sites.back().weight;
      }
      sites[slot[s]].elements.push_back(e);
      if (unit == CapUnit::elements) numerator += 1;
    });
    // How much must go: the numerator may keep at most limit * total.
    double excess = numerator - limit * total;
    if (excess <= 0) continue;
    if (unit == CapUnit::subscribers) {
      // Most subscribers per element replaced first; ties by site row.
      std::ranges::stable_sort(sites, [](const SiteCount& a, const SiteCount& b) {
        return a.weight * static_cast<double>(b.elements.size()) > b.weight * static_cast<double>(a.elements.size());
      });
    } else {
      std::ranges::stable_sort(sites, {}, [](const SiteCount& s) { return s.elements.size(); });
    }
    for (const SiteCount& s : sites) {
      if (excess <= 0) break;
      if (unit == CapUnit::elements) {
        for (const Index e : s.elements) {
          if (excess <= 0) break;
          out.push_back(e);
          excess -= 1;
        }
      } else {
        out.insert(out.end(), s.elements.begin(), s.elements.end());
        excess -= s.weight;
      }
    }
  }
}


}  // namespace netvet::policy
