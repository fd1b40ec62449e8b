#pragma once
// Internal to src/policy: what each rule kind's evaluation receives, and the helpers they
// share for recording findings.
//
// Rules run on several threads (evaluate.cpp), so a rule writes only into its own
// RuleOutcome and RuleResult; evaluate() stitches the results together in rule order.

#include <string>

#include "policy/evaluate.h"
#include "policy/expression.h"

namespace netvet::policy {

// What one rule raised besides its element mask: aggregate findings (their `note`
// indexes `notes` here until evaluate() merges them) and measures.
struct RuleResult {
  std::vector<Finding> aggregates;
  std::vector<std::string> notes;
  std::vector<std::string> clauses;  // per note: its own clause, or empty (Evaluation::clauses)
  std::vector<std::size_t> subject_words;  // per note: Evaluation::subject_words
  std::vector<Measure> measures;
};

struct RuleContext {
  const Pack& pack;
  const Rule& rule;
  std::uint32_t rule_index;  // into Evaluation::rules
  const Inventory& inventory;
  SelectorEvaluator& selectors;
  const EvaluationOptions& options;
  RuleOutcome& out_rule;
  RuleResult& result;
  RowMask& flagged;                  // the rule's element findings
  std::vector<SiteReason>& reasons;  // proximity: why each site is sensitive
  const PolicyExposure* exposure;    // exposure: the facilities', computed once (else null)

  RowMask select(const PackSelector& s) { return selectors.elements(s.selector.expr, pack.scope()); }
  RuleOutcome& outcome() { return out_rule; }

  // An aggregate finding (per operator, region or facility) with its message. A
  // facility's message opens with the facility's words (its kind, id, name, owner):
  // `subject_words` is their length, so a redacted report can word them without them.
  // Returns it, for the caller to add a severity of its own.
  Finding& aggregate_finding(SubjectType kind, Index row, StrId subject, StrId op, StrId vendor, std::uint8_t domain,
                             std::string message, std::string clause = {}, std::size_t subject_words = 0);
  Measure measure(std::string op, std::string unit, double value, double limit, bool ok) const;
};

void run_forbid(RuleContext& ctx);
void run_cap(RuleContext& ctx, const CapRule& cap);
void run_proximity(RuleContext& ctx, const ProximityRule& proximity);
void run_require(RuleContext& ctx, const RequireRule& require);
void run_diversity(RuleContext& ctx, const DiversityRule& diversity);
void run_exposure(RuleContext& ctx, const ExposureRule& exposure);
// Whether an exposure rule concerns facility row `facility`: its kinds, owners and location.
bool concerns(const ExposureRule& exposure, const Inventory& inventory, Index facility);
// The ExposureWay bits (graph/exposure.h) of an exposure rule's `via`.
std::uint8_t way_bits(std::span<const ExposureVia> via);
// "unavoidable or influence vendor in hrv": an exposure rule's clause, as its selector.
std::string exposure_clause(const ExposureRule& exposure);

// The clause of an isolated facility's finding (evaluate.h: unvetted()).
inline constexpr std::string_view kIsolatedClause = "isolated";

// "37.5%"
std::string percent(double share);

}  // namespace netvet::policy
