#pragma once
// The rip-and-replace model of shared/spec/plan.md, as every solver and the verifier see
// it: work items (site visits with a deadline month, crew-days, a cost that falls at end
// of life, an exposure weight), crews per region and month, budgets per operator and
// year, and caps. A schedule gives each item its month; evaluate() scores it and lists
// what it breaks, by the spec's rules and nothing else, so that a plan from any solver
// (or anyone's own) is checked the same way.
//
// Months are counted as year × 12 + (month − 1): 2027-12 is 24335. A deadline or a cap's
// date is met by work done in a month up to and including its `last month`: the month of
// the day before the date (flagged from 2028-01-01: work by 2027-12).

#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/date.h"

namespace netvet::plan {

using Month = std::int32_t;
inline constexpr Month kNoMonth = std::numeric_limits<Month>::min();
inline constexpr Month kNever = std::numeric_limits<Month>::max();  // an end of life that never comes

Month month_of(Date date);
// The month by which work must be done for a date: the month of the day before it.
inline Month last_month_before(Date date) { return month_of(date - 1); }
Date first_day(Month month);
int year_of(Month month);
std::string format_month(Month month);                 // "2027-12"
std::optional<Month> parse_month(std::string_view text);  // "YYYY-MM"

// One element's share of an item's cost: full before its end of life, times the
// catalog's end-of-life factor in or after the month its life ends.
struct ElementCost {
  double cost = 0;
  Month end_of_life = kNever;
};

struct WorkItem {
  std::string id;        // "SITE@YYYY-MM": the site and the deadline month
  std::string site;      // the site's id
  std::uint32_t op = 0;      // into PlanProblem::operators
  std::uint32_t region = 0;  // into PlanProblem::regions
  std::vector<std::string> elements;  // ids
  Month deadline = kNoMonth;          // the last month it may be done in without lateness
  double crew_days = 0;               // the visit's and each element's
  double visit_cost = 0;
  std::vector<ElementCost> element_costs;  // one per element, in `elements` order
  double weight = 1;                       // 1 + facility_weight × facilities its site serves
};

// A cap (per operator or region) at a date: the designated units left in place must be at
// most limit × total. A unit (a site, an element, a site's subscribers) leaves when every
// item holding its designated elements in the cap's scope is done by `last_month`.
struct CapUnit {
  double weight = 1;                  // 1, or a site's subscribers
  std::vector<std::uint32_t> items;   // into PlanProblem::items
};
struct CapConstraint {
  std::string policy, rule;
  std::string scope;        // the operator's id, or the region
  Date date = kNoDate;      // when the cap applies
  Month last_month = kNoMonth;
  double limit = 0;         // a share, 0..1
  double total = 0;         // units in scope
  double fixed = 0;         // designated units no item removes
  std::vector<CapUnit> units;  // designated units items remove
  double allowed() const { return limit * total; }
};

// The new-build programme that shares the crews (5G delay): new sites per month, each
// costing the catalog's visit crew-days, until `total` are built.
struct NewBuild {
  double sites_per_month = 0;
  double total = 0;
  double crew_days_per_site = 0;
};

struct PlanProblem {
  std::string currency;
  double end_of_life_factor = 1;
  Month start = kNoMonth, horizon = kNoMonth;  // inclusive
  std::vector<std::string> regions;
  std::vector<std::vector<double>> capacity;   // [region][month - start]: crew-days
  std::vector<std::string> operators;
  int first_year = 0;                          // year_of(start)
  std::vector<std::vector<double>> budget;     // [operator][year - first_year]; infinity: unlimited
  std::vector<WorkItem> items;
  std::vector<CapConstraint> caps;
  NewBuild new_build;

  std::size_t months() const { return static_cast<std::size_t>(horizon - start + 1); }
  std::size_t years() const { return static_cast<std::size_t>(year_of(horizon) - first_year + 1); }
  // An item's cost when done in `month`.
  double cost(const WorkItem& item, Month month) const;
};

inline constexpr double kUnlimited = std::numeric_limits<double>::infinity();

// A plan: the month of each item (PlanProblem::items order).
struct Schedule {
  std::vector<Month> month;
};

// The spec's objective, in its order of priority.
struct Objective {
  double lateness = 0;  // months late over items, plus units above the limit over caps
  double cost = 0;
  double exposure = 0;  // Σ weight × (month − start)
};

// What a schedule breaks. Kinds: "horizon" (an item outside start..horizon: the plan is
// invalid), "crews" (a region's crew-days in a month), "budget" (an operator's cost in a
// year), "deadline" (an item late: lateness, allowed but counted), "cap" (units above a
// cap's limit at its date: lateness too). `subject` names the item, the region and month,
// the operator and year, or the cap.
struct Violation {
  std::string kind, subject;
  double amount = 0;  // months late, crew-days or money over, units above the limit
  double limit = 0;   // the capacity, budget or allowed units it is over (0 for deadlines)
};

struct Evaluation {
  Objective objective;
  std::vector<Violation> violations;  // every one, in the kinds' order above
  // Whether it meets every hard constraint (horizon, crews, budget); lateness aside.
  bool admissible() const;
  // Whether it also has no lateness: every deadline and cap met.
  bool on_time() const { return admissible() && objective.lateness == 0; }
};

// The units of `cap` still in place at the end of month `by`: its fixed units and every
// unit one of whose items is not done by then.
double units_left(const CapConstraint& cap, const Schedule& schedule, Month by);

// Scores `schedule` against `problem` by the spec's rules alone.
Evaluation evaluate(const PlanProblem& problem, const Schedule& schedule);

// The 5G delay (shared/spec/plan.md): the new-build programme takes, each month, the
// crew-days the replacement work leaves (over every region: new sites are built where the
// crews are free), at the catalog's visit crew-days per new site, up to sites_per_month,
// until `total` are built. `months` is how much later it completes with the schedule's
// work than with none; nothing when it does not complete within the horizon either way
// (then `completes` and `completes_without` say which did).
struct NewBuildDelay {
  bool programme = false;                  // a new-build programme was given
  std::optional<Month> completes;          // with the replacement work
  std::optional<Month> completes_without;  // with all the crews
  std::optional<int> months;               // completes − completes_without, when both complete
};
NewBuildDelay new_build_delay(const PlanProblem& problem, const Schedule& schedule);

}  // namespace netvet::plan
