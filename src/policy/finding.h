#pragma once
// What evaluating a pack produces: findings (a subject that breaks a rule) and measures
// (a quantity a rule limits, in bounds or not).
//
// A national network can raise millions of findings (every Huawei element once a removal
// deadline passes), so evaluation records each as a compact Finding: ids into the
// inventory and the evaluation, no text. FindingRecord is the same finding as plain text
// in the shape of the `check` JSON of shared/spec/cli.md, made on demand by record_of()
// for reports, waivers and baselines.

#include <cstdint>
#include <string>
#include <string_view>

#include "model/inventory.h"
#include "policy/pack.h"

namespace netvet::policy {

enum class SubjectType : std::uint8_t { element, site, op, facility, region };
std::string_view name_of(SubjectType type);  // "element", "site", "operator", "facility", "region"

inline constexpr std::uint32_t kNoNote = std::numeric_limits<std::uint32_t>::max();
inline constexpr std::uint8_t kNoDomain = 0xff;
inline constexpr std::uint8_t kRuleSeverity = 0xff;  // a finding graded as its rule is

struct Finding {
  std::uint32_t rule = 0;  // index into Evaluation::rules
  SubjectType kind = SubjectType::element;
  std::uint8_t domain = kNoDomain;  // diversity: the domain within the operator
  Index row = kNoIndex;             // the subject's row in its table (kNoIndex for a region)
  StrId subject = kEmptyStr;        // the subject's id (a region's name) in the inventory's strings
  StrId op = kEmptyStr;             // the operator id, when there is one
  StrId vendor = kEmptyStr;         // the vendor id, when the finding is about one vendor
  Index facility = kNoIndex;        // proximity: the facility that makes the site sensitive
  float km = 0;                     // proximity: the distance to it (NaN: served, distance unknown)
  bool serving = false;             // proximity: the site serves the facility
  std::uint32_t note = kNoNote;     // index into Evaluation::notes: the text of an aggregate finding
  // A RuleSeverity when the finding is graded apart from its rule (exposure: an isolated
  // facility, which cannot be vetted, is low), else kRuleSeverity.
  std::uint8_t severity = kRuleSeverity;
};

struct Measure {
  std::string policy, rule;
  std::string op;      // the operator id, or "" for a region scope
  std::string region;  // the region, for caps per region
  std::string scope;   // diversity: the domain
  std::string unit;    // sites | elements | subscribers | vendors
  double value = 0;
  double limit = 0;
  bool ok = true;
  // The limit is a minimum (diversity's min_vendors: at least 2 vendors), not a cap.
  bool at_least = false;
  // The numerator and denominator behind a share ("3 of 8 sites"); -1 when not a share.
  double count = -1, total = -1;
};

// A finding as text: the `check` JSON's finding object.
struct FindingRecord {
  std::string policy, rule;
  RuleSeverity severity = RuleSeverity::high;
  SubjectType kind = SubjectType::element;
  std::string subject;  // the subject's id
  std::string op, vendor, scope;
  Date effective = kNoDate;
  std::string message;
  std::string clause;     // the rule's selector: the clause that matched
  Index site = kNoIndex;  // the sites row an element finding sits on (for maps)
  // Stable across runs and inventories: a hash of policy, rule, subject kind and id, and
  // scope, for waivers and baselines to name a finding by.
  std::uint64_t fingerprint = 0;
};

// FNV-1a over the parts, each followed by a separator byte no UTF-8 text contains.
class FingerprintHasher {
 public:
  FingerprintHasher& add(std::string_view part);
  std::uint64_t value() const { return hash_; }

 private:
  std::uint64_t hash_ = 14695981039346656037ULL;
};
std::uint64_t fingerprint_of(std::string_view policy, std::string_view rule, SubjectType kind,
                             std::string_view subject, std::string_view scope);
// 16 lowercase hex digits.
std::string fingerprint_hex(std::uint64_t fingerprint);

}  // namespace netvet::policy
