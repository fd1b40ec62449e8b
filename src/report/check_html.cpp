// The HTML report: one self-contained page. What reads without script (header,
// summary, share bars, rules) is written here as HTML; the findings table and the map,
// which can be large, are drawn by report.js from a JSON block. The template, styles
// and script are front-end files under html/, compiled in with the npm packages.
#include <fmt/format.h>

#include <algorithm>
#include <cassert>
#include <map>
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


std::string percent(double v) { return v > 1.0 ? group_digits(static_cast<long long>(v)) : fmt::format("{:.1f}%", 100.0 * v); }

std::string cards(const CheckSummary& s) {
  std::string out = fmt::format(
      "<div class=\"card total\"><div class=\"label\">Findings</div><div class=\"n\">{}</div>"
      "<div class=\"sub\">{} waived</div></div>",
      group_digits(s.findings), group_digits(s.waived));
  for (std::size_t i = 0; i < kSeverityCount; ++i) {
    const std::string_view name = severity_name(static_cast<FindingSeverity>(i));
    out += fmt::format("<div class=\"card {0}\"><div class=\"label\">{0}</div><div class=\"n\">{1}</div></div>", name,
                       group_digits(s.by_severity[i]));
  }
  out += fmt::format(
      "<div class=\"card verdict {}\"><div class=\"label\">Verdict</div><div class=\"n\">{}</div>"
      "<div class=\"sub\">{}</div></div>",
      s.compliant ? "pass" : "fail", s.compliant ? "Compliant" : "Not compliant",
      s.compliant ? "no unwaived finding" : fmt::format("{} unwaived finding{}", group_digits(s.findings - s.waived),
                                                        s.findings - s.waived == 1 ? "" : "s"));
  return out;
}

// One group of bars per limit rule: each operator's measured value, with the cap as a
// vertical line; red when over. Shares use a 0-100% axis so bars compare across rules.
std::string bars(const CheckReport& report) {
  if (report.measures.empty()) return "<p class=\"note\">These policies set no share caps.</p>";
  std::string out;
  for (const RuleInfo& r : all_rules(report)) {
    std::vector<const Measure*> ms;
    for (const Measure& m : report.measures)
      if (m.policy == r.policy && m.rule == r.rule) ms.push_back(&m);
    if (ms.empty()) continue;
    double scale = 1.0;
    for (const Measure* m : ms) scale = std::max({scale, m->value * 1.1, m->limit * 1.1});
    out += fmt::format("<div class=\"bars\" data-rule=\"{}\"><h3><span class=\"mono\">{}</span> <span class=\"title\">{}</span></h3>",
                       esc(rule_key(r.policy, r.rule)), esc(rule_key(r.policy, r.rule)), esc(r.title));
    for (const Measure* m : ms) {
      const std::string label = m->scope.empty() ? m->op : fmt::format("{} ({})", m->op, m->scope);
      std::string detail = m->count >= 0 && m->total >= 0
                               ? fmt::format("{} of {} {}", group_digits(m->count), group_digits(m->total), unit_name(m->unit))
                               : fmt::format("of {}", unit_name(m->unit));
      out += fmt::format(
          "<div class=\"bar-row{}\" data-operator=\"{}\"><div class=\"bar-label\" title=\"{}\">{}</div>"
          "<div class=\"bar-track\"><div class=\"bar-fill\" style=\"width:{:.2f}%\"></div>"
          "<div class=\"bar-cap\" style=\"left:{:.2f}%\" title=\"cap {}\"></div></div>"
          "<div class=\"bar-value\"><b>{}</b> {}<small>{} &middot; cap {}</small></div></div>",
          m->ok ? "" : " over", esc(m->op), esc(label), esc(label), 100.0 * std::clamp(m->value / scale, 0.0, 1.0),
          100.0 * std::clamp(m->limit / scale, 0.0, 1.0), esc(percent(m->limit)), esc(percent(m->value)),
          m->ok ? "" : "&#9650;", esc(detail), esc(percent(m->limit)));
    }
    std::string ticks;
    for (int i = 0; i <= 4; ++i)
      ticks += fmt::format("<span style=\"left:{}%\">{}</span>", 25 * i, esc(i ? percent(scale * i / 4) : "0"));
    out += fmt::format("<div class=\"bar-axis\"><span></span><div class=\"ticks\">{}</div><span></span></div></div>", ticks);
  }
  return out + "<div class=\"bar-key\"><i style=\"background:var(--accent)\"></i>within the cap"
               "<i style=\"background:var(--critical);margin-left:12px\"></i>over the cap"
               "<i class=\"cap\"></i> the cap</div>";
}

// Each rule's open findings, and per operator "x of N" subjects flagged.
std::string rules_table(const CheckReport& report) {
  std::string rows;
  for (const RuleInfo& r : all_rules(report)) {
    std::int64_t open = 0, waived = 0;
    std::map<std::string, std::set<std::string_view>> flagged;
    SubjectType kind = SubjectType::element;
    for (const Finding& f : report.findings) {
      if (f.policy != r.policy || f.rule != r.rule) continue;
      kind = f.subject_kind;
      if (f.waived) {
        ++waived;
        continue;
      }
      ++open;
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
      ops += fmt::format("<div><b>{}</b> {}</div>", esc(op.empty() ? "(none)" : op), esc(count));
    }
    rows += fmt::format(
        "<tr><td>{}<span class=\"key mono\">{}</span><span class=\"key\">per {}</span></td><td><span class=\"sev {}\">{}</span></td>"
        "<td class=\"num\">{}</td><td class=\"num\">{}</td><td>{}</td></tr>",
        esc(r.title), esc(rule_key(r.policy, r.rule)), subject_name(kind), severity_name(r.severity), severity_name(r.severity),
        group_digits(open), group_digits(waived), ops.empty() ? "<span class=\"muted\">none flagged</span>" : ops);
  }
  return "<table class=\"rules\"><thead><tr><th>Rule</th><th>Severity</th><th class=\"num\">Open</th>"
         "<th class=\"num\">Waived</th><th>Flagged per operator</th></tr></thead><tbody>" +
         rows + "</tbody></table>";
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
