// netvet alliance SCENARIO [--as-of DATE] [--format text|json|html] [--output FILE]: what a
// partner's sharing packs imply for each country of a scenario (shared/spec/alliance.md).
// SCENARIO is a scenario file or a built-in scenario's name (data/scenarios/). Exit 0 when
// every country's overall verdict is full, 1 when some country's is not, 2 on bad usage
// or input (nothing written).

#include <fmt/format.h>

#include <memory>

#include "alliance/alliance.h"
#include "command.h"
#include "options.h"
#include "output.h"
#include "policy_input.h"
#include "report/alliance_report.h"

namespace netvet::cli {

namespace {

struct AllianceArgs {
  std::string scenario;
  std::string as_of;  // empty: the scenario's, else today
  double serving_radius_km = 2.0;
  CommonOptions common;
};

int run_alliance(const AllianceArgs& args) {
  PhaseTimer timer(args.common.timings);
  auto scenario = alliance::scenario_named(args.scenario);
  if (!scenario) {
    print_problems(scenario.error());
    return kBadInput;
  }
  alliance::AllianceOptions options;
  if (!args.as_of.empty() || scenario->as_of == kNoDate) {
    const auto as_of = read_as_of(args.as_of);
    if (!as_of) return kBadInput;
    options.as_of = *as_of;
  } else {
    options.as_of = scenario->as_of;
  }
  options.serving_radius_km = args.serving_radius_km;
  timer.lap("read scenario");
  auto report = alliance::judge(*scenario, options);
  if (!report) {
    print_problems(report.error());
    return kBadInput;
  }
  timer.lap("judge");
  std::string text;
  if (args.common.format == "json") text = report::alliance_json(*report).dump(2) + "\n";
  else if (args.common.format == "html") text = report::alliance_html(*report);
  else text = report::alliance_text(*report, style_stdout(args.common));
  if (!emit(args.common.output, text)) return kBadInput;
  timer.lap("write");
  return report->restricted_anywhere() ? kFindings : kOk;
}

}  // namespace

void add_alliance(CLI::App& app, Run& run) {
  auto args = std::make_shared<AllianceArgs>();
  auto* cmd = app.add_subcommand(
      "alliance", "Judge a scenario's countries against a partner's sharing packs: per country and rule, the verdict "
                  "for sharing intelligence and co-locating, and why");
  cmd->add_option("scenario", args->scenario,
                  "A scenario file (YAML, data/scenarios/README.md) or a built-in scenario: five-eyes-2020, europe-2020")
      ->required();
  cmd->add_option("--as-of", args->as_of, "Judge as of this date (YYYY-MM-DD; default the scenario's as_of, else today)");
  add_serving_radius_option(*cmd, args->serving_radius_km);
  add_common_options(*cmd, args->common, {"text", "json", "html"});
  cmd->callback([&run, args] { run = [args] { return run_alliance(*args); }; });
}

}  // namespace netvet::cli
