// The alliance verdicts as text (a matrix, then the reasons) and as the JSON of
// shared/spec/alliance.md.

#include "report/alliance_report.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "report/text_table.h"
#include "util/text.h"

namespace netvet::report {
namespace {

using alliance::CountryVerdicts;
using alliance::RuleVerdict;
using policy::SharingScope;

std::string_view level(const alliance::ScopeLevels& levels, SharingScope scope) {
  return policy::name_of(levels[static_cast<std::size_t>(scope)]);
}

nlohmann::ordered_json scopes_json(const alliance::ScopeLevels& levels) {
  return {{"intelligence", level(levels, SharingScope::intelligence)},
          {"co-location", level(levels, SharingScope::co_location)}};
}

nlohmann::ordered_json applies_json(const policy::AppliesTo& to) {
  if (to.everyone()) return nullptr;
  nlohmann::ordered_json countries = nlohmann::ordered_json::array();
  for (const auto& c : to.countries) countries.push_back(netvet::name_of(c));
  return {{"alliances", to.alliances}, {"countries", countries}};
}

nlohmann::ordered_json rule_json(const policy::Pack& pack, const policy::Rule& rule) {
  nlohmann::ordered_json sources = nlohmann::ordered_json::array();
  for (const auto& id : rule.sources)
    if (const auto* s = pack.source(id)) sources.push_back({{"id", s->id}, {"title", one_line(s->title)}, {"url", s->url}});
  const auto& terms = *rule.sharing;
  return {{"pack", pack.id},
          {"id", rule.id},
          {"title", one_line(policy::fill_parameters(rule.title, pack))},
          {"kind", policy::name_of(rule.kind())},
          {"scope", policy::name_of(terms.scope)},
          {"status", policy::name_of(terms.status)},
          {"verdict", policy::name_of(terms.verdict)},
          {"effective", format_date(rule.effective)},
          {"applies_to", applies_json(terms.applies_to)},
          {"sources", sources}};
}

nlohmann::ordered_json verdict_json(const RuleVerdict& v) {
  nlohmann::ordered_json out{{"pack", v.pack->id},     {"rule", v.rule->id},         {"verdict", v.verdict.name()},
                             {"in_force", v.in_force}, {"findings", v.findings},     {"unvetted", v.unvetted},
                             {"because", v.because}};
  const bool facilities = v.rule->sharing->scope == SharingScope::co_location && v.rule->kind() == policy::RuleKind::exposure;
  if (facilities && v.verdict.applies && v.in_force) {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const auto& f : v.facilities) {
      list.push_back({{"id", f.id}, {"name", f.name}, {"kind", name_of(f.kind)}, {"network", f.network},
                      {"verdict", f.verdict_name()},
                      {"operator", f.operator_id.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(f.operator_id)}});
    }
    out["facilities"] = std::move(list);
  }
  return out;
}

}  // namespace

nlohmann::ordered_json alliance_json(const alliance::AllianceReport& report) {
  const alliance::Scenario& scenario = *report.scenario;
  nlohmann::ordered_json rules = nlohmann::ordered_json::array();
  for (const auto& pack : scenario.sharing)
    for (const auto& rule : pack.rules) rules.push_back(rule_json(pack, rule));
  nlohmann::ordered_json countries = nlohmann::ordered_json::array();
  for (const CountryVerdicts& c : report.countries) {
    nlohmann::ordered_json verdicts = nlohmann::ordered_json::array();
    for (const auto& v : c.verdicts) verdicts.push_back(verdict_json(v));
    nlohmann::ordered_json overall = scopes_json(c.overall);
    overall["if_enacted"] = scopes_json(c.if_enacted);
    countries.push_back({{"code", netvet::name_of(c.country->code)},
                         {"name", c.country->name},
                         {"alliances", c.country->alliances},
                         {"networks", c.networks},
                         {"verdicts", std::move(verdicts)},
                         {"overall", std::move(overall)}});
  }
  return {{"scenario", scenario.name}, {"as_of", format_date(report.as_of)}, {"partner", netvet::name_of(scenario.partner)},
          {"rules", std::move(rules)}, {"countries", std::move(countries)}};
}

std::string alliance_text(const alliance::AllianceReport& report, bool style) {
  const alliance::Scenario& scenario = *report.scenario;
  std::vector<std::string> packs;
  for (const auto& p : scenario.sharing) packs.push_back(p.id);
  std::string out = fmt::format("{}: partner {}, as of {}; sharing packs {}\n\n", scenario.name,
                                netvet::name_of(scenario.partner), format_date(report.as_of), fmt::join(packs, ", "));
  // The rules, numbered for the matrix's columns.
  TextTable rules({"#", "RULE", "SCOPE", "STATUS", "VERDICT", "TITLE"}, {Align::right});
  std::size_t n = 0;
  for (const auto& pack : scenario.sharing)
    for (const auto& rule : pack.rules)
      rules.add_row({std::to_string(++n), pack.id + " " + rule.id, std::string(policy::name_of(rule.sharing->scope)),
                     std::string(policy::name_of(rule.sharing->status)), std::string(policy::name_of(rule.sharing->verdict)),
                     one_line(policy::fill_parameters(rule.title, pack))});
  out += "Rules (their verdict where they have findings; full where they have none)\n" + rules.render(2, style) + "\n";

  std::vector<std::string> header{"COUNTRY"};
  for (std::size_t i = 1; i <= n; ++i) header.push_back(std::to_string(i));
  for (const auto* h : {"INTELLIGENCE", "CO-LOCATION", "IF ENACTED"}) header.emplace_back(h);
  TextTable matrix(header);
  for (const CountryVerdicts& c : report.countries) {
    std::vector<std::string> row{fmt::format("{} {}", netvet::name_of(c.country->code), c.country->name)};
    for (const auto& v : c.verdicts) row.push_back(std::string(v.verdict.name()) + (v.in_force ? "" : "*"));
    row.emplace_back(level(c.overall, SharingScope::intelligence));
    row.emplace_back(level(c.overall, SharingScope::co_location));
    row.push_back(fmt::format("{} / {}", level(c.if_enacted, SharingScope::intelligence),
                              level(c.if_enacted, SharingScope::co_location)));
    matrix.add_row(std::move(row));
  }
  out += "Verdicts (overall: enacted rules in force; if enacted: every rule in force, intelligence / co-location;\n"
         "* not in force on the date; n/a: the rule does not apply to the country)\n" +
         matrix.render(2, style) + "\n";

  for (const CountryVerdicts& c : report.countries) {
    out += fmt::format("{} {} ({})\n", netvet::name_of(c.country->code), c.country->name,
                       c.networks.size() == 1 ? c.networks.front() : fmt::format("{} networks", c.networks.size()));
    std::size_t i = 0;
    for (const auto& v : c.verdicts) {
      out += fmt::format("  {}. {}: {}. {}\n", ++i, v.rule->id, v.verdict.name(), v.because);
      for (const auto& f : v.facilities)
        if (f.verdict_name() != "full" && f.verdict_name() != "n/a")
          out += fmt::format("       {} {} ({}): {}\n", name_of(f.kind), f.id, f.name, f.verdict_name());
    }
    out += "\n";
  }
  return out;
}

}  // namespace netvet::report
