// JUnit XML, the format CI dashboards (Jenkins, GitLab, Azure) chart: a policy is a
// suite, a rule checked for one operator is a test case, and unwaived findings fail it.
#include <fmt/format.h>

#include <algorithm>
#include <iterator>
#include <map>
#include <sstream>

#include "report/check_formats.h"
#include "report/chunked_output.h"

namespace netvet::report {

namespace {

// Text and attribute values: the five predefined entities, and characters XML 1.0
// forbids (C0 controls other than tab, LF and CR) replaced by U+FFFD so that a stray
// byte in an inventory cannot make the document unreadable.
// Attribute values also keep tab, LF and CR as references, which attribute-value
// normalisation would otherwise turn into spaces.
void xml_escape_to(std::string& out, std::string_view s, bool attribute = true) {
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
}

std::string xml_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  xml_escape_to(out, s);
  return out;
}

void finding_line(std::string& line, const CheckReport& report, const Finding& f) {
  line.clear();
  fmt::format_to(std::back_inserter(line), "[{}] {} {}", severity_name(f.severity), subject_name(f.subject_kind), f.subject_id);
  if (!f.vendor.empty()) fmt::format_to(std::back_inserter(line), " ({})", f.vendor);
  line += ": ";
  line += message_of(report, f);
  if (!f.clause.empty()) fmt::format_to(std::back_inserter(line), " — matched: {}", f.clause);
  if (f.measured) fmt::format_to(std::back_inserter(line), " — measured {:.4g}, limit {:.4g}", f.measured->value, f.measured->limit);
  if (f.waived) fmt::format_to(std::back_inserter(line), " — waived: {}", f.waiver);
  line += '\n';
}

FindingSeverity worst(const std::vector<const Finding*>& findings) {
  FindingSeverity s = FindingSeverity::low;
  for (const Finding* f : findings) s = std::min(s, f->severity);
  return s;
}

struct Case {
  std::vector<const Finding*> failing, waived;
};
// A rule's test cases by operator, in the operators' order; "" for operator-less findings.
using RuleCases = std::map<std::string, Case, std::less<>>;

// The test cases of every rule (all_rules' order, in which a finding's `rule` is its
// index): one per operator the report knows or the rule mentions, so that a dashboard
// shows which operator fails; operator-less findings get their own. One pass over the
// findings, which come grouped by rule (a national network has a million of them).
std::vector<RuleCases> cases_of(const CheckReport& report, const std::vector<RuleInfo>& rules) {
  std::map<std::string, std::size_t, std::less<>> index;
  for (std::size_t i = 0; i < rules.size(); ++i) index.emplace(rule_key(rules[i].policy, rules[i].rule), i);
  std::vector<RuleCases> cases(rules.size());
  for (RuleCases& c : cases)
    for (const OperatorInfo& o : report.operators) c[o.id];
  for (const Measure& m : report.measures) cases[index.at(rule_key(m.policy, m.rule))][m.op];
  const Finding* previous = nullptr;
  Case* into = nullptr;
  for (const Finding& f : report.findings) {
    if (previous == nullptr || previous->rule != f.rule || previous->op != f.op) into = &cases[f.rule][std::string(f.op)];
    previous = &f;
    (f.waived ? into->waived : into->failing).push_back(&f);
  }
  for (RuleCases& c : cases)
    if (c.empty()) c[""];
  return cases;
}

// Each finding's line, escaped, straight into the output.
void write_lines(ChunkedOutput& out, const CheckReport& report, const std::vector<const Finding*>& findings) {
  std::string line;
  for (const Finding* f : findings) {
    finding_line(line, report, *f);
    xml_escape_to(out.buffer(), line, false);
    out.spill();
  }
}

}  // namespace

void write_check_junit(const CheckReport& report, std::ostream& stream) {
  const std::vector<RuleInfo> rules = all_rules(report);
  const std::vector<RuleCases> cases = cases_of(report, rules);
  std::vector<std::string> policies;
  for (const PolicyRef& p : report.policies) policies.push_back(p.id);
  for (const RuleInfo& r : rules)
    if (std::ranges::find(policies, r.policy) == policies.end()) policies.push_back(r.policy);

  // The counts head the document and each suite, so they are taken first.
  struct Counts {
    std::size_t tests = 0, failures = 0, skipped = 0;
  };
  // A rule not in force on the date was not evaluated: skipped, saying from when it applies.
  const auto dormant = [&](const RuleInfo& rule, const auto& c) {
    return !rule.in_force && c.failing.empty() && c.waived.empty();
  };
  std::vector<Counts> suites(policies.size());
  Counts total;
  for (std::size_t p = 0; p < policies.size(); ++p) {
    for (std::size_t r = 0; r < rules.size(); ++r) {
      if (rules[r].policy != policies[p]) continue;
      for (const auto& [op, c] : cases[r]) {
        ++suites[p].tests;
        if (!c.failing.empty()) ++suites[p].failures;
        if (dormant(rules[r], c)) ++suites[p].skipped;
      }
    }
    total.tests += suites[p].tests;
    total.failures += suites[p].failures;
  }

  ChunkedOutput out(stream);
  std::string& text = out.buffer();
  fmt::format_to(std::back_inserter(text),
                 "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                 "<testsuites name=\"netvet check\" tests=\"{}\" failures=\"{}\" errors=\"0\">\n",
                 total.tests, total.failures);
  for (std::size_t p = 0; p < policies.size(); ++p) {
    fmt::format_to(std::back_inserter(text),
                   "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"0\" skipped=\"{}\">\n",
                   xml_escape(policies[p]), suites[p].tests, suites[p].failures, suites[p].skipped);
    for (std::size_t r = 0; r < rules.size(); ++r) {
      const RuleInfo& rule = rules[r];
      if (rule.policy != policies[p]) continue;
      for (const auto& [op, c] : cases[r]) {
        const std::string name = op.empty() ? rule.rule : fmt::format("{} [{}]", rule.rule, op);
        fmt::format_to(std::back_inserter(text), "    <testcase name=\"{}\" classname=\"{}\"", xml_escape(name),
                       xml_escape(fmt::format("{}.{}", rule.policy, rule.rule)));
        if (dormant(rule, c)) {
          fmt::format_to(std::back_inserter(text), "><skipped message=\"{}\"/></testcase>\n",
                         xml_escape(not_in_force_text(rule, report.as_of)));
          continue;
        }
        if (c.failing.empty() && c.waived.empty()) {
          text += "/>\n";
          continue;
        }
        text += ">\n";
        if (!c.failing.empty()) {
          fmt::format_to(std::back_inserter(text), "      <failure message=\"{}\" type=\"{}\">",
                         xml_escape(fmt::format("{} finding{}: {}", c.failing.size(), c.failing.size() == 1 ? "" : "s",
                                                rule.title)),
                         xml_escape(severity_name(worst(c.failing))));
          write_lines(out, report, c.failing);
          text += "</failure>\n";
        }
        if (!c.waived.empty()) {
          text += "      <system-out>";
          write_lines(out, report, c.waived);
          text += "</system-out>\n";
        }
        text += "    </testcase>\n";
        out.spill();
      }
    }
    text += "  </testsuite>\n";
  }
  text += "</testsuites>\n";
  out.flush();
}

std::string check_junit(const CheckReport& report) {
  std::ostringstream text;
  write_check_junit(report, text);
  return std::move(text).str();
}

}  // namespace netvet::report
