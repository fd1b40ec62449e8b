// The HTML report: one self-contained page. What reads without script (header,
// summary, share bars, rules) is written here as HTML; the findings table and the map,
// which can be large, are drawn by report.js from a JSON block. The template, styles
// and script are front-end files under html/, compiled in with the npm packages.
#include <fmt/format.h>

#include <algorithm>
#include <cassert>
#include <cmath>
#include <map>
#include <optional>
#include <set>

#include "report/check_formats.h"
#include "report/check_map.h"
#include "report/html/assets.h"
#include "report/html/exposure_sections.h"
#include "report/html/html_text.h"
#include "report/html/page_data.h"
#include "report/text_table.h"

namespace netvet::report {

using html::esc;
using html::fill;
using html::package_version;
using html::script_safe;

namespace {


std::string script_json(const nlohmann::json& j) {
  return script_safe(j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}



std::string cards(const CheckSummary& s) {
  // Each count leads to the findings it counts (report.js sets the table's filter).
  std::string out = fmt::format(
      "<a class=\"card total\" href=\"#findings\" data-severity=\"\"><div class=\"label\">Findings</div><div class=\"n\">{}</div>"
      "<div class=\"sub\">{} waived</div></a>",
      group_digits(s.findings), group_digits(s.waived));
  for (std::size_t i = 0; i < kSeverityCount; ++i) {
    const std::string_view name = severity_name(static_cast<FindingSeverity>(i));
    out += fmt::format("<a class=\"card {0}\" href=\"#findings\" data-severity=\"{2}\"><div class=\"label\">{0}</div>"
                       "<div class=\"n\">{1}</div></a>",
                       name, group_digits(s.by_severity[i]), i);
  }
  out += fmt::format(
      "<div class=\"card verdict {}\"><div class=\"label\">Verdict</div><div class=\"n\">{}</div>"
      "<div class=\"sub\">{}</div></div>",
      s.compliant ? "pass" : "fail", s.compliant ? "Compliant" : "Not compliant",
      s.compliant ? "no unwaived finding" : fmt::format("{} unwaived finding{}", group_digits(s.findings - s.waived),
                                                        s.findings - s.waived == 1 ? "" : "s"));
  return out;
}

// One group of bars per limit rule and kind of measure: each operator's measured value,
// with the limit as a vertical line; red when beyond it. Shares (of sites, elements or
// subscribers) use a 0-100% axis so bars compare across rules; counts (vendors per
// domain) an axis of whole numbers. A cap is an upper limit, a minimum a lower one (a
// multi-vendor rule's "at least 2 vendors"), and each is called what it is.
std::string bars(const CheckReport& report) {
  if (report.measures.empty()) return "<p class=\"note\">These policies set no limits on shares or counts.</p>";
  std::string out;
  for (const RuleInfo& r : all_rules(report)) {
    for (const bool counts : {false, true}) {
      std::vector<const Measure*> ms;
      for (const Measure& m : report.measures)
        if (m.policy == r.policy && m.rule == r.rule && (m.unit == MeasureUnit::vendors) == counts) ms.push_back(&m);
      if (ms.empty()) continue;
      double scale = 1.0;
      if (counts) {
        for (const Measure* m : ms) scale = std::max({scale, m->value, m->limit});
        scale = std::ceil(scale) + 1;  // room past the largest, in whole vendors
      }
      const auto value_text = [&](double v) { return counts ? group_digits(std::llround(v)) : fmt::format("{:.1f}%", 100.0 * v); };
      const bool minimum = ms.front()->at_least;
      const std::string what = counts ? "vendors per operator and domain"
                                      : fmt::format("share of {} per operator{}", unit_name(ms.front()->unit),
                                                    ms.front()->scope.empty() ? "" : " and domain");
      out += fmt::format(
          "<div class=\"bars\" data-rule=\"{}\"><h3><span class=\"mono\">{}</span> <span class=\"title\">{}</span></h3>"
          "<div class=\"bar-what\">{}; the line is the {} ({} {})</div>",
          esc(rule_key(r.policy, r.rule)), esc(rule_key(r.policy, r.rule)), esc(r.title), esc(what),
          minimum ? "minimum" : "cap", minimum ? "at least" : "at most", esc(value_text(ms.front()->limit)));
      for (const Measure* m : ms) {
        const std::string op = m->op.empty() ? std::string(no_operator_text(SubjectType::region)) : m->op;
        const std::string label = m->scope.empty() ? op : fmt::format("{} ({})", op, m->scope);
        const std::string bound = fmt::format("{} {}", m->at_least ? "minimum" : "cap", value_text(m->limit));
        std::string detail = m->count >= 0 && m->total >= 0
                                 ? fmt::format("{} of {} {}", group_digits(m->count), group_digits(m->total), unit_name(m->unit))
                                 : counts ? std::string() : fmt::format("of {}", unit_name(m->unit));
        out += fmt::format(
            "<div class=\"bar-row{}\" data-operator=\"{}\"><div class=\"bar-label\" title=\"{}\">{}</div>"
            "<div class=\"bar-track\"><div class=\"bar-fill\" style=\"width:{:.2f}%\"></div>"
            "<div class=\"bar-cap\" style=\"left:{:.2f}%\" title=\"{}\"></div></div>"
            "<div class=\"bar-value\"><b>{}</b> {}<small>{}{}{}</small></div></div>",
            m->ok ? "" : " over", esc(m->op), esc(label), esc(label), 100.0 * std::clamp(m->value / scale, 0.0, 1.0),
            100.0 * std::clamp(m->limit / scale, 0.0, 1.0), esc(bound), esc(value_text(m->value)),
            m->ok ? "" : m->at_least ? "&#9660;" : "&#9650;", esc(detail), detail.empty() ? "" : " &middot; ", esc(bound));
      }
      std::string ticks;
      if (counts) {  // whole vendors, at most six ticks
        const auto top = static_cast<long long>(scale);
        const long long step = std::max(1LL, (top + 5) / 6);
        for (long long v = 0; v <= top; v += step)
          ticks += fmt::format("<span style=\"left:{:.2f}%\">{}</span>", 100.0 * static_cast<double>(v) / scale, v);
      } else {
        for (int i = 0; i <= 4; ++i) ticks += fmt::format("<span style=\"left:{}%\">{}</span>", 25 * i, esc(value_text(scale * i / 4)));
      }
      out += fmt::format("<div class=\"bar-axis\"><span></span><div class=\"ticks\">{}</div><span>{}</span></div></div>", ticks,
                         counts ? "vendors" : "share");
    }
  }
  return out + "<div class=\"bar-key\"><i style=\"background:var(--accent)\"></i>within the limit"
               "<i style=\"background:var(--critical);margin-left:12px\"></i>beyond it (&#9650; over a cap, &#9660; under a minimum)"
               "<i class=\"cap\"></i> the limit: a cap or a minimum</div>";
}

// Each rule's open findings, and per operator "x of N" subjects flagged. The badge is the
// worst open finding's severity (an exposure rule's isolated facilities are low whatever
// the rule's), the rule's own when it differs; a rule not in force says from when.
std::string rules_table(const CheckReport& report) {
  std::string rows;
  const std::vector<RuleInfo> rules = all_rules(report);
  for (std::size_t i = 0; i < rules.size(); ++i) {
    const RuleInfo& r = rules[i];
    std::int64_t open = 0, waived = 0;
    std::optional<FindingSeverity> worst;
    std::map<std::string_view, std::set<std::string_view>> flagged;
    SubjectType kind = SubjectType::element;
    for (const Finding& f : report.findings) {
      if (f.rule != i) continue;  // all_rules' order is the findings' `rule`
      kind = f.subject_kind;
      if (f.waived) {
        ++waived;
        continue;
      }
      ++open;
      if (!worst || f.severity < *worst) worst = f.severity;
      flagged[f.op].insert(f.subject_id);
    }
    std::string ops;
    for (const auto& [op, subjects] : flagged) {
      const auto x = static_cast<long long>(subjects.size());
      std::string count;
      if (kind == SubjectType::operator_) {
        count = "flagged";  // "1 of 1 operators" says nothing
      } else {
        const auto n = examined(report, r.policy, r.rule, op, kind);
        count = n ? share_text(x, *n) : group_digits(x);
      }
      ops += fmt::format("<div><b>{}</b> {}</div>", esc(op.empty() ? no_operator_text(kind) : op), esc(count));
    }
    const std::string when = not_in_force_text(r, report.as_of);
    std::string badge;
    if (worst) {
      badge = fmt::format("<span class=\"sev {0}\" title=\"the worst open finding\">{0}</span>", severity_name(*worst));
      if (*worst != r.severity)
        badge += fmt::format("<span class=\"key\">rule: {}</span>", severity_name(r.severity));
    } else {
      badge = fmt::format("<span class=\"sev none\" title=\"no open finding; the rule's severity\">{}</span>", severity_name(r.severity));
    }
    const std::string key = rule_key(r.policy, r.rule);
    const std::string open_cell = open > 0 ? fmt::format("<a href=\"#findings\" class=\"to-findings\" data-rule=\"{}\" "
                                                         "title=\"show these findings\">{}</a>",
                                                         esc(key), group_digits(open))
                                           : group_digits(open);
    const std::string flagged_cell = !when.empty() && open == 0 && waived == 0
                                         ? fmt::format("<span class=\"muted\">{}</span>", esc(when))
                                     : ops.empty() ? "<span class=\"muted\">none flagged</span>"
                                                   : ops;
    rows += fmt::format(
        "<tr{}><td>{}<span class=\"key mono\">{}</span><span class=\"key\">per {}</span></td><td>{}</td>"
        "<td class=\"num\">{}</td><td class=\"num\">{}</td><td>{}</td></tr>",
        when.empty() ? "" : " class=\"dormant\"", esc(r.title), esc(key), subject_name(kind), badge, open_cell,
        group_digits(waived), flagged_cell);
  }
  return "<table class=\"rules\"><thead><tr><th>Rule</th><th>Severity</th><th class=\"num\">Open</th>"
         "<th class=\"num\">Waived</th><th>Flagged per operator</th></tr></thead><tbody>" +
         rows + "</tbody></table>";
}

// Links from the top of the page to each part, the findings table above all.
std::string page_nav(const CheckSummary& summary, bool facilities) {
  const std::int64_t open = summary.findings - summary.waived;
  std::string out = fmt::format("<a href=\"#findings\" class=\"primary\">Findings ({})</a>", group_digits(open));
  out += "<a href=\"#shares\">Limits</a><a href=\"#rules\">Rules</a><a href=\"#map-panel\">Map</a>";
  if (facilities) out += "<a href=\"#exposure\">Facilities</a>";
  return out;
}

}  // namespace

std::string check_html(const CheckReport& report, const Inventory& inv, const HtmlOptions& options) {
  const CheckSummary summary = summarize(report);
  const MapSelection map = select_map_sites(report, inv, options.max_map_sites);
  const std::string name = report.inventory.empty() ? "Inventory" : report.inventory;

  std::string meta;
  if (report.as_of != kNoDate) meta += fmt::format("<span>As of {}</span>", format_date(report.as_of));
  if (!report.country.empty()) meta += fmt::format("<span>Country {}</span>", esc(report.country));
  meta += fmt::format("<span>{} operators</span><span>{} sites</span><span>{} elements</span>",
                      group_digits(static_cast<long long>(inv.operators.size())),
                      group_digits(static_cast<long long>(inv.sites.size())),
                      group_digits(static_cast<long long>(inv.elements.size())));
  std::string policies;
  for (const PolicyRef& p : report.policies)
    policies += fmt::format("<span class=\"policy\"><b>{}</b> {} &middot; {}</span>", esc(p.id), esc(p.version), esc(p.title));

  std::string map_note = fmt::format("{} of {} located sites shown", group_digits(static_cast<long long>(map.sites.size())),
                                     group_digits(static_cast<long long>(map.located)));
  map_note += map.sites.size() < map.located
                  ? fmt::format(": every site with findings first ({} in all), then an even sample of the rest.",
                                group_digits(static_cast<long long>(map.located_flagged)))
                  : ".";
  map_note += " Click a site to filter the findings. Colour: the worst unwaived finding on the site.";

  const std::string atlas_version = package_version(html::asset("world-atlas/package.json"));
  const std::string topojson_version = package_version(html::asset("topojson-client/package.json"));
  const std::string footer = fmt::format(
      "Generated by netvet {}. Country outlines: Natural Earth, 1:50m, via world-atlas {} (ISC), decoded with "
      "topojson-client {} (ISC). This page is self-contained and fetches nothing.",
      esc(report.tool_version.empty() ? std::string(netvet_version()) : report.tool_version), esc(atlas_version),
      esc(topojson_version));

  // The decoder is inlined as published; it must not be able to close its own block.
  std::string topojson(html::asset("topojson-client.min.js"));
  for (std::size_t at; (at = topojson.find("</")) != std::string::npos;) topojson.replace(at, 2, "<\\/");

  return fill(html::asset("report.html"),
              {{"version", esc(netvet_version())},
               {"title", esc(fmt::format("netvet check - {}", name))},
               {"heading", esc(name)},
               {"meta", meta},
               {"policies", policies},
               {"cards", cards(summary)},
               {"nav", page_nav(summary, inv.facilities.size() > 0)},
               {"bars", bars(report)},
               {"rules", rules_table(report)},
               {"exposure", html::check_exposure_section(report, inv, options)},
               {"map_note", esc(map_note)},
               {"table_note", "The findings table needs JavaScript."},
               {"footer", footer},
               {"data", script_json(html::page_data(report, inv, map, options))},
               {"atlas", script_safe(html::asset("countries-50m.json"))},
               {"topojson", topojson},
               {"css", std::string(html::asset("report.css"))},
               {"exposure_css", std::string(html::asset("exposure.css"))},
               {"script", html::page_script("report.js")}});
}

}  // namespace netvet::report
