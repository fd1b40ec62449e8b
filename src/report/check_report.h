#pragma once
// What `netvet check` found, as plain values: the one input of every check renderer
// (text, JSON, SARIF, JUnit, CSV, HTML; see report/check_formats.h). It mirrors the
// `check` JSON of shared/spec/cli.md field for field, so the report module needs nothing
// from the policy engine: the application maps the engine's results into this struct.
// Findings borrow their text rather than copy it (see Finding): a report is rendered
// while what it was made from (the inventory, the evaluation) is still alive.
//
// Renderers keep the order they are given (the engine emits findings sorted), and treat
// a waived finding as reported but not counting against compliance.

#include <array>
#include <cstdint>
#include <memory>
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

// One finding. A national network raises a million of them, so a finding holds no text
// that its rule, the inventory or another finding already has: its rule's (policy, rule
// id, source, remediation) through `rule`; its subject, operator, vendor, clause and
// waiver as views of text that outlives the report (the inventory's strings, the
// evaluation's, the caller's waivers; string literals in a report made by hand); and its
// message, the one text of its own, is worded only when a renderer writes it
// (CheckReport::messages). About 160 bytes a finding, where copies of every string took
// 450 before any message.
struct Finding {
  std::uint32_t rule = 0;  // index into CheckReport::rules
  FindingSeverity severity = FindingSeverity::high;
  SubjectType subject_kind = SubjectType::element;
  bool waived = false;
  Date effective = kNoDate;  // when the obligation took effect; kNoDate: unknown
  Index site = kNoIndex;     // inventory sites row the finding sits on, for the map
  // Inventory facilities row the finding is about (exposure) or near (proximity); for
  // redaction (report/check_from_policy.h), never written.
  Index facility = kNoIndex;
  std::string_view subject_id;
  std::string_view op;      // operator id; empty when the subject has none
  std::string_view vendor;  // canonical vendor id; empty when not about one vendor
  std::string_view clause;  // the part of the rule that matched, e.g. "vendor in designated and domain = core"
  std::string_view waiver;  // the waiver's reason (and reference), when waived
  const Source* source = nullptr;  // the finding's own source; null: its rule's
  std::optional<Measurement> measured;
  std::optional<std::uint64_t> fingerprint;  // stable identity across runs; none: derived (finding_fingerprint)
  std::uint64_t detail = 0;  // which message CheckReport::messages words for it
};

// Words findings' messages when a renderer writes them, rather than once per finding up
// front: a national network's million messages, a few hundred bytes each, would outweigh
// the rest of the report, and most renderings write each once or show only a few (text
// lists ten per rule). A report of the policy engine's findings words them from the
// evaluation (report/check_from_policy.h).
class FindingMessages {
 public:
  virtual ~FindingMessages() = default;
  virtual std::string message(const Finding& finding) const = 0;
};

// Messages kept as text, for a report made by hand (tests, tools): a finding's `detail`
// is the index of its message.
class MessageList final : public FindingMessages {
 public:
  // The `detail` of a finding with this message.
  std::uint64_t add(std::string message) {
    texts_.push_back(std::move(message));
    return texts_.size() - 1;
  }
  std::string message(const Finding& finding) const override {
    return finding.detail < texts_.size() ? texts_[finding.detail] : std::string();
  }

 private:
  std::vector<std::string> texts_;
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
  std::string remediation;  // what to do about each of its findings; empty: nothing said
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
  std::vector<RuleInfo> rules;  // the packs' rules: Finding::rule indexes them
  std::vector<Finding> findings;
  // Words the findings' messages; null: findings have none (an empty message each).
  std::shared_ptr<const FindingMessages> messages;
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
  // Facilities redacted (FromPolicyOptions::redact_facilities): findings name facilities
  // by these pseudonyms, which their subject ids view. Null: a full report.
  std::shared_ptr<const std::vector<std::string>> facility_aliases;
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

// The rule a finding breaks.
inline const RuleInfo& rule_of(const CheckReport& report, const Finding& finding) { return report.rules[finding.rule]; }

// Every rule the report mentions, in order: report.rules first (so a finding's `rule`
// indexes this list too), then rules that appear only in measures (described by their
// id alone).
std::vector<RuleInfo> all_rules(const CheckReport& report);

// The finding's own source, else its rule's.
const Source& source_of(const CheckReport& report, const Finding& finding);

// The finding's message, worded by report.messages.
std::string message_of(const CheckReport& report, const Finding& finding);

// The finding's fingerprint, as 16 hex digits: its own, or a hash of what identifies it
// across runs (policy, rule, subject and vendor; never the message, whose wording may change).
std::string finding_fingerprint(const CheckReport& report, const Finding& finding);

// The N of "x of N" for a rule and operator: the rule's scope when given, else the
// operator's count of that subject kind; nothing when unknown.
std::optional<std::int64_t> examined(const CheckReport& report, std::string_view policy, std::string_view rule,
                                     std::string_view op, SubjectType kind);

// This build's version ("0.1.0").
std::string_view netvet_version();

}  // namespace netvet::report
