// SARIF 2.1.0 (OASIS), the subset code-scanning dashboards read: tool.driver.rules,
// results with ruleId/ruleIndex, level, message, logical locations and fingerprints.
#include <fmt/format.h>

#include <iterator>
#include <sstream>

#include "report/check_formats.h"
#include "report/json_writer.h"

namespace netvet::report {

namespace {

using json = nlohmann::ordered_json;

// SARIF has three levels for problems; critical and high both stop a pipeline.
std::string_view sarif_level(FindingSeverity s) {
  switch (s) {
    case FindingSeverity::critical:
    case FindingSeverity::high: return "error";
    case FindingSeverity::medium: return "warning";
    case FindingSeverity::low: return "note";
  }
  return "error";
}

// "ee/element/E12": the subject under its operator, so that dashboards group by operator.
void qualified_name(std::string& name, const Finding& f) {
  name.clear();
  if (f.op.empty() || f.subject_kind == SubjectType::operator_)
    fmt::format_to(std::back_inserter(name), "{}/{}", subject_name(f.subject_kind), f.subject_id);
  else
    fmt::format_to(std::back_inserter(name), "{}/{}/{}", f.op, subject_name(f.subject_kind), f.subject_id);
}

// The result's message: the finding's, with the clause that matched and the measure.
void result_text(std::string& text, const CheckReport& report, const Finding& f) {
  text = message_of(report, f);
  if (!f.clause.empty()) fmt::format_to(std::back_inserter(text), " (matched: {})", f.clause);
  if (f.measured)
    fmt::format_to(std::back_inserter(text), " [measured {:.4g} against a limit of {:.4g}]", f.measured->value,
                   f.measured->limit);
}

json rule_json(const RuleInfo& r) {
  json j = {{"id", rule_key(r.policy, r.rule)},
            {"name", r.rule},
            {"shortDescription", {{"text", r.title.empty() ? r.rule : r.title}}}};
  if (!r.description.empty()) j["fullDescription"] = {{"text", r.description}};
  if (!r.source.url.empty()) j["helpUri"] = r.source.url;
  if (!r.source.title.empty()) j["help"] = {{"text", fmt::format("Source: {}", r.source.title)}};
  j["defaultConfiguration"] = {{"level", sarif_level(r.severity)}};
  j["properties"] = {{"policy", r.policy}, {"severity", severity_name(r.severity)}};
  return j;
}

}  // namespace

// The results are written one by one (a national network has a million of them); the
// driver and its rules, a few dozen, are built as a small tree and written in place.
void write_check_sarif(const CheckReport& report, std::ostream& out) {
  const std::vector<RuleInfo> rules = all_rules(report);
  json driver = {{"name", "netvet"},
                 {"version", report.tool_version.empty() ? std::string(netvet_version()) : report.tool_version}};
  if (!report.information_uri.empty()) driver["informationUri"] = report.information_uri;
  driver["rules"] = json::array();
  for (const RuleInfo& r : rules) driver["rules"].push_back(rule_json(r));

  ChunkedOutput chunks(out);
  JsonWriter w(chunks);
  w.begin_object().key("version").value("2.1.0").key("$schema").value("https://json.schemastore.org/sarif-2.1.0.json");
  w.key("runs").begin_array().begin_object();
  w.key("tool").begin_object().key("driver").value(driver).end_object();

  w.key("results").begin_array();
  std::string id, text, name;  // reused from finding to finding
  const Finding* previous = nullptr;
  for (const Finding& f : report.findings) {
    const RuleInfo& rule = rule_of(report, f);
    // Once per rule: findings come grouped by rule.
    if (previous == nullptr || previous->rule != f.rule) id = rule_key(rule.policy, rule.rule);
    previous = &f;
    result_text(text, report, f);
    // The driver lists report.rules first, so a finding's rule is its index there.
    w.begin_object().key("ruleId").value(id).key("ruleIndex").value(f.rule).key("level").value(sarif_level(f.severity));
    w.key("message").begin_object().key("text").value(text).end_object();
    qualified_name(name, f);
    w.key("locations").begin_array().begin_object().key("logicalLocations").begin_array().begin_object();
    w.key("name").value(f.subject_id).key("fullyQualifiedName").value(name).key("kind").value("resource");
    w.end_object().end_array().end_object().end_array();
    w.key("partialFingerprints").begin_object().key("netvetFinding/v1").value(finding_fingerprint(report, f)).end_object();
    if (f.waived) {
      w.key("suppressions").begin_array().begin_object();
      w.key("kind").value("external").key("justification").value(f.waiver);
      w.end_object().end_array();
    }
    w.key("properties").begin_object();
    w.key("severity").value(severity_name(f.severity)).key("operator").value(f.op).key("vendor").value(f.vendor);
    if (f.effective != kNoDate) w.key("effective").value(format_date(f.effective));
    if (!rule.remediation.empty()) w.key("remediation").value(rule.remediation);
    w.end_object().end_object();
  }
  w.end_array();

  // Additions: the what-if assumptions and the baseline, beside the date.
  if (report.as_of != kNoDate || !report.assumptions.empty() || report.baseline) {
    w.key("properties").begin_object();
    if (report.as_of != kNoDate) w.key("asOf").value(format_date(report.as_of));
    if (!report.assumptions.empty()) {
      w.key("assumptions").begin_array();
      for (const std::string& a : report.assumptions) w.value(a);
      w.end_array();
    }
    if (report.baseline)
      w.key("baseline").begin_object().key("file").value(report.baseline->file).key("known").value(report.baseline->known).end_object();
    w.end_object();
  }
  w.end_object().end_array().end_object().raw("\n");
  chunks.flush();
}

nlohmann::ordered_json check_sarif(const CheckReport& report) {
  std::ostringstream text;
  write_check_sarif(report, text);
  return nlohmann::ordered_json::parse(text.str());
}

}  // namespace netvet::report
