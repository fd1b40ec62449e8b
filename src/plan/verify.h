#pragma once
// The independent check behind `netvet plan --verify PLAN.json` (shared/spec/plan.md): a
// plan written by anyone — our solvers or another tool — in the spec's JSON is read, then
// checked against the PlanProblem netvet builds from the inventory, packs, resources and
// catalog. Nothing the plan states is trusted: its items, costs, crew-days and objective
// are recomputed from the problem, and the schedule they make is scored by evaluate().
//
// parse_plan_json reads only what the check needs (unknown members are ignored) and
// reports every problem of shape — not JSON, a member missing, a wrong type — as a
// Diagnostic with the JSON pointer ("/items/3/month") and the value as written: bad input,
// exit 2. verify_plan then lists every constraint the plan breaks (exit 1 when any).
//
// Violation kinds of verify_plan, beside evaluate()'s (see plan/model.h). `amount` and
// `limit` are counts for items and elements (how many times listed, how many expected),
// stated − recomputed and the recomputed value for figures, and 0 where there is nothing
// to count; VerifyReport::details says each in words:
//
//   "currency"        the plan's currency is not the catalog's; subject: the plan's.
//   "unknown item"    an item whose id the problem does not have (its elements, month and
//                     figures are not looked at); subject: the id; amount: how many
//                     times it is listed, limit 0.
//   "duplicate item"  an id listed more than once; subject: the id; amount: how many
//                     times, limit 1. The first entry counts, the others are ignored.
//   "missing item"    a problem's item the plan does not list; subject: the id; amount 0,
//                     limit 1. Its elements are not replaced: that is said here, not again
//                     for each element.
//   "elements"        an element not where the problem has it, by element; subject: the
//                     element's id; amount: how many of the plan's (known, first) items
//                     list it, counting repeats; limit: 1 for an element the packs flag, 0
//                     for one they do not. It covers an element left out of its item
//                     (0 of 1), one added that no pack flags (1 of 0), one moved to another
//                     item (1 of 1, in the wrong item), and one listed twice (2 of 1):
//                     every flagged element is replaced exactly once, in its own item.
//   "site", "operator", "region", "stated deadline"
//                     an item's field is not the problem's (the deadline as "YYYY-MM");
//                     subject: the item's id.
//   "month"           an item's month is not "YYYY-MM"; subject: the item's id. A month
//                     that parses but lies outside start..horizon is evaluate()'s "horizon".
//   "crew-days", "cost"
//                     an item's stated figure differs from the recomputed one (the catalog's
//                     in the item's month) by more than a relative 1e-6; subject: the id.
//   then evaluate()'s  "horizon", "crews", "budget", "deadline", "cap" on the schedule the
//                     plan makes (a missing item, or one whose month is unreadable, is not
//                     scheduled: those are said above, not again as "horizon").
//   "objective"       a stated component differs from the recomputed one by more than a
//                     relative 1e-6; subject: "lateness", "cost" or "exposure".
//   "totals"          a stated total (when the plan gives "totals") differs from the
//                     recomputed one; subject: "items", "elements", "cost" or "crew_days".
//   "status"          "optimal" or "feasible" for a plan with lateness (amount: the
//                     lateness), or "infeasible" for one that meets every constraint and
//                     deadline; subject: the status. Whether "optimal" is proven cannot be
//                     checked here.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "plan/model.h"
#include "util/diagnostic.h"

namespace netvet::plan {

// One entry of the plan's "items", as written.
struct SubmittedItem {
  std::string id, site, op, region;  // op: "operator"
  std::vector<std::string> elements;
  std::string month, deadline;  // "YYYY-MM", checked by verify_plan
  double crew_days = 0, cost = 0;
};

struct SubmittedTotals {
  double items = 0, elements = 0, cost = 0, crew_days = 0;
};

// What verify_plan needs of a plan in the spec's JSON.
struct SubmittedPlan {
  std::string status;  // "optimal", "feasible" or "infeasible"
  std::string currency;
  std::vector<SubmittedItem> items;
  std::optional<Objective> objective;
  std::optional<SubmittedTotals> totals;
};

// Reads a plan in the spec's JSON. Required: "status" (one of the three), "currency",
// "items" and each item's "id", "site", "operator", "region", "elements" (strings),
// "month", "deadline", "crew_days" and "cost" (finite numbers); "objective" (lateness,
// cost, exposure) and "totals" (items, elements, cost, crew_days) are checked when given.
// Every problem is reported, each with its JSON pointer and value; a syntax error with its
// line and column.
Result<SubmittedPlan> parse_plan_json(std::string_view text, std::string_view file);
// Reads and parses a plan file. Only a regular file is read (a FIFO is refused, not waited
// on; util/files.h), of any size: a plan may list every site of a national network.
Result<SubmittedPlan> load_plan_json(const std::filesystem::path& path);

struct VerifyReport {
  std::vector<Violation> violations;  // every one, in the order of the kinds above (an item's
                                      // own fields item by item, in the problem's order)
  std::vector<std::string> details;   // details[i]: violations[i] in words, for people
  Evaluation evaluation;              // evaluate() of the plan's schedule: the recomputed objective
  bool ok() const { return violations.empty(); }
};

// Checks `plan` against `problem`: every kind listed above.
VerifyReport verify_plan(const PlanProblem& problem, const SubmittedPlan& plan);

}  // namespace netvet::plan
