#pragma once
// From an inventory, packs, a cost catalog and resources to the plan model (model.h):
// the plan module's door for building problems (shared/spec/plan.md, "Work items").
//
// * The packs are evaluated on the start date and on every date up to the end of the
//   horizon on which one of their rules takes effect. An element is to be replaced when a
//   rule flags it on one of those dates: a forbid or proximity rule's element findings,
//   and for an exposure rule what clears each flagged facility (policy/remedy.h: the
//   designated elements on the cleanest way to the core and behind the control plane).
//   A require rule is met by evidence (a certificate), not by replacement: it makes no
//   item. Its deadline month is the month of the day before the first date it is flagged
//   on; flagged on the start date already, the start month.
// * One item per site, operator and deadline month (the spec's per-site visit; a shared
//   site's guest operator replaces its own equipment, on its own budget): id
//   "SITE@YYYY-MM", with "/OPERATOR" when the operator is not the site's. Crew-days: the
//   catalog's visit plus each element's; cost: the visit's plus each element's, which
//   falls by the catalog's end-of-life factor from the month its life ends (installed +
//   the function's lifetime; never, without an installed date). Region: the site's
//   (`(no region)` without one). Weight: 1 + facility_weight × facilities the site serves
//   (graph/serving.h).
// * Caps: each cap rule of the packs, per operator or region over its limit on the date
//   it takes effect (or the start date, if earlier), at that date: units in its scope
//   (sites, elements or subscribers, as rule_cap.cpp counts them), and per designated unit
//   the items holding its counted elements; a unit with a counted element that no item
//   replaces stays (`fixed`).
//
// Errors (bad input, exit 2): a horizon before the start or longer than kMaxPlanMonths;
// an element to replace whose function the catalog has no figure for.

#include <span>

#include "model/inventory.h"
#include "plan/catalog.h"
#include "plan/model.h"
#include "plan/resources.h"
#include "policy/pack.h"
#include "util/diagnostic.h"

namespace netvet::plan {

struct ProblemOptions {
  Date as_of = kNoDate;            // required: the start month when the resources give none
  std::vector<policy::ParamOverride> params;  // --param, as for check
  double serving_radius_km = 2.0;  // as check's --serving-radius
  std::string catalog_file;        // for messages
};

Result<PlanProblem> build_problem(const Inventory& inventory, std::span<const policy::Pack> packs,
                                  const Catalog& catalog, const Resources& resources, const ProblemOptions& options);

}  // namespace netvet::plan
