// The alliance verdicts as text (a matrix, then the reasons) and as the JSON of
// shared/spec/alliance.md.

#include "report/alliance_report.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <cmath>

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

nlohmann::ordered_json replacements_json(const std::vector<alliance::Replacement>& list) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const auto& r : list)
    out.push_back({{"operator", r.op}, {"network", r.network}, {"count", r.elements.size()}, {"elements", r.elements}});
  return out;
}

nlohmann::ordered_json verdict_json(const RuleVerdict& v) {
  nlohmann::ordered_json out{{"pack", v.pack->id},     {"rule", v.rule->id},         {"verdict", v.verdict.name()},
                             {"in_force", v.in_force}, {"findings", v.findings},     {"unvetted", v.unvetted},
                             {"because", v.because}};
  if (v.verdict.applies && v.in_force && v.findings > 0) {
    out["to_change"] = replacements_json(v.to_change);
    out["to_change_count"] = v.to_change_count;
    // Whether replacing them was checked to clear the rule (false: a rule kind without a
    // remedy, or findings the checks could not clear).
    out["to_change_clears"] = v.to_change_defined && v.to_change_clears;
    out["to_change_left"] = v.to_change_left;
  }
  const bool facilities = v.rule->sharing->scope == SharingScope::co_location && v.rule->kind() == policy::RuleKind::exposure;
  if (facilities && v.verdict.applies && v.in_force) {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const auto& f : v.facilities) {
      list.push_back({{"id", f.id}, {"name", f.name}, {"kind", name_of(f.kind)}, {"network", f.network},
                      {"verdict", f.verdict_name()},
                      {"operator", f.operator_id.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(f.operator_id)},
                      {"to_change", replacements_json(f.to_change)}});
    }
    out["facilities"] = std::move(list);
  }
  return out;
}

nlohmann::ordered_json footprint_json(const alliance::Footprint& f) {
  nlohmann::ordered_json operators = nlohmann::ordered_json::array();
  for (const auto& o : f.operators)
    operators.push_back({{"id", o.op},
                         {"network", o.network},
                         {"designated_elements", o.designated_elements},
                         {"designated_core", o.designated_core},
                         {"designated_5g", o.designated_5g},
                         {"ran_sites", o.ran_sites},
                         {"designated_ran_sites", o.designated_ran_sites},
                         {"designated_ran_share", std::round(o.designated_ran_share() * 1e4) / 1e4}});
  return {{"vendors", f.vendors}, {"operators", std::move(operators)}, {"facilities_exposed", f.facilities_exposed}};
}

nlohmann::ordered_json projection_json(const CountryVerdicts& c) {
  nlohmann::ordered_json steps = nlohmann::ordered_json::array();
  for (const auto& step : c.projection) {
    nlohmann::ordered_json verdicts = nlohmann::ordered_json::array();
    for (std::size_t i = 0; i < step.verdicts.size(); ++i) {
      nlohmann::ordered_json v{{"pack", c.verdicts[i].pack->id}, {"rule", c.verdicts[i].rule->id},
                               {"verdict", step.verdicts[i].name()}, {"findings", step.findings[i]}};
      if (c.verdicts[i].rule->kind() == policy::RuleKind::exposure) {
        nlohmann::ordered_json exposed = nlohmann::ordered_json::array();
        for (const auto& f : step.facilities[i]) exposed.push_back({{"id", f.id}, {"network", f.network}});
        v["facilities_exposed"] = std::move(exposed);
      }
      verdicts.push_back(std::move(v));
    }
    nlohmann::ordered_json overall = scopes_json(step.overall);
    overall["if_enacted"] = scopes_json(step.if_enacted);
    steps.push_back({{"date", format_date(step.date)}, {"events", step.events}, {"replaced", step.replaced},
                     {"overdue", step.overdue},
                     {"verdicts", std::move(verdicts)}, {"overall", std::move(overall)}});
  }
  return steps;
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
                         {"footprint", footprint_json(c.footprint)},
                         {"verdicts", std::move(verdicts)},
                         {"overall", std::move(overall)},
                         {"projection", projection_json(c)}});
  }
  return {{"scenario", scenario.name},        {"as_of", format_date(report.as_of)},
          {"partner", netvet::name_of(scenario.partner)}, {"replacement", scenario.replacement},
          {"notes", report.notes},            {"rules", std::move(rules)},
          {"countries", std::move(countries)}};
}

namespace {

constexpr std::size_t kIdsShown = 3;  // element ids a line names per operator

// "ee 12 (GB-1, GB-2, GB-3 and 9 more), three 4 (...)"
std::string replacements_text(const std::vector<alliance::Replacement>& list) {
  std::vector<std::string> parts;
  for (const auto& r : list) {
    const std::size_t shown = std::min(r.elements.size(), kIdsShown);
    std::string ids = fmt::format("{}", fmt::join(r.elements.begin(), r.elements.begin() + static_cast<std::ptrdiff_t>(shown), ", "));
    if (r.elements.size() > shown) ids += fmt::format(" and {} more", r.elements.size() - shown);
    parts.push_back(r.elements.empty() ? fmt::format("{} (nothing designated to replace)", r.op)
                                       : fmt::format("{} {} ({})", r.op.empty() ? "(no operator)" : r.op, r.elements.size(), ids));
  }
  return fmt::format("{}", fmt::join(parts, "; "));
}

std::string to_change_text(const RuleVerdict& v) {
  if (!v.to_change_defined) return "no replacement is defined for this kind of rule";
  const std::string what = fmt::format("replace {} element{} by a vendor it does not name: {}", v.to_change_count,
                                       v.to_change_count == 1 ? "" : "s", replacements_text(v.to_change));
  const std::string evidence =
      v.rule->kind() == policy::RuleKind::require ? " (or obtain the evidence the rule requires for them)" : "";
  return v.to_change_clears ? what + evidence + " (checked: the rule then finds nothing)"
                            : what + evidence +
                                  fmt::format(" (checked: the rule would still find {} finding{})", v.to_change_left,
                                              v.to_change_left == 1 ? "" : "s");
}

std::string footprint_text(const alliance::Footprint& f, bool style) {
  if (f.operators.empty()) return "";
  TextTable table({"OPERATOR", "NETWORK", "DESIGNATED", "IN CORE", "IN 5G", "RAN SITES", "SHARE"},
                  {Align::left, Align::left, Align::right, Align::right, Align::right, Align::right, Align::right});
  for (const auto& o : f.operators)
    table.add_row({o.op, o.network, std::to_string(o.designated_elements), std::to_string(o.designated_core),
                   std::to_string(o.designated_5g), fmt::format("{} of {}", o.designated_ran_sites, o.ran_sites),
                   fmt::format("{:.1f}%", 100.0 * o.designated_ran_share())});
  return fmt::format("  Footprint of {} (elements per operator; RAN sites with a designated radio); the partner's "
                     "facilities exposed: {}\n{}",
                     f.vendors.empty() ? std::string("no designated vendor") : fmt::format("{}", fmt::join(f.vendors, ", ")),
                     f.facilities_exposed, table.render(4, style));
}

std::string projection_text(const CountryVerdicts& c) {
  if (c.country->regime.empty()) return "";
  std::vector<std::string> regime;
  for (const auto& p : c.country->regime) regime.push_back(p.id);
  if (c.projection.empty())
    return fmt::format("  Projection under {}: no later date of the regime changes what it requires or a verdict.\n",
                       fmt::join(regime, ", "));
  std::string out = fmt::format("  Projection under {} (its operators replace what it requires by each date, and nothing more):\n",
                                fmt::join(regime, ", "));
  std::vector<std::string_view> before;
  for (const auto& v : c.verdicts) before.push_back(v.verdict.name());
  for (const auto& step : c.projection) {
    std::vector<std::string> moves;
    for (std::size_t i = 0; i < step.verdicts.size(); ++i) {
      if (step.verdicts[i].name() != before[i])
        moves.push_back(fmt::format("{} {} -> {}", c.verdicts[i].rule->id, before[i], step.verdicts[i].name()));
      before[i] = step.verdicts[i].name();
    }
    std::vector<std::string> exposed;
    for (const auto& refs : step.facilities)
      for (const auto& f : refs) exposed.push_back(c.networks.size() == 1 ? f.id : fmt::format("{} (in '{}')", f.id, f.network));
    std::ranges::sort(exposed);
    exposed.erase(std::unique(exposed.begin(), exposed.end()), exposed.end());
    std::string verdicts = moves.empty() ? std::string("no verdict moves") : fmt::format("{}", fmt::join(moves, ", "));
    if (!exposed.empty()) verdicts += fmt::format("; still exposed: {}", fmt::join(exposed, ", "));
    out += fmt::format("    {}: {}; {} element{} replaced; {}; overall {} / {}, if enacted {} / {}\n",
                       format_date(step.date), fmt::join(step.events, ", "), step.replaced, step.replaced == 1 ? "" : "s",
                       verdicts,
                       level(step.overall, SharingScope::intelligence), level(step.overall, SharingScope::co_location),
                       level(step.if_enacted, SharingScope::intelligence), level(step.if_enacted, SharingScope::co_location));
  }
  return out;
}

}  // namespace

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
  for (const auto& note : report.notes) out += fmt::format("Note: {}.\n", note);
  if (!report.notes.empty()) out += "\n";

  for (const CountryVerdicts& c : report.countries) {
    out += fmt::format("{} {} ({})\n", netvet::name_of(c.country->code), c.country->name,
                       c.networks.size() == 1 ? c.networks.front() : fmt::format("{} networks", c.networks.size()));
    out += footprint_text(c.footprint, style);
    std::size_t i = 0;
    for (const auto& v : c.verdicts) {
      out += fmt::format("  {}. {}: {}. {}\n", ++i, v.rule->id, v.verdict.name(), v.because);
      if (v.verdict.applies && v.in_force && v.findings > 0) out += fmt::format("     To change it: {}\n", to_change_text(v));
      for (const auto& f : v.facilities)
        if (f.verdict_name() != "full" && f.verdict_name() != "n/a")
          out += fmt::format("       {} {}{}: {}{}\n", name_of(f.kind), f.id, f.name.empty() ? "" : fmt::format(" ({})", f.name),
                             f.verdict_name(),
                             f.to_change.empty() ? "" : fmt::format("; replace {}", replacements_text(f.to_change)));
    }
    out += projection_text(c);
    out += "\n";
  }
  return out;
}

}  // namespace netvet::report
