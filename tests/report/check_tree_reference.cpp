// The pre-streaming renderers, copied from src/report/check_{json,sarif,csv,junit}.cpp as they
// were, plus the additions apps/netvet/check_command.cpp then made to the trees; since
// adapted only to findings that reach their rule, message and fingerprint through the report.
#include "check_tree_reference.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

namespace netvet::report::testing {

namespace {

using json = nlohmann::ordered_json;

json date_or_null(Date d) { return d == kNoDate ? json(nullptr) : json(format_date(d)); }

json finding_json(const CheckReport& report, const Finding& f) {
  const RuleInfo& rule = rule_of(report, f);
  json j = {{"policy", rule.policy},
            {"rule", rule.rule},
            {"severity", severity_name(f.severity)},
            {"subject", {{"kind", subject_name(f.subject_kind)}, {"id", f.subject_id}}},
            {"operator", f.op},
            {"vendor", f.vendor},
            {"effective", date_or_null(f.effective)},
            {"message", message_of(report, f)}};
  if (!f.clause.empty()) j["clause"] = f.clause;
  if (f.measured)
    j["measured"] = {{"value", f.measured->value}, {"limit", f.measured->limit}, {"unit", unit_name(f.measured->unit)}};
  j["fingerprint"] = finding_fingerprint(report, f);
  j["waived"] = f.waived;
  if (f.waived) j["waiver"] = f.waiver;
  const Source& source = source_of(report, f);
  if (has_source(source)) j["source"] = {{"title", source.title}, {"url", source.url}};
  if (!rule.remediation.empty()) j["remediation"] = rule.remediation;
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

std::string result_text(const CheckReport& report, const Finding& f) {
  std::string text = message_of(report, f);
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

// Text and attribute values: the five predefined entities, and characters XML 1.0
// forbids (C0 controls other than tab, LF and CR) replaced by U+FFFD so that a stray
// byte in an inventory cannot make the document unreadable.
// Attribute values also keep tab, LF and CR as references, which attribute-value
// normalisation would otherwise turn into spaces.
std::string xml_escape(std::string_view s, bool attribute = true) {
  std::string out;
  out.reserve(s.size());
  for (const char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      case '\t': out += attribute ? "&#9;" : "\t"; break;
      case '\n': out += attribute ? "&#10;" : "\n"; break;
      case '\r': out += attribute ? "&#13;" : "\r"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) out += "\xEF\xBF\xBD";
        else out += c;
    }
  }
  return out;
}

std::string finding_line(const CheckReport& report, const Finding& f) {
  std::string line = fmt::format("[{}] {} {}", severity_name(f.severity), subject_name(f.subject_kind), f.subject_id);
  if (!f.vendor.empty()) line += fmt::format(" ({})", f.vendor);
  line += ": " + message_of(report, f);
  if (!f.clause.empty()) line += fmt::format(" — matched: {}", f.clause);
  if (f.measured) line += fmt::format(" — measured {:.4g}, limit {:.4g}", f.measured->value, f.measured->limit);
  if (f.waived) line += fmt::format(" — waived: {}", f.waiver);
  return line;
}

FindingSeverity worst(const std::vector<const Finding*>& findings) {
  FindingSeverity s = FindingSeverity::low;
  for (const Finding* f : findings) s = std::min(s, f->severity);
  return s;
}

struct Case {
  std::string name, classname;
  std::vector<const Finding*> failing, waived;
};

// The test cases of one rule: one per operator the report knows or the rule mentions,
// so that a dashboard shows which operator fails; operator-less findings get their own.
std::vector<Case> rule_cases(const CheckReport& report, const RuleInfo& r) {
  std::set<std::string> ops;
  for (const OperatorInfo& o : report.operators) ops.insert(o.id);
  const auto of_rule = [&](const Finding& f) { return rule_of(report, f).policy == r.policy && rule_of(report, f).rule == r.rule; };
  for (const Finding& f : report.findings)
    if (of_rule(f)) ops.insert(std::string(f.op));
  for (const Measure& m : report.measures)
    if (m.policy == r.policy && m.rule == r.rule) ops.insert(m.op);
  if (ops.empty()) ops.insert("");
  std::vector<Case> cases;
  for (const std::string& op : ops) {
    Case c{.name = op.empty() ? r.rule : fmt::format("{} [{}]", r.rule, op),
           .classname = fmt::format("{}.{}", r.policy, r.rule)};
    for (const Finding& f : report.findings)
      if (of_rule(f) && f.op == op) (f.waived ? c.waived : c.failing).push_back(&f);
    cases.push_back(std::move(c));
  }
  return cases;
}


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
    const RuleInfo& rule = rule_of(report, f);
    const std::string id = rule_key(rule.policy, rule.rule);
    json location = {{"name", f.subject_id}, {"fullyQualifiedName", qualified_name(f)}, {"kind", "resource"}};
    json r = {{"ruleId", id},
              {"ruleIndex", rule_index.at(id)},
              {"level", sarif_level(f.severity)},
              {"message", {{"text", result_text(report, f)}}},
              {"locations", json::array({{{"logicalLocations", json::array({location})}}})},
              {"partialFingerprints", {{"netvetFinding/v1", finding_fingerprint(report, f)}}}};
    if (f.waived) r["suppressions"] = json::array({{{"kind", "external"}, {"justification", f.waiver}}});
    json props = {{"severity", severity_name(f.severity)}, {"operator", f.op}, {"vendor", f.vendor}};
    if (f.effective != kNoDate) props["effective"] = format_date(f.effective);
    if (!rule.remediation.empty()) props["remediation"] = rule.remediation;
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
    const RuleInfo& rule = rule_of(report, f);
    const Source& source = source_of(report, f);
    record(out, {rule.policy, rule.rule, std::string(severity_name(f.severity)), std::string(subject_name(f.subject_kind)),
                 std::string(f.subject_id), std::string(f.op), std::string(f.vendor),
                 f.effective == kNoDate ? "" : format_date(f.effective), message_of(report, f), std::string(f.clause),
                 f.measured ? number(f.measured->value) : "", f.measured ? number(f.measured->limit) : "",
                 f.measured ? std::string(unit_name(f.measured->unit)) : "", f.waived ? "yes" : "no",
                 std::string(f.waiver), source.title, source.url, rule.remediation, finding_fingerprint(report, f)});
  }
  return out;
}

std::string reference_check_junit(const CheckReport& report) {
  const std::vector<RuleInfo> rules = all_rules(report);
  std::vector<std::string> policies;
  for (const PolicyRef& p : report.policies) policies.push_back(p.id);
  for (const RuleInfo& r : rules)
    if (std::ranges::find(policies, r.policy) == policies.end()) policies.push_back(r.policy);

  std::string suites;
  std::size_t total_tests = 0, total_failures = 0;
  for (const std::string& policy : policies) {
    std::string body;
    std::size_t tests = 0, failures = 0;
    for (const RuleInfo& r : rules) {
      if (r.policy != policy) continue;
      for (const Case& c : rule_cases(report, r)) {
        ++tests;
        body += fmt::format("    <testcase name=\"{}\" classname=\"{}\"", xml_escape(c.name), xml_escape(c.classname));
        if (c.failing.empty() && c.waived.empty()) {
          body += "/>\n";
          continue;
        }
        body += ">\n";
        if (!c.failing.empty()) {
          ++failures;
          std::string text;
          for (const Finding* f : c.failing) text += finding_line(report, *f) + "\n";
          body += fmt::format("      <failure message=\"{}\" type=\"{}\">{}</failure>\n",
                              xml_escape(fmt::format("{} finding{}: {}", c.failing.size(),
                                                     c.failing.size() == 1 ? "" : "s", r.title)),
                              xml_escape(severity_name(worst(c.failing))), xml_escape(text, false));
        }
        if (!c.waived.empty()) {
          std::string text;
          for (const Finding* f : c.waived) text += finding_line(report, *f) + "\n";
          body += fmt::format("      <system-out>{}</system-out>\n", xml_escape(text, false));
        }
        body += "    </testcase>\n";
      }
    }
    suites += fmt::format("  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"0\" skipped=\"0\">\n{}  </testsuite>\n",
                          xml_escape(policy), tests, failures, body);
    total_tests += tests;
    total_failures += failures;
  }
  return fmt::format("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                     "<testsuites name=\"netvet check\" tests=\"{}\" failures=\"{}\" errors=\"0\">\n{}</testsuites>\n",
                     total_tests, total_failures, suites);
}

}  // namespace netvet::report::testing
