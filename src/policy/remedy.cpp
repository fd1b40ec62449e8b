// remedy_of(): what each rule kind needs replaced (remedy.h says what; the cap's and the
// exposure's are in remedy_cap.cpp and remedy_exposure.cpp), then the check that
// re-evaluates the rule alone with those replacements made, and for an exposure rule the
// pruning of what the check shows is not needed.

#include "policy/remedy.h"

#include <algorithm>
#include <stdexcept>

#include "policy/remedy_parts.h"

namespace netvet::policy {

void sort_unique(std::vector<Index>& rows) {
  std::ranges::sort(rows);
  rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
}

namespace {

struct RuleRef {
  const Pack* pack = nullptr;
  const Rule* rule = nullptr;
};

// evaluate() lists every rule of its packs, in pack and rule order.
RuleRef rule_at(std::span<const Pack> packs, std::uint32_t index) {
  for (const Pack& pack : packs) {
    if (index < pack.rules.size()) return {&pack, &pack.rules[index]};
    index -= static_cast<std::uint32_t>(pack.rules.size());
  }
  throw std::logic_error("remedy_of: rule index beyond the packs' rules");
}

// The first-round remedy of one rule, before any check.
Remedy remedy_once(const RuleRef& ref, std::uint32_t rule_index, const Inventory& inv, const Evaluation& ev) {
  Remedy out;
  const Rule& rule = *ref.rule;
  switch (rule.kind()) {
    case RuleKind::forbid:
    case RuleKind::proximity:
    case RuleKind::require:
      ev.findings.flagged(rule_index).for_each([&](std::size_t row) { out.elements.push_back(static_cast<Index>(row)); });
      break;
    case RuleKind::cap:
      remedy_cap(*ref.pack, rule, std::get<CapRule>(rule.spec), inv, ev, rule_index, out.elements);
      break;
    case RuleKind::exposure:
      remedy_exposure(*ref.pack, std::get<ExposureRule>(rule.spec), inv, ev, rule_index, out);
      break;
    case RuleKind::diversity:
      out.defined = false;
      out.clears = false;
      break;
  }
  sort_unique(out.elements);
  return out;
}

// Adds `more` to `into`, merging the parts of the same facility and operator.
void merge_parts(std::vector<FacilityRemedy>& into, std::vector<FacilityRemedy>&& more) {
  for (auto& part : more) {
    const auto same = std::ranges::find_if(into, [&](const FacilityRemedy& p) {
      return p.facility == part.facility && p.op == part.op;
    });
    if (same == into.end()) {
      into.push_back(std::move(part));
      continue;
    }
    same->elements.insert(same->elements.end(), part.elements.begin(), part.elements.end());
    sort_unique(same->elements);
  }
}

// The rule alone, evaluated on a copy of the inventory with some elements replaced.
class Checker {
 public:
  Checker(const RuleRef& ref, const Inventory& inventory, const Evaluation& evaluation, std::string replacement)
      : inventory_(inventory), replacement_(std::move(replacement)) {
    alone_ = *ref.pack;
    alone_.rules.assign(1, *ref.rule);
    options_.as_of = evaluation.as_of;
    options_.serving_radius_km = evaluation.serving_radius_km;
    options_.threads = 1;
  }
  const Pack& pack() const { return alone_; }

  // The rule's evaluation of `copy` (a fresh copy of the inventory) with `rows` replaced.
  Evaluation run(std::span<const Index> rows, Inventory& copy) const {
    // A vendor the registry knows is the caller's to pass (scenarios check theirs when
    // they are read): a bug otherwise.
    if (!replace_elements(copy, rows, replacement_))
      throw std::logic_error("remedy_of: the registry does not know the replacement vendor " + replacement_);
    auto checked = evaluate(std::span<const Pack>(&alone_, 1), copy, options_);
    if (!checked) throw std::logic_error("remedy_of: re-evaluating a rule that evaluated failed");
    return std::move(*checked);
  }
  std::size_t left_after(std::span<const Index> rows) const {
    Inventory copy = clone_inventory(inventory_);
    return vetted_findings(run(rows, copy), 0);
  }

 private:
  const Inventory& inventory_;
  std::string replacement_;
  Pack alone_;
  EvaluationOptions options_;
};

}  // namespace

Remedy remedy_of(std::span<const Pack> packs, std::uint32_t rule_index, const Inventory& inventory,
                 const Evaluation& evaluation, const RemedyOptions& options) {
  const RuleRef ref = rule_at(packs, rule_index);
  Remedy remedy = remedy_once(ref, rule_index, inventory, evaluation);
  remedy.left = vetted_findings(evaluation, rule_index);
  if (!remedy.defined || remedy.left == 0) {
    remedy.clears = remedy.left == 0;
    return remedy;
  }

  // The check: the rule alone, on a copy with the replacements made; what it still finds
  // is remedied in turn and checked again, for up to `rounds` checks.
  const Checker checker(ref, inventory, evaluation, options.replacement);
  remedy.clears = false;
  for (std::size_t round = 0; round < options.rounds; ++round) {
    Inventory copy = clone_inventory(inventory);
    const Evaluation checked = checker.run(remedy.elements, copy);
    remedy.left = vetted_findings(checked, 0);
    remedy.clears = remedy.left == 0;
    if (remedy.clears || round + 1 == options.rounds) break;
    Remedy more = remedy_once({&checker.pack(), &checker.pack().rules[0]}, 0, copy, checked);
    const std::size_t before = remedy.elements.size();
    remedy.elements.insert(remedy.elements.end(), more.elements.begin(), more.elements.end());
    sort_unique(remedy.elements);
    merge_parts(remedy.facilities, std::move(more.facilities));
    if (remedy.elements.size() == before) break;  // nothing new to replace: it cannot clear
  }

  // An exposure's ways are chosen one facility and operator at a time, and where the
  // kill-switch counts a way's price is a guess (one element manager can stand behind many
  // of its elements): drop, one by one, what the rule does not need to find nothing.
  if (remedy.clears && ref.rule->kind() == RuleKind::exposure && remedy.elements.size() <= options.prune_up_to) {
    for (std::size_t i = remedy.elements.size(); i-- > 0;) {
      std::vector<Index> without = remedy.elements;
      without.erase(without.begin() + static_cast<std::ptrdiff_t>(i));
      if (checker.left_after(without) == 0) remedy.elements = std::move(without);
    }
    for (auto& part : remedy.facilities)
      std::erase_if(part.elements, [&](Index e) { return !std::ranges::binary_search(remedy.elements, e); });
    std::erase_if(remedy.facilities, [](const FacilityRemedy& part) { return part.elements.empty(); });
  }
  return remedy;
}

}  // namespace netvet::policy
