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
// Slots for what comes next (issue 11): the footprint per operator, each rule's to_change
// and the projection over the country's own deadlines belong on CountryVerdicts and
// RuleVerdict; nothing here needs to change shape for them.

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

// One facility of the partner's under a co-location exposure rule.
struct FacilityVerdict {
  std::string id, name, network;
  FacilityKind kind = FacilityKind::other;
  Verdict verdict;
  bool vetted = true;    // false: isolated, its verdict unknown ("unvetted")
  std::string operator_id;  // the exposed operator, when exactly one
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
};

using ScopeLevels = std::array<policy::SharingLevel, kScopes>;  // by SharingScope

struct CountryVerdicts {
  const CountrySpec* country = nullptr;  // the scenario's
  std::vector<std::string> networks;     // their names, in the scenario's order
  std::vector<RuleVerdict> verdicts;     // every rule of the sharing packs, in pack and rule order
  ScopeLevels overall{};                 // enacted rules in force
  ScopeLevels if_enacted{};              // every rule in force
};

struct AllianceReport {
  const Scenario* scenario = nullptr;  // keep it alive while the report is used
  Date as_of = kNoDate;
  std::vector<CountryVerdicts> countries;
  // Whether some country's overall verdict (enacted rules) is below full: exit code 1.
  bool restricted_anywhere() const;
};

struct AllianceOptions {
  Date as_of = kNoDate;            // required: the command passes --as-of, the scenario's, or today
  double serving_radius_km = 2.0;  // as check's --serving-radius
  unsigned threads = 2;            // for the policy engine
  // Called before each network is built, for progress on a terminal. Optional.
  std::function<void(const CountrySpec& country, const NetworkSpec& network)> progress;
};

// Judges every country of `scenario`. Fails when a network cannot be built (an inventory
// that does not load: its problems, in its files).
Result<AllianceReport> judge(const Scenario& scenario, const AllianceOptions& options);

}  // namespace netvet::alliance
