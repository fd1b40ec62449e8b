// judge(): each country's networks, built one at a time, evaluated against the sharing
// packs by the policy engine, their findings tallied per rule and turned into verdicts
// (alliance.h says how).

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <stdexcept>

#include "alliance/alliance.h"
#include "alliance/because.h"
#include "policy/evaluate.h"

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
      if (f.kind == policy::SubjectType::facility && policy::clause_of(ev, f) == "isolated") {
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

}  // namespace

bool AllianceReport::restricted_anywhere() const {
  return std::ranges::any_of(countries, [](const CountryVerdicts& c) {
    return std::ranges::any_of(c.overall, [](SharingLevel level) { return level != SharingLevel::full; });
  });
}

Result<AllianceReport> judge(const Scenario& scenario, const AllianceOptions& options) {
  AllianceReport report;
  report.scenario = &scenario;
  report.as_of = options.as_of;
  std::vector<RuleRef> rules;
  for (const auto& pack : scenario.sharing)
    for (const auto& rule : pack.rules) rules.push_back({&pack, &rule});

  policy::EvaluationOptions evaluation;
  evaluation.as_of = options.as_of;
  evaluation.serving_radius_km = options.serving_radius_km;
  evaluation.threads = options.threads;
  for (const CountrySpec& country : scenario.countries) {
    CountryVerdicts verdicts;
    verdicts.country = &country;
    std::vector<Tally> tallies(rules.size());
    for (const NetworkSpec& network : country.networks) {
      if (options.progress) options.progress(country, network);
      auto inventory = build_network(network);
      if (!inventory) return std::unexpected(inventory.error());
      auto evaluated = policy::evaluate(scenario.sharing, *inventory, evaluation);
      if (!evaluated) return std::unexpected(evaluated.error());
      tally_network(*evaluated, *inventory, network.name, rules, scenario.partner, tallies);
      verdicts.networks.push_back(network.name);
    }
    for (std::size_t i = 0; i < rules.size(); ++i) {
      const policy::Rule& rule = *rules[i].rule;
      const policy::SharingTerms& terms = *rule.sharing;
      RuleVerdict v;
      v.pack = rules[i].pack;
      v.rule = &rule;
      v.in_force = rule.in_force(options.as_of);
      v.verdict.applies = terms.applies_to.covers(country.code, country.alliances);
      if (v.verdict.applies) {
        v.findings = tallies[i].findings;
        v.unvetted = tallies[i].unvetted;
        if (v.in_force) v.facilities = std::move(tallies[i].facilities);
        if (v.findings > 0) v.verdict.level = terms.verdict;
        if (v.in_force) {
          auto& if_enacted = verdicts.if_enacted[static_cast<std::size_t>(terms.scope)];
          if_enacted = std::max(if_enacted, v.verdict.level);
          auto& overall = verdicts.overall[static_cast<std::size_t>(terms.scope)];
          if (terms.status == policy::LegalStatus::enacted) overall = std::max(overall, v.verdict.level);
        }
      }
      v.because = because(v, tallies[i], country, report.as_of, verdicts.networks.size());
      verdicts.verdicts.push_back(std::move(v));
    }
    report.countries.push_back(std::move(verdicts));
  }
  return report;
}

}  // namespace netvet::alliance
