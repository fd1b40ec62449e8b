// netvet check INV --policy ID[,ID]: evaluates policy packs as of a date and reports the
// findings (text, JSON, SARIF, JUnit, CSV or HTML). Waivers mark findings as waived (kept
// in the output); a baseline leaves out findings an earlier run already had; --assume
// changes the inventory in memory first (what-if); --redact facilities writes what the
// service shows its analysts (facilities as pseudonyms, no distances to them). Exit 0: no
// unwaived finding; 1: findings; 2: bad usage or input (nothing written).

#include <memory>
#include <ostream>

#include "command.h"
#include "output.h"
#include "policy/baseline.h"
#include "policy/evaluate.h"
#include "policy/waivers.h"
#include "policy_input.h"
#include "report/check_formats.h"
#include "report/check_from_policy.h"

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
  std::string redact;  // "facilities" or empty
};

// Writes the report as it is made: JSON, CSV and SARIF list every finding and are
// streamed, and so is JUnit, which lists every finding of a failing case; the text report
// lists `--show` findings per rule and the HTML page caps its table.
void render(const CheckArgs& args, const report::CheckReport& report, const Inventory& inventory, std::ostream& out) {
  const std::string& format = args.common.format;
  if (format == "json") return report::write_check_json(report, out);
  if (format == "sarif") return report::write_check_sarif(report, out);
  if (format == "csv") return report::write_check_csv(report, out);
  if (format == "junit") return report::write_check_junit(report, out);
  std::string text;
  if (format == "html") text = report::check_html(report, inventory);
  else text = report::check_text(report, style_stdout(args.common), args.show);
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
}

int run_check(const CheckArgs& args) {
  PhaseTimer timer(args.common.timings);
  if (!args.redact.empty() && args.common.format == "html") {
    // The page's map and exposure sections draw facilities from the inventory itself.
    print_problems({{.file = "--redact", .value = "facilities",
                     .message = "not with --format html, whose page draws facilities on its map; "
                                "use text, json, sarif, junit or csv"}});
    return kBadInput;
  }
  const auto as_of = read_as_of(args.policy.as_of);
  if (!as_of) return kBadInput;
  const auto in = read_policy_inputs(args.policy, args.assume, args.waivers);
  if (!in) return kBadInput;
  const auto& packs = in->packs;
  const auto& waivers = in->waivers;
  const policy::SelectorScope scope = in->scope.scope();
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
  if (!in->assumptions.empty()) {
    assumed = policy::apply_assumptions(*loaded, in->assumptions, *as_of, scope);
    timer.lap("assume");
  }
  const Inventory& inventory = assumed ? *assumed : *loaded;

  policy::EvaluationOptions options;
  options.as_of = *as_of;
  options.params = in->params;
  options.serving_radius_km = args.serving_radius_km;
  auto evaluation = policy::evaluate(packs, inventory, options);
  if (!evaluation) {
    print_problems(evaluation.error());
    return kBadInput;
  }
  timer.lap("evaluate");

  std::optional<policy::WaiverMatcher> matcher;
  // Each waiver's text, written once and shown by every finding it waives.
  std::vector<std::string> waiver_texts;
  if (waivers) {
    matcher.emplace(*waivers, packs, *evaluation, inventory);
    for (const policy::Waiver& w : waivers->waivers) waiver_texts.push_back(w.describe());
  }
  report::FromPolicyOptions from;
  from.inventory_name = args.inventory;
  from.redact_facilities = args.redact == "facilities";
  if (inventory.meta.name != kEmptyStr) from.inventory_name = std::string(inventory.str(inventory.meta.name));
  if (matcher || baseline) {
    from.decide = [&](const policy::Finding& f, std::uint64_t fingerprint) {
      if (baseline && baseline->contains(fingerprint)) return report::Disposition{report::Disposition::Kind::drop, {}};
      if (matcher) {
        if (const auto* w = matcher->match(f, fingerprint)) {
          // match() points into waivers->waivers, which waiver_texts follows.
          const auto i = static_cast<std::size_t>(w - waivers->waivers.data());
          return report::Disposition{report::Disposition::Kind::waive, waiver_texts[i]};
        }
      }
      return report::Disposition{};
    };
  }
  auto mapped = report::check_report_of(packs, *evaluation, inventory, from);
  for (const auto& a : in->assumptions) mapped.report.assumptions.push_back(a.text);
  if (baseline) mapped.report.baseline = report::BaselineUse{baseline->file, static_cast<std::int64_t>(mapped.dropped)};
  const report::CheckSummary summary = report::summarize(mapped.report);
  timer.lap("map");
  if (!emit_stream(args.common.output, [&](std::ostream& out) { render(args, mapped.report, inventory, out); }))
    return kBadInput;
  timer.lap("render");
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
  cmd->add_option("--redact", args->redact,
                  "'facilities': name each facility by a pseudonym (facility-1, ... in order of first mention), "
                  "without its id, name, owner or any distance to it, as the service shows analysts (not with html)")
      ->check(CLI::IsMember({"facilities"}));
  add_common_options(*cmd, args->common, {"text", "json", "sarif", "junit", "csv", "html"});
  add_serving_radius_option(*cmd, args->serving_radius_km);
  cmd->callback([&run, args] { run = [args] { return run_check(*args); }; });
}

}  // namespace netvet::cli
