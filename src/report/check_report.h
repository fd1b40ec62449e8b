#pragma once
// What `netvet check` found, as plain values: the one input of every check renderer
// (text, JSON, SARIF, JUnit, CSV, HTML; see report/check_formats.h). It mirrors the
// `check` JSON of shared/spec/cli.md field for field, so the report module needs nothing
// from the policy engine: the application maps the engine's results into this struct.
//
// Renderers keep the order they are given (the engine emits findings sorted), and treat
// a waived finding as reported but not counting against compliance.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/tables.h"
#include "model/vendors.h"
#include "util/date.h"

namespace netvet::report {

// Named FindingSeverity, not Severity, which is a diagnostic's (util/diagnostic.h).
enum class FindingSeverity : std::uint8_t { critical, high, medium, low };
inline constexpr std::size_t kSeverityCount = 4;
// What a finding is about: cli.md's four kinds, and a region for caps set per region;
// `operator_` because `operator` is a keyword.
enum class SubjectType : std::uint8_t { element, site, operator_, facility, region };
enum class MeasureUnit : std::uint8_t { sites, elements, subscribers, vendors };

std::string_view severity_name(FindingSeverity s);    // "critical" ...
std::string_view subject_name(SubjectType s);  // "element", "site", "operator", "facility", "region"
std::string_view unit_name(MeasureUnit u);     // "sites" ...

struct PolicyRef {
  std::string id, title, version;
};

// Where a rule comes from (the law, direction or guidance it encodes): netvet::Source,
// {title, url}, as the vendor registry cites its sources.
inline bool has_source(const Source& s) { return !s.title.empty() || !s.url.empty(); }

// A limit rule's measured value, when a finding is the breach of a limit.
struct Measurement {
  double value = 0, limit = 0;
  MeasureUnit unit = MeasureUnit::sites;
  bool at_least = false;  // the limit is a minimum (vendors), not a cap
};

// A measured value in words: a share as "66.7% of sites", a count as "1 vendor".
std::string measure_text(double value, MeasureUnit unit);
// "66.7% of sites against a cap of 35.0%", "1 vendor against a minimum of 2".
std::string measured_text(const Measurement& measured);

struct Finding {
  std::string policy, rule;
  FindingSeverity severity = FindingSeverity::high;
  SubjectType subject_kind = SubjectType::element;
  std::string subject_id;
  std::string op;      // operator id; empty when the subject has none
  std::string vendor;  // canonical vendor id; empty when not about one vendor
  Date effective = kNoDate;  // when the obligation took effect; kNoDate: unknown
  std::string message;
  std::string clause;  // the part of the rule that matched, e.g. "vendor in designated and domain = core"
  std::optional<Measurement> measured;
  std::string fingerprint;  // stable identity across runs; empty: derived (finding_fingerprint)
  bool waived = false;
  std::string waiver;  // the waiver's reason (and reference), when waived
  Source source;       // empty: the rule's source
  Index site = kNoIndex;  // inventory sites row the finding sits on, for the map
  std::string remediation;
};

struct Measure {
  std::string policy, rule, op;
  double value = 0, limit = 0;  // shares are fractions: 0.41 against a cap of 0.35
  MeasureUnit unit = MeasureUnit::sites;
  bool ok = true;
  // The numerator and denominator of a share ("1,234 of 3,010 sites"); -1 when unknown.
  std::int64_t count = -1, total = -1;
  std::string scope;  // what within the operator is measured (a domain, a region); empty: all of it
  bool at_least = false;  // the limit is a minimum (at least 2 vendors), not a cap
};

// A rule's description, for SARIF rules[], JUnit test names and text headings.
struct RuleInfo {
  std::string policy, rule, title, description;
  FindingSeverity severity = FindingSeverity::high;
  Source source;
  // When the rule applies: in force on the report's date, or from `effective` (not yet)
  // or until `end` (no longer). kNoDate: unknown or open.
  bool in_force = true;
  Date effective = kNoDate, end = kNoDate;
};

// "not in force until 2027-12-31" / "no longer in force since 2024-01-01" for a rule not
// in force on `as_of`; empty when it is.
std::string not_in_force_text(const RuleInfo& rule, Date as_of);

// Who a finding's empty operator stands for, in words: a facility that no site serves
// has "no serving operator"; a cap per region spans operators.
std::string_view no_operator_text(SubjectType kind);

// An operator's size, the N of "x of N" when the engine gives no scope for a rule.
struct OperatorInfo {
  std::string id, name;
  std::int64_t sites = 0, elements = 0, subscribers = 0;
};

// How many subjects one rule examined for one operator (the N of "x of N").
struct RuleScope {
  std::string policy, rule, op;
  std::int64_t examined = 0;
};

// A run against an earlier one's output (--baseline): the findings it already had are
// left out of the report.
struct BaselineUse {
  std::string file;
  std::int64_t known = 0;  // findings left out
};

struct CheckReport {
  Date as_of = kNoDate;
  std::string inventory;  // the inventory's name, for headings
  std::string country;    // ISO 3166-1 alpha-2, or empty
  std::string tool_version;     // empty: this build's version
  std::string information_uri;  // the project's home page for SARIF; empty: left out
  std::vector<PolicyRef> policies;
  std::vector<RuleInfo> rules;
  std::vector<Finding> findings;
  std::vector<Measure> measures;
  std::vector<OperatorInfo> operators;
  std::vector<RuleScope> scopes;
  // A what-if run (--assume): the assumptions, as written, that changed the inventory
  // in memory before evaluation. Empty: the real network.
  std::vector<std::string> assumptions;
  std::optional<BaselineUse> baseline;
  // For the HTML report's exposure section (not part of the JSON contract): the vendors
  // of every designation of the packs (canonical ids, sorted) and the serving radius.
  std::vector<std::string> designated;
  double serving_radius_km = 2.0;
};

// ---- Helpers shared by the renderers ----

struct CheckSummary {
  std::int64_t findings = 0;  // every finding, waived or not
  std::array<std::int64_t, kSeverityCount> by_severity{};  // indexed by FindingSeverity
  std::int64_t waived = 0;
  bool compliant = true;  // no unwaived finding
};
CheckSummary summarize(const CheckReport& report);

// "policy/rule", the id SARIF and CSV consumers see.
std::string rule_key(std::string_view policy, std::string_view rule);

// Every rule the report mentions, in order: report.rules first, then rules that appear
// only in findings or measures (described by their id alone).
std::vector<RuleInfo> all_rules(const CheckReport& report);

// The rule's source, or the finding's own when it has one.
const Source& source_of(const CheckReport& report, const Finding& finding);

// source_of() for findings taken in the report's order: it remembers the last rule, since
// the engine emits findings grouped by rule (a million findings, a handful of rules).
class RuleSources {
 public:
  explicit RuleSources(const CheckReport& report) : report_(report) {}
  const Source& operator()(const Finding& finding);

 private:
  const CheckReport& report_;
  const RuleInfo* last_ = nullptr;
};

// The finding's fingerprint: its own, or a hash of what identifies it across runs
// (policy, rule, subject and vendor; never the message, whose wording may change).
std::string finding_fingerprint(const Finding& finding);

// The N of "x of N" for a rule and operator: the rule's scope when given, else the
// operator's count of that subject kind; nothing when unknown.
std::optional<std::int64_t> examined(const CheckReport& report, std::string_view policy, std::string_view rule,
                                     std::string_view op, SubjectType kind);

// This build's version ("0.1.0").
std::string_view netvet_version();

}  // namespace netvet::report
