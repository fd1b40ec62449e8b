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

std::string subject_text(const Inventory& inv, const policy::Finding& f) {
  if (f.kind == policy::SubjectType::region && f.subject == kEmptyStr) return "(no region)";
  return std::string(inv.str(f.subject));
}

std::string scope_text(const policy::Finding& f) {
  return f.domain == policy::kNoDomain ? std::string() : std::string(domain_name(static_cast<Domain>(f.domain)));
}

// The breached measure behind an aggregate finding: the failing measure of the same rule
// and subject (and domain, for diversity), the share preferred over a vendor count.
const policy::Measure* measure_of(const policy::Evaluation& ev, const policy::RuleOutcome& rule,
                                  const std::string& subject, const std::string& scope, bool region) {
  const policy::Measure* found = nullptr;
  for (const policy::Measure& m : ev.measures) {
    if (m.ok || m.policy != rule.policy || m.rule != rule.rule || m.scope != scope) continue;
    if ((region ? m.region : m.op) != subject) continue;
    if (!found || (found->unit == "vendors" && m.unit != "vendors")) found = &m;
  }
  return found;
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
                            .severity = severity_of(r.severity), .source = first_source(r), .in_force = r.in_force,
                            .effective = r.effective, .end = r.end});
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
  // the list: a million findings cost a few strings each. Findings a decision drops
  // leave their slots empty until the slices are closed up after.
  std::vector<std::size_t> start(ev.rules.size() + 1, 0), kept(ev.rules.size(), 0);
  for (std::uint32_t r = 0; r < ev.rules.size(); ++r) start[r + 1] = start[r] + ev.findings.count_of(r);
  report.findings.resize(start.back());
  parallel_for(ev.rules.size(), options.threads, [&](std::size_t index) {
    const auto rule_index = static_cast<std::uint32_t>(index);
    const policy::RuleOutcome& rule = ev.rules[rule_index];
    ev.findings.for_each_of(rule_index, [&](const policy::Finding& f) {
      const std::uint64_t fingerprint = fingerprint_of(ev, inv, f);
      Disposition d = options.decide ? options.decide(f, fingerprint) : Disposition{};
      if (d.kind == Disposition::Kind::drop) return;
      Finding& r = report.findings[start[rule_index] + kept[rule_index]];
      r.policy = rule.policy;
      r.rule = rule.rule;
      r.severity = severity_of(policy::severity_of(ev, f));
      r.subject_kind = subject_of(f.kind);
      r.subject_id = subject_text(inv, f);
      r.op = inv.str(f.op);
      r.vendor = inv.str(f.vendor);
      r.effective = rule.effective;
      r.fingerprint = policy::fingerprint_hex(fingerprint);
      if (f.kind == policy::SubjectType::element) r.site = inv.elements.site[f.row];
      r.waived = d.kind == Disposition::Kind::waive;
      r.waiver = std::move(d.waiver);
      if (options.messages_per_rule == 0 || kept[rule_index] < options.messages_per_rule) {
        r.message = policy::message_of(ev, inv, f);
        r.clause = policy::clause_of(ev, f);
        r.remediation = rule.remediation;
        if (f.note != policy::kNoNote) {
          const bool region = f.kind == policy::SubjectType::region;
          if (const auto* m = measure_of(ev, rule, region ? r.subject_id : r.op, scope_text(f), region)) {
            r.measured = Measurement{m->value, m->limit, unit_of(m->unit), m->at_least};
          }
        }
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
  return out;
}

}  // namespace netvet::report
