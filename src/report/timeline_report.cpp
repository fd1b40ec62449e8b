#include "report/timeline_report.h"

#include <fmt/format.h>

#include <map>

#include "report/text_table.h"

namespace netvet::report {

namespace {

using json = nlohmann::ordered_json;

std::string key_of(const policy::RuleOutcome& r) { return fmt::format("{}/{}", r.policy, r.rule); }

std::string count(std::size_t n) { return group_digits(static_cast<long long>(n)); }

std::string sample_text(const std::vector<std::string>& sample, std::size_t total) {
  std::string s;
  for (const auto& item : sample) s += (s.empty() ? "" : ", ") + item;
  if (total > sample.size()) s += fmt::format(" and {} more", count(total - sample.size()));
  return s;
}

}  // namespace

std::string timeline_text(const policy::Timeline& t, std::span<const policy::Pack> packs, bool style) {
  auto bold = [&](const std::string& s) { return style ? "\033[1m" + s + "\033[0m" : s; };
  std::string packs_text;
  for (const auto& p : packs) packs_text += (packs_text.empty() ? "" : ", ") + p.id;
  std::string out = bold(t.until == kNoDate
                             ? fmt::format("Timeline of {} from {}", packs_text, format_date(t.from))
                             : fmt::format("Timeline of {} from {} to {}", packs_text, format_date(t.from), format_date(t.until)));
  out += '\n';
  out += fmt::format("  {} open finding{} on {}.\n", count(t.open), t.open == 1 ? "" : "s", format_date(t.from));
  for (const auto& d : t.dates) {
    out += '\n';
    out += bold(fmt::format("{}  +{} -{}  ({} open)", format_date(d.date), count(d.appear), count(d.clear), count(d.open)));
    out += '\n';
    for (const auto& e : d.events) out += fmt::format("  {}\n", e.text);
    if (d.changes.empty()) {
      out += "  No finding appears or clears.\n";
      continue;
    }
    TextTable table({"rule", "operator", "appear", "clear", "sites", "subjects"},
                    {Align::left, Align::left, Align::right, Align::right, Align::right, Align::left});
    for (const auto& c : d.changes) {
      const bool up = c.appear > 0;
      table.add_row({key_of(t.rules[c.rule]), c.op.empty() ? "(none)" : c.op, count(c.appear), count(c.clear),
                     count(up ? c.sites_appear : c.sites_clear),
                     up ? sample_text(c.sample_appear, c.appear) : sample_text(c.sample_clear, c.clear)});
    }
    out += table.render(2, false);
  }
  out += '\n';
  out += bold("What must be done by when");
  out += '\n';
  if (t.obligations.empty()) out += "  Nothing: no finding is open or appears.\n";
  std::string op;
  for (const auto& o : t.obligations) {
    if (o.op != op || &o == &t.obligations.front()) {
      op = o.op;
      out += fmt::format("  Operator {}\n", op.empty() ? "(none)" : op);
    }
    const auto& rule = t.rules[o.rule];
    out += fmt::format("    {} {}: {} (rule {}: {})\n", o.overdue ? "overdue since" : "by", format_date(o.due),
                       o.action, key_of(rule), rule.title);
  }
  return out;
}

nlohmann::ordered_json timeline_json(const policy::Timeline& t, std::span<const policy::Pack> packs) {
  json j;
  j["from"] = format_date(t.from);
  j["until"] = t.until == kNoDate ? json(nullptr) : json(format_date(t.until));
  j["policies"] = json::array();
  for (const auto& p : packs) j["policies"].push_back({{"id", p.id}, {"title", p.title}, {"version", p.version}});
  j["open"] = t.open;
  j["dates"] = json::array();
  for (const auto& d : t.dates) {
    json events = json::array();
    for (const auto& e : d.events) events.push_back({{"kind", policy::name_of(e.kind)}, {"text", e.text}});
    json changes = json::array();
    for (const auto& c : d.changes) {
      const auto& rule = t.rules[c.rule];
      changes.push_back({{"policy", rule.policy},
                         {"rule", rule.rule},
                         {"operator", c.op},
                         {"appear", c.appear},
                         {"clear", c.clear},
                         {"sites_appear", c.sites_appear},
                         {"sites_clear", c.sites_clear},
                         {"vendors", c.vendors_appear},
                         {"subjects_appear", c.sample_appear},
                         {"subjects_clear", c.sample_clear}});
    }
    j["dates"].push_back({{"date", format_date(d.date)},
                          {"events", std::move(events)},
                          {"appear", d.appear},
                          {"clear", d.clear},
                          {"open", d.open},
                          {"changes", std::move(changes)}});
  }
  j["obligations"] = json::array();
  for (const auto& o : t.obligations) {
    const auto& rule = t.rules[o.rule];
    j["obligations"].push_back({{"operator", o.op},
                                {"due", format_date(o.due)},
                                {"overdue", o.overdue},
                                {"policy", rule.policy},
                                {"rule", rule.rule},
                                {"title", rule.title},
                                {"severity", policy::name_of(rule.severity)},
                                {"count", o.count},
                                {"sites", o.sites},
                                {"vendors", o.vendors},
                                {"action", o.action}});
  }
  return j;
}

}  // namespace netvet::report
