#pragma once
// Remedies: what to replace so that a rule has no findings (shared/spec/alliance.md, "What
// would change a verdict"). The policy module's door for "what clears this rule", used by
// `netvet alliance` for each rule's to_change and for projecting a country's own regime
// ("its operators replace exactly what the regime requires"), and by whatever plans the
// work.
//
// A remedy is a set of element rows whose vendor is replaced by one the rule does not
// name (RemedyOptions::replacement), per rule kind:
//   forbid, proximity, require  exactly the elements the rule flags;
//   cap        per operator (or region) over its limit, the fewest elements whose
//              replacement brings it within: whole sites first, those with the fewest
//              counted elements, when the unit is sites; elements at the sites with the
//              fewest counted elements first, when it is elements; the sites with the most
//              subscribers per counted element first (greedy; not always the fewest),
//              when it is subscribers;
//   exposure   per flagged facility and exposed serving operator (for a rule judged per
//              operator), or for a rule judged on the facility as a whole the one
//              serving operator whose way is cheapest to clear plus every operator's
//              control plane the designated vendors run or act on: the designated
//              elements on the operator's cleanest way to its core (graph/clean_way.h: the
//              path from its serving cells that crosses the fewest of them, or of what
//              their kill-switch removes where the rule counts influence — an influenced
//              element on it stands for the designated elements that act on it), and the
//              designated elements among its core control-plane elements and their
//              actors, where the rule counts the control plane. Actors are followed as
//              they stay after the replacements (a replaced element's old vendor no
//              longer manages it; what hosts it still does). For transport alone this
//              is the fewest replacements there are; where influence counts a way's price
//              is an estimate, so after the check each element is dropped in turn when
//              the rule still finds nothing without it (up to prune_up_to elements): the
//              result then needs every element it lists, though a smaller set could exist.
//              The cut every path crosses (graph/vertex_cut.h) is what the designated
//              vendors' failure takes, not what gives a clean way;
//   diversity  none is defined (no replacement by "a vendor the rule does not name"
//              exists): the remedy is empty and says so.
// Facilities flagged as isolated cannot be vetted, so no replacement clears them; they are
// counted apart (`unvetted`) and do not make a remedy incomplete.
//
// Every remedy is checked: the rule alone is evaluated again on a copy of the inventory
// with the replacements made. Findings left (a cap whose scope moved with the vendor, an
// exposure that had two ways, a replacement vendor the rule selects) are remedied in
// turn and checked again, up to RemedyOptions::rounds checks; `clears` and `left` are
// the last check's, which saw every element listed.
//
// Replacing an element (replace_elements, assume.h) gives it the new vendor and drops the `manages`
// links into it from elements of its old vendor: a new vendor's equipment is not run by
// the old vendor's element manager. `hosts` links stay (the platform still hosts it).

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "model/inventory.h"
#include "policy/assume.h"
#include "policy/evaluate.h"
#include "policy/pack.h"

namespace netvet::policy {

struct RemedyOptions {
  // The vendor replacements come from: a registry id or spelling. An assumption of the
  // caller's (alliance scenarios name theirs); it matters only to rules that select it.
  std::string replacement = "ericsson";
  std::size_t rounds = 4;  // checks (each but the last may add what the rule still finds)
  // An exposure remedy of at most this many elements is pruned (one check per element).
  std::size_t prune_up_to = 32;
};

// What clears one flagged facility of an exposure rule, per operator.
struct FacilityRemedy {
  Index facility = kNoIndex;  // facilities row
  Index op = kNoIndex;        // operators row: the serving operator whose traffic it clears (always set)
  std::vector<Index> elements;  // ascending
};

struct Remedy {
  std::vector<Index> elements;  // element rows, ascending, distinct
  std::vector<FacilityRemedy> facilities;  // exposure rules: the part of each facility and operator
  std::size_t unvetted = 0;     // isolated facilities: no replacement can clear them
  bool defined = true;          // false: the rule kind has no remedy (diversity)
  bool clears = true;           // the check after replacing `elements` found nothing (but unvetted)
  std::size_t left = 0;         // findings the last check still found
};

// The remedy of rule `rule` (an index into evaluation.rules, which must be a rule of
// `packs` as evaluated) on `inventory`. Its rows refer to `inventory`.
Remedy remedy_of(std::span<const Pack> packs, std::uint32_t rule, const Inventory& inventory,
                 const Evaluation& evaluation, const RemedyOptions& options = {});

}  // namespace netvet::policy
