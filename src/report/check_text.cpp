// `netvet check` for people: a summary, then one block per rule with "x of N" per
// operator, the rule's source, its measures against their limits, and its findings.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <unordered_set>

#include "report/check_formats.h"
#include "report/text_table.h"

namespace netvet::report {

namespace {

constexpr std::string_view kBold = "\033[1m", kRed = "\033[31m", kYellow = "\033[33m", kCyan = "\033[36m",
                           kGreen = "\033[32m", kReset = "\033[0m";

struct Painter {
  bool style;
  std::string operator()(std::string_view text, std::string_view code) const {
    return style ? fmt::format("{}{}{}", code, text, kReset) : std::string(text);
  }
};

std::string_view severity_colour(FindingSeverity s) {
  switch (s) {
    case FindingSeverity::critical:
    case FindingSeverity::high: return kRed;
    case FindingSeverity::medium: return kYellow;
    case FindingSeverity::low: return kCyan;
  }
  return kRed;
}

// Measures are shares (0.41 of sites), except vendor counts.
std::string measure_value(double v, MeasureUnit unit) {
  return unit == MeasureUnit::vendors ? group_digits(static_cast<long long>(v)) : fmt::format("{:.1f}%", 100.0 * v);
}

std::string summary_line(const CheckSummary& s, const Painter& paint) {
  std::string by;
  for (std::size_t i = 0; i < kSeverityCount; ++i)
    by += fmt::format("{}{} {}", i ? ", " : "", group_digits(s.by_severity[i]), severity_name(static_cast<FindingSeverity>(i)));
  return fmt::format("  {} finding{} ({}){}. {}\n", group_digits(s.findings), s.findings == 1 ? "" : "s", by,
                     s.waived ? fmt::format("; {} waived", group_digits(s.waived)) : "",
                     s.compliant ? paint("Compliant", kGreen) : paint("Not compliant", kRed));
}

std::string explanation(const CheckReport& report, const Finding& f, const Source& rule_source) {
  const Source& source = source_of(report, f);
  std::string why = message_of(report, f);
  if (!f.clause.empty()) why += fmt::format(" Matched: {}.", f.clause);
  if (f.measured)
    why += fmt::format(" Measured {}.", measured_text(*f.measured));
  const bool own = source.title != rule_source.title || source.url != rule_source.url;
  if (has_source(source) && own) why += fmt::format(" Source: {}.", source.title);
  if (f.waived) why += fmt::format(" Waived: {}.", f.waiver.empty() ? "no reason given" : f.waiver);
  return why;
}

// Each rule's findings (all_rules' order, in which a finding's `rule` is its index), in
// the report's order: one pass over a national network's million findings rather than
// one pass per rule.
std::vector<std::vector<const Finding*>> findings_by_rule(const CheckReport& report, const std::vector<RuleInfo>& rules) {
  std::vector<std::vector<const Finding*>> out(rules.size());
  for (const Finding& f : report.findings) out[f.rule].push_back(&f);
  return out;
}

// "x of N" per operator: the distinct subjects with an unwaived finding.
std::map<std::string_view, std::size_t> flagged_per_operator(const std::vector<const Finding*>& findings) {
  std::map<std::string_view, std::unordered_set<std::string_view>> subjects;
  for (const Finding* f : findings)
    if (!f->waived) subjects[f->op].insert(f->subject_id);
  std::map<std::string_view, std::size_t> out;
  for (const auto& [op, ids] : subjects) out[op] = ids.size();
  return out;
}

std::string rule_block(const CheckReport& report, const RuleInfo& r, const std::vector<const Finding*>& findings,
                       const Painter& paint, std::size_t max_per_rule) {
  std::vector<const Measure*> measures;
  for (const Measure& m : report.measures)
    if (m.policy == r.policy && m.rule == r.rule) measures.push_back(&m);

  std::string out = paint(fmt::format("{}  {}", rule_key(r.policy, r.rule), r.title), kBold);
  out += fmt::format("  [{}]\n", paint(severity_name(r.severity), severity_colour(r.severity)));
  if (!r.description.empty()) out += fmt::format("  {}\n", r.description);
  if (has_source(r.source))
    out += fmt::format("  Source: {}{}\n", r.source.title, r.source.url.empty() ? "" : fmt::format(" <{}>", r.source.url));
  // A rule not in force on the date was not evaluated: "No findings" would pass it.
  if (const std::string when = not_in_force_text(r, report.as_of); !when.empty() && findings.empty() && measures.empty())
    return out + fmt::format("  Not evaluated: {}{}.\n", when,
                             report.as_of == kNoDate ? "" : fmt::format(" (this check is as of {})", format_date(report.as_of)));

  if (!measures.empty()) {
    TextTable t({"operator", "measured", "limit", "verdict"}, {Align::left, Align::right, Align::right, Align::left});
    for (const Measure* m : measures) {
      std::string measured = measure_text(m->value, m->unit);
      if (m->count >= 0 && m->total >= 0)
        measured = fmt::format("{} {}", share_text(m->count, m->total), unit_name(m->unit));
      const std::string op = m->op.empty() ? std::string(no_operator_text(SubjectType::region)) : m->op;
      t.add_row({m->scope.empty() ? op : fmt::format("{} ({})", op, m->scope), measured,
                 fmt::format("{} {}", m->at_least ? "at least" : "at most", measure_value(m->limit, m->unit)),
                 m->ok ? "within the limit" : m->at_least ? "below the minimum" : "over the limit"});
    }
    out += t.render(2, false);
  } else {
    // "x of N": subjects with an unwaived finding, of those the rule examined.
    const SubjectType kind = findings.empty() ? SubjectType::element : findings.front()->subject_kind;
    std::set<std::string_view> ops;
    for (const OperatorInfo& o : report.operators) ops.insert(o.id);
    for (const Finding* f : findings) ops.insert(f->op);
    const std::string subjects = kind == SubjectType::facility ? "facilities" : fmt::format("{}s", subject_name(kind));
    TextTable t({"operator", subjects + " flagged"}, {Align::left, Align::right});
    const auto flagged = flagged_per_operator(findings);
    for (const std::string_view op : ops) {
      const auto n = examined(report, r.policy, r.rule, op, kind);
      const auto it = flagged.find(op);
      const auto x = static_cast<long long>(it == flagged.end() ? 0 : it->second);
      t.add_row({std::string(op.empty() ? no_operator_text(kind) : op), n ? share_text(x, *n) : group_digits(x)});
    }
    out += t.render(2, false);
  }

  if (findings.empty()) return out + "  No findings.\n";
  out += "\n";
  TextTable t({"severity", "subject", "operator", "vendor", "effective", "finding"});
  const std::size_t shown = max_per_rule == 0 ? findings.size() : std::min(max_per_rule, findings.size());
  for (std::size_t i = 0; i < shown; ++i) {
    const Finding* f = findings[i];
    t.add_row({fmt::format("{}{}", severity_name(f->severity), f->waived ? " (waived)" : ""),
               fmt::format("{} {}", subject_name(f->subject_kind), f->subject_id),
               std::string(f->op.empty() ? no_operator_text(f->subject_kind) : f->op), std::string(f->vendor),
               f->effective == kNoDate ? "" : format_date(f->effective), explanation(report, *f, r.source)});
  }
  out += t.render(2, false);
  if (shown < findings.size())
    out += fmt::format("  ... and {} more (all of them: --format json, csv or sarif)\n",
                       group_digits(static_cast<long long>(findings.size() - shown)));
  return out;
}

}  // namespace

std::string check_text(const CheckReport& report, bool style, std::size_t max_per_rule) {
  const Painter paint{style};
  std::string out = paint(fmt::format("Check of {}{}{}", report.inventory.empty() ? "the inventory" : report.inventory,
                                      report.country.empty() ? "" : fmt::format(" ({})", report.country),
                                      report.as_of == kNoDate ? "" : fmt::format(" as of {}", format_date(report.as_of))),
                          kBold) +
                    "\n";
  for (const std::string& a : report.assumptions) out += fmt::format("  What-if (not the real network): {}\n", a);
  if (report.baseline)
    out += fmt::format("  Baseline {}: {} known finding{} left out; showing only new ones\n", report.baseline->file,
                       group_digits(report.baseline->known), report.baseline->known == 1 ? "" : "s");
  for (const PolicyRef& p : report.policies)
    out += fmt::format("  Policy {} {}{}\n", p.id, p.version, p.title.empty() ? "" : ": " + p.title);
  out += summary_line(summarize(report), paint);
  const std::vector<RuleInfo> rules = all_rules(report);
  const auto findings = findings_by_rule(report, rules);
  for (std::size_t i = 0; i < rules.size(); ++i) {
    out += '\n';
    out += rule_block(report, rules[i], findings[i], paint, max_per_rule);
  }
  return out;
}

}  // namespace netvet::report
