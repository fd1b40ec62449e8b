// Findings as text: the messages are made here, on demand, from the compact findings and
// what the evaluation recorded about each rule.

#include <fmt/format.h>

#include <cmath>

#include "policy/evaluate.h"

namespace netvet::policy {
namespace {

// "huawei amf E12 at site S3"
std::string describe_element(const Inventory& inv, Index e) {
  const ElementTable& el = inv.elements;
  return fmt::format("{} {} {} at site {}", inv.vendor_id(el.vendor[e]), inv.function_of(e).id, inv.str(el.id[e]),
                     inv.str(inv.sites.id[el.site[e]]));
}

// "military facility facility-3": a facility as a redacted report names it.
std::string facility_alias(const Inventory& inv, Index facility, const FacilityAliases& aliases) {
  const std::string_view alias =
      facility < aliases.size() && !aliases[facility].empty() ? std::string_view(aliases[facility]) : std::string_view("?");
  return fmt::format("{} facility {}", name_of(inv.facilities.kind[facility]), alias);
}

// One line, without the rule's selector: every rendering shows the clause that matched
// beside the message (`clause`), so the message says only what is particular to the finding.
// `aliases` non-null: facilities redacted (see message_of).
std::string element_message(const Evaluation& ev, const Inventory& inv, const Finding& f, const RuleOutcome& rule,
                            const FacilityAliases* aliases) {
  const std::string element = describe_element(inv, f.row);
  switch (rule.kind) {
    case RuleKind::require:
      return fmt::format("{} has no {} valid on {} for itself, its model or its vendor {}", element, rule.evidence,
                         format_date(ev.as_of), rule.citation);
    case RuleKind::proximity: {
      const FacilityTable& fac = inv.facilities;
      if (aliases) {
        const std::string facility = facility_alias(inv, f.facility, *aliases);
        const std::string where = f.serving ? fmt::format("serves {}", facility)
                                            : fmt::format("is within {} km of {}", rule.radius_km, facility);
        return fmt::format("{}: the site {} {}", element, where, rule.citation);
      }
      const std::string facility = fmt::format("{} facility {}", name_of(fac.kind[f.facility]), inv.str(fac.id[f.facility]));
      const std::string where = !f.serving ? fmt::format("is {:.2f} km from {} (radius {} km)", f.km, facility, rule.radius_km)
                                : std::isnan(f.km) ? fmt::format("serves {}", facility)
                                                   : fmt::format("serves {} ({:.2f} km away)", facility, f.km);
      return fmt::format("{}: the site {} {}", element, where, rule.citation);
    }
    default:
      return fmt::format("{} is forbidden from {} {}", element, format_date(rule.effective), rule.citation);
  }
}

}  // namespace

std::string message_of(const Evaluation& ev, const Inventory& inv, const Finding& f) {
  return f.note != kNoNote ? ev.notes[f.note] : element_message(ev, inv, f, ev.rules[f.rule], nullptr);
}

std::string message_of(const Evaluation& ev, const Inventory& inv, const Finding& f, const FacilityAliases& aliases) {
  if (f.note == kNoNote) return element_message(ev, inv, f, ev.rules[f.rule], &aliases);
  const std::string& note = ev.notes[f.note];
  const std::size_t words = f.note < ev.subject_words.size() ? ev.subject_words[f.note] : 0;
  // The rest of an exposure note names the cut's elements, operators and serving sites,
  // never the facility again (rule_exposure.cpp).
  if (words == 0 || f.kind != SubjectType::facility || f.row >= inv.facilities.size()) return note;
  return facility_alias(inv, f.row, aliases) + note.substr(words);
}

FindingRecord record_of(const Evaluation& ev, const Inventory& inv, const Finding& f) {
  const RuleOutcome& rule = ev.rules[f.rule];
  FindingRecord r;
  r.policy = rule.policy;
  r.rule = rule.rule;
  r.severity = severity_of(ev, f);
  r.kind = f.kind;
  r.subject = f.kind == SubjectType::region && f.subject == kEmptyStr ? "(no region)" : std::string(inv.str(f.subject));
  r.op = inv.str(f.op);
  r.vendor = inv.str(f.vendor);
  if (f.domain != kNoDomain) r.scope = domain_name(static_cast<Domain>(f.domain));
  r.effective = rule.effective;
  r.clause = clause_of(ev, f);
  if (f.kind == SubjectType::element) r.site = inv.elements.site[f.row];
  r.message = message_of(ev, inv, f);
  r.fingerprint = fingerprint_of(r.policy, r.rule, r.kind, r.subject, r.scope);
  return r;
}

std::vector<FindingRecord> records_of(const Evaluation& ev, const Inventory& inv) {
  std::vector<FindingRecord> out;
  out.reserve(ev.findings.size());
  ev.findings.for_each([&](const Finding& f) { out.push_back(record_of(ev, inv, f)); });
  return out;
}

}  // namespace netvet::policy
