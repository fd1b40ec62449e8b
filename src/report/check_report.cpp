#include "report/check_report.h"

#include <fmt/format.h>

#include <algorithm>

#ifndef NETVET_VERSION
#error "NETVET_VERSION is set by src/report/CMakeLists.txt"
#endif

namespace netvet::report {

std::string_view severity_name(FindingSeverity s) {
  switch (s) {
    case FindingSeverity::critical: return "critical";
    case FindingSeverity::high: return "high";
    case FindingSeverity::medium: return "medium";
    case FindingSeverity::low: return "low";
  }
  return "high";
}

std::string_view subject_name(SubjectType s) {
  switch (s) {
    case SubjectType::element: return "element";
    case SubjectType::site: return "site";
    case SubjectType::operator_: return "operator";
    case SubjectType::facility: return "facility";
    case SubjectType::region: return "region";
  }
  return "element";
}

std::string_view unit_name(MeasureUnit u) {
  switch (u) {
    case MeasureUnit::sites: return "sites";
    case MeasureUnit::elements: return "elements";
    case MeasureUnit::subscribers: return "subscribers";
    case MeasureUnit::vendors: return "vendors";
  }
  return "sites";
}

CheckSummary summarize(const CheckReport& report) {
  CheckSummary s;
  for (const Finding& f : report.findings) {
    ++s.findings;
    ++s.by_severity[static_cast<std::size_t>(f.severity)];
    if (f.waived) ++s.waived;
  }
  s.compliant = s.waived == s.findings;
  return s;
}

std::string rule_key(std::string_view policy, std::string_view rule) { return fmt::format("{}/{}", policy, rule); }

std::string measure_text(double value, MeasureUnit unit) {
  if (unit == MeasureUnit::vendors) {
    const auto n = static_cast<long long>(value);
    return fmt::format("{} vendor{}", n, n == 1 ? "" : "s");
  }
  return fmt::format("{:.1f}% of {}", 100.0 * value, unit_name(unit));
}

std::string measured_text(const Measurement& m) {
  const std::string limit = m.unit == MeasureUnit::vendors ? fmt::format("{}", static_cast<long long>(m.limit))
                                                           : fmt::format("{:.1f}%", 100.0 * m.limit);
  return fmt::format("{} against a {} of {}", measure_text(m.value, m.unit), m.at_least ? "minimum" : "cap", limit);
}

std::string not_in_force_text(const RuleInfo& rule, Date as_of) {
  if (rule.in_force) return {};
  if (rule.end != kNoDate && as_of != kNoDate && as_of >= rule.end)
    return fmt::format("no longer in force since {}", format_date(rule.end));
  if (rule.effective != kNoDate) return fmt::format("not in force until {}", format_date(rule.effective));
  return "not in force";
}

std::string_view no_operator_text(SubjectType kind) {
  switch (kind) {
    case SubjectType::facility: return "no serving operator";
    case SubjectType::region: return "all operators";
    default: return "no operator";
  }
}

std::vector<RuleInfo> all_rules(const CheckReport& report) {
  std::vector<RuleInfo> rules = report.rules;
  for (const Measure& m : report.measures) {
    const bool known = std::ranges::any_of(rules, [&](const RuleInfo& r) { return r.policy == m.policy && r.rule == m.rule; });
    if (!known) rules.push_back({.policy = m.policy, .rule = m.rule, .title = m.rule, .severity = FindingSeverity::high});
  }
  return rules;
}

const Source& source_of(const CheckReport& report, const Finding& finding) {
  return finding.source != nullptr ? *finding.source : rule_of(report, finding).source;
}

std::string message_of(const CheckReport& report, const Finding& finding) {
  return report.messages ? report.messages->message(finding) : std::string();
}

std::string finding_fingerprint(const CheckReport& report, const Finding& f) {
  if (f.fingerprint) return fmt::format("{:016x}", *f.fingerprint);
  // FNV-1a 64 over the identifying fields, each followed by a separator that cannot
  // occur in ids, so ("ab","c") and ("a","bc") differ.
  std::uint64_t h = 14695981039346656037ull;
  auto mix = [&](std::string_view s) {
    for (const char c : s) {
      h ^= static_cast<unsigned char>(c);
      h *= 1099511628211ull;
    }
    h ^= 0x1f;
    h *= 1099511628211ull;
  };
  const RuleInfo& rule = rule_of(report, f);
  mix(rule.policy);
  mix(rule.rule);
  mix(subject_name(f.subject_kind));
  mix(f.subject_id);
  mix(f.op);
  mix(f.vendor);
  return fmt::format("{:016x}", h);
}

std::optional<std::int64_t> examined(const CheckReport& report, std::string_view policy, std::string_view rule,
                                     std::string_view op, SubjectType kind) {
  for (const RuleScope& s : report.scopes)
    if (s.policy == policy && s.rule == rule && s.op == op) return s.examined;
  if (kind == SubjectType::operator_) return 1;
  for (const OperatorInfo& o : report.operators) {
    if (o.id != op) continue;
    if (kind == SubjectType::element) return o.elements;
    if (kind == SubjectType::site) return o.sites;
  }
  return std::nullopt;
}

std::string_view netvet_version() { return NETVET_VERSION; }

}  // namespace netvet::report
