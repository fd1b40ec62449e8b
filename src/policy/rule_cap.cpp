// cap: per operator (or region), the share of the scope taken by the selected elements,
// counted in sites, elements or subscribers, must stay at or under the limit.

#include <absl/container/flat_hash_map.h>
#include <fmt/format.h>

#include "policy/rule_context.h"
#include "util/text.h"

namespace netvet::policy {
namespace {

constexpr std::uint8_t kInScope = 1, kMatched = 2;

// Groups of a cap: operators, or the regions of sites (dense ids, with their labels).
struct Groups {
  std::vector<std::string> labels;
  std::vector<StrId> ids;      // the operator id or the region, in the inventory's strings
  std::vector<Index> of_site;  // per region: the group of each site
};

Groups groups_of(const Inventory& inv, CapScope per) {
  Groups groups;
  if (per == CapScope::op) {
    for (const auto id : inv.operators.id) groups.labels.emplace_back(inv.str(id));
    groups.ids = inv.operators.id;
    return groups;
  }
  absl::flat_hash_map<StrId, Index> by_region;
  groups.of_site.assign(inv.sites.size(), kNoIndex);
  for (Index s = 0; s < inv.sites.size(); ++s) {
    const StrId region = inv.sites.region[s];
    auto [it, added] = by_region.try_emplace(region, static_cast<Index>(groups.labels.size()));
    if (added) {
      groups.labels.emplace_back(region == kEmptyStr ? "(no region)" : inv.str(region));
      groups.ids.push_back(region);
    }
    groups.of_site[s] = it->second;
  }
  return groups;
}

}  // namespace

void run_cap(RuleContext& ctx, const CapRule& cap) {
  const Inventory& inv = ctx.inventory;
  const ElementTable& el = inv.elements;
  const RowMask scope = ctx.select(cap.within);
  RowMask counted = ctx.select(ctx.rule.select);
  counted &= scope;
  const CapUnit unit = parse_cap_unit(value_of(cap.unit, ctx.pack).text).value_or(CapUnit::sites);
  const double limit = value_of(cap.limit, ctx.pack).number;

  const Groups groups = groups_of(inv, cap.per);
  auto group_of = [&](Index e) { return cap.per == CapScope::op ? el.op[e] : groups.of_site[el.site[e]]; };
  std::vector<double> numerator(groups.labels.size(), 0), denominator(groups.labels.size(), 0);

  if (unit == CapUnit::elements) {
    scope.for_each([&](std::size_t row) {
      const Index g = group_of(static_cast<Index>(row));
      denominator[g] += 1;
      if (counted.test(row)) numerator[g] += 1;
    });
  } else {
    // A site counts once per group: flags per site for its first group, and a side table
    // for the (rare) sites that host elements of several operators.
    std::vector<Index> site_group(inv.sites.size(), kNoIndex);
    std::vector<std::uint8_t> site_flags(inv.sites.size(), 0);
    absl::flat_hash_map<std::uint64_t, std::uint8_t> shared;  // group << 32 | site
    scope.for_each([&](std::size_t row) {
      const auto e = static_cast<Index>(row);
      const Index s = el.site[e];
      const Index g = group_of(e);
      const auto flags = static_cast<std::uint8_t>(kInScope | (counted.test(row) ? kMatched : 0));
      if (site_group[s] == kNoIndex || site_group[s] == g) {
        site_group[s] = g;
        site_flags[s] = static_cast<std::uint8_t>(site_flags[s] | flags);
      } else {
        auto& f = shared[std::uint64_t{g} << 32 | s];
        f = static_cast<std::uint8_t>(f | flags);
      }
    });
    auto add = [&](Index g, Index s, std::uint8_t flags) {
      const auto subscribers = inv.sites.subscribers[s];
      const double weight = unit == CapUnit::sites ? 1.0 : static_cast<double>(std::max<std::int64_t>(0, subscribers));
      denominator[g] += weight;
      if (flags & kMatched) numerator[g] += weight;
    };
    for (Index s = 0; s < inv.sites.size(); ++s) {
      if (site_group[s] != kNoIndex) add(site_group[s], s, site_flags[s]);
    }
    for (const auto& [key, flags] : shared) add(static_cast<Index>(key >> 32), static_cast<Index>(key & 0xffffffffU), flags);
  }

  const std::string_view unit_name = name_of(unit);
  // The clause that matched (the rule's select) is shown beside the message; the scope
  // is not, so the message names it, on one line.
  const std::string matched_phrase = unit == CapUnit::elements ? "match"
                                     : unit == CapUnit::sites  ? "have a matching element"
                                                               : "are served by sites with a matching element";
  const std::string within = one_line(cap.within.selector.text);
  const std::string in_scope = within == "true" ? std::string() : fmt::format(" in scope `{}`", within);
  for (Index g = 0; g < groups.labels.size(); ++g) {
    if (denominator[g] <= 0) continue;
    const double share = numerator[g] / denominator[g];
    const bool ok = share <= limit + 1e-12;
    const std::string& label = groups.labels[g];
    Measure m = ctx.measure(cap.per == CapScope::op ? label : std::string(), std::string(unit_name), share, limit, ok);
    if (cap.per == CapScope::region) m.region = label;
    m.count = numerator[g];
    m.total = denominator[g];
    ctx.result.measures.push_back(std::move(m));
    if (ok) continue;
    const std::string message =
        fmt::format("{} {}: {} of {} {} ({}){} {}; the limit is {} {}", name_of(cap.per), label, numerator[g],
                    denominator[g], unit_name, percent(share), in_scope, matched_phrase, percent(limit),
                    ctx.outcome().citation);
    const bool by_operator = cap.per == CapScope::op;
    ctx.aggregate_finding(by_operator ? SubjectType::op : SubjectType::region, by_operator ? g : kNoIndex, groups.ids[g],
                          by_operator ? groups.ids[g] : kEmptyStr, kEmptyStr, kNoDomain, message);
  }
}

}  // namespace netvet::policy
