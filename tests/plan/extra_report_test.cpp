// `to_meet_deadlines` in the plan's JSON (the spec's shape) and its line in the text.

#include <gtest/gtest.h>

#include "plan/solve.h"
#include "report/plan_report.h"

namespace netvet::plan {
namespace {

Month m(std::string_view text) {
  return *parse_month(text);
}

// Three two-crew-day visits costing 100 due 2025-01 in region R with `crews` crew-days a
// month to 2026-02; a budget of `budget` a year.
PlanProblem three_due_in_january(double crews, double budget) {
  PlanProblem p;
  p.currency = "GBP";
  p.end_of_life_factor = 0.5;
  p.start = m("2025-01");
  p.horizon = m("2026-02");
  p.regions = {"R"};
  p.capacity = {std::vector<double>(p.months(), crews)};
  p.operators = {"op"};
  p.first_year = 2025;
  p.budget = {{budget, budget}};
  for (const char* id : {"A", "B", "C"})
    p.items.push_back({.id = id,
                       .site = id,
                       .op = 0,
                       .region = 0,
                       .elements = {"E"},
                       .deadline = m("2025-01"),
                       .crew_days = 2,
                       .visit_cost = 0,
                       .element_costs = {{.cost = 100, .end_of_life = kNever}},
                       .weight = 1});
  return p;
}

PlanResult solved(const PlanProblem& p) {
  auto r = solve(p, {.method = SolverMethod::exact, .time_limit_seconds = 20, .progress = {}});
  EXPECT_TRUE(r) << (r ? "" : r.error().front().to_string());
  return r ? std::move(*r) : PlanResult{};
}

TEST(PlanReportExtra, TheJsonListsTheExtraCrewsAndBudgetAndTheTextSaysThem) {
  // Room for two in January and 250 to spend in 2025: 2 crew-days and 50 more.
  const PlanProblem p = three_due_in_january(4, 250);
  const PlanResult r = solved(p);
  ASSERT_EQ(r.status, PlanStatus::infeasible);
  const auto j = report::plan_json(p, r);
  const auto& extra = j["to_meet_deadlines"];
  ASSERT_TRUE(extra.is_object());
  EXPECT_EQ(extra.dump(), R"({"crews":[{"region":"R","month":"2025-01","crew_days":2.0}],)"
                          R"("budget":[{"operator":"op","year":2025,"amount":50.0}]})");
  const std::string text = report::plan_text(p, r, false);
  EXPECT_NE(text.find("To meet every deadline and cap: 2 more crew-days (R 2025-01 +2); 50 GBP "
                      "more budget (op 2025 +50)\n"),
            std::string::npos)
      << text;
}

TEST(PlanReportExtra, APlanOnTimeHasNone) {
  const PlanProblem p = three_due_in_january(6, kUnlimited);
  const PlanResult r = solved(p);
  ASSERT_EQ(r.status, PlanStatus::optimal);
  EXPECT_EQ(report::plan_json(p, r)["to_meet_deadlines"].dump(), "{}");
  EXPECT_EQ(report::plan_text(p, r, false).find("To meet"), std::string::npos);
}

TEST(PlanReportExtra, NotesGoWithTheFields) {
  PlanProblem p = three_due_in_january(4, kUnlimited);
  p.capacity[0][0] = 0;  // no crews in January at all
  const PlanResult r = solved(p);
  ASSERT_EQ(r.status, PlanStatus::infeasible);
  const auto j = report::plan_json(p, r);
  EXPECT_EQ(j["to_meet_deadlines"]["crews"].size(), 1U);
  EXPECT_EQ(j["to_meet_deadlines"]["crews"][0]["crew_days"], 6.0);
  EXPECT_EQ(j["to_meet_deadlines"]["budget"].size(), 0U);
  EXPECT_EQ(j["to_meet_deadlines"]["notes"].size(), 3U) << "one per visit due before any crews";
  EXPECT_NE(report::plan_text(p, r, false)
                .find("  note: site visit A is due 2025-01, and region R has no crews"),
            std::string::npos);
}

}  // namespace
}  // namespace netvet::plan
