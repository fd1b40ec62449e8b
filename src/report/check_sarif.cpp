// SARIF 2.1.0 (OASIS), the subset code-scanning dashboards read: tool.driver.rules,
// results with ruleId/ruleIndex, level, message, logical locations and fingerprints.
#include <fmt/format.h>

#include <map>

#include "report/check_formats.h"

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

}  // namespace

nlohmann::ordered_json check_sarif(const CheckReport& report) {
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
  return {{"version", "2.1.0"},
          {"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
          {"runs", json::array({std::move(run)})}};
}

}  // namespace netvet::report
