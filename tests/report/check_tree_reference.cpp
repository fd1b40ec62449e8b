// The pre-streaming renderers, copied from src/report/check_{json,sarif,csv}.cpp as they
// were, plus the additions apps/netvet/check_command.cpp then made to the trees.
#include "check_tree_reference.h"

#include <fmt/format.h>

#include <map>

namespace netvet::report::testing {

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

// What check_command.cpp added: {"assumptions": [...], "baseline": {file, known}}.
json extras(const CheckReport& report) {
  json extra = json::object();
  if (!report.assumptions.empty()) extra["assumptions"] = report.assumptions;
  if (report.baseline) extra["baseline"] = {{"file", report.baseline->file}, {"known", report.baseline->known}};
  return extra;
}

std::string_view sarif_level(FindingSeverity s) {
  switch (s) {
    case FindingSeverity::critical:
    case FindingSeverity::high: return "error";
    case FindingSeverity::medium: return "warning";
    case FindingSeverity::low: return "note";
  }
  return "error";
}

std::string qualified_name(const Finding& f) {
  if (f.op.empty() || f.subject_kind == SubjectType::operator_)
    return fmt::format("{}/{}", subject_name(f.subject_kind), f.subject_id);
  return fmt::format("{}/{}/{}", f.op, subject_name(f.subject_kind), f.subject_id);
}

std::string result_text(const Finding& f) {
  std::string text = f.message;
  if (!f.clause.empty()) text += fmt::format(" (matched: {})", f.clause);
  if (f.measured) text += fmt::format(" [measured {:.4g} against a limit of {:.4g}]", f.measured->value, f.measured->limit);
  return text;
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

std::string field(std::string_view s) {
  if (s.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(s);
  std::string out = "\"";
  for (const char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

void record(std::string& out, const std::vector<std::string>& fields) {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i) out += ',';
    out += field(fields[i]);
  }
  out += "\r\n";
}

std::string number(double v) { return fmt::format("{}", v); }

}  // namespace

json reference_check_json(const CheckReport& report) {
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
  const json extra = extras(report);
  if (extra.contains("baseline")) j["summary"]["baseline"] = extra["baseline"];
  if (extra.contains("assumptions")) j["assumptions"] = extra["assumptions"];
  return j;
}

json reference_check_sarif(const CheckReport& report) {
  const std::vector<RuleInfo> rules = all_rules(report);
  std::map<std::string, std::size_t> rule_index;
  json driver = {{"name", "netvet"},
                 {"version", report.tool_version.empty() ? std::string(netvet_version()) : report.tool_version}};
  if (!report.information_uri.empty()) driver["informationUri"] = report.information_uri;
  driver["rules"] = json::array();
  for (const RuleInfo& r : rules) {
    rule_index.emplace(rule_key(r.policy, r.rule), driver["rules"].size());
    driver["rules"].push_back(rule_json(r));
  }

  json results = json::array();
  for (const Finding& f : report.findings) {
    const std::string id = rule_key(f.policy, f.rule);
    json location = {{"name", f.subject_id}, {"fullyQualifiedName", qualified_name(f)}, {"kind", "resource"}};
    json r = {{"ruleId", id},
              {"ruleIndex", rule_index.at(id)},
              {"level", sarif_level(f.severity)},
              {"message", {{"text", result_text(f)}}},
              {"locations", json::array({{{"logicalLocations", json::array({location})}}})},
              {"partialFingerprints", {{"netvetFinding/v1", finding_fingerprint(f)}}}};
    if (f.waived) r["suppressions"] = json::array({{{"kind", "external"}, {"justification", f.waiver}}});
    json props = {{"severity", severity_name(f.severity)}, {"operator", f.op}, {"vendor", f.vendor}};
    if (f.effective != kNoDate) props["effective"] = format_date(f.effective);
    if (!f.remediation.empty()) props["remediation"] = f.remediation;
    r["properties"] = std::move(props);
    results.push_back(std::move(r));
  }

  json run = {{"tool", {{"driver", std::move(driver)}}}, {"results", std::move(results)}};
  if (report.as_of != kNoDate) run["properties"] = {{"asOf", format_date(report.as_of)}};
  json j = {{"version", "2.1.0"},
            {"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
            {"runs", json::array({std::move(run)})}};
  const json extra = extras(report);
  for (const auto& [key, value] : extra.items()) j["runs"][0]["properties"][key] = value;
  return j;
}

std::string reference_check_csv(const CheckReport& report) {
  std::string out;
  record(out, {"policy", "rule", "severity", "subject_kind", "subject_id", "operator", "vendor", "effective",
               "message", "clause", "value", "limit", "unit", "waived", "waiver", "source_title", "source_url",
               "remediation", "fingerprint"});
  for (const Finding& f : report.findings) {
    const Source& source = source_of(report, f);
    record(out, {f.policy, f.rule, std::string(severity_name(f.severity)), std::string(subject_name(f.subject_kind)),
                 f.subject_id, f.op, f.vendor, f.effective == kNoDate ? "" : format_date(f.effective), f.message,
                 f.clause, f.measured ? number(f.measured->value) : "", f.measured ? number(f.measured->limit) : "",
                 f.measured ? std::string(unit_name(f.measured->unit)) : "", f.waived ? "yes" : "no", f.waiver,
                 source.title, source.url, f.remediation, finding_fingerprint(f)});
  }
  return out;
}

}  // namespace netvet::report::testing
