// netvet check INV --policy ID[,ID]: evaluates policy packs as of a date and reports the
// findings (text, JSON, SARIF, JUnit, CSV or HTML). Waivers mark findings as waived (kept
// in the output); a baseline leaves out findings an earlier run already had; --assume
// changes the inventory in memory first (what-if). Exit 0: no unwaived finding; 1:
// findings; 2: bad usage or input (nothing written).

#include <fmt/format.h>

#include <memory>

#include "command.h"
#include "output.h"
#include "policy/baseline.h"
#include "policy/evaluate.h"
#include "policy/waivers.h"
#include "policy_input.h"
#include "report/check_formats.h"
#include "report/check_from_policy.h"
#include "report/text_table.h"

namespace netvet::cli {

namespace {

struct CheckArgs {
  std::string inventory;
  CommonOptions common;
  PolicyOptions policy;
  std::string waivers, baseline;
  std::vector<std::string> assume;
  double serving_radius_km = 2.0;
  std::size_t show = 10;
};

// The text report lists this many findings per rule; JSON, CSV and SARIF list all.
std::string render(const CheckArgs& args, const report::CheckReport& report, const Inventory& inventory,
                   const std::vector<std::string>& notes, const nlohmann::ordered_json& extra) {
  const std::string& format = args.common.format;
  if (format == "json") {
    // Additions to cli.md's keys: the what-if assumptions (top level) and the baseline
    // (summary.baseline: {file, known}).
    auto j = report::check_json(report);
    if (extra.contains("baseline")) j["summary"]["baseline"] = extra["baseline"];
    if (extra.contains("assumptions")) j["assumptions"] = extra["assumptions"];
    return j.dump(2) + "\n";
  }
  if (format == "sarif") {
    auto j = report::check_sarif(report);
    for (const auto& [key, value] : extra.items()) j["runs"][0]["properties"][key] = value;
    return j.dump(2) + "\n";
  }
  if (format == "junit") return report::check_junit(report);
  if (format == "csv") return report::check_csv(report);
  if (format == "html") return report::check_html(report, inventory);
  std::string text = report::check_text(report, style_stdout(args.common), args.show);
  // The what-if and baseline notes go under the heading line.
  std::string lines;
  for (const auto& note : notes) lines += "  " + note + "\n";
  const auto eol = text.find('\n');
  return eol == std::string::npos ? text + lines : text.insert(eol + 1, lines);
}

int run_check(const CheckArgs& args) {
  PhaseTimer timer(args.common.timings);
  const auto as_of = read_as_of(args.policy.as_of);
  if (!as_of) return kBadInput;
  auto packs = read_packs(args.policy.policy);
  if (!packs) return kBadInput;
  const auto params = read_params(args.policy.params, *packs);
  if (!params) return kBadInput;
  const MergedScope scope = merged_scope(*packs);
  const auto assumptions = read_assumptions(args.assume, scope.scope());
  if (!assumptions) return kBadInput;
  auto read = read_waivers(args.waivers, *packs);
  if (!read) return kBadInput;
  std::optional<policy::WaiverSet> waivers = std::move(*read);
  std::optional<policy::Baseline> baseline;
  if (!args.baseline.empty()) {
    auto b = policy::load_baseline(args.baseline);
    if (!b) {
      print_problems(b.error());
      return kBadInput;
    }
    baseline = std::move(*b);
  }
  auto loaded = load_inventory(args.inventory);
  if (!loaded) return kBadInput;
  timer.lap("load");

  std::optional<Inventory> assumed;
  if (!assumptions->empty()) {
    assumed = policy::apply_assumptions(*loaded, *assumptions, *as_of, scope.scope());
    timer.lap("assume");
  }
  const Inventory& inventory = assumed ? *assumed : *loaded;

  policy::EvaluationOptions options;
  options.as_of = *as_of;
  options.params = *params;
  options.serving_radius_km = args.serving_radius_km;
  auto evaluation = policy::evaluate(*packs, inventory, options);
  if (!evaluation) {
    print_problems(evaluation.error());
    return kBadInput;
  }
  timer.lap("evaluate");

  std::optional<policy::WaiverMatcher> matcher;
  if (waivers) matcher.emplace(*waivers, *packs, *evaluation, inventory);
  report::FromPolicyOptions from;
  from.inventory_name = args.inventory;
  if (inventory.meta.name != kEmptyStr) from.inventory_name = std::string(inventory.str(inventory.meta.name));
  if (args.common.format == "text") from.messages_per_rule = args.show;
  if (matcher || baseline) {
    from.decide = [&](const policy::Finding& f, std::uint64_t fingerprint) {
      if (baseline && baseline->contains(fingerprint)) return report::Disposition{report::Disposition::Kind::drop, {}};
      if (matcher) {
        if (const auto* w = matcher->match(f, fingerprint)) return report::Disposition{report::Disposition::Kind::waive, w->describe()};
      }
      return report::Disposition{};
    };
  }
  auto mapped = report::check_report_of(*packs, *evaluation, inventory, from);
  const report::CheckSummary summary = report::summarize(mapped.report);

  std::vector<std::string> notes;
  nlohmann::ordered_json extra = nlohmann::ordered_json::object();
  if (!assumptions->empty()) {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const auto& a : *assumptions) {
      notes.push_back(fmt::format("What-if (not the real network): {}", a.text));
      list.push_back(a.text);
    }
    extra["assumptions"] = list;
  }
  if (baseline) {
    notes.push_back(fmt::format("Baseline {}: {} known finding{} left out; showing only new ones",
                                baseline->file, report::group_digits(static_cast<long long>(mapped.dropped)),
                                mapped.dropped == 1 ? "" : "s"));
    extra["baseline"] = {{"file", baseline->file}, {"known", mapped.dropped}};
  }
  const std::string text = render(args, mapped.report, inventory, notes, extra);
  timer.lap("render");
  if (!emit(args.common.output, text)) return kBadInput;
  return summary.compliant ? kOk : kFindings;
}

}  // namespace

void add_check(CLI::App& app, Run& run) {
  auto args = std::make_shared<CheckArgs>();
  auto* cmd = app.add_subcommand("check", "Evaluate policy packs against an inventory as of a date");
  add_inventory_argument(*cmd, args->inventory);
  add_policy_options(*cmd, args->policy);
  cmd->add_option("--waivers", args->waivers,
                  "Waiver file (YAML): findings waived until their expiry are reported as waived (docs/waivers.md)");
  cmd->add_option("--baseline", args->baseline,
                  "An earlier `check --format json` output: report only findings it does not have");
  cmd->add_option("--assume", args->assume,
                  "What-if, applied in memory before evaluation (repeatable): 'replace huawei with ericsson "
                  "where domain == \"core\"', 'remove zte'")
      ->allow_extra_args(false);
  cmd->add_option("--show", args->show, "Text output: findings listed per rule (the rest are counted)")
      ->capture_default_str();
  add_common_options(*cmd, args->common, {"text", "json", "sarif", "junit", "csv", "html"});
  add_serving_radius_option(*cmd, args->serving_radius_km);
  cmd->callback([&run, args] { run = [args] { return run_check(*args); }; });
}

}  // namespace netvet::cli
