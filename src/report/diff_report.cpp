#include "report/diff_report.h"

#include <algorithm>
#include <string>

#include "model/stats.h"
#include "report/stats_report.h"

namespace netvet::report {
namespace {

nlohmann::ordered_json field_value(const Inventory& inv, Index e, ElementField field) {
  if (field == ElementField::generation) {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (std::string_view g : generation_names(inv.elements.generation[e])) list.push_back(g);
    return list;
  }
  std::string text = element_field_text(inv, e, field);
  if (text.empty()) return nullptr;
  return text;
}

nlohmann::ordered_json element_summary(const Inventory& inv, Index e) {
  return {{"id", inv.str(inv.elements.id[e])},
          {"operator", element_field_text(inv, e, ElementField::operator_)},
          {"site", element_field_text(inv, e, ElementField::site)},
          {"function", element_field_text(inv, e, ElementField::function)},
          {"vendor", element_field_text(inv, e, ElementField::vendor)}};
}

// One operator's domains of one side, by domain.
struct Side {
  const OperatorStats* stats = nullptr;
  const DomainShares* domain(Domain d) const {
    if (stats == nullptr) return nullptr;
    for (const auto& shares : stats->domains)
      if (shares.domain == d) return &shares;
    return nullptr;
  }
};

const OperatorStats* stats_of(const Inventory& inv, const InventoryStats& stats, std::string_view op) {
  for (const auto& o : stats.per_operator)
    if (inv.str(inv.operators.id[o.op]) == op) return &o;
  return nullptr;
}

// Shares per operator (after's operators first, then those only before had) and domain.
nlohmann::ordered_json shares_json(const Inventory& before, const Inventory& after) {
  const InventoryStats before_stats = compute_stats(before), after_stats = compute_stats(after);
  std::vector<std::string> operators;
  for (Index o = 0; o < after.operators.size(); ++o) operators.emplace_back(after.str(after.operators.id[o]));
  for (Index o = 0; o < before.operators.size(); ++o)
    if (!after.find_operator(before.str(before.operators.id[o])))
      operators.emplace_back(before.str(before.operators.id[o]));
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const auto& op : operators) {
    const Side was{stats_of(before, before_stats, op)}, is{stats_of(after, after_stats, op)};
    nlohmann::ordered_json domains = nlohmann::ordered_json::array();
    for (std::size_t d = 0; d < kDomainCount; ++d) {
      const auto domain = static_cast<Domain>(d);
      const DomainShares *then = was.domain(domain), *now = is.domain(domain);
      if (then == nullptr && now == nullptr) continue;
      domains.push_back({{"domain", domain_name(domain)},
                         {"before", then ? domain_shares_json(before, *then) : nlohmann::ordered_json(nullptr)},
                         {"after", now ? domain_shares_json(after, *now) : nlohmann::ordered_json(nullptr)}});
    }
    out.push_back({{"operator", op}, {"domains", std::move(domains)}});
  }
  return out;
}

}  // namespace

nlohmann::ordered_json diff_json(const Inventory& before, const Inventory& after, const InventoryDiff& diff) {
  nlohmann::ordered_json added = nlohmann::ordered_json::array(), removed = nlohmann::ordered_json::array(),
                         changed = nlohmann::ordered_json::array();
  for (Index e : diff.added) added.push_back(element_summary(after, e));
  for (Index e : diff.removed) removed.push_back(element_summary(before, e));
  for (const auto& change : diff.changed) {
    nlohmann::ordered_json fields = nlohmann::ordered_json::object();
    for (std::size_t f = 0; f < kElementFieldCount; ++f) {
      const auto field = static_cast<ElementField>(f);
      if ((change.fields & field_bit(field)) == 0) continue;
      fields[std::string(name_of(field))] = {{"before", field_value(before, change.before, field)},
                                             {"after", field_value(after, change.after, field)}};
    }
    changed.push_back({{"id", after.str(after.elements.id[change.after])}, {"fields", std::move(fields)}});
  }
  return {{"summary",
           {{"added", diff.added.size()},
            {"removed", diff.removed.size()},
            {"changed", diff.changed.size()},
            {"unchanged", diff.unchanged}}},
          {"added", std::move(added)},
          {"removed", std::move(removed)},
          {"changed", std::move(changed)},
          {"shares", shares_json(before, after)}};
}

}  // namespace netvet::report
