#pragma once
// Alliance verdicts (shared/spec/alliance.md): what a partner's sharing packs imply, on a
// date, for each country of a scenario. This header is the alliance module's door for
// judging; scenario.h is the door for reading scenarios.
//
// Per country, each network is built (read or generated: build_network) and evaluated
// against the sharing packs by the policy engine, one network at a time, and dropped once
// its findings are counted. A rule's verdict for a country is
//   n/a    when the rule does not apply to it (its applies_to names neither the country
//          nor an alliance the country belongs to);
//   the rule's verdict (restricted or none) when the rule, in force on the date, has a
//          finding in any of the country's networks;
//   full   otherwise.
// An exposure rule also flags facilities it cannot vet (isolated: no serving cell reaches
// a core). Those say nothing about the partner's terms, so they are counted apart
// (`unvetted`) and make no verdict: an analyst would not deny co-location because a
// synthetic network leaves a base unserved, nor pass it silently.
// For a co-location exposure rule, every facility the partner owns gets a verdict of its
// own: the rule's where it is exposed, full where it is not, n/a where the rule does not
// select it (another kind), unvetted where it is isolated.
// Levels order full < restricted < none; a country's overall verdict per scope is the
// worst over the rules in force with status enacted, and if_enacted the worst over every
// rule in force (bills and statements as if they were law).
//
// What would change a verdict (to_change): for each rule with findings, the replacements
// of policy/remedy.h per network and operator, by the scenario's replacement vendor, each
// checked by evaluating the rule again with them made.
//
// The footprint, per network and operator: the elements of the vendors the sharing packs
// designate (the union of their designations: what their rules are about), those in the
// core, those marked 5G, and the share of the operator's RAN sites (sites where it has a
// ran-domain element) with a designated ran element of its own; and the partner's
// facilities some exposure rule flags.
//
// The projection, for a country that names its regime: the dates after as_of on which a
// rule of the regime takes effect or ends. On each, in date order and cumulatively, each
// network's operators replace what the regime finds on that date (its remedies:
// policy/remedy.h) and nothing more, and the sharing packs are judged again on that date.
// What the regime already requires on as_of is overdue and replaced on the first date; a
// require rule is met by evidence, so nothing is replaced for it. A date is kept when
// something was replaced on it or a verdict moved.

#include <array>
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "alliance/scenario.h"
#include "policy/sharing.h"
#include "util/diagnostic.h"

namespace netvet::alliance {

inline constexpr std::size_t kScopes = 2;  // SharingScope: intelligence, co-location

// A rule's verdict for a country (or a facility): a level, or not applicable.
struct Verdict {
  bool applies = true;
  policy::SharingLevel level = policy::SharingLevel::full;
  std::string_view name() const { return applies ? policy::name_of(level) : "n/a"; }
};

// Replacements in one network: per operator, the elements (their ids) to replace.
struct Replacement {
  std::string op;       // the operator's id
  std::string network;  // its network's name in the scenario
  std::vector<std::string> elements;  // ids, in row order
};

// One facility of the partner's under a co-location exposure rule.
struct FacilityVerdict {
  std::string id, name, network;
  FacilityKind kind = FacilityKind::other;
  Verdict verdict;
  bool vetted = true;    // false: isolated, its verdict unknown ("unvetted")
  std::string operator_id;  // the exposed operator, when exactly one
  std::vector<Replacement> to_change;  // what clears it: per exposed serving operator (flagged facilities)
  std::string_view verdict_name() const { return vetted ? verdict.name() : "unvetted"; }
};

struct RuleVerdict {
  const policy::Pack* pack = nullptr;  // the scenario's
  const policy::Rule* rule = nullptr;
  bool in_force = false;
  Verdict verdict;
  std::size_t findings = 0;  // over the country's networks; facilities that cannot be vetted apart
  std::size_t unvetted = 0;  // facilities an exposure rule could not vet (isolated)
  std::string because;       // one sentence with the facts
  std::vector<FacilityVerdict> facilities;  // co-location exposure rules: the partner's facilities
  std::vector<Replacement> to_change;       // rules with findings: what clears them
  std::size_t to_change_count = 0;          // elements over to_change
  std::size_t to_change_left = 0;           // findings the checks still found (to_change_clears false)
  bool to_change_clears = true;             // every check found nothing left (policy::Remedy::clears)
  bool to_change_defined = true;            // false: the rule kind has no remedy (diversity)
};

struct OperatorFootprint {
  std::string op, network;
  std::size_t designated_elements = 0, designated_core = 0, designated_5g = 0;
  std::size_t ran_sites = 0, designated_ran_sites = 0;
  double designated_ran_share() const {
    return ran_sites == 0 ? 0.0 : static_cast<double>(designated_ran_sites) / static_cast<double>(ran_sites);
  }
};

struct Footprint {
  std::vector<std::string> vendors;           // the designated vendors counted (registry ids)
  std::vector<OperatorFootprint> operators;   // per network, per operator (operators rows)
  std::size_t facilities_exposed = 0;         // the partner's facilities an exposure rule flags
};

using ScopeLevels = std::array<policy::SharingLevel, kScopes>;  // by SharingScope

// A facility in one of a country's networks.
struct FacilityRef {
  std::string id, network;
};

// The verdicts on one date of a projection.
struct ProjectionStep {
  Date date = kNoDate;
  std::vector<std::string> events;  // "gb/5g-removal takes effect"
  std::size_t replaced = 0;         // elements the regime had replaced on this date, over the networks
  std::size_t overdue = 0;          // first step: of them, those already required on as_of
  std::vector<Verdict> verdicts;    // per rule, as CountryVerdicts::verdicts
  std::vector<std::size_t> findings;  // per rule
  std::vector<std::vector<FacilityRef>> facilities;  // per rule: the facilities an exposure rule flags
  ScopeLevels overall{}, if_enacted{};
};

struct CountryVerdicts {
  const CountrySpec* country = nullptr;  // the scenario's
  std::vector<std::string> networks;     // their names, in the scenario's order
  Footprint footprint;
  std::vector<RuleVerdict> verdicts;     // every rule of the sharing packs, in pack and rule order
  ScopeLevels overall{};                 // enacted rules in force
  ScopeLevels if_enacted{};              // every rule in force
  std::vector<ProjectionStep> projection;  // empty without a regime
};

struct AllianceReport {
  const Scenario* scenario = nullptr;  // keep it alive while the report is used
  Date as_of = kNoDate;
  std::vector<CountryVerdicts> countries;
  // What the reader should know about the scenario as a whole: an alliance a rule applies
  // to that no country of the scenario is a member of (a misspelling makes a rule n/a
  // everywhere, silently otherwise).
  std::vector<std::string> notes;
  // Whether some country's overall verdict (enacted rules) is below full: exit code 1.
  bool restricted_anywhere() const;
};

struct AllianceOptions {
  Date as_of = kNoDate;            // required: the command passes --as-of, the scenario's, or today
  double serving_radius_km = 2.0;  // as check's --serving-radius
  unsigned threads = 2;            // for the policy engine
  bool projection = true;          // project each country's regime (when it names one)
  // Called before each network is built, for progress on a terminal. Optional.
  std::function<void(const CountrySpec& country, const NetworkSpec& network)> progress;
};

// Judges every country of `scenario`. Fails when a network cannot be built (an inventory
// that does not load: its problems, in its files).
Result<AllianceReport> judge(const Scenario& scenario, const AllianceOptions& options);

}  // namespace netvet::alliance
