#include "report/check_from_policy.h"

#include <fmt/format.h>

#include <algorithm>

#include "util/parallel.h"

namespace netvet::report {

namespace {

FindingSeverity severity_of(policy::RuleSeverity s) { return static_cast<FindingSeverity>(s); }

SubjectType subject_of(policy::SubjectType s) {
  switch (s) {
    case policy::SubjectType::element: return SubjectType::element;
    case policy::SubjectType::site: return SubjectType::site;
    case policy::SubjectType::op: return SubjectType::operator_;
    case policy::SubjectType::facility: return SubjectType::facility;
    case policy::SubjectType::region: return SubjectType::region;
  }
  return SubjectType::element;
}

MeasureUnit unit_of(std::string_view unit) {
  if (unit == "elements") return MeasureUnit::elements;
  if (unit == "subscribers") return MeasureUnit::subscribers;
  if (unit == "vendors") return MeasureUnit::vendors;
  return MeasureUnit::sites;
}

Source first_source(const policy::RuleOutcome& rule) {
  if (rule.sources.empty()) return {};
  return {rule.sources.front().title, rule.sources.front().url};
}

std::string_view subject_text(const Inventory& inv, const policy::Finding& f) {
  if (f.kind == policy::SubjectType::region && f.subject == kEmptyStr) return "(no region)";
  return inv.str(f.subject);
}

std::string_view scope_text(const policy::Finding& f) {
  return f.domain == policy::kNoDomain ? std::string_view() : domain_name(static_cast<Domain>(f.domain));
}

// The breached measure behind an aggregate finding: the failing measure of the same rule
// and subject (and domain, for diversity), the share preferred over a vendor count.
const policy::Measure* measure_of(const policy::Evaluation& ev, const policy::RuleOutcome& rule,
                                  std::string_view subject, std::string_view scope, bool region) {
  const policy::Measure* found = nullptr;
  for (const policy::Measure& m : ev.measures) {
    if (m.ok || m.policy != rule.policy || m.rule != rule.rule || m.scope != scope) continue;
    if ((region ? m.region : m.op) != subject) continue;
    if (!found || (found->unit == "vendors" && m.unit != "vendors")) found = &m;
  }
  return found;
}

// A finding's `detail`: the element row of an element finding, whose message is worded
// from the evaluation when it is written, or kNote plus the note of an aggregate one (cap,
// diversity, exposure), whose message the evaluation wrote.
constexpr std::uint64_t kNote = std::uint64_t{1} << 32;

// The report's rules are the evaluation's, in its order, so a finding's `rule` is the
// evaluation's rule index too.
// With `aliases`, the messages name facilities by them (policy::message_of's redacted form).
class EvaluationMessages final : public FindingMessages {
 public:
  EvaluationMessages(const policy::Evaluation& ev, const Inventory& inv,
                     std::shared_ptr<const policy::FacilityAliases> aliases)
      : ev_(ev), inv_(inv), aliases_(std::move(aliases)) {}
  std::string message(const Finding& f) const override {
    if (f.detail >= kNote) {
      const auto note = static_cast<std::uint32_t>(f.detail - kNote);
      if (!aliases_) return ev_.notes[note];
      policy::Finding compact;
      compact.rule = f.rule;
      compact.kind = f.subject_kind == SubjectType::facility ? policy::SubjectType::facility : policy::SubjectType::op;
      compact.row = f.facility;
      compact.note = note;
      return policy::message_of(ev_, inv_, compact, *aliases_);
    }
    const policy::Finding compact = ev_.findings.element(f.rule, static_cast<Index>(f.detail));
    return aliases_ ? policy::message_of(ev_, inv_, compact, *aliases_) : policy::message_of(ev_, inv_, compact);
  }

 private:
  const policy::Evaluation& ev_;
  const Inventory& inv_;
  std::shared_ptr<const policy::FacilityAliases> aliases_;
};

// Facilities redacted: each facility the findings mention is named "facility-N", N
// counting facilities in the order the report first mentions them; findings about a
// facility take its alias as their subject, and a fingerprint of it in place of the
// id's. Numbers, not digests: an unkeyed digest of an id is undone by hashing the
// candidate ids (facility ids such as mil-portsmouth are guessable names), and a keyed
// one would need the service's key offline, where `netvet check --redact facilities` must
// write the same bytes. A number says only the order of the findings, which the report
// shows anyway. It is of one report: facility-1 of two reports need not be one facility,
// so fingerprints of facility findings match only within a report (baselines and waivers
// are matched on the real fingerprints, before redaction).
std::shared_ptr<const policy::FacilityAliases> redact_facilities(CheckReport& report, const Inventory& inv) {
  auto aliases = std::make_shared<policy::FacilityAliases>(inv.facilities.size());
  std::size_t named = 0;
  for (Finding& f : report.findings) {
    if (f.facility == kNoIndex) continue;
    std::string& alias = (*aliases)[f.facility];
    if (alias.empty()) alias = fmt::format("facility-{}", ++named);
    if (f.subject_kind != SubjectType::facility) continue;
    const RuleInfo& rule = rule_of(report, f);
    f.subject_id = alias;
    f.fingerprint = policy::fingerprint_of(rule.policy, rule.rule, policy::SubjectType::facility, alias, {});
  }
  report.facility_aliases = aliases;
  return aliases;
}

}  // namespace

std::uint64_t fingerprint_of(const policy::Evaluation& ev, const Inventory& inv, const policy::Finding& f) {
  const policy::RuleOutcome& rule = ev.rules[f.rule];
  return policy::fingerprint_of(rule.policy, rule.rule, f.kind, subject_text(inv, f), scope_text(f));
}

FromPolicyResult check_report_of(std::span<const policy::Pack> packs, const policy::Evaluation& ev,
                                 const Inventory& inv, const FromPolicyOptions& options) {
  FromPolicyResult out;
  CheckReport& report = out.report;
  report.as_of = ev.as_of;
  report.inventory = options.inventory_name.empty() ? std::string(inv.str(inv.meta.name)) : options.inventory_name;
  report.country = std::string(name_of(inv.meta.country));
  for (const policy::Pack& p : packs) {
    report.policies.push_back({p.id, p.title, p.version});
    for (const auto& [name, ids] : p.designations) report.designated.insert(report.designated.end(), ids.begin(), ids.end());
  }
  std::sort(report.designated.begin(), report.designated.end());
  report.designated.erase(std::unique(report.designated.begin(), report.designated.end()), report.designated.end());
  report.serving_radius_km = ev.serving_radius_km;
  for (const policy::RuleOutcome& r : ev.rules) {
    report.rules.push_back({.policy = r.policy, .rule = r.rule, .title = r.title, .description = r.description,
                            .severity = severity_of(r.severity), .source = first_source(r), .remediation = r.remediation,
                            .in_force = r.in_force, .effective = r.effective, .end = r.end});
  }

  // Operators' sizes: the N of "x of N".
  report.operators.resize(inv.operators.size());
  for (Index o = 0; o < inv.operators.size(); ++o) {
    report.operators[o].id = inv.str(inv.operators.id[o]);
    report.operators[o].name = inv.str(inv.operators.name[o]);
    report.operators[o].subscribers = std::max<std::int64_t>(0, inv.operators.subscribers[o]);
  }
  for (const Index o : inv.sites.op) ++report.operators[o].sites;
  for (const Index o : inv.elements.op) ++report.operators[o].elements;

  for (const policy::Measure& m : ev.measures) {
    Measure r{.policy = m.policy, .rule = m.rule, .op = m.op, .value = m.value, .limit = m.limit,
              .unit = unit_of(m.unit), .ok = m.ok, .at_least = m.at_least};
    if (m.count >= 0) r.count = static_cast<std::int64_t>(m.count);
    if (m.total >= 0) r.total = static_cast<std::int64_t>(m.total);
    r.scope = !m.region.empty() ? m.region : m.scope;
    report.measures.push_back(std::move(r));
  }

  // Findings rule by rule, the rules spread over threads, each writing its own slice of
  // the list. Findings a decision drops leave their slots empty until the slices are
  // closed up after.
  std::vector<std::size_t> start(ev.rules.size() + 1, 0), kept(ev.rules.size(), 0);
  for (std::uint32_t r = 0; r < ev.rules.size(); ++r) start[r + 1] = start[r] + ev.findings.count_of(r);
  report.findings.resize(start.back());
  parallel_for(ev.rules.size(), options.threads, [&](std::size_t index) {
    const auto rule_index = static_cast<std::uint32_t>(index);
    const policy::RuleOutcome& rule = ev.rules[rule_index];
    ev.findings.for_each_of(rule_index, [&](const policy::Finding& f) {
      const std::uint64_t fingerprint = fingerprint_of(ev, inv, f);
      const Disposition d = options.decide ? options.decide(f, fingerprint) : Disposition{};
      if (d.kind == Disposition::Kind::drop) return;
      Finding& r = report.findings[start[rule_index] + kept[rule_index]];
      r.rule = rule_index;
      r.severity = severity_of(policy::severity_of(ev, f));
      r.subject_kind = subject_of(f.kind);
      r.waived = d.kind == Disposition::Kind::waive;
      r.effective = rule.effective;
      if (f.kind == policy::SubjectType::element) r.site = inv.elements.site[f.row];
      if (f.kind == policy::SubjectType::facility) r.facility = f.row;
      else if (f.facility != kNoIndex) r.facility = f.facility;  // proximity
      r.subject_id = subject_text(inv, f);
      r.op = inv.str(f.op);
      r.vendor = inv.str(f.vendor);
      r.clause = policy::clause_of(ev, f);
      r.waiver = d.waiver;
      r.fingerprint = fingerprint;
      if (f.note == policy::kNoNote) {
        r.detail = f.row;
      } else {
        r.detail = kNote + f.note;
        const bool region = f.kind == policy::SubjectType::region;
        if (const auto* m = measure_of(ev, rule, region ? r.subject_id : r.op, scope_text(f), region))
          r.measured = Measurement{m->value, m->limit, unit_of(m->unit), m->at_least};
      }
      ++kept[rule_index];
    });
  });
  std::size_t end = 0;
  for (std::uint32_t r = 0; r < ev.rules.size(); ++r) {
    if (end != start[r])
      std::move(report.findings.begin() + static_cast<std::ptrdiff_t>(start[r]),
                report.findings.begin() + static_cast<std::ptrdiff_t>(start[r] + kept[r]),
                report.findings.begin() + static_cast<std::ptrdiff_t>(end));
    end += kept[r];
    out.dropped += start[r + 1] - start[r] - kept[r];
  }
  report.findings.resize(end);
  std::shared_ptr<const policy::FacilityAliases> aliases;
  if (options.redact_facilities) aliases = redact_facilities(report, inv);
  report.messages = std::make_shared<EvaluationMessages>(ev, inv, std::move(aliases));
  return out;
}

}  // namespace netvet::report
