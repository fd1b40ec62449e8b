// project_network(): date by date, the regime's remedies made, then the sharing packs
// judged again.

#include "alliance/projection.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <stdexcept>

#include "policy/remedy.h"

namespace netvet::alliance {

ProjectionDates projection_dates(std::span<const policy::Pack> regime, std::span<const policy::Pack> sharing, Date after) {
  std::map<Date, std::vector<std::string>> events;
  for (const auto packs : {regime, sharing})
    for (const auto& pack : packs)
      for (const auto& rule : pack.rules) {
        if (rule.effective != kNoDate && rule.effective > after)
          events[rule.effective].push_back(fmt::format("{}/{} takes effect", pack.id, rule.id));
        if (rule.end != kNoDate && rule.end > after) events[rule.end].push_back(fmt::format("{}/{} ends", pack.id, rule.id));
      }
  ProjectionDates out;
  for (auto& [date, list] : events) {
    out.dates.push_back(date);
    out.events.push_back(std::move(list));
  }
  return out;
}

namespace {

// What the regime requires replaced on `date`: the remedies of its rules with findings.
// A require rule is met by evidence (a certificate), not by another vendor: the projection
// assumes the evidence is obtained and replaces nothing for it.
std::vector<Index> required_on(Date date, const Inventory& inventory, std::span<const policy::Pack> regime,
                               const policy::EvaluationOptions& options, const policy::RemedyOptions& remedy_options) {
  policy::EvaluationOptions on = options;
  on.as_of = date;
  auto required = policy::evaluate(regime, inventory, on);
  if (!required) throw std::logic_error("projection: a regime pack that loaded failed to evaluate");
  std::vector<Index> replace;
  for (std::uint32_t r = 0; r < required->rules.size(); ++r) {
    const policy::RuleOutcome& rule = required->rules[r];
    if (!rule.in_force || rule.kind == policy::RuleKind::require || required->findings.count_of(r) == 0) continue;
    const auto remedy = policy::remedy_of(regime, r, inventory, *required, remedy_options);
    replace.insert(replace.end(), remedy.elements.begin(), remedy.elements.end());
  }
  std::ranges::sort(replace);
  replace.erase(std::unique(replace.begin(), replace.end()), replace.end());
  return replace;
}

}  // namespace

NetworkProjection project_network(Inventory inventory, std::span<const policy::Pack> regime,
                                  std::span<const policy::Pack> sharing, Date from, std::span<const Date> dates,
                                  const policy::EvaluationOptions& options, const std::string& replacement) {
  NetworkProjection out;
  policy::RemedyOptions remedy_options;
  remedy_options.replacement = replacement;
  // Required on the date judged and not yet done: replaced on the first date, even when
  // the rule requiring it ends by then (it was due while it was in force).
  std::vector<Index> overdue = dates.empty() ? std::vector<Index>{} : required_on(from, inventory, regime, options, remedy_options);
  for (std::size_t d = 0; d < dates.size(); ++d) {
    // What the regime finds on the date is what its operators must have replaced by then.
    std::vector<Index> replace = required_on(dates[d], inventory, regime, options, remedy_options);
    if (d == 0) {
      const auto changed = policy::replace_elements(inventory, overdue, replacement);
      if (!changed) throw std::logic_error("projection: the registry does not know the replacement vendor " + replacement);
      out.overdue = *changed;
    }
    const auto changed = policy::replace_elements(inventory, replace, replacement);
    if (!changed) throw std::logic_error("projection: the registry does not know the replacement vendor " + replacement);
    out.replaced.push_back(*changed + (d == 0 ? out.overdue : 0));

    policy::EvaluationOptions on = options;
    on.as_of = dates[d];
    auto judged = policy::evaluate(sharing, inventory, on);
    if (!judged) throw std::logic_error("projection: a sharing pack that loaded failed to evaluate");
    auto& findings = out.findings.emplace_back(judged->rules.size(), 0);
    auto& facilities = out.facilities.emplace_back(judged->rules.size());
    for (std::uint32_t r = 0; r < judged->rules.size(); ++r) {
      if (!judged->rules[r].in_force) continue;
      findings[r] = policy::vetted_findings(*judged, r);
      if (judged->rules[r].kind != policy::RuleKind::exposure) continue;
      judged->findings.for_each_of(r, [&](const policy::Finding& f) {
        if (!policy::unvetted(*judged, f)) facilities[r].emplace_back(inventory.str(inventory.facilities.id[f.row]));
      });
    }
  }
  return out;
}

}  // namespace netvet::alliance
