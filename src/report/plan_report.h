#pragma once
// `netvet plan` output (shared/spec/plan.md, "Output"): the JSON that `plan --verify`
// and anyone's checker read back, a CSV of the items, and a text summary for people.

#include <nlohmann/json.hpp>

#include <string>

#include "plan/model.h"
#include "plan/solve.h"

namespace netvet::report {

// The spec's document: status, solver, objective, items, months (per region and month:
// crew-days used against capacity, cost), caps at their dates, slips (late items and
// caps above their limit), totals.
nlohmann::ordered_json plan_json(const plan::PlanProblem& problem, const plan::PlanResult& result);

// One row per item: id, site, operator, region, month, deadline, months_late, crew_days,
// cost, elements (count), element_ids (';'-separated).
std::string plan_csv(const plan::PlanProblem& problem, const plan::PlanResult& result);

// Status, cost, lateness and exposure; the solver's outcome; the busiest months per
// region; the slips; the caps.
std::string plan_text(const plan::PlanProblem& problem, const plan::PlanResult& result, bool style);

// One self-contained page (plan_html.cpp): the work by region and month, the cumulative
// cost against the budgets, each cap's units left over time, the slips.
std::string plan_html(const plan::PlanProblem& problem, const plan::PlanResult& result);

}  // namespace netvet::report
