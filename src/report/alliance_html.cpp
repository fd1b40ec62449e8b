// The HTML report of `netvet alliance`: one self-contained page, like the check and
// exposure reports, whose styles it reuses (html/report.css, with html/alliance.css).
// It is written from the report's JSON (alliance_json), the one shape both outputs
// share: what reads without script — the header, the summary cards, each country's
// overall verdicts and the rules — is written here as HTML; html/alliance.js draws the
// matrix, the footprints, what would change each verdict, the projections and the
// partner's facilities from the same JSON, embedded in a script block.
//
// The JSON grows while the alliance module does (footprint, to_change, projection:
// alliance/alliance.h), so both this file and the script read it defensively: a member
// that is missing or of another type is left out of the page, never an error.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <string_view>
#include <vector>

#include "report/alliance_report.h"
#include "report/check_report.h"
#include "report/html/assets.h"
#include "report/html/html_text.h"
#include "report/text_table.h"

namespace netvet::report {

using html::esc;
using html::fill;
using html::script_safe;
using Json = nlohmann::ordered_json;

namespace {

// The member `key` of `j`, or null when `j` is no object or has no such member.
const Json* member(const Json& j, const char* key) {
  if (!j.is_object()) return nullptr;
  const auto it = j.find(key);
  return it == j.end() ? nullptr : &*it;
}

std::string text(const Json& j, const char* key) {
  const Json* m = member(j, key);
  return m != nullptr && m->is_string() ? m->get<std::string>() : std::string();
}

const Json& list(const Json& j, const char* key) {
  static const Json empty = Json::array();
  const Json* m = member(j, key);
  return m != nullptr && m->is_array() ? *m : empty;
}

// A verdict level as the page's class names write it: full, restricted, none, na, or
// unknown for anything else (so that no value reaches a class attribute unescaped).
std::string_view verdict_class(std::string_view v) {
  for (const std::string_view known : {"full", "restricted", "none", "unvetted"})
    if (v == known) return known;
  return v == "n/a" ? "na" : "unknown";
}

std::string verdict_chip(std::string_view v, std::string_view title = {}) {
  return fmt::format("<span class=\"v v-{}\"{}>{}</span>", verdict_class(v),
                     title.empty() ? std::string() : fmt::format(" title=\"{}\"", esc(title)),
                     esc(v.empty() ? std::string_view("?") : v));
}

// A country's overall level for a scope: overall.<scope>, or overall.if_enacted.<scope>.
std::string overall_level(const Json& country, const char* scope, bool if_enacted) {
  const Json* overall = member(country, "overall");
  if (overall == nullptr) return {};
  if (if_enacted) overall = member(*overall, "if_enacted");
  return overall == nullptr ? std::string() : text(*overall, scope);
}

std::string country_label(const Json& c) {
  const std::string code = text(c, "code"), name = text(c, "name");
  return name.empty() || name == code ? code : fmt::format("{} {}", code, name);
}

constexpr std::array<std::string_view, 3> kLevels{"full", "restricted", "none"};

// How many countries have each level for a scope ("3 full · 1 restricted · 1 none").
std::string tally(const Json& countries, const char* scope, bool if_enacted, std::size_t& full) {
  std::array<std::size_t, kLevels.size()> n{};
  for (const Json& c : countries) {
    const std::string level = overall_level(c, scope, if_enacted);
    for (std::size_t i = 0; i < kLevels.size(); ++i) n[i] += level == kLevels[i];
  }
  full = n[0];
  std::string out;
  for (std::size_t i = 0; i < kLevels.size(); ++i)
    if (n[i] > 0) out += fmt::format("{}{} {}", out.empty() ? "" : " &middot; ", n[i], kLevels[i]);
  return out;
}

std::string cards(const Json& report) {
  const Json& countries = list(report, "countries");
  const std::size_t n = countries.size();
  std::string out = fmt::format(
      "<div class=\"card total\"><div class=\"label\">Countries</div><div class=\"n\">{}</div>"
      "<div class=\"sub\">judged by {} against {} rule{}</div></div>",
      n, esc(text(report, "partner")), list(report, "rules").size(), list(report, "rules").size() == 1 ? "" : "s");
  struct Card {
    const char* label;
    const char* scope;
    bool if_enacted;
  };
  bool below = false;
  for (const Card& k : {Card{"Intelligence shared in full", "intelligence", false},
                        Card{"Co-location in full", "co-location", false},
                        Card{"Intelligence, if enacted", "intelligence", true},
                        Card{"Co-location, if enacted", "co-location", true}}) {
    std::size_t full = 0;
    const std::string sub = tally(countries, k.scope, k.if_enacted, full);
    if (!k.if_enacted && full < n) below = true;
    out += fmt::format(
        "<div class=\"card scope {}\"><div class=\"label\">{}</div><div class=\"n\">{} <small>of {}</small></div>"
        "<div class=\"sub\">{}</div></div>",
        full == n ? "all-full" : "some-below", k.label, full, n, sub);
  }
  // The exit code's verdict: some country below full on the enacted rules.
  out += fmt::format(
      "<div class=\"card verdict {}\"><div class=\"label\">Enacted rules</div><div class=\"n\">{}</div>"
      "<div class=\"sub\">{}</div></div>",
      below ? "fail" : "pass", below ? "Restricted" : "Full everywhere",
      below ? "some country's overall verdict is below full" : "no country is restricted by law");
  return out;
}

// Each country's overall verdicts, readable without script; alliance.js replaces this
// table with the full matrix of countries by rules.
std::string overall_table(const Json& report) {
  std::string rows;
  for (const Json& c : list(report, "countries")) {
    rows += fmt::format("<tr><th scope=\"row\"><a href=\"#country-{}\">{}</a></th>", esc(text(c, "code")), esc(country_label(c)));
    for (const bool if_enacted : {false, true})
      for (const char* scope : {"intelligence", "co-location"})
        rows += "<td>" + verdict_chip(overall_level(c, scope, if_enacted)) + "</td>";
    rows += "</tr>";
  }
  return "<table class=\"matrix\" id=\"overall\"><thead><tr><th>Country</th><th>Intelligence</th><th>Co-location</th>"
         "<th>If enacted: intelligence</th><th>If enacted: co-location</th></tr></thead><tbody>" +
         rows + "</tbody></table><p class=\"note\" id=\"matrix-note\">The verdicts per rule need JavaScript.</p>";
}

std::string applies_text(const Json& rule) {
  const Json* to = member(rule, "applies_to");
  if (to == nullptr || !to->is_object()) return "every country";
  std::vector<std::string> parts;
  for (const char* key : {"alliances", "countries"})
    for (const Json& v : list(*to, key))
      if (v.is_string()) parts.push_back(v.get<std::string>());
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : ", ") + p;
  return out.empty() ? "no country" : out;
}

std::string rules_table(const Json& report) {
  std::string rows;
  std::size_t n = 0;
  for (const Json& r : list(report, "rules")) {
    std::string sources;
    for (const Json& s : list(r, "sources")) {
      const std::string title = text(s, "title"), url = text(s, "url");
      const std::string label = title.empty() ? text(s, "id") : title;
      // Links only to http(s) pages: the page itself fetches nothing.
      sources += url.starts_with("https://") || url.starts_with("http://")
                     ? fmt::format("<li><a href=\"{}\" rel=\"noreferrer noopener\">{}</a></li>", esc(url), esc(label))
                     : fmt::format("<li>{}</li>", esc(label));
    }
    const std::string status = text(r, "status");
    rows += fmt::format(
        "<tr id=\"rule-{}\" class=\"status-{}\"><td class=\"num\">{}</td><td>{}<span class=\"key mono\">{} {}</span>"
        "<span class=\"key\">{} rule</span></td><td>{}</td><td><span class=\"status\">{}</span></td><td>{}</td>"
        "<td class=\"mono\">{}</td><td>{}</td><td><ul class=\"sources\">{}</ul></td></tr>",
        n + 1, esc(status), n + 1, esc(text(r, "title")), esc(text(r, "pack")), esc(text(r, "id")), esc(text(r, "kind")),
        esc(text(r, "scope")), esc(status), verdict_chip(text(r, "verdict")), esc(text(r, "effective")), esc(applies_text(r)),
        sources);
    ++n;
  }
  if (n == 0) return "<p class=\"note\">The scenario's sharing packs have no rules.</p>";
  return "<table class=\"rules\"><thead><tr><th class=\"num\">#</th><th>Rule</th><th>Scope</th><th>Status</th>"
         "<th>Verdict with findings</th><th>Effective</th><th>Concerns</th><th>Sources</th></tr></thead><tbody>" +
         rows + "</tbody></table>";
}

std::string nav(const Json& report) {
  std::string out = "<a href=\"#matrix-panel\" class=\"primary\">Verdicts</a>";
  for (const Json& c : list(report, "countries"))
    out += fmt::format("<a href=\"#country-{}\">{}</a>", esc(text(c, "code")), esc(text(c, "code")));
  return out + "<a href=\"#rules\">Rules</a>";
}

std::string verdict_key() {
  std::string out;
  for (const auto& [v, what] : std::array<std::pair<std::string_view, std::string_view>, 5>{
           {{"full", "shared in full"}, {"restricted", "restricted"}, {"none", "none"}, {"n/a", "the rule does not concern the country"},
            {"unvetted", "a facility that cannot be vetted"}}})
    out += fmt::format("<span>{} {}</span>", verdict_chip(v), esc(what));
  return out + "<span><span class=\"v v-full dormant\">full</span> not in force on the date</span>"
               "<span><span class=\"status-mark\">bill</span> counts only if enacted</span>";
}

}  // namespace

std::string alliance_html_page(const nlohmann::ordered_json& report) {
  const std::string scenario = text(report, "scenario");
  const Json& countries = list(report, "countries");
  const Json& rules = list(report, "rules");
  std::string meta;
  if (const std::string partner = text(report, "partner"); !partner.empty())
    meta += fmt::format("<span>Partner {}</span>", esc(partner));
  if (const std::string as_of = text(report, "as_of"); !as_of.empty()) meta += fmt::format("<span>As of {}</span>", esc(as_of));
  meta += fmt::format("<span>{} countr{}</span><span>{} rule{}</span>", countries.size(), countries.size() == 1 ? "y" : "ies",
                      rules.size(), rules.size() == 1 ? "" : "s");
  // The sharing packs, in the rules' order, each once.
  std::vector<std::string> packs;
  for (const Json& r : rules)
    if (const std::string p = text(r, "pack"); !p.empty() && std::find(packs.begin(), packs.end(), p) == packs.end())
      packs.push_back(p);
  std::string pack_chips;
  for (const auto& p : packs) {
    std::size_t n = 0;
    for (const Json& r : rules) n += text(r, "pack") == p;
    pack_chips += fmt::format("<span class=\"policy\"><b>{}</b> sharing pack &middot; {} rule{}</span>", esc(p), n, n == 1 ? "" : "s");
  }
  const std::string footer = fmt::format(
      "Generated by netvet {}. The verdicts say what the partner's words imply for these networks, read as rules "
      "(each rule's description says how), not what an intelligence link would cross. This page is self-contained and "
      "fetches nothing.",
      esc(netvet_version()));
  return fill(html::asset("alliance.html"),
              {{"version", esc(netvet_version())},
               {"title", esc(fmt::format("netvet alliance - {}", scenario.empty() ? "scenario" : scenario))},
               {"heading", esc(scenario.empty() ? "Alliance scenario" : scenario)},
               {"meta", meta},
               {"packs", pack_chips},
               {"nav", nav(report)},
               {"cards", cards(report)},
               {"overall", overall_table(report)},
               {"key", verdict_key()},
               {"as_of", esc(text(report, "as_of"))},
               {"rules", rules_table(report)},
               {"footer", footer},
               {"data", script_safe(report.dump(-1, ' ', false, Json::error_handler_t::replace))},
               {"css", std::string(html::asset("report.css"))},
               {"alliance_css", std::string(html::asset("alliance.css"))},
               {"script", std::string(html::asset("alliance.js"))}});
}

std::string alliance_html(const alliance::AllianceReport& report) { return alliance_html_page(alliance_json(report)); }

}  // namespace netvet::report
