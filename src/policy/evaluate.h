#pragma once
// Evaluating policy packs against an inventory as of a date: the policy module's door for
// running packs (pack.h loads them).
//
// Phases: parameter overrides are applied to copies of the packs (and re-checked); then,
// for every rule in force on the date, its selectors are evaluated column by column over
// the whole inventory (selector masks shared across rules and packs) and the rule's kind
// turns the masks into findings and measures:
//
//   forbid     every selected element is a finding.
//   cap        per operator (or region), the share of the scope (`within`) that the
//              selected elements take, in sites, elements or subscribers, must be at or
//              under `limit`. A site counts when it has an element in scope / selected; a
//              site's subscribers count for each operator with elements there.
//   proximity  selected elements at sites within `radius_km` of a facility of the given
//              kinds, owners and location, or (serving: true) at sites that serve it:
//              the facility's served_by, or when empty the cell sites that cover it
//              (their range_km, or the serving radius for sites without one:
//              model/coverage.h).
//   require    selected elements without evidence of the type (under one of the rule's
//              schemes) valid on the date, for the element, its model or its vendor.
//   diversity  per operator and domain, among the selected elements: at least
//              `min_vendors` vendors, and no vendor above `max_share` of the elements.
//   exposure   each facility of the given kinds, owners and location exposed to the
//              designation's vendors, taken together, in one of the ways `via` lists
//              (graph/exposure.h): their failure cuts its traffic off from the core
//              (transport; also spelt unavoidable), their kill-switch does (influence),
//              or they run or manage its operators' core control plane (control_plane).
//              As a whole (no serving operator offers a clean way) or, with
//              per_operator, when any serving operator's traffic is exposed. One finding
//              per facility, naming the cut (the designated elements to replace) per
//              operator, the chain of unavoidable elements or the element behind the
//              control plane or influence. A facility that is
//              isolated (no serving cell reaches its operator's core, or no site serves
//              it) cannot be vetted: it is a finding too, at low severity whatever the
//              rule's, so that it is neither passed silently nor ranked with a breach.
//              The exposure of every facility is computed once per evaluation (only when
//              an exposure rule is in force) and shared by every such rule.

#include <algorithm>
#include <iterator>
#include <limits>
#include <memory>
#include <span>
#include <vector>

#include "graph/exposure.h"

#include "policy/mask.h"

#include "model/inventory.h"
#include "policy/finding.h"
#include "policy/pack.h"

namespace netvet::policy {

// The facilities' exposure for the exposure rules of an evaluation: one analysis per
// distinct set of designated vendors the rules name, since exposure to a set is not
// derived from exposure to its members (a path through Huawei and another through ZTE
// leave a facility exposed to both together, to neither alone).
struct PolicyExposure {
  std::vector<std::vector<Index>> designated;  // per analysis: vendors rows, ascending
  std::vector<ExposureReport> reports;         // one per set
  // The analysis of `designated` (vendors rows, ascending); null when there is none.
  const ExposureReport* of(std::span<const Index> designated) const;
};

// The vendors rows of a pack's designation `name` present in the inventory, ascending.
std::vector<Index> designated_rows(const Pack& pack, const std::string& name, const Inventory& inventory);

struct EvaluationOptions {
  Date as_of = kNoDate;                 // required
  std::vector<ParamOverride> params;    // --param NAME=VALUE
  double serving_radius_km = 2.0;       // facilities without served_by: cell sites without a range_km this close serve them
  unsigned threads = 2;                 // rules are spread over this many threads (1: in the caller's)
  // Reused across evaluations of one inventory on several dates (a timeline): the masks
  // that do not depend on the date are computed once. Null: a fresh one.
  SelectorEvaluator* selectors = nullptr;
  // The exposure of this inventory's facilities at this serving radius, from an earlier
  // evaluation (Evaluation::exposure; it does not depend on the date). Null: computed
  // when an exposure rule is in force.
  std::shared_ptr<const PolicyExposure> exposure;
};

// Why a proximity rule flags a site: the facility that makes it sensitive, and how.
struct SiteReason {
  Index facility = kNoIndex;
  float km = 0;          // the distance (NaN: serves it by served_by, distance unknown)
  bool serving = false;  // the site serves the facility
};

// A rule as evaluated: in force or not on the date, how many findings it raised, and what
// its findings' messages share.
struct RuleOutcome {
  std::string policy, rule, title, description, remediation;
  std::vector<PackSource> sources;  // the sources the rule cites
  RuleKind kind = RuleKind::forbid;
  RuleSeverity severity = RuleSeverity::high;
  Date effective = kNoDate;
  Date end = kNoDate;  // no longer in force from this date (kNoDate: open)
  bool in_force = false;
  std::size_t findings = 0;
  // title, description and remediation: with parameters filled in, on one line.
  std::string selector;    // the rule's select as written, on one line
  std::string citation;    // "[gb core-exclusion; source: <titles>]"
  std::string evidence;    // require: "certification under NESAS CCS-GI, Common Criteria or BSZ"
  double radius_km = 0;    // proximity
  double seconds = 0;      // time spent evaluating the rule (for --timings)
};

// Every finding of an evaluation, in pack order, rule order, then subject row order.
//
// Element findings (forbid, proximity, require) are kept as a mask over the element rows
// per rule, not as records: a removal deadline can flag a million elements, and a bit
// each is what evaluation can afford. Iterating yields compact Findings made on the fly
// (by value); aggregates (cap, diversity: operators and regions) are stored as they are.
class FindingList {
 public:
  class iterator {
   public:
    using value_type = Finding;
    using reference = Finding;
    using pointer = void;
    using difference_type = std::ptrdiff_t;
    using iterator_category = std::input_iterator_tag;

    iterator() = default;
    Finding operator*() const;
    iterator& operator++();
    void operator++(int) { ++*this; }
    bool operator==(const iterator& other) const { return rule_ == other.rule_ && row_ == other.row_ && aggregate_ == other.aggregate_; }

   private:
    friend class FindingList;
    static constexpr std::size_t kAggregates = std::numeric_limits<std::size_t>::max();
    void settle();
    const FindingList* list_ = nullptr;
    std::uint32_t rule_ = 0;
    std::size_t row_ = 0;  // the element row, or kAggregates
    std::size_t aggregate_ = 0;
  };

  iterator begin() const;
  iterator end() const;
  std::size_t size() const;
  bool empty() const { return size() == 0; }

  // The element findings of rule `rule` as a mask (0 rows when the rule raises none).
  const RowMask& flagged(std::uint32_t rule) const { return flagged_[rule]; }
  // Proximity rules: why each site row is sensitive (empty for other rules).
  const std::vector<SiteReason>& reasons(std::uint32_t rule) const { return reasons_[rule]; }
  const std::vector<Finding>& aggregates() const { return aggregates_; }
  // The compact finding about element `e` raised by rule `rule`.
  Finding element(std::uint32_t rule, Index e) const;

  // Calls fn(const Finding&) for every finding, in order; faster than iterating.
  template <typename Fn>
  void for_each(Fn&& fn) const {
    for (std::uint32_t r = 0; r < flagged_.size(); ++r) for_each_of(r, fn);
  }
  // The number of findings of one rule (an index into the evaluation's rules).
  std::size_t count_of(std::uint32_t rule) const {
    return flagged_[rule].count() + std::ranges::equal_range(aggregates_, rule, {}, &Finding::rule).size();
  }
  // The same for the findings of one rule.
  template <typename Fn>
  void for_each_of(std::uint32_t rule, Fn&& fn) const {
    flagged_[rule].for_each([&](std::size_t row) { fn(element(rule, static_cast<Index>(row))); });
    const auto [first, last] = std::ranges::equal_range(aggregates_, rule, {}, &Finding::rule);
    for (auto it = first; it != last; ++it) fn(*it);
  }

 private:
  friend struct FindingListAccess;  // evaluate.cpp fills it
  const Inventory* inventory_ = nullptr;       // the inventory evaluated
  std::vector<RowMask> flagged_;               // per rule
  std::vector<std::vector<SiteReason>> reasons_;  // per rule
  std::vector<Finding> aggregates_;            // in rule order
};

struct Evaluation {
  Date as_of = kNoDate;
  FindingList findings;  // refers to the inventory evaluated: keep it alive
  std::vector<Measure> measures;
  std::vector<RuleOutcome> rules;
  std::vector<std::string> notes;  // the messages of aggregate findings (cap, diversity, exposure)
  // Per note: the clause that matched when it is not the rule's selector (exposure:
  // "unavoidable vendor in designated"); empty otherwise.
  std::vector<std::string> clauses;
  // Per note: how many of its leading bytes describe the facility it is about (exposure:
  // "military facility F-BRIX (Brixton barracks, owner GB)"); 0 for other notes. A report
  // with facilities redacted words those bytes again without the facility's id, name and
  // owner (message_of with FacilityAliases).
  std::vector<std::size_t> subject_words;
  // The facilities' exposure, when an exposure rule needed it (one analysis per designated
  // set; no possible paths, which no rule reads); null otherwise.
  std::shared_ptr<const PolicyExposure> exposure;
  double serving_radius_km = 2.0;  // the radius the evaluation used
};

// A finding's severity: its own when graded apart from its rule, else its rule's.
RuleSeverity severity_of(const Evaluation& evaluation, const Finding& finding);
// The clause a finding matched: its own (exposure), else its rule's selector.
const std::string& clause_of(const Evaluation& evaluation, const Finding& finding);
// Whether a finding is an exposure rule's facility that could not be vetted (isolated: no
// serving cell reaches a core). No replacement clears it, and it makes no verdict.
bool unvetted(const Evaluation& evaluation, const Finding& finding);
// The findings of rule `rule` (an index into Evaluation::rules) but unvetted facilities.
std::size_t vetted_findings(const Evaluation& evaluation, std::uint32_t rule);

// Fails only on bad overrides (an unknown parameter, a value that does not fit).
Result<Evaluation> evaluate(std::span<const Pack> packs, const Inventory& inventory, const EvaluationOptions& options);

// A finding as text, with a message that explains itself: the subject, the clause that
// matched (or the measured value against the limit) and the rule's sources.
// `inventory` is the one evaluated.
FindingRecord record_of(const Evaluation& evaluation, const Inventory& inventory, const Finding& finding);
std::vector<FindingRecord> records_of(const Evaluation& evaluation, const Inventory& inventory);
// record_of()'s message alone, for callers that have the rest (reports of a million findings).
std::string message_of(const Evaluation& evaluation, const Inventory& inventory, const Finding& finding);

// The names a report with facilities redacted gives them, by facilities row (empty for a
// facility it does not mention): pseudonyms such as "facility-1" (report/check_from_policy.h).
using FacilityAliases = std::vector<std::string>;
// The message with facilities redacted: a facility is its kind and alias ("military
// facility facility-1"), never its id, name, owner or coordinates, and no distance to it
// is given (three distances from known sites would place it). A proximity finding still
// says whether its site serves the facility or lies within the rule's radius of it, which
// is what the rule is about. A facility the aliases do not name is "facility ?".
std::string message_of(const Evaluation& evaluation, const Inventory& inventory, const Finding& finding,
                       const FacilityAliases& aliases);

}  // namespace netvet::policy
