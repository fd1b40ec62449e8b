// The `check` JSON document; its keys are a contract with scripts (shared/spec/cli.md).
#include "report/check_formats.h"

namespace netvet::report {

namespace {

using json = nlohmann::ordered_json;

json date_or_null(Date d) { return d == kNoDate ? json(nullptr) : json(format_date(d)); }

json finding_json(const CheckReport& report, const Finding& f) {
  json j = {{"policy", f.policy},
            {"rule", f.rule},
            {"severity", severity_name(f.severity)},
            {"subject", {{"kind", subject_name(f.subject_kind)}, {"id", f.subject_id}}},
            {"operator", f.op},
            {"vendor", f.vendor},
            {"effective", date_or_null(f.effective)},
            {"message", f.message}};
  // Additions beyond cli.md's keys.
  if (!f.clause.empty()) j["clause"] = f.clause;
  if (f.measured)
    j["measured"] = {{"value", f.measured->value}, {"limit", f.measured->limit}, {"unit", unit_name(f.measured->unit)}};
  j["fingerprint"] = finding_fingerprint(f);
  j["waived"] = f.waived;
  if (f.waived) j["waiver"] = f.waiver;
  const Source& source = source_of(report, f);
  if (has_source(source)) j["source"] = {{"title", source.title}, {"url", source.url}};
  if (!f.remediation.empty()) j["remediation"] = f.remediation;
  return j;
}

}  // namespace

nlohmann::ordered_json check_json(const CheckReport& report) {
  json j;
  j["as_of"] = date_or_null(report.as_of);
  j["policies"] = json::array();
  for (const PolicyRef& p : report.policies)
    j["policies"].push_back({{"id", p.id}, {"title", p.title}, {"version", p.version}});

  const CheckSummary s = summarize(report);
  json by_severity = json::object();
  for (std::size_t i = 0; i < kSeverityCount; ++i) by_severity[severity_name(static_cast<FindingSeverity>(i))] = s.by_severity[i];
  j["summary"] = {{"findings", s.findings}, {"by_severity", by_severity}, {"compliant", s.compliant},
                  {"waived", s.waived}};

  j["findings"] = json::array();
  for (const Finding& f : report.findings) j["findings"].push_back(finding_json(report, f));

  j["measures"] = json::array();
  for (const Measure& m : report.measures) {
    json mj = {{"policy", m.policy}, {"rule", m.rule},   {"operator", m.op}, {"value", m.value},
               {"limit", m.limit},   {"unit", unit_name(m.unit)}, {"ok", m.ok}};
    if (!m.scope.empty()) mj["scope"] = m.scope;
    if (m.count >= 0) mj["count"] = m.count;
    if (m.total >= 0) mj["total"] = m.total;
    j["measures"].push_back(std::move(mj));
  }
  return j;
}

}  // namespace netvet::report
