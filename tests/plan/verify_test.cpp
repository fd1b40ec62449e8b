// `plan --verify`: plans written as the spec's JSON (with nlohmann, so the reader is
// exercised too), each broken on purpose in one way and caught with the constraint named;
// the exhaustive optimum of random problems passing clean; and malformed JSON refused with
// the JSON pointer of every problem.

#include "plan/verify.h"

#include <gtest/gtest.h>

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <string>

#include "exhaustive.h"

namespace netvet::plan {
namespace {

using Json = nlohmann::json;

Month m(std::string_view text) {
  return *parse_month(text);
}

// model_test's problem: two regions, one operator, three items over 2025-01..2025-03.
PlanProblem small() {
  PlanProblem p;
  p.currency = "GBP";
  p.end_of_life_factor = 0.5;
  p.start = m("2025-01");
  p.horizon = m("2025-03");
  p.regions = {"North", "South"};
  p.capacity = {{4, 4, 4}, {2, 2, 2}};
  p.operators = {"op1"};
  p.first_year = 2025;
  p.budget = {{kUnlimited}};
  p.items = {
      {.id = "A@2025-01",
       .site = "A",
       .op = 0,
       .region = 0,
       .elements = {"A-1"},
       .deadline = m("2025-01"),
       .crew_days = 3,
       .visit_cost = 100,
       .element_costs = {{.cost = 1000, .end_of_life = m("2025-02")}},
       .weight = 1},
      {.id = "B@2025-02",
       .site = "B",
       .op = 0,
       .region = 0,
       .elements = {"B-1", "B-2"},
       .deadline = m("2025-02"),
       .crew_days = 2,
       .visit_cost = 100,
       .element_costs = {{.cost = 500, .end_of_life = kNever},
                         {.cost = 500, .end_of_life = kNever}},
       .weight = 11},
      {.id = "C@2025-03",
       .site = "C",
       .op = 0,
       .region = 1,
       .elements = {"C-1"},
       .deadline = m("2025-03"),
       .crew_days = 2,
       .visit_cost = 100,
       .element_costs = {{.cost = 200, .end_of_life = kNever}},
       .weight = 1},
  };
  return p;
}

const Schedule kOnTime{{*parse_month("2025-01"), *parse_month("2025-02"), *parse_month("2025-03")}};

// The spec's output for `schedule`, every stated figure recomputed from the problem, as a
// correct solver would write it.
Json plan_json(const PlanProblem& p, const Schedule& schedule) {
  const Evaluation e = evaluate(p, schedule);
  Json items = Json::array();
  double elements = 0, crew_days = 0;
  for (std::size_t i = 0; i < p.items.size(); ++i) {
    const WorkItem& w = p.items[i];
    items.push_back({{"id", w.id},
                     {"site", w.site},
                     {"operator", p.operators[w.op]},
                     {"region", p.regions[w.region]},
                     {"elements", w.elements},
                     {"month", format_month(schedule.month[i])},
                     {"deadline", format_month(w.deadline)},
                     {"crew_days", w.crew_days},
                     {"cost", p.cost(w, schedule.month[i])}});
    elements += static_cast<double>(w.elements.size());
    crew_days += w.crew_days;
  }
  return {{"status", e.objective.lateness > 0 ? "infeasible" : "optimal"},
          {"currency", p.currency},
          {"solver",
           {{"method", "exact"},
            {"outcome", "finished"},
            {"seconds", 0.1},
            {"gap", 0.0},
            {"bound", 0}}},
          {"objective",
           {{"lateness", e.objective.lateness},
            {"cost", e.objective.cost},
            {"exposure", e.objective.exposure}}},
          {"items", items},
          {"months", Json::array()},
          {"caps", Json::array()},
          {"slips", Json::array()},
          {"to_meet_deadlines", Json::object()},
          {"delay", {{"months", 0}}},
          {"totals",
           {{"items", p.items.size()},
            {"elements", elements},
            {"cost", e.objective.cost},
            {"crew_days", crew_days}}}};
}

VerifyReport verify(const PlanProblem& p, const Json& plan) {
  const auto parsed = parse_plan_json(plan.dump(2), "plan.json");
  if (!parsed) {
    for (const Diagnostic& d : parsed.error()) ADD_FAILURE() << d.to_string();
    return {};
  }
  VerifyReport report = verify_plan(p, *parsed);
  EXPECT_EQ(report.details.size(), report.violations.size());
  return report;
}

std::string listing(const VerifyReport& r) {
  std::string out;
  for (std::size_t i = 0; i < r.violations.size(); ++i)
    out += fmt::format("\n  {} | {} | {} of {} | {}", r.violations[i].kind, r.violations[i].subject,
                       r.violations[i].amount, r.violations[i].limit,
                       i < r.details.size() ? r.details[i] : "");
  return out;
}

// The report holds exactly one violation, of this kind and subject.
void expect_only(const VerifyReport& r, std::string_view kind, std::string_view subject) {
  ASSERT_EQ(r.violations.size(), 1U) << listing(r);
  EXPECT_EQ(r.violations[0].kind, kind) << listing(r);
  EXPECT_EQ(r.violations[0].subject, subject) << listing(r);
}

TEST(Verify, ACorrectPlanPasses) {
  const PlanProblem p = small();
  const VerifyReport r = verify(p, plan_json(p, kOnTime));
  EXPECT_TRUE(r.ok()) << listing(r);
  EXPECT_DOUBLE_EQ(r.evaluation.objective.cost, 1100 + 1100 + 300);
}

TEST(Verify, ALateItem) {
  const PlanProblem p = small();
  const VerifyReport r = verify(p, plan_json(p, {{m("2025-01"), m("2025-03"), m("2025-03")}}));
  expect_only(r, "deadline", "B@2025-02");
  EXPECT_DOUBLE_EQ(r.violations[0].amount, 1);
  EXPECT_EQ(r.details[0], "B@2025-02 is 1 month late");
}

TEST(Verify, ACrewOverrun) {
  const PlanProblem p = small();
  const VerifyReport r = verify(p, plan_json(p, {{m("2025-01"), m("2025-01"), m("2025-03")}}));
  expect_only(r, "crews", "North 2025-01");
  EXPECT_DOUBLE_EQ(r.violations[0].amount, 1);
  EXPECT_DOUBLE_EQ(r.violations[0].limit, 4);
}

TEST(Verify, ABudgetOverrun) {
  PlanProblem p = small();
  p.budget = {{2000}};
  const VerifyReport r = verify(p, plan_json(p, kOnTime));
  expect_only(r, "budget", "op1 2025");
  EXPECT_DOUBLE_EQ(r.violations[0].amount, 500);
}

TEST(Verify, AMissedCap) {
  PlanProblem p = small();
  // None of A and B may be left on 2025-02-01: B, due in February, is on time but still
  // counts at the cap's date.
  p.caps = {{.policy = "t",
             .rule = "cap",
             .scope = "op1",
             .date = *parse_date("2025-02-01"),
             .last_month = m("2025-01"),
             .limit = 0,
             .total = 4,
             .fixed = 0,
             .units = {{.weight = 1, .items = {0}}, {.weight = 1, .items = {1}}}}};
  const VerifyReport r = verify(p, plan_json(p, kOnTime));
  expect_only(r, "cap", "t/cap op1 on 2025-02-01");
  EXPECT_DOUBLE_EQ(r.violations[0].amount, 1);
  EXPECT_DOUBLE_EQ(r.violations[0].limit, 0);
}

TEST(Verify, AnElementLeftOut) {
  const PlanProblem p = small();
  Json plan = plan_json(p, kOnTime);
  plan["items"][1]["elements"] = {"B-1"};
  const VerifyReport r = verify(p, plan);
  expect_only(r, "elements", "B-2");
  EXPECT_DOUBLE_EQ(r.violations[0].amount, 0);
  EXPECT_DOUBLE_EQ(r.violations[0].limit, 1);
  EXPECT_EQ(r.details[0], "B-2 belongs to B@2025-02; the plan lists it in no item");
}

TEST(Verify, AnElementMovedAddedOrListedTwice) {
  const PlanProblem p = small();
  Json plan = plan_json(p, kOnTime);
  plan["items"][1]["elements"] = {"B-1"};
  plan["items"][0]["elements"] = {"A-1", "B-2"};
  VerifyReport r = verify(p, plan);
  expect_only(r, "elements", "B-2");
  EXPECT_DOUBLE_EQ(r.violations[0].amount, 1) << "replaced once, in the wrong item";
  EXPECT_EQ(r.details[0], "B-2 belongs to B@2025-02; the plan lists it in A@2025-01");

  plan = plan_json(p, kOnTime);
  plan["items"][2]["elements"].push_back("B-2");
  r = verify(p, plan);
  expect_only(r, "elements", "B-2");
  EXPECT_DOUBLE_EQ(r.violations[0].amount, 2) << "replaced twice";

  plan = plan_json(p, kOnTime);
  plan["items"][2]["elements"].push_back("Z-9");
  r = verify(p, plan);
  expect_only(r, "elements", "Z-9");
  EXPECT_DOUBLE_EQ(r.violations[0].amount, 1);
  EXPECT_DOUBLE_EQ(r.violations[0].limit, 0) << "no pack flags it";
}

TEST(Verify, AWrongCostOrCrewDays) {
  const PlanProblem p = small();
  Json plan = plan_json(p, kOnTime);
  plan["items"][2]["cost"] = 301.0;
  VerifyReport r = verify(p, plan);
  expect_only(r, "cost", "C@2025-03");
  EXPECT_DOUBLE_EQ(r.violations[0].amount, 1);
  EXPECT_DOUBLE_EQ(r.violations[0].limit, 300);

  // The full price stated for A done after its element's end of life (600).
  plan = plan_json(p, {{m("2025-02"), m("2025-03"), m("2025-03")}});
  plan["items"][0]["cost"] = 1100;
  plan["items"][1]["crew_days"] = 2.5;
  r = verify(p, plan);
  ASSERT_GE(r.violations.size(), 2U) << listing(r);
  EXPECT_EQ(r.violations[0].kind, "cost");
  EXPECT_EQ(r.violations[0].subject, "A@2025-01");
  EXPECT_DOUBLE_EQ(r.violations[0].limit, 600);
  EXPECT_EQ(r.violations[1].kind, "crew-days");
  EXPECT_EQ(r.violations[1].subject, "B@2025-02");
  EXPECT_DOUBLE_EQ(r.violations[1].amount, 0.5);

  // Within a relative 1e-6 is the same figure.
  plan = plan_json(p, kOnTime);
  plan["items"][0]["cost"] = 1100.0000001;
  EXPECT_TRUE(verify(p, plan).ok());
}

TEST(Verify, AnUnknownItem) {
  const PlanProblem p = small();
  Json plan = plan_json(p, kOnTime);
  Json extra = plan["items"][0];
  extra["id"] = "D@2025-01";
  extra["elements"] = {"A-1",
                       "D-1"};  // its elements are not looked at: the item is wrong as a whole
  plan["items"].push_back(extra);
  expect_only(verify(p, plan), "unknown item", "D@2025-01");
}

TEST(Verify, ADuplicateItem) {
  const PlanProblem p = small();
  Json plan = plan_json(p, kOnTime);
  Json again = plan["items"][0];
  again["month"] = "2025-02";
  plan["items"].push_back(again);
  const VerifyReport r = verify(p, plan);
  expect_only(r, "duplicate item", "A@2025-01");
  EXPECT_DOUBLE_EQ(r.violations[0].amount, 2);
}

TEST(Verify, AMissingItem) {
  const PlanProblem p = small();
  Json plan = plan_json(p, kOnTime);
  plan["items"].erase(2);
  plan.erase("objective");
  plan.erase("totals");
  const VerifyReport r = verify(p, plan);
  expect_only(r, "missing item", "C@2025-03");
  EXPECT_EQ(r.details[0], "C@2025-03 is not in the plan: its elements (C-1) are not replaced");
}

TEST(Verify, AMonthOutsideTheHorizonOrUnreadable) {
  const PlanProblem p = small();
  for (const auto* month : {"2025-04", "2024-12"}) {
    Json plan = plan_json(p, kOnTime);
    plan["items"][2]["month"] = month;
    plan["items"][2]["cost"] = 300;
    plan.erase("objective");
    plan.erase("totals");
    expect_only(verify(p, plan), "horizon", "C@2025-03");
  }
  Json plan = plan_json(p, kOnTime);
  plan["items"][2]["month"] = "2025-13";
  plan.erase("objective");
  plan.erase("totals");
  expect_only(verify(p, plan), "month", "C@2025-03");
}

TEST(Verify, FieldsTheProblemSaysOtherwise) {
  const PlanProblem p = small();
  Json plan = plan_json(p, kOnTime);
  plan["items"][0]["site"] = "X";
  plan["items"][0]["operator"] = "op2";
  plan["items"][0]["region"] = "South";
  plan["items"][0]["deadline"] = "2025-02";
  plan["currency"] = "EUR";
  const VerifyReport r = verify(p, plan);
  ASSERT_EQ(r.violations.size(), 5U) << listing(r);
  EXPECT_EQ(r.violations[0].kind, "currency");
  EXPECT_EQ(r.violations[0].subject, "EUR");
  const std::vector<std::string> kinds{"site", "operator", "region", "stated deadline"};
  for (std::size_t k = 0; k < kinds.size(); ++k) {
    EXPECT_EQ(r.violations[k + 1].kind, kinds[k]);
    EXPECT_EQ(r.violations[k + 1].subject, "A@2025-01");
  }
  EXPECT_DOUBLE_EQ(r.violations[4].amount, 1) << "a month later than the problem's";
}

TEST(Verify, AWrongObjectiveOrTotal) {
  const PlanProblem p = small();
  Json plan = plan_json(p, kOnTime);
  plan["objective"]["cost"] = 2510.0;
  VerifyReport r = verify(p, plan);
  expect_only(r, "objective", "cost");
  EXPECT_DOUBLE_EQ(r.violations[0].amount, 10);
  EXPECT_DOUBLE_EQ(r.violations[0].limit, 2500);

  plan = plan_json(p, kOnTime);
  plan["objective"]["exposure"] = 0;
  expect_only(verify(p, plan), "objective", "exposure");

  plan = plan_json(p, kOnTime);
  plan["totals"]["elements"] = 5;
  expect_only(verify(p, plan), "totals", "elements");
}

TEST(Verify, AStatusTheScheduleContradicts) {
  const PlanProblem p = small();
  Json plan = plan_json(p, {{m("2025-01"), m("2025-03"), m("2025-03")}});
  plan["status"] = "feasible";
  VerifyReport r = verify(p, plan);
  ASSERT_EQ(r.violations.size(), 2U) << listing(r);
  EXPECT_EQ(r.violations[1].kind, "status");
  EXPECT_EQ(r.violations[1].subject, "feasible");

  plan = plan_json(p, kOnTime);
  plan["status"] = "infeasible";
  expect_only(verify(p, plan), "status", "infeasible");
}

TEST(Verify, TheExhaustiveOptimumOfRandomProblemsPasses) {
  std::mt19937 rng(12);
  int checked = 0, on_time = 0;
  for (int n = 0; n < 40; ++n) {
    const PlanProblem p = testing::random_tiny_problem(rng);
    const testing::ExhaustiveResult best = testing::exhaustive_optimum(p);
    if (!best.admissible) continue;
    SCOPED_TRACE(n);
    ++checked;
    const Json plan = plan_json(p, best.best);
    const VerifyReport r = verify(p, plan);
    EXPECT_EQ(testing::compare(r.evaluation.objective, best.objective), 0);
    if (best.objective.lateness == 0) {
      ++on_time;
      EXPECT_TRUE(r.ok()) << listing(r);
    } else {
      // An infeasible problem's best plan is late: only its deadlines and caps are named.
      EXPECT_FALSE(r.ok());
      for (const Violation& v : r.violations)
        EXPECT_TRUE(v.kind == "deadline" || v.kind == "cap") << listing(r);
    }
    // Any one item moved to another month, with the optimum's objective still stated, is
    // caught: its exposure at least changes.
    for (std::size_t i = 0; i < p.items.size() && p.months() > 1; ++i) {
      Schedule moved = best.best;
      moved.month[i] = moved.month[i] == p.start ? p.start + 1 : p.start;
      Json changed = plan_json(p, moved);
      changed["objective"] = plan["objective"];
      EXPECT_FALSE(verify(p, changed).ok()) << p.items[i].id;
    }
  }
  EXPECT_GT(checked, 20);
  EXPECT_GT(on_time, 5);
}

// ---- malformed JSON: every problem with its JSON pointer, nothing checked --------------------

Diagnostics refused(std::string_view text) {
  const auto parsed = parse_plan_json(text, "plan.json");
  EXPECT_FALSE(parsed.has_value()) << text;
  return parsed ? Diagnostics{} : parsed.error();
}

TEST(VerifyJson, NotJsonSaysWhere) {
  const Diagnostics d = refused("{\n  \"status\": optimal\n}");
  ASSERT_EQ(d.size(), 1U);
  EXPECT_EQ(d[0].line, 2);
  EXPECT_EQ(d[0].col, 13);
  EXPECT_TRUE(d[0].to_string().starts_with("plan.json:2:13: not a JSON document: "))
      << d[0].to_string();
  EXPECT_EQ(refused("").size(), 1U);
  const Diagnostics huge = refused("{\"status\": 1e400}");
  ASSERT_EQ(huge.size(), 1U);
  EXPECT_EQ(huge[0].to_string(),
            "plan.json: not a JSON document netvet can read: number overflow parsing '1e400'");
  EXPECT_EQ(refused("status,month\n").size(), 1U);
}

// A key written twice is refused at its second place, as the inventory reader does:
// keeping either one silently would verify a plan other than the one written.
TEST(VerifyJson, ADuplicatedKeyIsRefusedWhereItIsWrittenAgain) {
  const Diagnostics top = refused(R"({"status": "optimal", "currency": "GBP", "status": "infeasible", "items": []})");
  ASSERT_EQ(top.size(), 1U);
  EXPECT_EQ(top[0].pointer, "/status");
  EXPECT_EQ(top[0].column, "status");
  EXPECT_NE(top[0].message.find("duplicate key \"status\""), std::string::npos) << top[0].message;
  const Diagnostics deep = refused(
      R"({"status": "feasible", "items": [{"id": "a", "cost": 1}, {"id": "b", "cost": 2, "w/x": {"~k": 1, "~k": 2}}]})");
  ASSERT_EQ(deep.size(), 1U);
  EXPECT_EQ(deep[0].pointer, "/items/1/w~1x/~0k");
  // The same keys in different objects are no duplicate: the document is read (and then
  // checked, which is not this test's business).
  const auto distinct = parse_plan_json(R"({"status": "feasible", "items": [{"id": "a"}, {"id": "b"}], "x": {"id": 1}})",
                                        "plan.json");
  if (!distinct) {
    for (const auto& d : distinct.error()) EXPECT_EQ(d.message.find("duplicate key"), std::string::npos) << d.message;
  }
}

TEST(VerifyJson, NotAnObject) {
  const Diagnostics d = refused("[1, 2]");
  ASSERT_EQ(d.size(), 1U);
  EXPECT_EQ(d[0].value, "[1,2]");
  EXPECT_NE(d[0].message.find("a plan is a JSON object"), std::string::npos);
  // A deep or long value is named, not written out.
  const std::string deep = std::string(100000, '[') + std::string(100000, ']');
  const Diagnostics nested = refused(deep);
  ASSERT_EQ(nested.size(), 1U);
  EXPECT_EQ(nested[0].value, "[...] (1 entry)");
}

TEST(VerifyJson, WrongTypesAndMissingMembersAreAllNamed) {
  const PlanProblem p = small();
  Json plan = plan_json(p, kOnTime);
  plan["items"][1]["month"] = 202502;
  plan["items"][0]["crew_days"] = "3";
  plan["items"][1]["elements"][1] = 5;
  plan["items"][2].erase("id");
  plan.erase("currency");
  plan["status"] = "done";
  plan["objective"]["lateness"] = nullptr;
  plan["totals"] = 7;
  plan["unknown member"] = {1, 2};  // ignored
  const Diagnostics d = refused(plan.dump());
  std::vector<std::pair<std::string, std::string>> got;
  for (const Diagnostic& x : d) got.emplace_back(x.pointer, x.value);
  const std::vector<std::pair<std::string, std::string>> want{
      {"/status", "\"done\""},         {"/currency", ""},
      {"/items/0/crew_days", "\"3\""}, {"/items/1/elements/1", "5"},
      {"/items/1/month", "202502"},    {"/items/2/id", ""},
      {"/objective/lateness", "null"}, {"/totals", "7"}};
  EXPECT_EQ(got, want);
  for (const Diagnostic& x : d) EXPECT_EQ(x.file, "plan.json");
  EXPECT_EQ(d[4].to_string(),
            "plan.json at /items/1/month: \"month\" is a number; expected the month it is done, "
            "\"YYYY-MM\" (value '202502')");
  EXPECT_EQ(
      d[5].to_string(),
      "plan.json at /items/2/id: missing member \"id\"; expected the item's id, \"SITE@YYYY-MM\"");
}

TEST(VerifyJson, ItemsMustBeAListOfObjects) {
  Json plan = plan_json(small(), kOnTime);
  plan["items"] = Json::object();
  Diagnostics d = refused(plan.dump());
  ASSERT_EQ(d.size(), 1U);
  EXPECT_EQ(d[0].pointer, "/items");
  plan["items"] = {1, Json::object()};
  d = refused(plan.dump());
  ASSERT_GE(d.size(), 2U);
  EXPECT_EQ(d[0].pointer, "/items/0");
  EXPECT_EQ(d[1].pointer, "/items/1/id") << "an empty object misses every member";
}

TEST(VerifyJson, OnlyWhatTheCheckNeedsIsRequired) {
  Json plan = plan_json(small(), kOnTime);
  for (const auto* key :
       {"solver", "months", "caps", "slips", "to_meet_deadlines", "delay", "totals", "objective"})
    plan.erase(key);
  const auto parsed = parse_plan_json(plan.dump(), "plan.json");
  ASSERT_TRUE(parsed) << parsed.error().front().to_string();
  EXPECT_FALSE(parsed->objective);
  EXPECT_FALSE(parsed->totals);
  EXPECT_EQ(parsed->items.size(), 3U);
  EXPECT_EQ(parsed->items[1].elements, (std::vector<std::string>{"B-1", "B-2"}));
  EXPECT_TRUE(verify_plan(small(), *parsed).ok());
}

// `plan --verify FIFO` waited for a writer forever, and a folder was read as an empty
// document ("not a JSON document: ... unexpected end of input").
TEST(VerifyJson, OnlyARegularFileIsReadAndAFifoIsNotWaitedOn) {
  const auto dir = std::filesystem::temp_directory_path() /
                   ("netvet-verify-test-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const auto file = dir / "plan.json";
  std::ofstream(file) << plan_json(small(), kOnTime).dump();
  const auto read = load_plan_json(file);
  ASSERT_TRUE(read) << read.error().front().to_string();
  EXPECT_EQ(read->items.size(), 3U);
  const auto fifo = dir / "fifo.json";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  const auto from_fifo = load_plan_json(fifo);
  ASSERT_FALSE(from_fifo);
  EXPECT_EQ(from_fifo.error()[0].file, fifo.string());
  EXPECT_EQ(from_fifo.error()[0].message,
            "is a FIFO (named pipe), not a regular file; expected a plan to verify (the JSON of "
            "netvet plan --format json)");
  const auto from_folder = load_plan_json(dir);
  ASSERT_FALSE(from_folder);
  EXPECT_NE(from_folder.error()[0].message.find("is a folder, not a regular file"), std::string::npos)
      << from_folder.error()[0].message;
  const auto missing = load_plan_json(dir / "none.json");
  ASSERT_FALSE(missing);
  EXPECT_NE(missing.error()[0].message.find("cannot read the file"), std::string::npos);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace netvet::plan
