// netvet plan INV --policy ID[,ID] [--resources FILE] [--catalog FILE|ID] [--solver ...]
// [--time-limit S] [--format text|json|csv|html] [--verify PLAN.json]: a rip-and-replace
// schedule that meets the packs' deadlines and caps at least cost (shared/spec/plan.md),
// or, with --verify, every constraint a given plan breaks. Exit 0 when the plan meets every
// deadline and cap (or the verified plan breaks nothing), 1 when not, 2 on bad input.

#include <fmt/format.h>

#include <memory>

#include "command.h"
#include "output.h"
#include "plan/catalog.h"
#include "plan/problem.h"
#include "plan/resources.h"
#include "plan/solve.h"
#include "plan/verify.h"
#include "policy_input.h"
#include "report/plan_report.h"

namespace netvet::cli {
namespace {

struct PlanArgs {
  std::string inventory, resources, catalog, solver = "auto", verify;
  double time_limit = 60;
  double serving_radius_km = 2.0;
  PolicyOptions policy;
  CommonOptions common;
};

// Without a resources file: from the month of --as-of to the last month any rule of the
// packs falls due, unlimited crews and budget.
plan::Resources default_resources(std::span<const policy::Pack> packs, Date as_of) {
  plan::Resources r;
  r.start = plan::month_of(as_of);
  r.horizon = *r.start + 11;
  for (const auto& pack : packs)
    for (const auto& rule : pack.rules)
      if (rule.effective != kNoDate) r.horizon = std::max(r.horizon, plan::last_month_before(rule.effective));
  r.crews_default = plan::kUnlimited;
  return r;
}

int run_verify(const PlanArgs& args, const plan::PlanProblem& problem) {
  auto plan = plan::load_plan_json(args.verify);
  if (!plan) {
    print_problems(plan.error());
    return kBadInput;
  }
  const plan::VerifyReport report = plan::verify_plan(problem, *plan);
  std::string out;
  std::size_t broken = 0;
  for (std::size_t i = 0; i < report.violations.size(); ++i) {
    const auto& v = report.violations[i];
    // Lateness is allowed when the plan says it is infeasible (verify checks the status).
    const bool lateness = v.kind == "deadline" || v.kind == "cap";
    broken += !lateness;
    out += fmt::format("{} {}: {}\n", lateness ? "late" : "VIOLATION", v.kind, report.details[i]);
  }
  out += fmt::format("{}: {} item(s) checked; {} violation(s), {} late item(s) or cap(s)\n", args.verify, plan->items.size(), broken,
                     report.violations.size() - broken);
  if (!emit(args.common.output, out)) return kBadInput;
  return broken == 0 ? kOk : kFindings;
}

int run_plan(const PlanArgs& args) {
  PhaseTimer timer(args.common.timings);
  const auto as_of = read_as_of(args.policy.as_of);
  if (!as_of) return kBadInput;
  const auto in = read_policy_inputs(args.policy, {}, "");
  if (!in) return kBadInput;
  auto inventory = load_inventory(args.inventory);
  if (!inventory) return kBadInput;
  timer.lap("load");

  auto catalog = args.catalog.empty() ? plan::builtin_catalog_for(in->packs.front().jurisdiction)
                                      : plan::catalog_named(args.catalog);
  if (!catalog) {
    print_problems(catalog.error());
    return kBadInput;
  }
  plan::Resources resources = default_resources(in->packs, *as_of);
  if (!args.resources.empty()) {
    auto read = plan::load_resources_file(args.resources);
    if (!read) {
      print_problems(read.error());
      return kBadInput;
    }
    resources = std::move(*read);
  }
  plan::ProblemOptions options;
  options.as_of = *as_of;
  options.params = in->params;
  options.serving_radius_km = args.serving_radius_km;
  options.catalog_file = catalog->file;
  auto problem = plan::build_problem(*inventory, in->packs, *catalog, resources, options);
  if (!problem) {
    print_problems(problem.error());
    return kBadInput;
  }
  timer.lap("work items");
  if (!args.verify.empty()) return run_verify(args, *problem);

  plan::SolveOptions solve;
  solve.method = args.solver == "exact" ? plan::SolverMethod::exact
                 : args.solver == "fast" ? plan::SolverMethod::fast
                                          : plan::SolverMethod::automatic;
  solve.time_limit_seconds = args.time_limit;
  if (stderr_is_terminal()) solve.progress = [](std::string_view stage) { fmt::print(stderr, "solving: {}\n", stage); };
  auto result = plan::solve(*problem, solve);
  if (!result) {
    print_problems(result.error());
    return kBadInput;
  }
  timer.lap("solve");
  const std::string text = args.common.format == "json"   ? report::plan_json(*problem, *result).dump(2) + "\n"
                           : args.common.format == "csv"  ? report::plan_csv(*problem, *result)
                           : args.common.format == "html" ? report::plan_html(*problem, *result)
                                                          : report::plan_text(*problem, *result, style_stdout(args.common));
  if (!emit(args.common.output, text)) return kBadInput;
  timer.lap("write");
  return result->status == plan::PlanStatus::infeasible ? kFindings : kOk;
}

}  // namespace

void add_plan(CLI::App& app, Run& run) {
  auto args = std::make_shared<PlanArgs>();
  auto* cmd = app.add_subcommand("plan", "A rip-and-replace schedule meeting the packs' deadlines and caps at least cost, "
                                         "or (--verify) what a given plan breaks");
  add_inventory_argument(*cmd, args->inventory);
  add_policy_options(*cmd, args->policy);
  cmd->add_option("--resources", args->resources,
                  "Resources YAML (docs/plan.md): start, horizon, crews, budgets (default: from --as-of to the packs' last "
                  "deadline, unlimited crews and budget)");
  cmd->add_option("--catalog", args->catalog,
                  "Cost catalog: gbp, eur, usd, cad or a YAML file (default: the built-in one for the first pack's "
                  "jurisdiction)");
  cmd->add_option("--solver", args->solver, "exact (CBC), fast, or auto")
      ->check(CLI::IsMember({"exact", "fast", "auto"}))
      ->capture_default_str();
  cmd->add_option("--time-limit", args->time_limit, "Seconds the solver may take, enforced by netvet itself")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  cmd->add_option("--verify", args->verify, "Check this plan (the JSON of --format json, or anyone's) against the model");
  add_serving_radius_option(*cmd, args->serving_radius_km);
  add_common_options(*cmd, args->common, {"text", "json", "csv", "html"});
  cmd->callback([&run, args] { run = [args] { return run_plan(*args); }; });
}

}  // namespace netvet::cli
