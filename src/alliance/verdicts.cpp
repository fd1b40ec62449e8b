// judge(): each country's networks, built one at a time, evaluated against the sharing
// packs by the policy engine, their findings tallied per rule and turned into verdicts,
// with what would change each, the footprint and the projection (alliance.h says how).

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <stdexcept>

#include "alliance/alliance.h"
#include "alliance/because.h"
#include "alliance/footprint.h"
#include "alliance/projection.h"
#include "policy/evaluate.h"
#include "policy/remedy.h"

namespace netvet::alliance {
namespace {

using policy::SharingLevel;

struct RuleRef {
  const policy::Pack* pack;
  const policy::Rule* rule;
};

bool is_colocation_exposure(const policy::Rule& rule) {
  return rule.sharing->scope == policy::SharingScope::co_location && rule.kind() == policy::RuleKind::exposure;
}

// The facilities `partner` owns in one network, each with its verdict under a co-location
// exposure rule: `flagged` maps a facility row to the exposed operator ("" when several),
// `isolated` lists the rows the rule could not vet.
void facility_verdicts(const Inventory& inv, const std::string& network, const policy::Rule& rule, Country partner,
                       const std::map<Index, std::string>& flagged, const std::vector<Index>& isolated,
                       std::vector<FacilityVerdict>& out) {
  const auto& selection = std::get<policy::ExposureRule>(rule.spec);
  const FacilityTable& fac = inv.facilities;
  for (Index f = 0; f < fac.size(); ++f) {
    if (fac.owner[f] != partner) continue;
    FacilityVerdict v;
    v.id = std::string(inv.str(fac.id[f]));
    v.name = std::string(inv.str(fac.name[f]));
    v.network = network;
    v.kind = fac.kind[f];
    if (!selection.matches(inv, f)) {
      v.verdict.applies = false;
    } else if (const auto it = flagged.find(f); it != flagged.end()) {
      v.verdict.level = rule.sharing->verdict;
      v.operator_id = it->second;
    } else {
      v.vetted = std::ranges::find(isolated, f) == isolated.end();
    }
    out.push_back(std::move(v));
  }
}

// What one network adds to each rule's tally.
void tally_network(const policy::Evaluation& ev, const Inventory& inv, const std::string& network,
                   std::span<const RuleRef> rules, Country partner, std::vector<Tally>& tallies) {
  for (std::size_t i = 0; i < rules.size(); ++i) {
    const policy::RuleOutcome& outcome = ev.rules[i];
    // evaluate() lists the rules of the packs it is given in pack and rule order.
    if (outcome.policy != rules[i].pack->id || outcome.rule != rules[i].rule->id)
      throw std::logic_error(fmt::format("evaluation's rule {} is {}/{}, expected {}/{}", i, outcome.policy, outcome.rule,
                                         rules[i].pack->id, rules[i].rule->id));
    Tally& t = tallies[i];
    std::map<Index, std::string> flagged;
    std::vector<Index> isolated;
    std::size_t found = 0;
    ev.findings.for_each_of(static_cast<std::uint32_t>(i), [&](const policy::Finding& f) {
      if (policy::unvetted(ev, f)) {
        ++t.unvetted;
        isolated.push_back(f.row);
        return;
      }
      ++found;
      if (f.vendor != kEmptyStr) ++t.vendors[std::string(inv.str(f.vendor))];
      if (t.example.empty()) t.example = example_of(ev, inv, f, network);
      if (f.kind == policy::SubjectType::facility) flagged[f.row] = std::string(inv.str(f.op));
    });
    t.findings += found;
    if (found > 0) ++t.networks_with;
    t.subject = outcome.kind == policy::RuleKind::exposure ? "facility" : "";
    if (is_colocation_exposure(*rules[i].rule))
      facility_verdicts(inv, network, *rules[i].rule, partner, flagged, isolated, t.facilities);
  }
}

// Replacement rows of one network as ids, per operator.
std::vector<Replacement> per_operator(const Inventory& inv, const std::string& network, std::span<const Index> rows) {
  std::map<Index, std::vector<Index>> by_op;
  for (const Index e : rows) by_op[inv.elements.op[e]].push_back(e);
  std::vector<Replacement> out;
  for (auto& [op, elements] : by_op) {
    Replacement r{.op = op == kNoIndex ? std::string() : std::string(inv.str(inv.operators.id[op])), .network = network,
                  .elements = {}};
    for (const Index e : elements) r.elements.emplace_back(inv.str(inv.elements.id[e]));
    out.push_back(std::move(r));
  }
  return out;
}

// What clears each rule with findings in one network, and each flagged facility's part.
void add_remedies(const Scenario& scenario, const CountrySpec& country, const policy::Evaluation& ev,
                  const Inventory& inv, const std::string& network,
                  std::span<const RuleRef> rules, std::vector<Tally>& tallies, std::vector<RuleVerdict>& out) {
  policy::RemedyOptions options;
  options.replacement = scenario.replacement;
  for (std::uint32_t i = 0; i < rules.size(); ++i) {
    const policy::Rule& rule = *rules[i].rule;
    if (!ev.rules[i].in_force || !rule.sharing->applies_to.covers(country.code, country.alliances)) continue;
    if (policy::vetted_findings(ev, i) == 0) continue;
    const policy::Remedy remedy = policy::remedy_of(scenario.sharing, i, inv, ev, options);
    RuleVerdict& v = out[i];
    v.to_change_defined = v.to_change_defined && remedy.defined;
    v.to_change_clears = v.to_change_clears && remedy.clears;
    v.to_change_left += remedy.left;
    v.to_change_count += remedy.elements.size();
    for (auto& r : per_operator(inv, network, remedy.elements)) v.to_change.push_back(std::move(r));
    // Each flagged facility of this network: its own part, per operator.
    auto& facilities = tallies[i].facilities;
    for (const auto& part : remedy.facilities) {
      const std::string_view id = inv.str(inv.facilities.id[part.facility]);
      for (std::size_t k = 0; k < facilities.size(); ++k) {
        if (facilities[k].id != id || facilities[k].network != network) continue;
        // By the serving operator whose traffic it clears (the elements may be another's).
        Replacement clears{.op = std::string(inv.str(inv.operators.id[part.op])), .network = network, .elements = {}};
        for (const Index e : part.elements) clears.elements.emplace_back(inv.str(inv.elements.id[e]));
        facilities[k].to_change.push_back(std::move(clears));
      }
    }
  }
}

// A rule's verdict for a country, from its findings on a date.
Verdict verdict_of(const policy::Rule& rule, const CountrySpec& country, bool in_force, std::size_t findings) {
  Verdict v;
  v.applies = rule.sharing->applies_to.covers(country.code, country.alliances);
  if (v.applies && in_force && findings > 0) v.level = rule.sharing->verdict;
  return v;
}

// Folds a rule's verdict into the overall levels (enacted rules) and if_enacted (all).
void fold(const policy::Rule& rule, bool in_force, const Verdict& v, ScopeLevels& overall, ScopeLevels& if_enacted) {
  if (!v.applies || !in_force) return;
  const auto scope = static_cast<std::size_t>(rule.sharing->scope);
  if_enacted[scope] = std::max(if_enacted[scope], v.level);
  if (rule.sharing->status == policy::LegalStatus::enacted) overall[scope] = std::max(overall[scope], v.level);
}

}  // namespace

bool AllianceReport::restricted_anywhere() const {
  return std::ranges::any_of(countries, [](const CountryVerdicts& c) {
    return std::ranges::any_of(c.overall, [](SharingLevel level) { return level != SharingLevel::full; });
  });
}

namespace {

// The projection's steps from the networks' counts: verdicts per date, keeping the dates on
// which something was replaced or a verdict moved.
std::vector<ProjectionStep> projection_steps(const ProjectionDates& dates, const std::vector<NetworkProjection>& networks,
                                             std::span<const RuleRef> rules, const CountrySpec& country,
                                             const CountryVerdicts& now, Date now_date) {
  const std::vector<std::string>& names = now.networks;
  std::vector<ProjectionStep> steps;
  std::size_t overdue = 0;
  for (const auto& n : networks) overdue += n.overdue;
  std::vector<Verdict> previous;
  for (const auto& v : now.verdicts) previous.push_back(v.verdict);
  for (std::size_t d = 0; d < dates.dates.size(); ++d) {
    ProjectionStep step;
    step.date = dates.dates[d];
    step.events = dates.events[d];
    step.findings.assign(rules.size(), 0);
    step.facilities.resize(rules.size());
    for (std::size_t n = 0; n < networks.size(); ++n) {
      step.replaced += networks[n].replaced[d];
      for (std::size_t i = 0; i < rules.size(); ++i) {
        step.findings[i] += networks[n].findings[d][i];
        for (const auto& id : networks[n].facilities[d][i]) step.facilities[i].push_back({.id = id, .network = names[n]});
      }
    }
    bool moved = false;
    for (std::size_t i = 0; i < rules.size(); ++i) {
      const policy::Rule& rule = *rules[i].rule;
      const bool in_force = rule.in_force(step.date);
      const Verdict v = verdict_of(rule, country, in_force, step.findings[i]);
      fold(rule, in_force, v, step.overall, step.if_enacted);
      moved |= v.name() != previous[i].name();
      step.verdicts.push_back(v);
    }
    if (step.replaced == 0 && !moved && !(d == 0 && overdue > 0)) continue;
    if (d == 0 && overdue > 0) {
      step.overdue = overdue;
      step.events.push_back(fmt::format("{} element{} the regime already required on {} (overdue)", overdue,
                                        overdue == 1 ? "" : "s", format_date(now_date)));
    }
    previous = step.verdicts;
    steps.push_back(std::move(step));
  }
  return steps;
}

}  // namespace

Result<AllianceReport> judge(const Scenario& scenario, const AllianceOptions& options) {
  AllianceReport report;
  report.scenario = &scenario;
  report.as_of = options.as_of;
  std::vector<RuleRef> rules;
  for (const auto& pack : scenario.sharing)
    for (const auto& rule : pack.rules) rules.push_back({&pack, &rule});

  for (const RuleRef& ref : rules)
    for (const auto& alliance : ref.rule->sharing->applies_to.alliances) {
      const bool member = std::ranges::any_of(scenario.countries, [&](const CountrySpec& c) {
        return std::ranges::find(c.alliances, alliance) != c.alliances.end();
      });
      if (!member)
        report.notes.push_back(fmt::format("{}/{} applies to members of '{}', and no country of the scenario is one: "
                                           "check the spelling in the pack and the countries' alliances",
                                           ref.pack->id, ref.rule->id, alliance));
    }

  policy::EvaluationOptions evaluation;
  evaluation.as_of = options.as_of;
  evaluation.serving_radius_km = options.serving_radius_km;
  evaluation.threads = options.threads;
  for (const CountrySpec& country : scenario.countries) {
    CountryVerdicts verdicts;
    verdicts.country = &country;
    verdicts.footprint.vendors = designated_vendors(scenario.sharing);
    verdicts.verdicts.resize(rules.size());
    std::vector<Tally> tallies(rules.size());
    const ProjectionDates dates = options.projection && !country.regime.empty()
                                      ? projection_dates(country.regime, scenario.sharing, options.as_of)
                                      : ProjectionDates{};
    std::vector<NetworkProjection> projections;
    for (const NetworkSpec& network : country.networks) {
      if (options.progress) options.progress(country, network);
      auto inventory = build_network(network);
      if (!inventory) return std::unexpected(inventory.error());
      {
        auto evaluated = policy::evaluate(scenario.sharing, *inventory, evaluation);
        if (!evaluated) return std::unexpected(evaluated.error());
        tally_network(*evaluated, *inventory, network.name, rules, scenario.partner, tallies);
        add_remedies(scenario, country, *evaluated, *inventory, network.name, rules, tallies, verdicts.verdicts);
        add_footprint(*inventory, network.name, verdicts.footprint);
      }
      if (!dates.dates.empty())
        projections.push_back(project_network(std::move(*inventory), country.regime, scenario.sharing, options.as_of,
                                              dates.dates, evaluation, scenario.replacement));
      verdicts.networks.push_back(network.name);
    }
    for (std::size_t i = 0; i < rules.size(); ++i) {
      const policy::Rule& rule = *rules[i].rule;
      RuleVerdict& v = verdicts.verdicts[i];
      v.pack = rules[i].pack;
      v.rule = &rule;
      v.in_force = rule.in_force(options.as_of);
      v.verdict = verdict_of(rule, country, v.in_force, tallies[i].findings);
      if (v.verdict.applies) {
        v.findings = tallies[i].findings;
        v.unvetted = tallies[i].unvetted;
        if (v.in_force) v.facilities = std::move(tallies[i].facilities);
      }
      fold(rule, v.in_force, v.verdict, verdicts.overall, verdicts.if_enacted);
      v.because = because(v, tallies[i], country, report.as_of, verdicts.networks.size());
    }
    // The partner's facilities that some rule in force, applying to the country, finds
    // exposed: each (network, facility) once.
    std::vector<std::pair<std::string, std::string>> exposed;
    for (const RuleVerdict& v : verdicts.verdicts)
      for (const FacilityVerdict& f : v.facilities)
        if (f.vetted && f.verdict.applies && f.verdict.level != SharingLevel::full) exposed.emplace_back(f.network, f.id);
    std::ranges::sort(exposed);
    verdicts.footprint.facilities_exposed =
        static_cast<std::size_t>(std::unique(exposed.begin(), exposed.end()) - exposed.begin());
    verdicts.projection = projection_steps(dates, projections, rules, country, verdicts, options.as_of);
    report.countries.push_back(std::move(verdicts));
  }
  return report;
}

}  // namespace netvet::alliance
