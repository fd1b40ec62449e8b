// JUnit XML, the format CI dashboards (Jenkins, GitLab, Azure) chart: a policy is a
// suite, a rule checked for one operator is a test case, and unwaived findings fail it.
#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "report/check_formats.h"

namespace netvet::report {

namespace {

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

std::string finding_line(const Finding& f) {
  std::string line = fmt::format("[{}] {} {}", severity_name(f.severity), subject_name(f.subject_kind), f.subject_id);
  if (!f.vendor.empty()) line += fmt::format(" ({})", f.vendor);
  line += ": " + f.message;
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
  for (const Finding& f : report.findings)
    if (f.policy == r.policy && f.rule == r.rule) ops.insert(f.op);
  for (const Measure& m : report.measures)
    if (m.policy == r.policy && m.rule == r.rule) ops.insert(m.op);
  if (ops.empty()) ops.insert("");
  std::vector<Case> cases;
  for (const std::string& op : ops) {
    Case c{.name = op.empty() ? r.rule : fmt::format("{} [{}]", r.rule, op),
           .classname = fmt::format("{}.{}", r.policy, r.rule)};
    for (const Finding& f : report.findings)
      if (f.policy == r.policy && f.rule == r.rule && f.op == op) (f.waived ? c.waived : c.failing).push_back(&f);
    cases.push_back(std::move(c));
  }
  return cases;
}

}  // namespace

std::string check_junit(const CheckReport& report) {
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
          for (const Finding* f : c.failing) text += finding_line(*f) + "\n";
          body += fmt::format("      <failure message=\"{}\" type=\"{}\">{}</failure>\n",
                              xml_escape(fmt::format("{} finding{}: {}", c.failing.size(),
                                                     c.failing.size() == 1 ? "" : "s", r.title)),
                              xml_escape(severity_name(worst(c.failing))), xml_escape(text, false));
        }
        if (!c.waived.empty()) {
          std::string text;
          for (const Finding* f : c.waived) text += finding_line(*f) + "\n";
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

}  // namespace netvet::report
