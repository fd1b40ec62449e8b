// The `check` JSON document; its keys are a contract with scripts (shared/spec/cli.md).
// Written finding by finding through JsonWriter: a national network's 1.4 million
// findings are a gigabyte of JSON, which as an nlohmann tree took a minute and gigabytes
// of memory to build and dump. The text is byte for byte what dump(2) of that tree gave
// (tests/report/check_stream_test.cpp holds the tree as the reference).
#include <sstream>

#include "report/check_formats.h"
#include "report/json_writer.h"

namespace netvet::report {

namespace {

void date_or_null(JsonWriter& w, Date d) {
  if (d == kNoDate) w.null();
  else w.value(format_date(d));
}

void write_finding(JsonWriter& w, const CheckReport& report, const Finding& f) {
  const RuleInfo& rule = rule_of(report, f);
  w.begin_object();
  w.key("policy").value(rule.policy).key("rule").value(rule.rule).key("severity").value(severity_name(f.severity));
  w.key("subject").begin_object().key("kind").value(subject_name(f.subject_kind)).key("id").value(f.subject_id).end_object();
  w.key("operator").value(f.op).key("vendor").value(f.vendor).key("effective");
  date_or_null(w, f.effective);
  w.key("message").value(message_of(report, f));
  // Additions beyond cli.md's keys.
  if (!f.clause.empty()) w.key("clause").value(f.clause);
  if (f.measured) {
    w.key("measured").begin_object();
    w.key("value").value(f.measured->value).key("limit").value(f.measured->limit).key("unit").value(unit_name(f.measured->unit));
    w.end_object();
  }
  w.key("fingerprint").value(finding_fingerprint(report, f));
  w.key("waived").value(f.waived);
  if (f.waived) w.key("waiver").value(f.waiver);
  const Source& source = source_of(report, f);
  if (has_source(source)) w.key("source").begin_object().key("title").value(source.title).key("url").value(source.url).end_object();
  if (!rule.remediation.empty()) w.key("remediation").value(rule.remediation);
  w.end_object();
}

void write_summary(JsonWriter& w, const CheckReport& report) {
  const CheckSummary s = summarize(report);
  w.begin_object().key("findings").value(s.findings).key("by_severity").begin_object();
  for (std::size_t i = 0; i < kSeverityCount; ++i) w.key(severity_name(static_cast<FindingSeverity>(i))).value(s.by_severity[i]);
  w.end_object().key("compliant").value(s.compliant).key("waived").value(s.waived);
  if (report.baseline) {
    w.key("baseline").begin_object().key("file").value(report.baseline->file).key("known").value(report.baseline->known).end_object();
  }
  w.end_object();
}

void write_measure(JsonWriter& w, const Measure& m) {
  w.begin_object();
  w.key("policy").value(m.policy).key("rule").value(m.rule).key("operator").value(m.op).key("value").value(m.value);
  w.key("limit").value(m.limit).key("unit").value(unit_name(m.unit)).key("ok").value(m.ok);
  if (!m.scope.empty()) w.key("scope").value(m.scope);
  if (m.count >= 0) w.key("count").value(m.count);
  if (m.total >= 0) w.key("total").value(m.total);
  w.end_object();
}

}  // namespace

void write_check_json(const CheckReport& report, std::ostream& out) {
  ChunkedOutput chunks(out);
  JsonWriter w(chunks);
  w.begin_object().key("as_of");
  date_or_null(w, report.as_of);
  w.key("policies").begin_array();
  for (const PolicyRef& p : report.policies)
    w.begin_object().key("id").value(p.id).key("title").value(p.title).key("version").value(p.version).end_object();
  w.end_array().key("summary");
  write_summary(w, report);

  w.key("findings").begin_array();
  for (const Finding& f : report.findings) write_finding(w, report, f);
  w.end_array();

  w.key("measures").begin_array();
  for (const Measure& m : report.measures) write_measure(w, m);
  w.end_array();
  // An addition: the what-if assumptions the findings are of.
  if (!report.assumptions.empty()) {
    w.key("assumptions").begin_array();
    for (const std::string& a : report.assumptions) w.value(a);
    w.end_array();
  }
  w.end_object().raw("\n");
  chunks.flush();
}

nlohmann::ordered_json check_json(const CheckReport& report) {
  std::ostringstream text;
  write_check_json(report, text);
  return nlohmann::ordered_json::parse(text.str());
}

}  // namespace netvet::report
