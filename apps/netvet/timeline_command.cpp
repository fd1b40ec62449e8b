// netvet timeline INV --policy ID[,ID]: every date on which findings appear or clear
// (rules taking effect or ending, evidence issued or expiring, waivers expiring), with
// counts and subjects, and per operator what must be done by when. Exit 0 when nothing is
// open or due, 1 otherwise, 2 on bad usage or input.

#include <memory>

#include "command.h"
#include "output.h"
#include "policy/timeline.h"
#include "policy/waivers.h"
#include "policy_input.h"
#include "report/timeline_report.h"

namespace netvet::cli {

namespace {

struct TimelineArgs {
  std::string inventory;
  CommonOptions common;
  PolicyOptions policy;  // --as-of is the start date
  std::string until, waivers;
  std::vector<std::string> assume;
  double serving_radius_km = 2.0;
  std::size_t samples = 5;
};

int run_timeline(const TimelineArgs& args) {
  PhaseTimer timer(args.common.timings);
  const auto from = read_as_of(args.policy.as_of);
  if (!from) return kBadInput;
  Date until = kNoDate;
  if (!args.until.empty()) {
    const auto d = read_as_of(args.until, "--until");
    if (!d) return kBadInput;
    until = *d;
  }
  const auto in = read_policy_inputs(args.policy, args.assume, args.waivers);
  if (!in) return kBadInput;
  const auto& packs = in->packs;
  const auto& waivers = in->waivers;
  const policy::SelectorScope scope = in->scope.scope();
  auto loaded = load_inventory(args.inventory);
  if (!loaded) return kBadInput;
  timer.lap("load");
  std::optional<Inventory> assumed;
  if (!in->assumptions.empty()) assumed = policy::apply_assumptions(*loaded, in->assumptions, *from, scope);
  const Inventory& inventory = assumed ? *assumed : *loaded;

  policy::TimelineOptions options;
  options.from = *from;
  options.until = until;
  options.params = in->params;
  options.serving_radius_km = args.serving_radius_km;
  options.waivers = waivers ? &*waivers : nullptr;
  options.samples = args.samples;
  auto timeline = policy::build_timeline(packs, inventory, options);
  if (!timeline) {
    print_problems(timeline.error());
    return kBadInput;
  }
  timer.lap("evaluate");
  const std::string text = args.common.format == "json"
                               ? report::timeline_json(*timeline, packs).dump(2) + "\n"
                               : report::timeline_text(*timeline, packs, style_stdout(args.common));
  timer.lap("render");
  if (!emit(args.common.output, text)) return kBadInput;
  return timeline->obligations.empty() ? kOk : kFindings;
}

}  // namespace

void add_timeline(CLI::App& app, Run& run) {
  auto args = std::make_shared<TimelineArgs>();
  auto* cmd = app.add_subcommand("timeline", "The dates on which findings appear or clear, and what is due when");
  add_inventory_argument(*cmd, args->inventory);
  add_policy_options(*cmd, args->policy);
  cmd->add_option("--until", args->until, "Look at key dates up to this one (YYYY-MM-DD; default: all)");
  cmd->add_option("--waivers", args->waivers, "Waiver file: waived findings are open again when their waiver expires");
  cmd->add_option("--assume", args->assume, "What-if, applied in memory first (as for check)")->allow_extra_args(false);
  cmd->add_option("--samples", args->samples, "Subjects listed per change")->capture_default_str();
  add_common_options(*cmd, args->common);
  add_serving_radius_option(*cmd, args->serving_radius_km);
  cmd->callback([&run, args] { run = [args] { return run_timeline(*args); }; });
}

}  // namespace netvet::cli
